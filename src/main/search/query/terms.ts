import type { Scratch } from './candidates';
import { wordStep, type PositionTrack, type Step } from './candidates';
import { ALL_FIELDS as ALL, FIELD_BITS, type TextField } from '../index/documents';
import { expandWord, type Expansion } from './expand';
import { WHOLE } from './highlight';
import { ABSENT, fieldOfBit, PhraseMatcher, UNSURE } from './phrase';
import type { AuthorConstraint, PhraseUnit, QueryPlan } from './plan';
import type { SearchIndex } from '../index/search-index';

const ALL_FIELDS = ALL;

/**
 * A query's words turned into what the index works with: each word's expansions
 * (exact, prefix, typo terms, computed once per query), candidate steps, phrase and
 * author matchers, and the highlight marks.
 */
export class QueryTerms {
  private readonly expansions = new Map<string, Expansion[]>();
  /** Per phrase: its words' first-position arrays, filled by its candidate steps. */
  private readonly positions = new Map<PhraseUnit, Array<PositionTrack | null>>();

  constructor(
    private readonly index: SearchIndex,
    private readonly s: Scratch,
  ) {}

  expand(word: string, prefix: boolean, typos: boolean): Expansion[] {
    const key = `${word}\u0000${prefix ? 1 : 0}${typos ? 1 : 0}`;
    let list = this.expansions.get(key);
    if (!list) this.expansions.set(key, (list = expandWord(this.index, word, { prefix, typos })));
    return list;
  }

  /** A phrase's words as candidate steps; exact words also track their positions. */
  phraseSteps(phrase: PhraseUnit): Step[] {
    const tracks: Array<PositionTrack | null> = [];
    const steps = phrase.words.map((word, i) => {
      const prefix = phrase.lastIsPrefix && i === phrase.words.length - 1;
      const expansions = this.expand(word, prefix, false);
      const single = expansions.length === 1 ? this.index.postings[expansions[0].termId] : null;
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
    return matcher.bestField(index.docs[slot]!, fields, index.asciiFields[slot]);
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
      for (const e of this.expand(w.word, w.prefix, w.typos)) {
        const mark = e.kind === 'prefix' ? w.word.length : WHOLE;
        const current = marks.get(e.termId);
        if (current === undefined || current !== WHOLE) marks.set(e.termId, mark);
      }
    }
    return marks;
  }
}
