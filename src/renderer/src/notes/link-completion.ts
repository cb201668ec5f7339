import { useEffect, useState } from 'react';
import type { PaperSummary } from '../../../shared/domain';
import { openLinkAt } from '../../../shared/note-links';
import { useStores } from '../state/stores';

const MAX_OPTIONS = 8;

export interface LinkCompletion {
  /** Where the open `[[` starts and what follows it; null when the caret is not in one. */
  open: { start: number; query: string } | null;
  /** Papers matching what was typed, best first (empty until an answer arrives). */
  options: PaperSummary[];
  active: number;
  setActive: (index: number) => void;
  /** Close the list until the caret leaves this `[[`. */
  dismiss: () => void;
  /** The note's text with the open link completed to `[[id]]`, and where the caret goes. */
  complete: (text: string, id: string) => { text: string; caret: number };
}

/**
 * Typing `[[` in a note offers papers by title (the library's fuzzy search);
 * before a letter is typed, the papers most like the one being annotated (the
 * likeliest to cite). Picking one writes its id. Pure state here, the listbox in
 * LinkSuggestions.
 */
export function useLinkCompletion(
  text: string,
  caret: number | null,
  paperId: string,
): LinkCompletion {
  const { backend } = useStores();
  const open = caret === null ? null : openLinkAt(text, caret);
  const query = open?.query.trim() ?? '';
  const [answer, setAnswer] = useState<{ query: string; papers: PaperSummary[] } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const isDismissed = open !== null && dismissedAt === open.start;

  useEffect(() => {
    if (!open || isDismissed) return;
    let isActive = true;
    const timer = setTimeout(() => {
      const papers =
        query === ''
          ? backend.api
              .relatedPapers({ id: paperId, limit: MAX_OPTIONS })
              .then((related) => related.map((r) => r.paper))
          : backend.api
              .search({ query, view: 'all', limit: MAX_OPTIONS })
              .then((results) => results.results.map((r) => r.paper));
      papers.then(
        (found) => {
          if (isActive) {
            setAnswer({ query, papers: found });
            setActive(0);
          }
        },
        () => {
          if (isActive) setAnswer({ query, papers: [] });
        },
      );
    }, 60);
    return () => {
      isActive = false;
      clearTimeout(timer);
    };
    // Only the query and whether a link is open matter, not the object identity of `open`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, paperId, query, open === null, isDismissed]);

  const options = open && !isDismissed && answer && answer.query === query ? answer.papers : [];
  return {
    open: isDismissed ? null : open,
    options,
    active: Math.min(active, Math.max(0, options.length - 1)),
    setActive,
    dismiss: () => setDismissedAt(open?.start ?? null),
    complete: (current, id) => {
      if (!open) return { text: current, caret: current.length };
      const end = open.start + 2 + open.query.length;
      // A `]]` already typed after the caret is reused, not doubled.
      const closes = current.slice(end, end + 2) === ']]';
      const link = `[[${id}]]`;
      const next = current.slice(0, open.start) + link + current.slice(closes ? end + 2 : end);
      return { text: next, caret: open.start + link.length };
    },
  };
}
