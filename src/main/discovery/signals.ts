import { STARRED_FLAG, type SearchIndex } from '../search/index/search-index';

/** The user's signals on one paper, as the models read them. */
export type PositiveKind = 'starred' | 'tagged' | 'toread' | 'reading' | 'read';

// Status codes: indices in READING_STATUSES (inbox, toread, reading, read, archived).
const TO_READ = 1;
const READ = 3;
const ARCHIVED = 4;

/** How a reason names a kind of positive paper: "Like 3 papers you starred". */
export const KIND_PHRASES: Record<PositiveKind, string> = {
  starred: 'you starred',
  tagged: 'you tagged',
  toread: 'you put in To read',
  reading: 'you are reading',
  read: 'you read',
};

export interface Signals {
  /** Positive papers (by slot) and the strongest signal on each. */
  positives: number[];
  kinds: Map<number, PositiveKind>;
  /** Archived papers without a star: the user passed on them. */
  negatives: number[];
  /** Papers the user has not triaged (Inbox, no star, no tag). */
  unlabelled: number[];
  /** Per tag (lower case): its papers. */
  tags: Map<string, number[]>;
  /** Changes whenever a label changes: a model trained on other signals is stale. */
  signature: number;
}

/**
 * Read the user's signals from the index's per-paper arrays (status, star and
 * tags are kept there for the search filters): no query of the library.
 * Starred, tagged, To read, Reading and Read are positive; Archived without a
 * star is negative (a star wins over the archive; tags do not).
 */
export function collectSignals(index: SearchIndex): Signals {
  const positives: number[] = [];
  const kinds = new Map<number, PositiveKind>();
  const negatives: number[] = [];
  const unlabelled: number[] = [];
  const tags = new Map<string, number[]>();
  let hash = 0x811c9dc5 | 0;
  const mix = (value: number) => {
    hash = Math.imul(hash ^ value, 0x01000193);
  };
  const { flags, alive, tagKeys } = index;
  for (let slot = 0; slot < index.slotCount; slot++) {
    if (!alive[slot]) continue;
    const status = flags[slot] & 7;
    const starred = (flags[slot] & STARRED_FLAG) !== 0;
    const keys = tagKeys[slot];
    for (const key of keys) {
      const list = tags.get(key);
      if (list) list.push(slot);
      else tags.set(key, [slot]);
    }
    let kind: PositiveKind | null = null;
    if (starred) kind = 'starred';
    else if (status === ARCHIVED) {
      negatives.push(slot);
      mix(slot * 8 + 7);
    } else if (keys.length > 0) kind = 'tagged';
    else if (status >= TO_READ && status <= READ)
      kind = (['toread', 'reading', 'read'] as const)[status - 1];
    else unlabelled.push(slot);
    if (kind) {
      positives.push(slot);
      kinds.set(slot, kind);
      mix(slot * 8 + status);
    }
    for (const key of keys) for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
  }
  return { positives, kinds, negatives, unlabelled, tags, signature: hash >>> 0 };
}

/**
 * At most `n` of `items`: those whose key hashes lowest, in their own order. A
 * sample that barely moves when a few items come or go, so a retrain after a
 * triage change reads few papers it has not read before.
 */
export function spread<T>(items: T[], n: number, key: (item: T) => string = String): T[] {
  if (items.length <= n) return items;
  const hashes = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) hashes[i] = hashKey(key(items[i]));
  const cut = Float64Array.from(hashes).sort()[n - 1];
  const out: T[] = [];
  for (let i = 0; i < items.length && out.length < n; i++) if (hashes[i] <= cut) out.push(items[i]);
  return out;
}

function hashKey(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // Mix once more so ids that differ in the last digit spread over the range.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}
