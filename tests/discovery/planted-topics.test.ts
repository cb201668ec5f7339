import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { openLibrary } from '../../src/main/db/connection';
import { createService, type Service } from '../../src/main/service';
import { tempDir } from '../helpers/library';
import { generatePapers, topicWord, writeLibrary } from '../search/generated-library';
import { seededRandom as rng } from '../helpers/seeded-random';

/**
 * A generated library of 3,000 papers with one planted topic: the papers whose
 * abstracts use one made-up topic's jargon (tests/search/generated-library.ts). The user stars half of them and archives unrelated papers;
 * the other half must rank above the rest of the Inbox.
 */
const SIZE = 3_000;
const folder = tempDir();
let service: Service;
let topic: string[];
let others: string[];

beforeAll(async () => {
  const papers = generatePapers(SIZE, 7).map((p) => ({
    ...p,
    status: 'inbox' as const,
    starred: false,
    tags: [],
    note: '',
  }));
  // The papers of made-up topic 0 (the most popular): two or more of its jargon words.
  const jargon = Array.from({ length: 24 }, (_, k) => topicWord(0, k));
  const planted = new Set(
    papers
      .filter(({ paper }) => {
        const words = new Set(paper.abstract.toLowerCase().match(/[a-z]+/g) ?? []);
        return jargon.filter((w) => words.has(w)).length >= 2;
      })
      .map(({ paper }) => paper.id),
  );
  topic = [...planted].sort();
  others = papers.map((p) => p.paper.id).filter((id) => !planted.has(id));
  const file = path.join(folder.dir, 'planted.sqlite');
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: file });
  writeLibrary(lib.sqlite, papers);
  await lib.close();
  service = await createService({ path: file, seedSample: false });
});
afterAll(async () => {
  await service?.close();
  folder.cleanup();
});

describe('For you on a library with a planted topic', () => {
  it('ranks held-out papers of the starred topic above the rest of the Inbox', async () => {
    const random = rng(99);
    const shuffled = [...others].sort(() => random() - 0.5);
    const train = topic.filter((_, i) => i % 2 === 0);
    const heldOut = new Set(topic.filter((_, i) => i % 2 === 1));
    await service.api.setStarred({ ids: train, starred: true });
    await service.api.setStatus({ ids: train, status: 'read' });
    await service.api.setStatus({ ids: shuffled.slice(0, 3 * train.length), status: 'archived' });

    const ranked = await service.api.forYou({ view: 'inbox', limit: 1_000 });
    expect(ranked.ranking).toBe('model');
    expect(ranked.total).toBe(SIZE - 4 * train.length);
    const order = ranked.picks.map((p) => p.paper.id);
    // AUC over the Inbox: how often a held-out topic paper outranks another paper.
    const rank = new Map(order.map((id, i) => [id, i]));
    const unranked = order.length;
    const position = (id: string) => rank.get(id) ?? unranked;
    const negatives = shuffled.slice(3 * train.length);
    let wins = 0;
    for (const p of heldOut)
      for (const n of negatives)
        wins += position(p) < position(n) ? 1 : position(p) === position(n) ? 0.5 : 0;
    const auc = wins / (heldOut.size * negatives.length);
    const top = order.slice(0, heldOut.size).filter((id) => heldOut.has(id)).length / heldOut.size;
    expect(topic.length).toBeGreaterThanOrEqual(12);
    console.log(
      'planted topic',
      JSON.stringify({ topic: topic.length, auc, precisionAtTopicSize: top }),
    );
    expect(auc).toBeGreaterThan(0.9);
    expect(top).toBeGreaterThan(0.5);
  });
});
