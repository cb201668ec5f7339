import type { SearchOutputs } from '../../shared/api/search';
import type { Handlers, ServiceContext } from '../context/service-context';
import { matchesInPaper, runSearch } from './query/engine';
import { sqliteSource } from './freshness/library-source';
import { LiveSearchIndex } from './freshness/live-index';

/** Changes are folded into the index this long after the last event, unless a search comes first. */
const REFRESH_DELAY_MS = 50;

/** Search: one index per service, built on the first search and kept up to date. */
export function searchHandlers(ctx: ServiceContext): Handlers<keyof SearchOutputs> {
  const live = new LiveSearchIndex(sqliteSource(ctx.lib.sqlite));
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const unsubscribe = ctx.events.subscribe((event) => {
    live.notify(event);
    if (!live.isStale || timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      try {
        if (live.isBuilt) live.current();
      } catch (error) {
        // The next search retries (and reports the error to its caller).
        console.error('papershelf: search index refresh failed', error);
      }
    }, REFRESH_DELAY_MS);
    timer.unref();
  });
  ctx.onClose(() => {
    closed = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
  });

  return {
    async search(input) {
      return runSearch(await live.ready(), input);
    },

    async searchMatches({ query, id }) {
      return { id, matches: matchesInPaper(await live.ready(), query, id) };
    },
  };
}
