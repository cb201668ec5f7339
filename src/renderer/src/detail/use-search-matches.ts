import { useEffect, useState } from 'react';
import type { SearchMatch } from '../../../shared/api';
import { useStores } from '../state/stores';

/**
 * What the current search matched in this paper (title, abstract, ...), for
 * highlighting in the detail pane. Re-read when the paper changes (`version`),
 * and nothing while no search is active. A failed read just shows no marks.
 */
export function useSearchMatches(id: string, query: string, version: string | null): SearchMatch[] {
  const { backend } = useStores();
  const key = `${id}\u0000${query}\u0000${version ?? ''}`;
  const [state, setState] = useState<{ key: string; matches: SearchMatch[] }>({
    key: '',
    matches: [],
  });

  useEffect(() => {
    if (query === '' || version === null) return;
    let isActive = true;
    backend.api.searchMatches({ query, id }).then(
      (answer) => {
        if (isActive) setState({ key, matches: answer.matches });
      },
      () => {
        if (isActive) setState({ key, matches: [] });
      },
    );
    return () => {
      isActive = false;
    };
  }, [backend, id, query, version, key]);

  return state.key === key ? state.matches : [];
}
