import type {
  SearchField,
  PartialMatches,
  SearchMatch,
  SearchResult,
  SearchResults,
} from '../../../shared/api/search';
import { parseSearchQuery } from '../../../shared/search-query';
import { intersect, Scratch, slotStep, type Step } from './candidates';
import {
  ALL_FIELDS as ALL,
  FIELD_BITS,
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

/**
 * When fewer papers than this match every free word, papers matching at least
 * half of them follow (a page of the list: what the app asks for by default).
 */
export const PARTIAL_PAGE = 50;

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
  const page = found.order.slice(request.offset, request.offset + request.limit);
  index.prefetch(page);
  const results = page.map((slot) => run.result(slot));
  return {
    query: request.query,
    total: found.total,
    totalInLibrary: found.totalInLibrary,
    offset: request.offset,
    results,
    parsed,
    warnings: plan.warnings,
    ...(found.partial ? { partial: found.partial } : {}),
    tookMs: Math.round((performance.now() - began) * 1000) / 1000,
  };
}

interface Found {
  /** The best matches in order: at least offset + limit of them (or all). */
  order: number[];
  total: number;
  totalInLibrary: number;
  partial?: PartialMatches;
}

/** One query's run: candidates, checks, order, result rows. */
class QueryRun {
  private readonly terms: QueryTerms;
  private readonly phrases: PhraseMatcher[];
  private readonly notPhrases: PhraseMatcher[];
  private readonly highlighter: Highlighter;
  private readonly matchCache = new Map<number, SearchMatch[]>();
  private readonly scoringUnits: number;
  /** Papers listed for matching only some words: the words they match, as bits. */
  private readonly partialBits = new Map<number, number>();
  /** ... and the fields those words hit (only they are read for highlights). */
  private readonly partialFields = new Map<number, number>();
  private partialRelevance = 0;
  private partialTerms = { masks: [] as number[], need: 0 };

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
      // Every form of the word (`-structured` also drops "structural"), as a search for it finds.
      for (const e of this.terms.expand(word, false, false, { also: [] })) {
        const list = index.list(e.termId);
        if (!list) continue;
        for (let k = 0; k < list.length; k++) s.excluded[list.data[k] >>> SLOT_SHIFT] = excluded;
      }
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
      // One word is in some author's name exactly when the index has it in the authors:
      // only several words (all within one name) need the paper itself read.
      const isOneWord = author.words.length === 1;
      const matches = this.terms.authorMatcher(author);
      if (!author.negated) {
        if (!isOneWord) authorChecks.push(matches);
        continue;
      }
      const holders = intersect(index, s, this.terms.authorSteps(author));
      for (let i = 0; i < holders.length; i++) {
        const slot = holders[i];
        if (isOneWord || index.doc(slot).authors.some(matches)) s.excluded[slot] = excluded;
      }
    }

    // Candidates: papers matching every positive step; with only filters, every paper.
    const steps: Step[] = [
      ...plan.words.map((w) => this.terms.wordStep(w)),
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
    const found: Found = { order: ranked, total: order.length, totalInLibrary };
    if (order.length < PARTIAL_PAGE && plan.words.length >= 2 && plan.ids.length === 0) {
      // Stamps and buffers are free again: the full matches are ranked into their own array.
      this.addPartial(found, request, accept, inScope, ranked.length);
    }
    return found;
  }

  /**
   * Papers matching at least half the free words (not all: those are listed
   * already), after the full matches: more words matched first, then the sum of
   * each matched word's weight — rare words count more (BM25's IDF), and a word in
   * the title more than one in the abstract. Filters, exclusions, phrases and
   * authors still hold for them.
   */
  private addPartial(
    found: Found,
    request: SearchRequest,
    accept: ((slot: number) => boolean) | null,
    inScope: ((slot: number) => boolean) | null,
    fullShown: number,
  ): void {
    const { index, s, plan } = this;
    // Count query terms, not words: `low-bandwidth` is one thing to match, not two.
    const termMasks = new Map<number, number>();
    plan.words.forEach((w, i) => termMasks.set(w.term, (termMasks.get(w.term) ?? 0) | (1 << i)));
    const masks = [...termMasks.values()];
    const words = masks.length;
    if (words < 2) return;
    const need = Math.ceil(words / 2);
    const gen = s.next();
    const { partialStamp, partialBits, partialCount, partialScore, partialSlots, best, mask } = s;
    const fieldsHit = s.partialFields;
    const buffer = s.lists[0];
    const papers = Math.max(1, index.size);
    let touched = 0;
    plan.words.forEach((w, i) => {
      const n = this.terms.wordStep(w).run(index, s, 0, buffer, buffer.subarray(0, 0));
      // BM25's inverse document frequency (never negative).
      const idf = Math.log(1 + (papers - n + 0.5) / (n + 0.5));
      for (let k = 0; k < n; k++) {
        const slot = buffer[k];
        if (partialStamp[slot] !== gen) {
          partialStamp[slot] = gen;
          partialBits[slot] = 0;
          partialCount[slot] = 0;
          partialScore[slot] = 0;
          fieldsHit[slot] = 0;
          partialSlots[touched++] = slot;
        }
        partialBits[slot] |= 1 << i;
        fieldsHit[slot] |= mask[slot];
        partialScore[slot] += idf * best[slot];
      }
    });
    const out = s.results;
    let n = 0;
    let inLibrary = 0;
    let matched = 0;
    for (let i = 0; i < touched; i++) {
      const slot = partialSlots[i];
      const bits = partialBits[slot];
      let count = 0;
      for (let t = 0; t < words; t++) if ((bits & masks[t]) === masks[t]) count++;
      partialCount[slot] = count;
      if (count < need || count >= words) continue;
      if (accept && !accept(slot)) continue;
      if (this.phrases.length > 0 && !this.phrasesIn(slot)) continue;
      inLibrary++;
      if (inScope && !inScope(slot)) continue;
      out[n++] = slot;
      if (count > matched) matched = count;
    }
    if (n === 0) return;
    const { tieKeys } = index;
    const room = Math.max(0, request.offset + request.limit - fullShown);
    const ranked = topByKey(
      out.subarray(0, n),
      Math.min(n, room),
      (slot) =>
        (partialCount[slot] * 1e5 + Math.round(partialScore[slot] * 10)) * 1e9 + tieKeys[slot],
      s.keys,
      s.keysCopy,
    );
    // Phrases and author filters are marked too (they hold in some field, not known here).
    const alsoMarked =
      (this.phrases.length > 0 ? ALL_FIELDS : 0) |
      (plan.authors.length > 0 ? FIELD_BITS.authors : 0);
    for (const slot of ranked) {
      this.partialBits.set(slot, partialBits[slot]);
      this.partialFields.set(slot, fieldsHit[slot] | alsoMarked);
    }
    this.partialTerms = { masks, need };
    this.partialRelevance =
      found.order.length > 0 ? this.relevance(found.order[found.order.length - 1]) : 1;
    found.order = found.order.concat(ranked);
    found.partial = { words, matched, fullMatches: found.total };
    found.total += n;
    found.totalInLibrary += inLibrary;
  }

  /** Every phrase in one paper, read from its text (partial matches have no positions). */
  private phrasesIn(slot: number): boolean {
    const doc = this.index.doc(slot);
    const ascii = this.index.asciiFields[slot];
    return this.phrases.every((m) => m.bestField(doc, ALL_FIELDS, ascii) !== null);
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
    // Only author checks read the paper itself (a stored index loads it on demand).
    const needsDoc = authorChecks.length > 0;
    return (slot) => {
      const doc = needsDoc ? index.doc(slot) : (null as unknown as SearchDocument);
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
    const doc = this.index.doc(slot);
    const matches = this.matchesOf(slot);
    const fields = new Set(matches.map((m) => m.field));
    const bits = this.partialBits.get(slot);
    return {
      paper: toSummary(doc),
      score: bits === undefined ? this.relevance(slot) : this.partialScoreOf(bits),
      matches: matches.filter((m) => m.field !== 'notes' && m.field !== 'abstract'),
      matchedFields: SEARCH_FIELDS.filter((f) => fields.has(f)),
      snippet: snippetFor(doc, matches),
      ...(bits === undefined
        ? {}
        : {
            missing: this.plan.words.filter((_, i) => (bits & (1 << i)) === 0).map((w) => w.word),
          }),
    };
  }

  /** Below every full match: the share of words matched, scaled under the last full match. */
  private partialScoreOf(bits: number): number {
    const { masks } = this.partialTerms;
    let count = 0;
    for (const mask of masks) if ((bits & mask) === mask) count++;
    const share = count / masks.length;
    return Math.max(0.001, Math.round(this.partialRelevance * share * 0.5 * 1000) / 1000);
  }

  /** Every mark in one paper, long fields in full. */
  allMatches(doc: SearchDocument): SearchMatch[] {
    return this.highlighter.matches(doc, ALL_FIELDS);
  }

  /** fuse.js re-orders the top of the list among papers of equal relevance. */
  private fuseOrder(ranked: number[]): void {
    const { index, s } = this;
    const window = ranked.slice(0, Math.min(FUSE_WINDOW, ranked.length));
    index.prefetch(window);
    const docs = window.map((slot) => rankDocOf(index.doc(slot), this.matchesOf(slot)));
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
      const fields = this.partialBits.has(slot)
        ? this.partialFields.get(slot)!
        : this.scoringUnits > 0 || this.plan.authors.length > 0
          ? this.s.hit[slot]
          : 0;
      matches = this.highlighter.matches(this.index.doc(slot), fields, SNIPPET_LENGTH);
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
