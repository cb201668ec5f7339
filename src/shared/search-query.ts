import { READING_STATUSES, type ReadingStatus } from './domain';
import { readArxivRef } from './arxiv-id';
import { normalizeTagName } from './tag-name';

/**
 * The search box's syntax, parsed once and shared: the main process runs the
 * query, the renderer shows filter chips from the same structure.
 *
 *   speculative decodng        free text, fuzzy (every word must match somewhere)
 *   "exact phrase"             words in this order
 *   tag:ml  tag:"deep learning"  a tag (a parent tag matches its children)
 *   author:vempala             a word of an author's name
 *   status:toread,reading      reading status (commas mean "or")
 *   is:starred  is:read        starred, or a status
 *   has:note                   papers with a note (-has:note: without one)
 *   year:2024  year:2020..2023 arXiv publication year (or range)
 *   day:2025-11-12             featured on that day (or range D..D)
 *   2509.04664  arxiv.org/abs/2509.04664v2  that paper
 *   -word  -tag:x  -"phrase"   leave out
 *
 * Parsing never throws: anything it cannot use becomes a warning, never an error.
 */

export const SEARCH_FILTER_KINDS = [
  'tag',
  'author',
  'status',
  'starred',
  'year',
  'day',
  'note',
] as const;
export type SearchFilterKind = (typeof SEARCH_FILTER_KINDS)[number];

export interface SearchFilter {
  kind: SearchFilterKind;
  /**
   * Alternatives (any may match). tag/author: the name as typed; status: canonical
   * status names; year: `2024`, `2020..2024`, `2020..` or `..2024`; day: `2025-11-12`
   * or a range like years; starred and note: empty.
   */
  values: string[];
  negated: boolean;
  /** Where the filter sits in the query text: [start, end), so a chip can cut it out. */
  start: number;
  end: number;
}

export type SearchTermKind = 'word' | 'phrase' | 'id';

export interface SearchTerm {
  kind: SearchTermKind;
  /** Words as typed (a phrase without its quotes; an id bare, without version or URL). */
  text: string;
  negated: boolean;
  /** An id still being typed (`2509.04`): matches ids that start with it. */
  prefix: boolean;
  start: number;
  end: number;
}

export interface ParsedSearchQuery {
  terms: SearchTerm[];
  filters: SearchFilter[];
  warnings: string[];
  /** The arXiv id when the whole query is one id or arXiv / Hugging Face URL. */
  lookupId: string | null;
}

const FILTER_KEYS: Record<string, SearchFilterKind | 'is' | 'has'> = {
  has: 'has',
  tag: 'tag',
  tags: 'tag',
  author: 'author',
  authors: 'author',
  status: 'status',
  is: 'is',
  year: 'year',
  day: 'day',
  date: 'day',
};

const STATUS_ALIASES: Record<string, ReadingStatus> = Object.fromEntries([
  ...READING_STATUSES.map((s) => [s, s]),
  ['unread', 'inbox'],
  ['new', 'inbox'],
  ['todo', 'toread'],
  ['later', 'toread'],
  ['done', 'read'],
  ['archive', 'archived'],
]);

const ID_PREFIX = /^\d{4}\.\d{0,4}$/;
const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

/** The bare arXiv id named by an id, `arXiv:` id or arXiv / Hugging Face URL; null otherwise. */
export function arxivIdFromText(raw: string): string | null {
  // Lenient: the library's ids are matched as they are stored (src/shared/arxiv-id.ts).
  return readArxivRef(raw, { strict: false })?.id ?? null;
}

export function parseSearchQuery(query: string): ParsedSearchQuery {
  const terms: SearchTerm[] = [];
  const filters: SearchFilter[] = [];
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (!warnings.includes(message)) warnings.push(message);
  };
  const n = query.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(query.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let negated = false;
    if (query[i] === '-' && i + 1 < n && !isSpace(query.charCodeAt(i + 1))) {
      negated = true;
      i++;
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      const end = close === -1 ? n : close + 1;
      if (close === -1)
        warn('A quote is not closed: the rest of the query is searched as a phrase');
      const text = query.slice(i + 1, close === -1 ? n : close).trim();
      if (text !== '') terms.push({ kind: 'phrase', text, negated, prefix: false, start, end });
      i = end;
      continue;
    }
    let j = i;
    while (j < n && !isSpace(query.charCodeAt(j))) {
      if (query[j] === '"') {
        const close = query.indexOf('"', j + 1);
        if (close === -1) {
          warn('A quote is not closed: the rest of the query is read as one value');
          j = n;
        } else j = close + 1;
      } else j++;
    }
    classifyChunk(query.slice(i, j), negated, start, j, terms, filters, warn);
    i = j;
  }
  const only = terms.length === 1 && filters.length === 0 ? terms[0] : null;
  const lookupId = only && only.kind === 'id' && !only.prefix && !only.negated ? only.text : null;
  return { terms, filters, warnings, lookupId };
}

function classifyChunk(
  chunk: string,
  negated: boolean,
  start: number,
  end: number,
  terms: SearchTerm[],
  filters: SearchFilter[],
  warn: (message: string) => void,
): void {
  const id = arxivIdFromText(chunk);
  if (id) {
    terms.push({ kind: 'id', text: id, negated, prefix: false, start, end });
    return;
  }
  if (ID_PREFIX.test(chunk)) {
    terms.push({ kind: 'id', text: chunk, negated, prefix: true, start, end });
    return;
  }
  const keyed = /^([A-Za-z]+):([\s\S]*)$/.exec(chunk);
  if (keyed) {
    const key = keyed[1].toLowerCase();
    const kind = FILTER_KEYS[key];
    if (kind) {
      const value = unquote(keyed[2]);
      if (value === '') {
        warn(`“${key}:” needs a value, for example ${example(kind)}`);
        return;
      }
      const filter = parseFilter(kind, value, negated, start, end, warn);
      if (filter) filters.push(filter);
      return;
    }
    const near = Object.keys(FILTER_KEYS).find((k) => looksLike(key, k));
    if (near) warn(`Unknown filter “${key}:” (did you mean ${near}:?); searched as text`);
  }
  terms.push({ kind: 'word', text: chunk, negated, prefix: false, start, end });
}

function parseFilter(
  kind: SearchFilterKind | 'is' | 'has',
  value: string,
  negated: boolean,
  start: number,
  end: number,
  warn: (message: string) => void,
): SearchFilter | null {
  const make = (k: SearchFilterKind, values: string[], neg = negated): SearchFilter | null =>
    values.length > 0 || k === 'starred' || k === 'note'
      ? { kind: k, values, negated: neg, start, end }
      : null;
  switch (kind) {
    case 'tag':
      return make('tag', [normalizeTagName(value)]);
    case 'author':
      return make('author', [value.replace(/\s+/g, ' ').trim()]);
    case 'status':
      return make('status', statusValues(value, warn));
    case 'is': {
      const v = value.toLowerCase();
      if (v === 'starred' || v === 'star' || v === 'favorite' || v === 'favourite') {
        return make('starred', []);
      }
      if (v === 'unstarred') return make('starred', [], !negated);
      const status = STATUS_ALIASES[v.replace(/[\s_-]/g, '')];
      if (status) return make('status', [status]);
      warn(`Unknown “is:${value}”: use is:starred or a status such as is:toread`);
      return null;
    }
    case 'year':
      return make('year', rangeValues(value, 'year', warn));
    case 'day':
      return make('day', rangeValues(value, 'day', warn));
    case 'starred':
      return make('starred', []);
    case 'has': {
      const v = value.toLowerCase();
      if (v === 'note' || v === 'notes') return make('note', []);
      warn(`Unknown “has:${value}”: use has:note`);
      return null;
    }
    case 'note':
      return make('note', []);
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown filter ${String(unreachable)}`);
    }
  }
}

function statusValues(value: string, warn: (message: string) => void): ReadingStatus[] {
  const out: ReadingStatus[] = [];
  for (const part of value.split(',')) {
    const key = part.toLowerCase().replace(/[\s_-]/g, '');
    if (key === '') continue;
    const status = STATUS_ALIASES[key];
    if (status) {
      if (!out.includes(status)) out.push(status);
    } else {
      warn(`Unknown status “${part.trim()}”: use ${READING_STATUSES.join(', ')}`);
    }
  }
  return out;
}

/** `2024`, `2020..2024`, `2020-2024`, `2020..`, `..2024`; days the same with YYYY-MM-DD. */
function rangeValues(
  value: string,
  kind: 'year' | 'day',
  warn: (message: string) => void,
): string[] {
  const valid = kind === 'year' ? isYear : isDay;
  const out: string[] = [];
  for (const part of value.split(',')) {
    const text = part.trim();
    if (text === '') continue;
    let from: string;
    let to: string;
    if (text.includes('..')) [from, to] = text.split('..', 2).map((s) => s.trim());
    else if (kind === 'year' && /^\d{4}-\d{4}$/.test(text)) [from, to] = text.split('-');
    else from = to = text;
    const ok = (from === '' || valid(from)) && (to === '' || valid(to)) && (from || to);
    if (!ok) {
      warn(
        kind === 'year'
          ? `“year:${text}” is not a year: write year:2024 or year:2020..2024`
          : `“day:${text}” is not a day: write day:2025-11-12 or day:2025-11-10..2025-11-14`,
      );
      continue;
    }
    if (from && to && from > to) [from, to] = [to, from];
    out.push(from === to ? from : `${from}..${to}`);
  }
  return out;
}

function isYear(text: string): boolean {
  if (!/^\d{4}$/.test(text)) return false;
  const year = Number(text);
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parse a range value produced by the parser into inclusive bounds ('' = open). */
export function rangeBounds(value: string): { from: string; to: string } {
  if (!value.includes('..')) return { from: value, to: value };
  const [from, to] = value.split('..', 2);
  return { from, to };
}

function unquote(value: string): string {
  const text = value.trim();
  if (text.startsWith('"')) {
    const close = text.indexOf('"', 1);
    return (close === -1 ? text.slice(1) : text.slice(1, close)).trim();
  }
  return text;
}

function example(kind: SearchFilterKind | 'is' | 'has'): string {
  switch (kind) {
    case 'tag':
      return 'tag:pruning';
    case 'author':
      return 'author:vempala';
    case 'status':
      return 'status:toread';
    case 'is':
    case 'starred':
      return 'is:starred';
    case 'year':
      return 'year:2024';
    case 'day':
      return 'day:2025-11-12';
    case 'has':
    case 'note':
      return 'has:note';
    default: {
      const unreachable: never = kind;
      return String(unreachable);
    }
  }
}

/** A likely misspelling of a filter key: one edit away, or a prefix of at least three letters. */
function looksLike(typed: string, key: string): boolean {
  if (typed.length < 3 || typed === key) return false;
  if (key.startsWith(typed)) return true;
  if (Math.abs(typed.length - key.length) > 1) return false;
  let i = 0;
  while (i < typed.length && typed[i] === key[i]) i++;
  const a = typed.slice(i);
  const b = key.slice(i);
  return a.slice(1) === b.slice(1) || a.slice(1) === b || a === b.slice(1) || swapped(a, b);
}

function swapped(a: string, b: string): boolean {
  return a.length >= 2 && a[0] === b[1] && a[1] === b[0] && a.slice(2) === b.slice(2);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x3000;
}

/* ----- Helpers for the search box: click a tag or author to filter, remove a chip. ----- */

/** The text of a filter, quoted when needed: `tag:"deep learning"`, `-is:starred`. */
export function formatSearchFilter(kind: SearchFilterKind, value = '', negated = false): string {
  const sign = negated ? '-' : '';
  if (kind === 'starred') return `${sign}is:starred`;
  if (kind === 'note') return `${sign}has:note`;
  const clean = value.replace(/"/g, '').trim();
  const quoted = /[\s:]/.test(clean) || clean === '' ? `"${clean}"` : clean;
  return `${sign}${kind}:${quoted}`;
}

/** Add a filter (as text from formatSearchFilter) unless the query already has it. */
export function addToSearchQuery(query: string, token: string): string {
  const trimmed = query.trimEnd();
  const parts = trimmed.split(/\s+/).map((s) => s.toLowerCase());
  if (parts.includes(token.toLowerCase())) return query;
  return trimmed === '' ? `${token} ` : `${trimmed} ${token} `;
}

/** Remove one filter or term (its [start, end) range) and tidy the spaces around it. */
export function removeFromSearchQuery(query: string, start: number, end: number): string {
  const before = query.slice(0, Math.max(0, start)).replace(/\s+$/, '');
  const after = query.slice(Math.min(query.length, end)).replace(/^\s+/, '');
  if (before === '') return after;
  if (after === '') return `${before} `;
  return `${before} ${after}`;
}

/**
 * What a result list says when papers matching only some words follow (see
 * SearchResults.partial): the same words in the app and the CLI.
 */
export function partialMatchNotice(partial: {
  words: number;
  matched: number;
  fullMatches: number;
}): string {
  const { words, matched, fullMatches } = partial;
  const some = `papers that match ${matched} of ${words}`;
  if (fullMatches === 0) return `No paper matches every word — showing ${some}`;
  const full = fullMatches === 1 ? 'Only 1 paper matches' : `Only ${fullMatches} papers match`;
  return `${full} every word — then ${some}`;
}

/** A partial match's missing words, like a search engine's "Missing: graph". */
export function missingWordsNote(missing: readonly string[]): string {
  return `Missing: ${missing.join(', ')}`;
}
