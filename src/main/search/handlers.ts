import fs from 'node:fs';
import type { SearchIndexStatus, SearchOutputs } from '../../shared/api/search';
import type { Handlers, ServiceContext } from '../context/service-context';
import type { SearchIndex } from './index/search-index';
import { matchesInPaper, runSearch } from './query/engine';
import { sqliteSource } from './freshness/library-source';
import { LiveSearchIndex } from './freshness/live-index';
import { indexFilePath } from './freshness/index-file';
import { StoredSearchIndex } from './freshness/stored-index';

/** Changes are folded into the index this long after the last event, unless a search comes first. */
const REFRESH_DELAY_MS = 50;
/** Progress events at most this often while the index is built. */
const PROGRESS_EVERY_MS = 250;

/** What the handlers need of an index keeper: the stored one, or the in-memory one. */
interface IndexKeeper {
  readonly isOpen: boolean;
  run<T>(query: (index: SearchIndex) => T): Promise<T>;
  current(): SearchIndex;
  notify?(event: Parameters<LiveSearchIndex['notify']>[0]): void;
  close?(): void;
  status(): Promise<SearchIndexStatus>;
  rebuild(): Promise<void>;
}

/**
 * The index as earlier versions kept it: in memory only, built by every process.
 * `PAPERSHELF_SEARCH_INDEX=memory` selects it (the benchmark's baseline; a library
 * on read-only media needs no file beside it).
 */
function memoryKeeper(ctx: ServiceContext): IndexKeeper {
  const live = new LiveSearchIndex(sqliteSource(ctx.lib.sqlite));
  return {
    get isOpen() {
      return live.isBuilt;
    },
    run: async (query) => query(await live.ready()),
    current: () => live.current(),
    notify: (event) => live.notify(event),
    status: async () => {
      const index = await live.ready();
      return {
        file: null,
        bytes: 0,
        papers: index.size,
        words: index.vocab.size,
        builtAt: null,
        changedSinceStored: 0,
        origin: 'memory',
      };
    },
    rebuild: async () => {
      await live.ready();
    },
  };
}

/** The stored index as a keeper, with what `papershelf index` reports. */
function storedKeeper(ctx: ServiceContext, stored: StoredSearchIndex): IndexKeeper {
  const file = indexFilePath(ctx.lib.path);
  return {
    get isOpen() {
      return stored.isOpen;
    },
    run: (query) => stored.run(query),
    current: () => stored.current(),
    close: () => stored.close(),
    status: async () => {
      await stored.ready();
      const stats = stored.stats()!;
      let bytes = 0;
      try {
        bytes = fs.statSync(file).size;
      } catch {
        // not stored (a read-only folder): kept in memory
      }
      return {
        file: bytes > 0 ? file : null,
        bytes,
        papers: stats.papers,
        words: stats.terms,
        builtAt: stats.builtAt,
        changedSinceStored: stats.changedSinceStored,
        origin: stats.origin,
      };
    },
    rebuild: async () => {
      await stored.rebuildNow();
    },
  };
}

/** The service's index, for other domains that read it (discovery): up to date, never a copy. */
export interface IndexAccess {
  /** Run `query` on the up-to-date index (opened or built the first time). */
  run<T>(query: (index: SearchIndex) => T): Promise<T>;
  /** The index with the latest changes applied (synchronous; after `run` opened it). */
  current(): SearchIndex;
}

/**
 * Search: one index per service, stored beside the library (opened, not rebuilt,
 * by a new process) and kept up to date with every write.
 */
export function searchHandlers(
  ctx: ServiceContext,
  expose?: (access: IndexAccess) => void,
): Handlers<keyof SearchOutputs> {
  let lastProgress = 0;
  const keeper: IndexKeeper =
    ctx.env.PAPERSHELF_SEARCH_INDEX === 'memory'
      ? memoryKeeper(ctx)
      : storedKeeper(
          ctx,
          new StoredSearchIndex({
            libraryPath: ctx.lib.path,
            sqlite: ctx.lib.sqlite,
            nativeBinding: ctx.lib.nativeBinding,
            source: sqliteSource(ctx.lib.sqlite),
            onProgress: ({ done, total }) => {
              const now = performance.now();
              if (done < total && now - lastProgress < PROGRESS_EVERY_MS) return;
              lastProgress = now;
              ctx.events.emit({ type: 'search-index-progress', done, total });
            },
          }),
        );
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  expose?.({ run: (query) => keeper.run(query), current: () => keeper.current() });

  const unsubscribe = ctx.events.subscribe((event) => {
    keeper.notify?.(event);
    if (event.type !== 'library-changed' || !keeper.isOpen || timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      try {
        keeper.current();
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
    keeper.close?.();
  });

  return {
    async search(input) {
      return keeper.run((index) => runSearch(index, input));
    },

    async searchMatches({ query, id }) {
      return { id, matches: await keeper.run((index) => matchesInPaper(index, query, id)) };
    },

    async searchIndexStatus() {
      return keeper.status();
    },

    async rebuildSearchIndex() {
      await keeper.rebuild();
      return keeper.status();
    },
  };
}
