import { z } from 'zod';
import { VIEWS, type PaperSummary } from '../domain';
import { day, paperId, tagName } from './common';

/**
 * Discovery on the device: papers like this one, papers for you, and tags a
 * paper looks like it should carry. Computed from the search index's term
 * statistics and the user's own triage; nothing leaves the machine.
 */
export const discoveryInputs = {
  /** Up to `limit` papers of the library most like this one, best first. */
  relatedPapers: z.strictObject({
    id: paperId,
    limit: z.number().int().min(1).max(50).default(8),
  }),
  /**
   * Papers of a view ranked by a model trained on the user's signals (starred,
   * tagged, To read, Reading, Read: positive; archived without a star: negative).
   */
  forYou: z.strictObject({
    view: z.enum(VIEWS).default('inbox'),
    tag: tagName.optional(),
    day: day.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000).default(50),
  }),
  /** Tags (with at least 3 papers) that this paper looks like it should carry. */
  tagSuggestions: z.strictObject({
    id: paperId,
    limit: z.number().int().min(1).max(10).default(3),
  }),
};

export interface RelatedPaper {
  paper: PaperSummary;
  /** Similarity, higher is more alike; never increases down the list. */
  score: number;
  /** Why, one clause each: "Shared terms: draft, speculative", "Shared authors: …", "Shared tags: …". */
  reasons: string[];
}

export interface ForYouPick {
  paper: PaperSummary;
  /** The model's probability that the paper is one for you (0..1); upvotes when `ranking` is 'upvotes'. */
  score: number;
  /** Why this paper, in one line: "Like 3 papers you starred: Medusa, RASD, …". */
  because: string;
}

export interface ForYouResults {
  /** 'model' once there are at least 3 positive papers; 'upvotes' before that. */
  ranking: 'model' | 'upvotes';
  /** What the model still needs, when it falls back to upvotes; null otherwise. */
  needs: string | null;
  /** Positive and negative papers the model learned from. */
  positives: number;
  negatives: number;
  /** Papers in the view. */
  total: number;
  picks: ForYouPick[];
}

export interface TagSuggestion {
  tag: string;
  /** The tag model's score: how much closer the paper is to the tag's papers than to others. */
  score: number;
  /** "Like 3 papers tagged pruning: SparseGPT, Wanda, …". */
  because: string;
}

export interface DiscoveryOutputs {
  relatedPapers: RelatedPaper[];
  forYou: ForYouResults;
  tagSuggestions: TagSuggestion[];
}

/** The models were retrained (after triage changed): For-you and tag suggestions may differ now. */
export interface DiscoveryUpdatedEvent {
  type: 'discovery-updated';
  positives: number;
  negatives: number;
  /** Tags with a model (at least 3 papers). */
  tagModels: number;
  /** How long training took, pauses for other work included. */
  trainMs: number;
  /** The longest it held the main thread at a time (what a concurrent request waited at most). */
  longestSliceMs: number;
}
