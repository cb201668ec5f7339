import type { Scratch } from './candidates';
import { groupHits, wordStep, type GroupHits, type PositionTrack, type Step } from './candidates';
import { ALL_FIELDS as ALL, FIELD_BITS, type TextField } from '../index/documents';
import { expandGroups, expandWord, type Expansion, type ExpansionGroup } from './expand';
import { WHOLE } from './highlight';
import { ABSENT, fieldOfBit, PhraseMatcher, UNSURE } from './phrase';
import type { AuthorConstraint, PhraseUnit, QueryPlan, WordUnit } from './plan';
import type { SearchIndex } from '../index/search-index';

const ALL_FIELDS = ALL;
/** Phrases longer than this are checked in the text rather than from word positions. */
const LONG_PHRASE = 16;
/** Settled groups kept per index (until it changes): the words of the last few queries. */
const GROUP_CACHE = 64;

/**
 * A group's papers depend only on the index, not on the query: `llm` as "large
 * language model" reads three of the longest lists, so while someone types
 * `kg reasoning llm…` it is settled once, not at every keystroke.
 */
const settledGroups = new WeakMap<SearchIndex, { version: number; hits: Map<string, GroupHits> }>();

function settledGroup(index: SearchIndex, s: Scratch, group: ExpansionGroup): GroupHits {
  let cache = settledGroups.get(index);
  if (!cache || cache.version !== index.version) {
    cache = { version: index.version, hits: new Map() };
    settledGroups.set(index, cache);
  }
  const key = `${group.quality} ${group.parts.map((part) => part.map((e) => e.termId).join(',')).join('|')}`;
  let hits = cache.hits.get(key);
  if (hits) {
    // Most recently used last, so the oldest goes first.
    cache.hits.delete(key);
  } else {
    hits = groupHits(index, s, group);
    if (cache.hits.size >= GROUP_CACHE) cache.hits.delete(cache.hits.keys().next().value!);
  }
  cache.hits.set(key, hits);
  return hits;
}

/**
 * A query's words turned into what the index works with: each word's expansions
 * (exact, prefix, typo terms, computed once per query), candidate steps, phrase and
 * author matchers, and the highlight marks.
 */
export class QueryTerms {
  private readonly expansions = new Map<string, Expansion[]>();
  private readonly groups = new Map<string, { groups: ExpansionGroup[]; hits: GroupHits[] }>();
  /** Per phrase: its words' first-position arrays, filled by its candidate steps. */
  private readonly positions = new Map<PhraseUnit, Array<PositionTrack | null>>();

  constructor(
    private readonly index: SearchIndex,
    private readonly s: Scratch,
  ) {}

  expand(
    word: string,
    prefix: boolean,
    typos: boolean,
    variants?: WordUnit['variants'],
  ): Expansion[] {
    const also = variants ? variants.also.join(' ') : '';
    const key = `${word}\u0000${prefix ? 1 : 0}${typos ? 1 : 0}${variants ? 1 : 0}${also}`;
    let list = this.expansions.get(key);
    if (!list) {
      list = expandWord(this.index, word, { prefix, typos, variants });
      this.expansions.set(key, list);
    }
    return list;
  }

  /** A free word's expansions (variants included). */
  expandUnit(w: WordUnit): Expansion[] {
    return this.expand(w.word, w.prefix, w.typos, w.variants);
  }

  /** The term groups standing for a free word (split compound, abbreviation), settled. */
  groupsOf(w: WordUnit): { groups: ExpansionGroup[]; hits: GroupHits[] } {
    const none = { groups: [], hits: [] };
    if (!w.variants) return none;
    let found = this.groups.get(w.word);
    if (!found) {
      const groups = expandGroups(this.index, w.word);
      found = { groups, hits: groups.map((g) => settledGroup(this.index, this.s, g)) };
      this.groups.set(w.word, found);
    }
    return found;
  }

  /** A free word's candidate step: its expansions and groups, in every field. */
  wordStep(w: WordUnit): Step {
    return wordStep(this.index, this.expandUnit(w), ALL_FIELDS, true, null, this.groupsOf(w).hits);
  }

  /** A phrase's words as candidate steps; exact words also track their positions. */
  phraseSteps(phrase: PhraseUnit): Step[] {
    if (phrase.words.length > LONG_PHRASE) {
      // A long phrase: each distinct word once narrows the candidates as well as all of
      // them would, and the phrase itself is then checked in the text, word by word.
      const distinct = new Map<string, boolean>();
      phrase.words.forEach((word, i) => {
        const prefix = phrase.lastIsPrefix && i === phrase.words.length - 1;
        distinct.set(word, (distinct.get(word) ?? false) || prefix);
      });
      return [...distinct].map(([word, prefix]) =>
        wordStep(this.index, this.expand(word, prefix, false), ALL_FIELDS, false),
      );
    }
    const tracks: Array<PositionTrack | null> = [];
    const steps = phrase.words.map((word, i) => {
      const prefix = phrase.lastIsPrefix && i === phrase.words.length - 1;
      const expansions = this.expand(word, prefix, false);
      const single = expansions.length === 1 ? this.index.list(expansions[0].termId) : null;
      const track = single ? this.s.takePositions(single) : null;
      tracks.push(track);
      return wordStep(this.index, expansions, ALL_FIELDS, false, track);
    });
    this.positions.set(phrase, tracks);
    return steps;
  }

  /** The best field holding the phrase: from word positions when they settle it, else the text. */
  phraseField(slot: number, matcher: PhraseMatcher, fields: number): TextField | null {
    const tracks = this.positions.get(matcher.unit);
    const found = tracks ? matcher.check(slot, tracks) : UNSURE;
    if (found > 0) return fieldOfBit(found);
    if (found === ABSENT) return null;
    const { index } = this;
    return matcher.bestField(index.doc(slot), fields, index.asciiFields[slot]);
  }

  authorSteps(author: AuthorConstraint): Step[] {
    return author.words.map((w) =>
      wordStep(this.index, this.expand(w.word, w.prefix, w.typos), FIELD_BITS.authors, false),
    );
  }

  phraseMatcher(phrase: PhraseUnit): PhraseMatcher {
    const allowed = phrase.words.map((word, i) => {
      const prefix = phrase.lastIsPrefix && i === phrase.words.length - 1;
      return new Set(this.expand(word, prefix, false).map((e) => e.termId));
    });
    return new PhraseMatcher(this.index.vocab, phrase, allowed);
  }

  /** Does one author's name hold every word of an author filter (as expanded)? */
  authorMatcher(author: AuthorConstraint): (name: string) => boolean {
    const sets = author.words.map(
      (w) => new Set(this.expand(w.word, w.prefix, w.typos).map((e) => e.termId)),
    );
    const { vocab } = this.index;
    return (name) => {
      const ids: number[] = [];
      vocab.forEachWordId(name, (id) => {
        ids.push(id);
        return true;
      });
      return sets.every((set) => ids.some((id) => set.has(id)));
    };
  }

  /** Highlight marks: whole words for exact and typo matches, the typed part for prefixes. */
  marks(words: QueryPlan['words']): Map<number, number> {
    const marks = new Map<number, number>();
    for (const w of words) {
      for (const e of this.expandUnit(w)) {
        const mark = e.kind === 'prefix' ? w.word.length : WHOLE;
        const current = marks.get(e.termId);
        if (current === undefined || current !== WHOLE) marks.set(e.termId, mark);
      }
      for (const group of this.groupsOf(w).groups) {
        for (const part of group.parts) for (const e of part) marks.set(e.termId, WHOLE);
      }
    }
    return marks;
  }
}
