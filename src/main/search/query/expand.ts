import type { SearchIndex } from '../index/search-index';
import { typoBudget } from '../index/text';
import { expansionOf, STOP_WORDS, variantPrefix, wordKey } from './variants';

/** How a query word reached a term of the library. */
export type MatchKind = 'exact' | 'prefix' | 'variant' | 'typo';

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
export const QUALITY = {
  exact: 1,
  prefix: 0.9,
  /** Another form of the word (plural, stem, spelling), its joined compound or abbreviation. */
  variant: 0.8,
  /** All the parts of a split compound, or all the words an abbreviation stands for. */
  group: 0.75,
  typo1: 0.12,
  typo2: 0.1,
} as const;

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
  /** Word variants (see variants.ts), with these extra whole terms; absent for exact words. */
  variants?: { also: string[] };
}

/**
 * A word matched by several terms together, each part by any of its expansions:
 * `lowbandwidth` by `low` and `bandwidth`, `kg` by `knowledge` and `graph`.
 */
export interface ExpansionGroup {
  parts: Expansion[][];
  quality: number;
}

/** Split compounds: parts at least this long (`selfplay` -> `self` `play`, not `s` `elfplay`). */
const MIN_PART = 3;
const MIN_SPLIT_WORD = 6;
const MAX_SPLITS = 3;

/** The terms of the library a query word stands for, best first. */
export function expandWord(index: SearchIndex, word: string, options: ExpandOptions): Expansion[] {
  const { vocab } = index;
  const out: Expansion[] = [];
  let coverage = 0;
  const exactId = vocab.id(word);
  if (exactId !== undefined) {
    out.push({ termId: exactId, term: word, kind: 'exact', quality: QUALITY.exact });
    coverage += index.termCount(exactId);
  }
  if (options.prefix) {
    vocab.forEachWithPrefix(word, (id) => {
      if (id === exactId || out.length >= MAX_EXPANSIONS) return;
      const count = index.termCount(id);
      if (count === 0) return;
      out.push({ termId: id, term: vocab.terms[id], kind: 'prefix', quality: QUALITY.prefix });
      coverage += count;
    });
  }
  if (options.variants) {
    const seen = new Set(out.map((e) => e.termId));
    const add = (id: number | undefined) => {
      if (id === undefined || seen.has(id) || out.length >= MAX_EXPANSIONS) return;
      const count = index.termCount(id);
      if (count === 0) return;
      seen.add(id);
      out.push({ termId: id, term: vocab.terms[id], kind: 'variant', quality: QUALITY.variant });
      coverage += count;
    };
    const prefix = variantPrefix(word);
    if (prefix !== null) {
      const key = wordKey(word);
      vocab.forEachWithPrefix(prefix, (id) => {
        if (!seen.has(id) && wordKey(vocab.terms[id]) === key) add(id);
      });
    }
    for (const term of options.variants.also) add(vocab.id(term));
    // An abbreviation's plural (`kvs`, `llms`): too short for prefix or stem matching.
    if (expansionOf(word)) add(vocab.id(`${word}s`));
  }
  if (options.typos && coverage < TYPO_FALLBACK_POSTINGS) {
    const budget = typoBudget(word);
    const seen = new Set(out.map((e) => e.termId));
    for (const { id, edits } of vocab.similar(word, budget)) {
      if (seen.has(id) || index.termCount(id) === 0) continue;
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

/**
 * Groups of terms that together stand for a word: the parts of a joined compound
 * the library writes apart, the words of an abbreviation. Only for free words.
 */
export function expandGroups(index: SearchIndex, word: string): ExpansionGroup[] {
  const { vocab } = index;
  const groups: ExpansionGroup[] = [];
  const has = (term: string) => {
    const id = vocab.id(term);
    return id !== undefined && index.termCount(id) > 0;
  };
  const exactly = (term: string): Expansion[] =>
    expandWord(index, term, { prefix: false, typos: false, variants: { also: [] } });
  const phrase = expansionOf(word);
  if (phrase) {
    const parts = phrase.filter((w) => !STOP_WORDS.has(w)).map(exactly);
    if (parts.every((p) => p.length > 0)) groups.push({ parts, quality: QUALITY.group });
  }
  if (word.length >= MIN_SPLIT_WORD && !/\d/.test(word)) {
    for (let i = MIN_PART; i <= word.length - MIN_PART && groups.length < MAX_SPLITS; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (has(head) && has(tail))
        groups.push({ parts: [exactly(head), exactly(tail)], quality: QUALITY.group });
    }
  }
  return groups;
}

/** Posting entries a word's expansions cover: the cost of scanning it, and its selectivity. */
export function expansionCost(index: SearchIndex, expansions: Expansion[]): number {
  let cost = 0;
  for (const e of expansions) cost += index.termCount(e.termId);
  return cost;
}
