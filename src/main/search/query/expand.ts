import type { SearchIndex } from '../index/search-index';
import { typoBudget } from '../index/text';

/** How a query word reached a term of the library. */
export type MatchKind = 'exact' | 'prefix' | 'typo';

export interface Expansion {
  termId: number;
  term: string;
  kind: MatchKind;
  /** 1 for the word itself; less for a completion or a typo, so exact hits rank first. */
  quality: number;
}

/**
 * Exact and prefix hits outrank typo hits in any field (a title that only
 * resembles the word loses to an author spelt as typed: `bottou` wants Bottou, not
 * "Bottom-up"); among typo hits the field order still holds (8 x 0.12 > 4 x 0.12).
 */
export const QUALITY = { exact: 1, prefix: 0.9, typo1: 0.12, typo2: 0.1 } as const;

/**
 * Typos are a fallback: a word that the library spells as typed (or as the start
 * of longer words) in at least this many posting entries is not also read as a
 * typo. Otherwise `decoding` would drag in every paper about `encoding`.
 */
export const TYPO_FALLBACK_POSTINGS = 5;

/** A 1-letter prefix would expand to a tenth of the vocabulary; 2 letters only for the word being typed. */
export const MIN_PREFIX = 3;
export const MIN_PREFIX_LAST_WORD = 2;

/** Never let one word expand to more terms than this (a 2-letter prefix in a huge library). */
export const MAX_EXPANSIONS = 4_000;

export interface ExpandOptions {
  prefix: boolean;
  typos: boolean;
}

/** The terms of the library a query word stands for, best first. */
export function expandWord(index: SearchIndex, word: string, options: ExpandOptions): Expansion[] {
  const { vocab, postings } = index;
  const out: Expansion[] = [];
  let coverage = 0;
  const exactId = vocab.id(word);
  if (exactId !== undefined) {
    out.push({ termId: exactId, term: word, kind: 'exact', quality: QUALITY.exact });
    coverage += postings[exactId]?.length ?? 0;
  }
  if (options.prefix) {
    vocab.forEachWithPrefix(word, (id) => {
      if (id === exactId || out.length >= MAX_EXPANSIONS) return;
      const list = postings[id];
      if (!list || list.length === 0) return;
      out.push({ termId: id, term: vocab.terms[id], kind: 'prefix', quality: QUALITY.prefix });
      coverage += list.length;
    });
  }
  if (options.typos && coverage < TYPO_FALLBACK_POSTINGS) {
    const budget = typoBudget(word);
    const seen = new Set(out.map((e) => e.termId));
    for (const { id, edits } of vocab.similar(word, budget)) {
      if (seen.has(id) || !postings[id] || postings[id].length === 0) continue;
      out.push({
        termId: id,
        term: vocab.terms[id],
        kind: 'typo',
        quality: edits <= 1 ? QUALITY.typo1 : QUALITY.typo2,
      });
    }
  }
  return out;
}

/** Posting entries a word's expansions cover: the cost of scanning it, and its selectivity. */
export function expansionCost(index: SearchIndex, expansions: Expansion[]): number {
  let cost = 0;
  for (const e of expansions) cost += index.postings[e.termId]?.length ?? 0;
  return cost;
}
