import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { queryKey } from './list-query';
import type { PaperListStore } from './paper-list-store';
import { keepShown, type Selection } from './selection';

/**
 * Keys act only on what the list shows: when a search, filter or view change
 * hides the selected paper, the selection moves to the first paper shown (or
 * to none), once the new query's rows are in. The query the page opened with
 * counts as settled, so a paper opened from the URL stays selected.
 */
export function useSelectionFollowsList(
  list: PaperListStore,
  rowsFor: string | null,
  setSelection: Dispatch<SetStateAction<Selection>>,
): void {
  const settledFor = useRef<string | null>(queryKey(list.getSnapshot().query));
  useEffect(() => {
    if (rowsFor === null || rowsFor === settledFor.current) return;
    settledFor.current = rowsFor;
    setSelection((current) =>
      keepShown(current, (id) => list.shows(id), list.rowAt(0)?.id ?? null),
    );
  }, [rowsFor, list, setSelection]);
}
