import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useSyncExternalStore,
  type Ref,
} from 'react';
import type { PaperSummary } from '../../../shared/domain';
import type { Selection } from '../state/selection';
import { useResource } from '../state/resource';
import { useStores } from '../state/stores';
import { PaperRow, ROW_HEIGHT, rowDomId } from './PaperRow';

export interface PaperListHandle {
  focus(): void;
  scrollToIndex(index: number): void;
}

/**
 * The virtualized paper list (ARIA grid, one row per paper). Only the rows on
 * screen exist in the DOM; the store fetches their pages as they come into view.
 */
export function PaperList({
  selection,
  onPick,
  emptyState,
  ref,
}: {
  selection: Selection;
  onPick: (index: number, paper: PaperSummary, event: React.MouseEvent) => void;
  emptyState: React.ReactNode;
  ref?: Ref<PaperListHandle>;
}) {
  const { list, counts } = useStores();
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  const { data: countData } = useResource(counts);
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = snapshot.total ?? 0;

  const tagColors = useMemo(
    () => new Map((countData?.tags ?? []).map((t) => [t.name.toLowerCase(), t.color])),
    [countData?.tags],
  );

  // The virtualizer is read afresh on every render, which is how TanStack Virtual is meant to be used.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    list.setVisibleRange(first, last);
  }, [list, first, last, total]);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => scrollRef.current?.focus({ preventScroll: true }),
      scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    }),
    [virtualizer],
  );

  // A new list starts at the top.
  const queryKey = JSON.stringify(snapshot.query);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const cursorIndex = selection.cursor ? list.indexOf(selection.cursor) : -1;
  const isCursorRendered = cursorIndex >= first && cursorIndex <= last;

  return (
    <div className="list-body">
      {snapshot.error && (
        <p role="alert" className="list-error">
          {snapshot.error}
        </p>
      )}
      <div
        ref={scrollRef}
        className="list-scroll"
        role="grid"
        aria-label="Papers"
        aria-rowcount={total}
        aria-colcount={1}
        aria-multiselectable="true"
        aria-busy={snapshot.total === null}
        aria-activedescendant={
          isCursorRendered && selection.cursor ? rowDomId(selection.cursor) : undefined
        }
        tabIndex={0}
      >
        <div role="rowgroup" className="list-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const paper = snapshot.rows[item.index];
            return (
              <PaperRow
                key={paper?.id ?? `placeholder-${item.index}`}
                paper={paper}
                index={item.index}
                top={item.start}
                isSelected={paper ? selection.ids.has(paper.id) : false}
                isCursor={paper ? selection.cursor === paper.id : false}
                tagColors={tagColors}
                match={paper ? snapshot.matches.get(paper.id) : undefined}
                todayEntry={paper ? snapshot.today?.entries.get(paper.id) : undefined}
                because={
                  paper && !snapshot.query.search ? snapshot.because.get(paper.id) : undefined
                }
                onPick={onPick}
                measureRef={virtualizer.measureElement}
              />
            );
          })}
        </div>
      </div>
      {snapshot.total === 0 && <div className="list-empty">{emptyState}</div>}
    </div>
  );
}
