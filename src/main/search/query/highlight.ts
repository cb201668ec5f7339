import type { SearchMatch, SearchSnippet, TextRange } from '../../../shared/api/search';
import { tagInScope } from '../../../shared/tag-scope';
import { FIELD_BITS, type SearchDocument, type TextField } from '../index/documents';
import type { PhraseMatcher } from './phrase';
import type { IdUnit } from './plan';
import type { Vocabulary, WordFilter } from '../index/vocabulary';

/** Mark the whole word. Otherwise a mark is the length of a typed prefix to mark. */
export const WHOLE = -1;

/** What to mark in a paper's text: the words a query matched. */
export interface HighlightSpec {
  /** Term id -> WHOLE, or the prefix length to mark, in every field. */
  marks: Map<number, number>;
  /** The same for author: filters, marked in authors only. */
  authorMarks: Map<number, number>;
  phrases: PhraseMatcher[];
  /** tag: filters (lower case): a matching tag is marked whole. */
  tags: string[];
  ids: IdUnit[];
}

/**
 * Turns a query's matched words into highlight ranges. Words are looked up in the
 * vocabulary straight from the text, so marking a page of abstracts allocates
 * nothing per word.
 */
export class Highlighter {
  // The text being marked (fields, not a closure per call: this runs for every
  // field of every result row).
  private out: TextRange[] = [];
  private extra: Map<number, number> | null = null;
  private stopAt = Infinity;
  private window = Infinity;
  /** Only the marked terms are looked up (most words of an abstract are not). */
  private readonly filter: WordFilter;

  constructor(
    private readonly vocab: Vocabulary,
    private readonly spec: HighlightSpec,
  ) {
    this.filter = vocab.wordFilter([...spec.marks.keys(), ...spec.authorMarks.keys()]);
  }

  /**
   * Marked ranges in one text, merged and sorted. With `window`, reading stops that
   * many characters after the first mark: enough for a snippet or a passage,
   * without reading all of a long abstract.
   */
  ranges(text: string, field: TextField, window = Infinity): TextRange[] {
    const out: TextRange[] = [];
    this.out = out;
    this.extra = field === 'authors' ? this.spec.authorMarks : null;
    this.stopAt = Infinity;
    this.window = window;
    // A query of phrases only marks no single words: do not read the text for them.
    if (this.spec.marks.size > 0 || (this.extra !== null && this.extra.size > 0)) {
      this.vocab.forEachWordId(text, this.visit, false, this.filter);
    }
    for (const phrase of this.spec.phrases) {
      for (const range of phrase.find(text)) {
        if (range[0] > this.stopAt) break;
        out.push(range);
        if (this.stopAt === Infinity) this.stopAt = range[0] + window;
      }
    }
    const merged = merge(out);
    return window === Infinity ? merged : merged.filter((r) => r[0] <= merged[0][0] + window);
  }

  private readonly visit = (id: number, start: number, end: number, ascii: boolean): boolean => {
    if (start > this.stopAt) return false;
    if (id < 0) return true;
    const mark = this.spec.marks.get(id) ?? this.extra?.get(id);
    if (mark === undefined) return true;
    // A prefix mark needs offsets in the folded word to line up with the text's.
    this.out.push([start, mark === WHOLE || !ascii ? end : Math.min(end, start + mark)]);
    if (this.stopAt === Infinity) this.stopAt = start + this.window;
    return true;
  };

  /**
   * Every field's marks for one paper. `fields` limits the text fields to those
   * that can match; `longWindow` bounds what is read of notes and abstract (a
   * result list needs the first marks, for a snippet; the detail pane needs all).
   */
  matches(doc: SearchDocument, fields: number, longWindow = Infinity): SearchMatch[] {
    const out: SearchMatch[] = [];
    const lowerId = doc.id.toLowerCase();
    for (const unit of this.spec.ids) {
      const id = unit.id.toLowerCase();
      if (unit.prefix ? lowerId.startsWith(id) : lowerId === id) {
        const end = unit.prefix ? id.length : doc.id.length;
        out.push({ field: 'id', index: null, ranges: [[0, end]] });
        break;
      }
    }
    if (fields & FIELD_BITS.title) this.push(out, 'title', null, doc.title);
    if (fields & FIELD_BITS.authors) {
      doc.authors.forEach((name, i) => this.push(out, 'authors', i, name));
    }
    doc.tags.forEach((tag, i) => {
      const lower = tag.toLowerCase();
      if (this.spec.tags.some((t) => tagInScope(lower, t))) {
        out.push({ field: 'tags', index: i, ranges: [[0, tag.length]] });
      } else if (fields & FIELD_BITS.tags) this.push(out, 'tags', i, tag);
    });
    if (fields & FIELD_BITS.notes) this.push(out, 'notes', null, doc.notes, longWindow);
    if (fields & FIELD_BITS.abstract) this.push(out, 'abstract', null, doc.abstract, longWindow);
    return out;
  }

  private push(
    out: SearchMatch[],
    field: TextField,
    index: number | null,
    text: string,
    window = Infinity,
  ): void {
    const ranges = this.ranges(text, field, window);
    if (ranges.length > 0) out.push({ field, index, ranges });
  }
}

function merge(ranges: TextRange[]): TextRange[] {
  if (ranges.length <= 1) return ranges;
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: TextRange[] = [[ranges[0][0], ranges[0][1]]];
  for (let i = 1; i < ranges.length; i++) {
    const last = out[out.length - 1];
    const [s, e] = ranges[i];
    if (s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const SNIPPET_BEFORE = 60;
/** Characters of a snippet; also how far past the first mark a result reads a long field. */
export const SNIPPET_LENGTH = 180;

/** A line of the note (preferred: the user's own words) or abstract around its first mark. */
export function snippetFor(doc: SearchDocument, matches: SearchMatch[]): SearchSnippet | null {
  for (const field of ['notes', 'abstract'] as const) {
    const match = matches.find((m) => m.field === field);
    if (!match) continue;
    const text = field === 'notes' ? doc.notes : doc.abstract;
    const first = match.ranges[0];
    let start = Math.max(0, first[0] - SNIPPET_BEFORE);
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < first[0]) start = space + 1;
    }
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > first[1]) end = space;
    }
    const lead = start > 0 ? '…' : '';
    const slice = text.slice(start, end);
    const body = /[\n\r\t\f\v]/.test(slice) ? slice.replace(/\s/g, ' ') : slice;
    const ranges: TextRange[] = match.ranges
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s - start + lead.length, e - start + lead.length]);
    return { field, text: `${lead}${body}${end < text.length ? '…' : ''}`, ranges };
  }
  return null;
}
