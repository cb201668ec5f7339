import type {
  SearchField,
  SearchMatch,
  SearchResult,
  SearchResults,
} from '../../../shared/api/search';
import { parseSearchQuery } from '../../../shared/search-query';
import { intersect, Scratch, slotStep, wordStep, type Step } from './candidates';
import {
  ALL_FIELDS as ALL,
  FIELD_WEIGHTS as WEIGHTS,
  toSummary,
  type SearchDocument,
} from '../index/documents';
import {
  filterPredicate,
  scopePredicate,
  tagMatches as tagMatchesOf,
  type SearchScope,
} from './filters';
import { fuseScores, rankDocOf } from './fuse-ranker';
import { Highlighter, SNIPPET_LENGTH, snippetFor } from './highlight';
import type { PhraseMatcher } from './phrase';
import { QueryTerms } from './terms';
import { planQuery, type QueryPlan } from './plan';
import { rankKey as rankKeyOf, relevanceLevel as levelOf, topByKey } from './rank';
import { SLOT_SHIFT as SHIFT, type SearchIndex } from '../index/search-index';

export interface SearchRequest extends SearchScope {
  query: string;
  offset: number;
  limit: number;
}

/**
 * fuse.js re-orders this many of the best candidates (see fuse-ranker.ts); the
 * rest of a long list keeps the index's order. A screenful and then some.
 */
export const FUSE_WINDOW = 40;

const SEARCH_FIELDS: SearchField[] = ['id', 'title', 'authors', 'tags', 'notes', 'abstract'];

const scratches = new WeakMap<SearchIndex, Scratch>();

// Local copies of what the per-candidate loops call: imported bindings can be
// getters (esbuild's CommonJS output, which tsx runs), too slow 50,000 times a query.
const SLOT_SHIFT = SHIFT;
const rankKey = rankKeyOf;
const relevanceLevel = levelOf;
const ALL_FIELDS = ALL;
const FIELD_WEIGHTS = WEIGHTS;
const tagMatches = tagMatchesOf;

/** Where a query matches in one paper (the detail pane's highlights). */
export function matchesInPaper(index: SearchIndex, query: string, id: string): SearchMatch[] {
  const doc = index.get(id);
  if (!doc) return [];
  const plan = planQuery(parseSearchQuery(query), query);
  let scratch = scratches.get(index);
  if (!scratch) scratches.set(index, (scratch = new Scratch()));
  return new QueryRun(index, scratch, plan).allMatches(doc);
}

/** Run one query against the index. Pure: reads the index, never the database. */
export function runSearch(index: SearchIndex, request: SearchRequest): SearchResults {
  const began = performance.now();
  const parsed = parseSearchQuery(request.query);
  const plan = planQuery(parsed, request.query);
  let scratch = scratches.get(index);
  if (!scratch) scratches.set(index, (scratch = new Scratch()));
  scratch.ensure(index.slotCount);
  scratch.reset();
  const run = new QueryRun(index, scratch, plan);
  const found = run.find(request);
  const results = found.order
    .slice(request.offset, request.offset + request.limit)
    .map((slot) => run.result(slot));
  return {
    query: request.query,
    total: found.total,
    totalInLibrary: found.totalInLibrary,
    offset: request.offset,
    results,
    parsed,
    warnings: plan.warnings,
    tookMs: Math.round((performance.now() - began) * 1000) / 1000,
  };
}

interface Found {
  /** The best matches in order: at least offset + limit of them (or all). */
  order: number[];
  total: number;
  totalInLibrary: number;
}

/** One query's run: candidates, checks, order, result rows. */
class QueryRun {
  private readonly terms: QueryTerms;
  private readonly phrases: PhraseMatcher[];
  private readonly notPhrases: PhraseMatcher[];
  private readonly highlighter: Highlighter;
  private readonly matchCache = new Map<number, SearchMatch[]>();
  private readonly scoringUnits: number;

  constructor(
    private readonly index: SearchIndex,
    private readonly s: Scratch,
    private readonly plan: QueryPlan,
  ) {
    const terms = (this.terms = new QueryTerms(index, s));
    this.phrases = plan.phrases.map((p) => terms.phraseMatcher(p));
    this.notPhrases = plan.notPhrases.map((p) => terms.phraseMatcher(p));
    this.scoringUnits = plan.words.length + plan.phrases.length + plan.ids.length;
    this.highlighter = new Highlighter(index.vocab, {
      marks: terms.marks(plan.words),
      authorMarks: terms.marks(plan.authors.filter((a) => !a.negated).flatMap((a) => a.words)),
      phrases: this.phrases,
      tags: plan.filters
        .filter((f) => f.kind === 'tag' && !f.negated)
        .flatMap((f) => f.values.map((v) => v.toLowerCase())),
      ids: plan.ids,
    });
  }

  find(request: SearchRequest): Found {
    const { index, s, plan } = this;
    const none: Found = { order: [], total: 0, totalInLibrary: 0 };
    const hasAnything =
      this.scoringUnits > 0 ||
      plan.filters.length > 0 ||
      plan.authors.length > 0 ||
      plan.notWords.length + plan.notPhrases.length + plan.notIds.length > 0;
    if (!hasAnything && request.query.trim() !== '') {
      plan.warnings.push('Nothing to search for: type words, a "phrase" or a filter such as tag:x');
      return none;
    }

    // Exclusions first, each against the whole index, marked in one stamp array that
    // the per-candidate checks read (a negated phrase or author is settled here, on
    // the papers holding its words, so no set of them is kept).
    const excluded = s.next();
    for (const word of plan.notWords) {
      const id = index.vocab.id(word);
      const list = id === undefined ? undefined : index.postings[id];
      if (!list) continue;
      for (let k = 0; k < list.length; k++) s.excluded[list.data[k] >>> SLOT_SHIFT] = excluded;
    }
    for (const unit of plan.notIds) {
      for (const slot of index.slotsForId(unit.id, unit.prefix)) s.excluded[slot] = excluded;
    }
    for (const matcher of this.notPhrases) {
      const holders = intersect(index, s, this.terms.phraseSteps(matcher.unit));
      for (let i = 0; i < holders.length; i++) {
        const slot = holders[i];
        if (this.terms.phraseField(slot, matcher, ALL_FIELDS)) s.excluded[slot] = excluded;
      }
    }
    const authorChecks: Array<(name: string) => boolean> = [];
    for (const author of plan.authors) {
      const matches = this.terms.authorMatcher(author);
      if (!author.negated) {
        authorChecks.push(matches);
        continue;
      }
      const holders = intersect(index, s, this.terms.authorSteps(author));
      for (let i = 0; i < holders.length; i++) {
        const slot = holders[i];
        if (index.docs[slot]!.authors.some(matches)) s.excluded[slot] = excluded;
      }
    }

    // Candidates: papers matching every positive step; with only filters, every paper.
    const steps: Step[] = [
      ...plan.words.map((w) =>
        wordStep(index, this.terms.expand(w.word, w.prefix, w.typos), ALL_FIELDS, true),
      ),
      ...plan.ids.map((unit) => slotStep(index.slotsForId(unit.id, unit.prefix))),
      ...plan.phrases.flatMap((p) => this.terms.phraseSteps(p)),
      ...plan.authors.filter((a) => !a.negated).flatMap((a) => this.terms.authorSteps(a)),
    ];
    const inScope = scopePredicate(index, request);
    const accept = this.acceptor(excluded, authorChecks);
    // Matches in the scope go to scratch memory: a query allocates no per-paper arrays.
    const out = s.results;
    let n = 0;
    let order: Int32Array;
    let totalInLibrary = 0;
    if (steps.length === 0) {
      // Only filters: every paper is a candidate, tested as it is read.
      const { alive } = index;
      for (let slot = 0; slot < index.slotCount; slot++) {
        if (alive[slot] === 0 || (accept && !accept(slot))) continue;
        s.score[slot] = 0;
        s.hit[slot] = 0;
        totalInLibrary++;
        if (!inScope || inScope(slot)) out[n++] = slot;
      }
      order = out.subarray(0, n);
    } else {
      const candidates = intersect(index, s, steps);
      if (!accept && this.phrases.length === 0 && !inScope) {
        // Nothing to check per paper: the candidates are the matches.
        totalInLibrary = candidates.length;
        order = candidates;
      } else {
        for (let i = 0; i < candidates.length; i++) {
          const slot = candidates[i];
          if (accept && !accept(slot)) continue;
          if (this.phrases.length > 0 && !this.scorePhrases(slot)) continue;
          totalInLibrary++;
          if (!inScope || inScope(slot)) out[n++] = slot;
        }
        order = out.subarray(0, n);
      }
    }
    if (totalInLibrary === 0) this.warnUnknownTags();
    const need = Math.min(order.length, Math.max(request.offset + request.limit, FUSE_WINDOW));
    const { tieKeys } = index;
    const ranked = topByKey(
      order,
      need,
      (slot) => rankKey(s.score[slot], tieKeys[slot]),
      s.keys,
      s.keysCopy,
    );
    if (plan.fusePattern !== '' && ranked.length > 1) this.fuseOrder(ranked);
    return { order: ranked, total: order.length, totalInLibrary };
  }

  /** The per-paper checks this query needs, as one test; null when it needs none. */
  private acceptor(
    excluded: number,
    authorChecks: Array<(name: string) => boolean>,
  ): ((slot: number) => boolean) | null {
    const { index, s, plan } = this;
    const tests: Array<(slot: number, doc: SearchDocument) => boolean> = [];
    const negatives =
      plan.notWords.length +
      plan.notIds.length +
      plan.notPhrases.length +
      plan.authors.filter((a) => a.negated).length;
    if (negatives > 0) tests.push((slot) => s.excluded[slot] !== excluded);
    if (plan.filters.length > 0) {
      const passes = filterPredicate(index, plan.filters);
      if (passes) tests.push((slot) => passes(slot));
    }
    for (const matches of authorChecks) tests.push((_, doc) => doc.authors.some(matches));
    if (tests.length === 0) return null;
    return (slot) => {
      const doc = index.docs[slot]!;
      for (let i = 0; i < tests.length; i++) if (!tests[i](slot, doc)) return false;
      return true;
    };
  }

  /** Check the phrases in one candidate and add their weight; false when one is missing. */
  private scorePhrases(slot: number): boolean {
    const { s } = this;
    let score = 0;
    for (const matcher of this.phrases) {
      const field = this.terms.phraseField(slot, matcher, s.hit[slot]);
      if (!field) return false;
      score += FIELD_WEIGHTS[field];
    }
    s.score[slot] += score;
    return true;
  }

  result(slot: number): SearchResult {
    const doc = this.index.docs[slot]!;
    const matches = this.matchesOf(slot);
    const fields = new Set(matches.map((m) => m.field));
    return {
      paper: toSummary(doc),
      score: this.relevance(slot),
      matches: matches.filter((m) => m.field !== 'notes' && m.field !== 'abstract'),
      matchedFields: SEARCH_FIELDS.filter((f) => fields.has(f)),
      snippet: snippetFor(doc, matches),
    };
  }

  /** Every mark in one paper, long fields in full. */
  allMatches(doc: SearchDocument): SearchMatch[] {
    return this.highlighter.matches(doc, ALL_FIELDS);
  }

  /** fuse.js re-orders the top of the list among papers of equal relevance. */
  private fuseOrder(ranked: number[]): void {
    const { index, s } = this;
    const window = ranked.slice(0, Math.min(FUSE_WINDOW, ranked.length));
    const docs = window.map((slot) => rankDocOf(index.docs[slot]!, this.matchesOf(slot)));
    const scores = fuseScores(docs, this.plan.fusePattern);
    const fuseOf = new Map(window.map((slot, i) => [slot, scores[i]]));
    const position = new Map(window.map((slot, i) => [slot, i]));
    window.sort(
      (a, b) =>
        relevanceLevel(s.score[b]) - relevanceLevel(s.score[a]) ||
        fuseOf.get(a)! - fuseOf.get(b)! ||
        position.get(a)! - position.get(b)!,
    );
    ranked.splice(0, window.length, ...window);
  }

  /** Relevance in (0, 1]: each query word's best field weight, over all words in titles. */
  private relevance(slot: number): number {
    if (this.scoringUnits === 0) return 1;
    const max = this.scoringUnits * FIELD_WEIGHTS.title;
    return Math.min(1, Math.round((this.s.score[slot] / max) * 1000) / 1000);
  }

  private matchesOf(slot: number): SearchMatch[] {
    let matches = this.matchCache.get(slot);
    if (!matches) {
      const fields = this.scoringUnits > 0 || this.plan.authors.length > 0 ? this.s.hit[slot] : 0;
      matches = this.highlighter.matches(this.index.docs[slot]!, fields, SNIPPET_LENGTH);
      this.matchCache.set(slot, matches);
    }
    return matches;
  }

  private warnUnknownTags(): void {
    const wanted = this.plan.filters.filter((f) => f.kind === 'tag').flatMap((f) => f.values);
    if (wanted.length === 0) return;
    for (const tag of wanted) {
      const lower = tag.toLowerCase();
      if (!this.index.tagKeys.some((keys) => tagMatches(keys, lower))) {
        this.plan.warnings.push(`No paper has the tag “${tag}”`);
      }
    }
  }
}
