import { useEffect, useState } from 'react';
import type { Paper } from '../../../shared/domain';
import { errorMessage } from '../lib/errors';
import { nextSeq } from './notes-store';
import { useStores } from './stores';

/** How long the cursor must rest on a paper before its full record is read. */
const SETTLE_MS = 40;

export interface PaperState {
  paper: Paper | null;
  error: string | null;
}

/**
 * One paper in full, re-read when an event says it (or anything) changed.
 * Only the answer to the latest read is kept, so moving fast through the list
 * never shows an older paper.
 */
export function usePaper(id: string | null): PaperState {
  const { backend, notes } = useStores();
  const [state, setState] = useState<PaperState & { id: string | null }>({
    id: null,
    paper: null,
    error: null,
  });

  useEffect(() => {
    if (!id) return;
    let latest = 0;
    let isActive = true;
    const read = () => {
      const seq = nextSeq();
      latest = seq;
      backend.api.getPaper({ id }).then(
        (paper) => {
          notes.observe(id, paper.note, seq);
          if (isActive && seq === latest) setState({ id, paper, error: null });
        },
        (error: unknown) => {
          if (isActive && seq === latest) setState({ id, paper: null, error: errorMessage(error) });
        },
      );
    };
    // Holding j moves through many papers: read only where the cursor rests.
    const timer = setTimeout(read, SETTLE_MS);
    const unsubscribe = backend.subscribe((event) => {
      if (event.type !== 'library-changed') return;
      if (!event.paperIds || event.paperIds.includes(id) || event.scope === 'tags') read();
    });
    return () => {
      isActive = false;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [backend, notes, id]);

  return state.id === id && id !== null
    ? { paper: state.paper, error: state.error }
    : { paper: null, error: null };
}
