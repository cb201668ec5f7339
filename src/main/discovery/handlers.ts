import type { DiscoveryOutputs } from '../../shared/api/discovery';
import { AppError } from '../../shared/errors';
import type { IndexAccess } from '../search/handlers';
import type { SearchIndex } from '../search/index/search-index';
import type { Handlers, ServiceContext } from '../context/service-context';
import { rankForYou, suggestTags } from './for-you';
import { trainModels, type TrainedModels } from './models';
import { relatedPapers } from './related';
import { collectSignals } from './signals';
import { Accumulator, VectorCache } from './vectors';

/** Training holds the event loop at most about this long (ms) before letting other work run. */
const SLICE_MS = 8;
/** Retrain this long after the last triage change (a burst of key presses trains once). */
const RETRAIN_DELAY_MS = 150;

export interface DiscoveryOptions {
  /** Called at every point where training may hand control back (default: every ~8 ms). */
  pause?: () => Promise<void>;
}

/**
 * Discovery: "More like this", "For you" and tag suggestions, read from the
 * service's search index (its vocabulary, document frequencies and posting
 * lists) — never a second copy of the text. The models live in memory and are
 * retrained in the background, in slices, after triage changes.
 */
export function discoveryHandlers(
  ctx: ServiceContext,
  index: () => IndexAccess,
  options: DiscoveryOptions = {},
): Handlers<keyof DiscoveryOutputs> {
  const vectors = new VectorCache();
  const acc = new Accumulator();
  // The longest stretch training held the event loop, for the discovery-updated event.
  const slices = { longest: 0, last: 0 };
  const pause = options.pause ?? slicedPause(SLICE_MS, slices);
  let models: TrainedModels | null = null;
  let training: Promise<TrainedModels> | null = null;
  let isWanted = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  function train(): Promise<TrainedModels> {
    training ??= (async () => {
      try {
        const access = index();
        await access.run(() => undefined);
        slices.longest = 0;
        slices.last = performance.now();
        const trained = await trainModels(() => access.current(), vectors, pause);
        slices.longest = Math.max(slices.longest, performance.now() - slices.last);
        models = trained;
        ctx.events.emit({
          type: 'discovery-updated',
          positives: trained.positives,
          negatives: trained.negatives,
          tagModels: trained.tags.length,
          trainMs: Math.round(trained.trainMs),
          longestSliceMs: Math.round(slices.longest),
        });
        return trained;
      } finally {
        training = null;
      }
    })();
    return training;
  }

  // The signals change only when the index does: read them once per index version.
  let signatureOf: { index: SearchIndex; version: number; signature: number } | null = null;
  const signature = (current: SearchIndex) => {
    if (signatureOf?.index !== current || signatureOf.version !== current.version) {
      signatureOf = {
        index: current,
        version: current.version,
        signature: collectSignals(current).signature,
      };
    }
    return signatureOf.signature;
  };

  /** Models trained on the signals the index holds now (waits for a retrain if they changed). */
  async function fresh(current: SearchIndex): Promise<TrainedModels> {
    isWanted = true;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (models && models.vocab === current.vocab && models.signature === signature(current))
        return models;
      await (training ?? train());
      current = index().current();
    }
    return models!;
  }

  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.type !== 'library-changed' || !isWanted || closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      train().catch((error: unknown) => {
        // The next request retrains (and reports the error to its caller).
        console.error('papershelf: discovery retrain failed', error);
      });
    }, RETRAIN_DELAY_MS);
    timer.unref();
  });
  ctx.onClose(async () => {
    closed = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
    await training?.catch(() => undefined);
  });

  const notFound = (id: string) =>
    new AppError('not_found', `No paper with id ${id} in the library`);

  return {
    async relatedPapers({ id, limit }) {
      const related = await index().run((ix) => relatedPapers(ix, vectors, acc, id, limit));
      if (!related) throw notFound(id);
      return related;
    },

    async forYou(query) {
      const current = await index().run((ix) => ix);
      const trained = await fresh(current);
      return index().run((ix) => rankForYou(ix, vectors, acc, trained, query));
    },

    async tagSuggestions({ id, limit }) {
      const current = await index().run((ix) => ix);
      const trained = await fresh(current);
      const suggestions = await index().run((ix) => suggestTags(ix, vectors, trained, id, limit));
      if (!suggestions) throw notFound(id);
      return suggestions;
    },
  };
}

/** A pause that yields to other work (setImmediate) once `ms` have passed since the last one. */
function slicedPause(ms: number, slices: { longest: number; last: number }): () => Promise<void> {
  return async () => {
    const held = performance.now() - slices.last;
    if (held < ms) return;
    slices.longest = Math.max(slices.longest, held);
    await new Promise<void>((resolve) => setImmediate(resolve));
    slices.last = performance.now();
  };
}
