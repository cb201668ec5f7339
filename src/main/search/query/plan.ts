import type { ParsedSearchQuery, SearchFilter } from '../../../shared/search-query';
import { MIN_PREFIX, MIN_PREFIX_LAST_WORD } from './expand';
import { MAX_WORD_LENGTH, words } from '../index/text';
import { abbreviationsIn, STOP_WORDS } from './variants';

/** A query word: every one must match somewhere (title, authors, tags, notes or abstract). */
export interface WordUnit {
  word: string;
  prefix: boolean;
  typos: boolean;
  /**
   * Free words only (not in quotes, not author names): also match word variants
   * (plural, stem, spelling, split compound, abbreviation) and these whole terms,
   * each standing for this word: the word joined with a neighbour (`low bandwidth`
   * -> `lowbandwidth`) and the abbreviation of a spelt-out phrase it is part of.
   */
  variants?: { also: string[] };
  /** The query term it came from: `low-bandwidth` is one term of two words, counted as one. */
  term: number;
}

/** Words that must appear in this order; the last may be a prefix while it is being typed. */
export interface PhraseUnit {
  words: string[];
  lastIsPrefix: boolean;
}

export interface IdUnit {
  id: string;
  prefix: boolean;
}

/** `author:` — all its words within one author's name. */
export interface AuthorConstraint {
  words: WordUnit[];
  negated: boolean;
}

/** What a query asks for, in the terms the index understands (folded words). */
export interface QueryPlan {
  words: WordUnit[];
  phrases: PhraseUnit[];
  ids: IdUnit[];
  notWords: string[];
  notPhrases: PhraseUnit[];
  notIds: IdUnit[];
  authors: AuthorConstraint[];
  /** tag, status, starred, year, day. */
  filters: SearchFilter[];
  /** The free text as typed, for fuse.js to score candidates against. */
  fusePattern: string;
  warnings: string[];
}

/** More query words than this would not narrow anything and only cost time. */
export const MAX_QUERY_UNITS = 32;
const MAX_FUSE_PATTERN = 96;

export function planQuery(parsed: ParsedSearchQuery, query: string): QueryPlan {
  const plan: QueryPlan = {
    words: [],
    phrases: [],
    ids: [],
    notWords: [],
    notPhrases: [],
    notIds: [],
    authors: [],
    filters: distinct(
      parsed.filters.filter((f) => f.kind !== 'author'),
      (f) => JSON.stringify([f.kind, f.negated, f.values]),
    ),
    fusePattern: '',
    warnings: [...parsed.warnings],
  };
  const warn = (message: string) => {
    if (!plan.warnings.includes(message)) plan.warnings.push(message);
  };
  const typing = /\s$/.test(query) ? -1 : query.length;
  const fuseParts: string[] = [];
  let units = 0;
  const room = (): boolean => {
    if (units < MAX_QUERY_UNITS) return true;
    warn(`Only the first ${MAX_QUERY_UNITS} words are searched`);
    return false;
  };

  // A repeated word, phrase or id narrows nothing further: each is planned once (a
  // 20,000-character query of one word repeated must cost what the word costs).
  const seen = new Set<string>();
  const first = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  for (const [termIndex, term] of parsed.terms.entries()) {
    if (term.kind === 'id') {
      const unit = { id: term.text, prefix: term.prefix };
      if (!first(`id ${term.negated} ${term.prefix} ${term.text}`)) continue;
      if (term.negated) plan.notIds.push(unit);
      else if (room()) {
        plan.ids.push(unit);
        units++;
      }
      continue;
    }
    const beingTyped = term.end === typing;
    if (!beingTyped && !first(`raw ${term.kind} ${term.negated} ${term.text}`)) continue;
    const tokens = wordsOf(term.text, warn);
    if (tokens.length === 0) continue;
    if (term.negated) {
      if (!first(`not ${tokens.join(' ')}`)) continue;
      if (tokens.length === 1) plan.notWords.push(tokens[0]);
      else plan.notPhrases.push({ words: tokens, lastIsPrefix: false });
      continue;
    }
    if (term.kind === 'phrase' && tokens.length > 1) {
      const open = beingTyped && !query.endsWith('"');
      if (!first(`phrase ${open} ${tokens.join(' ')}`) || !room()) continue;
      plan.phrases.push({ words: tokens, lastIsPrefix: open });
      fuseParts.push(term.text);
      units++;
      continue;
    }
    tokens.forEach((word, i) => {
      const last = beingTyped && i === tokens.length - 1;
      const exact = term.kind === 'phrase';
      const prefix = !exact && word.length >= (last ? MIN_PREFIX_LAST_WORD : MIN_PREFIX);
      if (!first(`word ${exact} ${prefix} ${word}`) || !room()) return;
      plan.words.push({
        word,
        prefix,
        typos: !exact,
        term: termIndex,
        ...(exact ? {} : { variants: { also: [] } }),
      });
      units++;
    });
    fuseParts.push(term.text);
  }

  addVariants(plan);

  for (const filter of parsed.filters) {
    if (filter.kind !== 'author') continue;
    for (const value of filter.values) {
      if (!first(`author ${filter.negated} ${value}`)) continue;
      const tokens = wordsOf(value, warn).slice(0, 8);
      if (tokens.length === 0) continue;
      plan.authors.push({
        negated: filter.negated,
        words: tokens.map((word) => ({ word, prefix: word.length >= 2, typos: true, term: -1 })),
      });
    }
  }
  plan.fusePattern = fuseParts.join(' ').slice(0, MAX_FUSE_PATTERN);
  return plan;
}

/**
 * Free words learn their neighbours (for joined compounds and spelt-out
 * abbreviations); then stop words leave a query that has other free words: they
 * narrow nothing, and a paper must not be missed for lacking an `of`.
 */
function addVariants(plan: QueryPlan): void {
  const free = plan.words.filter((w) => w.variants);
  const abbreviations = abbreviationsIn(free.map((w) => w.word));
  free.forEach((unit, i) => {
    const also = unit.variants!.also;
    if (i > 0) also.push(free[i - 1].word + unit.word);
    if (i + 1 < free.length) also.push(unit.word + free[i + 1].word);
    also.push(...abbreviations[i]);
  });
  const kept = plan.words.filter((w) => !(w.variants && STOP_WORDS.has(w.word)));
  const others = kept.length + plan.phrases.length + plan.ids.length;
  if (kept.length < plan.words.length && others > 0) plan.words = kept;
}

/** The items whose key comes first, in order. */
function distinct<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A word too long to index (a constant pattern: nothing here is built from the query). */
const TOO_LONG_WORD = new RegExp(`[\\p{L}\\p{N}]{${MAX_WORD_LENGTH + 1}}`, 'u');

function wordsOf(text: string, warn: (message: string) => void): string[] {
  if (TOO_LONG_WORD.test(text)) {
    warn(`Words longer than ${MAX_WORD_LENGTH} letters are ignored`);
  }
  return words(text);
}
