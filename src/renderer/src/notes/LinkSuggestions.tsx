import { useEffect, useRef } from 'react';
import type { PaperSummary } from '../../../shared/domain';

/**
 * The list under the note editor while a `[[` is open: papers by title. The
 * editor keeps focus and points at the highlighted option
 * (aria-activedescendant); arrows move, Enter or Tab inserts, Escape closes.
 */
export function LinkSuggestions({
  id,
  open,
  options,
  active,
  onPick,
  onHover,
}: {
  id: string;
  open: { query: string } | null;
  options: PaperSummary[];
  active: number;
  onPick: (paperId: string) => void;
  onHover: (index: number) => void;
}) {
  const isShown = open !== null && options.length > 0;
  const listRef = useRef<HTMLUListElement>(null);
  // The editor often sits at the bottom of the details: bring the list, and then the
  // highlighted option, into view (the pane scrolls; the editor keeps the focus).
  useEffect(() => {
    if (!isShown) return;
    const list = listRef.current;
    list?.scrollIntoView?.({ block: 'nearest' });
    list?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [isShown, active, options]);
  return (
    <ul
      ref={listRef}
      id={id}
      role="listbox"
      aria-label="Link to a paper"
      className="link-suggestions"
      hidden={!isShown}
    >
      {isShown &&
        options.map((paper, i) => (
          <li
            key={paper.id}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className="link-suggestion"
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => onHover(i)}
            onClick={() => onPick(paper.id)}
          >
            <span className="link-suggestion-title">{paper.title}</span>
            <span className="link-suggestion-id">{paper.id}</span>
          </li>
        ))}
    </ul>
  );
}
