import type { SearchIndex } from '../search/index/search-index';
import type { Vocabulary } from '../search/index/vocabulary';
import { margin, trainCentroid, trainLogistic, type LinearModel, type Sample } from './logistic';
import { collectSignals, spread, type PositiveKind, type Signals } from './signals';
import type { TermVector, VectorCache } from './vectors';

/** The For-you model needs this many positive papers before it ranks anything. */
export const MIN_POSITIVES = 3;
/** A tag gets a model once this many papers carry it. */
export const MIN_TAG_PAPERS = 3;
/** Papers per class a model learns from, at most (a stable sample: see `spread`). */
const MAX_PER_CLASS = 800;
const MAX_TAG_POSITIVES = 100;
/** Papers under other tags a tag model learns from as negatives, at most. */
const MAX_TAG_NEGATIVES = 1_000;
/** Untriaged papers count as weak negatives (arxiv-sanity-lite counts them all as negatives). */
const UNLABELLED_WEIGHT = 0.05;
/** A tag is suggested above this share of untriaged papers' scores (and SUGGEST_FLOOR). */
const SUGGEST_PERCENTILE = 0.95;
const SUGGEST_FLOOR = 0.02;
/** Positive papers a reason may cite (each pick is compared with all of them). */
const MAX_CITED = 300;
/** Vectors read per slice of training, before other work gets a turn. */
const READ_SLICE = 50;

/** A trained For-you model and what reasons need to cite its training papers. */
export interface ForYouModel {
  model: LinearModel;
  /** Positive papers: id, short title, kind and vector (for "Like 3 papers you starred: …"). */
  positives: Array<{ id: string; title: string; kind: PositiveKind; vector: TermVector }>;
  positiveCount: number;
  negativeCount: number;
  /** Term ids by weight, heaviest first (positive weights), for walking posting lists. */
  topTerms: number[];
}

export interface TagModel {
  /** As the user spells it (from one of its papers). */
  tag: string;
  key: string;
  model: LinearModel;
  papers: Array<{ id: string; title: string; vector: TermVector }>;
  /**
   * Score above which a paper looks like the tag's: most untriaged papers score
   * below it (a model of 3 papers is not calibrated; its ranking is).
   */
  threshold: number;
}

export interface TrainedModels {
  signature: number;
  /** The vocabulary the weights are indexed by (a rebuilt index has another). */
  vocab: Vocabulary;
  /** Null with fewer than MIN_POSITIVES positive papers. */
  forYou: ForYouModel | null;
  positives: number;
  negatives: number;
  tags: TagModel[];
  /** How long training took (ms), slices and pauses included. */
  trainMs: number;
}

/** Hands control back between slices (the service passes setImmediate). */
export type Pause = () => Promise<void>;

/**
 * Train the For-you model and one model per tag from the user's signals.
 * Runs in slices: it reads vectors a few hundred papers at a time and pauses
 * between them and between gradient steps, so searches are served meanwhile.
 * `getIndex` is asked again after every pause (the index may have moved on).
 */
export async function trainModels(
  getIndex: () => SearchIndex,
  vectors: VectorCache,
  pause: Pause,
): Promise<TrainedModels> {
  const started = performance.now();
  const index = getIndex();
  const signals = collectSignals(index);
  const ids = (slots: number[]) => slots.map((s) => index.idOf[s]);
  const byId = (slot: number) => index.idOf[slot];
  const positiveIds = ids(spread(signals.positives, MAX_PER_CLASS, byId));
  const negativeIds = ids(spread(signals.negatives, MAX_PER_CLASS, byId));
  const unlabelledIds = ids(
    spread(signals.unlabelled, Math.min(MAX_PER_CLASS, Math.max(30, 2 * positiveIds.length)), byId),
  );
  const kinds = new Map<string, PositiveKind>();
  for (const [slot, kind] of signals.kinds) kinds.set(index.idOf[slot], kind);

  const read = await readVectors(
    getIndex,
    vectors,
    [...positiveIds, ...negativeIds, ...unlabelledIds],
    pause,
  );
  const terms = getIndex().vocab.size;

  let forYou: ForYouModel | null = null;
  if (signals.positives.length >= MIN_POSITIVES) {
    const samples: Sample[] = [];
    for (const id of positiveIds) push(samples, read.get(id), 1, 1);
    for (const id of negativeIds) push(samples, read.get(id), 0, 1);
    for (const id of unlabelledIds) push(samples, read.get(id), 0, UNLABELLED_WEIGHT);
    const model = await trainLogistic(samples, { terms, pause });
    forYou = {
      model,
      positives: spread(positiveIds, MAX_CITED).flatMap((id) => {
        const entry = read.get(id);
        return entry
          ? [{ id, title: entry.title, kind: kinds.get(id)!, vector: entry.vector }]
          : [];
      }),
      positiveCount: signals.positives.length,
      negativeCount: signals.negatives.length,
      topTerms: topTerms(model),
    };
  }

  const tags = await trainTagModels(getIndex, vectors, signals, read, unlabelledIds, pause);
  return {
    signature: signals.signature,
    vocab: index.vocab,
    forYou,
    positives: signals.positives.length,
    negatives: signals.negatives.length,
    tags,
    trainMs: performance.now() - started,
  };
}

interface ReadPaper {
  id: string;
  title: string;
  tags: string[];
  vector: TermVector;
}

function push(samples: Sample[], paper: ReadPaper | undefined, label: 0 | 1, weight: number): void {
  if (paper && paper.vector.terms.length > 0) samples.push({ vector: paper.vector, label, weight });
}

/** Vectors (and titles, tags) of papers by id, a slice at a time; papers gone meanwhile are left out. */
async function readVectors(
  getIndex: () => SearchIndex,
  vectors: VectorCache,
  ids: string[],
  pause: Pause,
): Promise<Map<string, ReadPaper>> {
  const out = new Map<string, ReadPaper>();
  for (let i = 0; i < ids.length; i += READ_SLICE) {
    const index = getIndex();
    const slots: number[] = [];
    for (const id of ids.slice(i, i + READ_SLICE)) {
      const slot = index.slotOf(id);
      if (slot !== undefined && !out.has(id)) slots.push(slot);
    }
    const read = vectors.vectors(index, slots);
    slots.forEach((slot, k) => {
      const doc = index.doc(slot);
      out.set(doc.id, { id: doc.id, title: doc.title, tags: doc.tags, vector: read[k] });
    });
    if (i + READ_SLICE < ids.length) await pause();
  }
  return out;
}

async function trainTagModels(
  getIndex: () => SearchIndex,
  vectors: VectorCache,
  signals: Signals,
  read: Map<string, ReadPaper>,
  unlabelledIds: string[],
  pause: Pause,
): Promise<TagModel[]> {
  const index = getIndex();
  const models: TagModel[] = [];
  const eligible = [...signals.tags].filter(([, slots]) => slots.length >= MIN_TAG_PAPERS);
  if (eligible.length === 0) return models;
  // Every tag's papers are the other tags' negatives: read them all once.
  const tagIds = new Map(
    eligible.map(([key, slots]) => [
      key,
      spread(slots, MAX_TAG_POSITIVES, (s) => index.idOf[s]).map((s) => index.idOf[s]),
    ]),
  );
  const more = await readVectors(
    getIndex,
    vectors,
    [...new Set([...tagIds.values()].flat())].filter((id) => !read.has(id)),
    pause,
  );
  for (const [id, paper] of more) read.set(id, paper);
  const terms = getIndex().vocab.size;
  for (const [key, ids] of tagIds) {
    const own = new Set(ids);
    const samples: Sample[] = [];
    const papers: TagModel['papers'] = [];
    let tag = key;
    for (const id of ids) {
      const paper = read.get(id);
      if (!paper) continue;
      tag = paper.tags.find((t) => t.toLowerCase() === key) ?? tag;
      papers.push({ id, title: paper.title, vector: paper.vector });
      push(samples, paper, 1, 1);
    }
    // Papers under other tags (without this one) and untriaged papers say what the tag is not.
    const otherIds = [...tagIds]
      .filter(([otherKey]) => otherKey !== key)
      .flatMap(([, list]) => list)
      .filter((id) => !own.has(id));
    for (const id of spread([...new Set(otherIds)], MAX_TAG_NEGATIVES))
      push(samples, read.get(id), 0, 1);
    for (const id of unlabelledIds) push(samples, read.get(id), 0, UNLABELLED_WEIGHT);
    if (papers.length < MIN_TAG_PAPERS) continue;
    const model = trainCentroid(samples, terms);
    const background = unlabelledIds
      .map((id) => read.get(id))
      .filter((paper): paper is ReadPaper => paper !== undefined && !own.has(paper.id))
      .map((paper) => margin(model, paper.vector))
      .sort((a, b) => a - b);
    const threshold = Math.max(
      SUGGEST_FLOOR,
      background[Math.floor(background.length * SUGGEST_PERCENTILE)] ?? 0,
    );
    models.push({ tag, key, model, papers, threshold });
    await pause();
  }
  return models;
}

function topTerms(model: LinearModel): number[] {
  const terms: number[] = [];
  const { weights } = model;
  for (let t = 0; t < weights.length; t++) if (weights[t] > 0) terms.push(t);
  return terms.sort((a, b) => weights[b] - weights[a]);
}
