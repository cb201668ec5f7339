import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { LibraryDb } from '../db/connection';
import type { Database } from '../db/schema';
import type { FeedPaper } from '../library/feed-paper';
import { createIngester } from '../library/ingest-repo';
import { getPaper } from '../library/papers-repo';
import type { LibraryDoc } from './doc-model';
import * as repo from './replica-repo';

/** What a replicated paper must look like before it is written (the relay can send anything). */
const replicatedPaper = z.object({
  source: z.enum(['manual', 'import']),
  paper: z.object({
    id: z.string().max(64),
    title: z.string().max(10_000),
    abstract: z.string().max(200_000),
    authors: z.array(z.object({ name: z.string().max(1_000), hidden: z.boolean() })).max(10_000),
    publishedAt: z.string().max(40).nullable(),
    upvotes: z.number().int().nonnegative(),
    numComments: z.number().int().nonnegative(),
    aiSummary: z.string().max(100_000).nullable(),
    aiKeywords: z.array(z.string().max(500)).max(1_000),
    githubRepo: z.string().max(2_000).nullable(),
    githubStars: z.number().int().nonnegative().nullable(),
    projectPage: z.string().max(2_000).nullable(),
    thumbnail: z.string().max(2_000).nullable(),
  }),
});

/** A hand-added paper's metadata as the document carries it. */
export async function paperJson(
  db: Kysely<Database>,
  id: string,
  source: 'manual' | 'import',
): Promise<string | null> {
  const paper = await getPaper(db, id);
  if (!paper) return null;
  const fields: FeedPaper = {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    publishedAt: paper.publishedAt,
    upvotes: paper.upvotes,
    numComments: paper.numComments,
    aiSummary: paper.aiSummary,
    aiKeywords: paper.aiKeywords,
    githubRepo: paper.githubRepo,
    githubStars: paper.githubStars,
    projectPage: paper.projectPage,
    thumbnail: paper.thumbnail,
  };
  return JSON.stringify({ source, paper: fields });
}

/** Papers added by hand on another device: their metadata comes with them. */
export async function insertReplicatedPapers(
  lib: LibraryDb,
  trx: Transaction<Database>,
  model: LibraryDoc,
  ids: string[],
  now: string,
): Promise<void> {
  const candidates = ids.filter((id) => model.papers.has(id));
  if (candidates.length === 0) return;
  const present = await repo.existingPaperIds(trx, candidates);
  const ingester = createIngester(lib.sqlite);
  for (const id of candidates) {
    if (present.has(id)) continue;
    let parsed;
    try {
      parsed = replicatedPaper.safeParse(JSON.parse(model.papers.get(id)!));
    } catch {
      continue;
    }
    if (!parsed.success || parsed.data.paper.id !== id) continue;
    ingester.upsertPapers([parsed.data.paper], { source: parsed.data.source, now });
  }
}
