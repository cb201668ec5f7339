import type { ForYouPick, ForYouResults, TagSuggestion } from '../../shared/api/discovery';
import type { View } from '../../shared/domain';
import { toSummary } from '../search/index/documents';
import type { SearchIndex } from '../search/index/search-index';
import { scopePredicate } from '../search/query/filters';
import { margin, sigmoid } from './logistic';
import { MIN_POSITIVES, type ForYouModel, type TrainedModels } from './models';
import { KIND_PHRASES, type PositiveKind } from './signals';
import {
  dot,
  idf,
  shortTitle,
  type Accumulator,
  type TermVector,
  type VectorCache,
} from './vectors';

/** Model terms whose posting lists are walked to score every paper at once. */
const WALK_TERMS = 120;
/** Terms in more than this share of papers are left out of the walk (long lists, little weight). */
const COMMON_SHARE = 0.05;
/** Papers past the page that are scored exactly too, so the page's order is the model's. */
const EXACT_WINDOW = 100;
/** A positive paper this alike (cosine) counts as "like" a pick. */
const LIKE_THRESHOLD = 0.08;

export interface ForYouQuery {
  view: View;
  tag?: string;
  day?: string;
  offset: number;
  limit: number;
}

/**
 * Rank a view's papers for the user. With a model: its heaviest terms walk their
 * posting lists (an approximate score for every paper), then the top of that
 * order is scored exactly (the model's probability on the paper's unit vector).
 * Without one (fewer than 3 positive papers): by the feed's upvotes, saying what
 * the model needs.
 */
export function rankForYou(
  index: SearchIndex,
  vectors: VectorCache,
  acc: Accumulator,
  models: TrainedModels,
  query: ForYouQuery,
): ForYouResults {
  const inScope = scopePredicate(index, query);
  const slots: number[] = [];
  for (let slot = 0; slot < index.slotCount; slot++) {
    if (index.alive[slot] && (!inScope || inScope(slot))) slots.push(slot);
  }
  const base = {
    positives: models.positives,
    negatives: models.negatives,
    total: slots.length,
  };
  const { forYou } = models;
  if (!forYou) {
    const upvotes = (slot: number) => index.tieKeys[slot] % 1e4;
    slots.sort((a, b) => upvotes(b) - upvotes(a) || index.tieKeys[b] - index.tieKeys[a]);
    const page = slots.slice(query.offset, query.offset + query.limit);
    index.prefetch(page);
    const missing = MIN_POSITIVES - models.positives;
    return {
      ...base,
      ranking: 'upvotes',
      needs:
        `Star, tag or move to To read ${missing} more ${missing === 1 ? 'paper' : 'papers'} ` +
        `(${models.positives} of ${MIN_POSITIVES} so far) to rank papers for you; until then, by upvotes.`,
      picks: page.map((slot) => {
        const doc = index.doc(slot);
        return {
          paper: toSummary(doc),
          score: doc.upvotes,
          because: `${doc.upvotes.toLocaleString('en-US')} ${doc.upvotes === 1 ? 'upvote' : 'upvotes'} on the feed`,
        };
      }),
    };
  }

  // Approximate: the model's heaviest terms, walked (tf-idf, without the paper's length).
  acc.reset(index.slotCount);
  const maxDf = Math.max(20, index.size * COMMON_SHARE);
  let walked = 0;
  for (const term of forYou.topTerms) {
    if (walked >= WALK_TERMS) break;
    if (term >= index.vocab.size || index.termCount(term) > maxDf) continue;
    acc.walk(index, term, forYou.model.weights[term] * idf(index, term));
    walked++;
  }
  const { scores } = acc;
  slots.sort((a, b) => scores[b] - scores[a] || index.tieKeys[b] - index.tieKeys[a]);

  // Exact: the model's probability, for the page and a window past it.
  const exactCount = Math.min(slots.length, query.offset + query.limit + EXACT_WINDOW);
  const head = slots.slice(0, exactCount);
  const headVectors = vectors.vectors(index, head);
  const exact = new Map<number, number>();
  head.forEach((slot, i) => exact.set(slot, sigmoid(margin(forYou.model, headVectors[i]))));
  head.sort((a, b) => exact.get(b)! - exact.get(a)! || index.tieKeys[b] - index.tieKeys[a]);
  const page = head.slice(query.offset, query.offset + query.limit);
  index.prefetch(page);
  const picks: ForYouPick[] = page.map((slot) => {
    const doc = index.doc(slot);
    const vector = vectors.vector(index, slot);
    return {
      paper: toSummary(doc),
      score: Math.round(exact.get(slot)! * 1000) / 1000,
      because: because(index, forYou, doc.id, vector),
    };
  });
  return { ...base, ranking: 'model', needs: null, picks };
}

/**
 * Why a paper was picked: the positive papers most like it, of the kind of the
 * likest ("Like 3 papers you starred: Medusa, RASD, …"), else the model's
 * heaviest terms in it ("Top terms: pruning, sparsity, llm").
 */
function because(index: SearchIndex, forYou: ForYouModel, id: string, vector: TermVector): string {
  const alike = forYou.positives
    .filter((p) => p.id !== id)
    .map((p) => ({ p, sim: dot(vector, p.vector) }))
    .filter((x) => x.sim >= LIKE_THRESHOLD)
    .sort((a, b) => b.sim - a.sim);
  if (alike.length > 0) {
    const kind: PositiveKind = alike[0].p.kind;
    const same = alike.filter((x) => x.p.kind === kind);
    return likePhrase(
      same.length,
      KIND_PHRASES[kind],
      same.map((x) => x.p.title),
    );
  }
  const terms = [...vector.terms]
    .map((t, i) => ({ t, w: forYou.model.weights[t] * vector.weights[i] }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, 3)
    .map((x) => index.vocab.terms[x.t]);
  return terms.length > 0 ? `Top terms: ${terms.join(', ')}` : 'Little in common with your papers';
}

export function likePhrase(count: number, verb: string, titles: string[]): string {
  const names = titles.slice(0, 2).map(shortTitle);
  const more = count > names.length ? ', …' : '';
  return `Like ${count} ${count === 1 ? 'paper' : 'papers'} ${verb}: ${names.join(', ')}${more}`;
}

/** Tags whose (nearest-centroid) model says this paper looks like their papers, likeliest first (tags it has aside). */
export function suggestTags(
  index: SearchIndex,
  vectors: VectorCache,
  models: TrainedModels,
  id: string,
  limit: number,
): TagSuggestion[] | null {
  const slot = index.slotOf(id);
  if (slot === undefined) return null;
  const has = new Set(index.tagKeys[slot]);
  const vector = vectors.vector(index, slot);
  if (vector.terms.length === 0) return [];
  const out: TagSuggestion[] = [];
  for (const tag of models.tags) {
    if (has.has(tag.key)) continue;
    const p = margin(tag.model, vector);
    if (p < tag.threshold) continue;
    const alike = tag.papers
      .filter((paper) => paper.id !== id)
      .map((paper) => ({ paper, sim: dot(vector, paper.vector) }))
      .sort((a, b) => b.sim - a.sim);
    const close = alike.filter((x) => x.sim >= LIKE_THRESHOLD);
    const cited = close.length > 0 ? close : alike.slice(0, 2);
    out.push({
      tag: tag.tag,
      score: Math.round(p * 1000) / 1000,
      because: likePhrase(
        close.length > 0 ? close.length : tag.papers.length,
        `tagged ${tag.tag}`,
        cited.map((x) => x.paper.title),
      ),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag)).slice(0, limit);
}
