import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../src/main/service';
import type { AppEvent } from '../../src/shared/events';
import { tempDir, tempService } from '../helpers/library';

/** Topic clusters of the 78 sample papers, labelled by hand from their titles and abstracts. */
const PRUNING = [
  '2509.22299', // HEAPr
  '2409.06211', // STUN
  '2509.14230', // NIRVANA
  '2409.13199', // CFSP
  '2312.11983', // Fluctuation-based adaptive structured pruning
  '1810.05270', // Rethinking the value of network pruning
  '2305.18403', // LoRAPrune
  '2305.18383', // A three-regime model of network pruning
  '2503.09657', // Týr-the-Pruner
  '2403.18955', // Structurally prune anything
  '2201.06776', // Pruning-aware sparse regularization
  '2408.14721', // PAT
];
const SPECULATIVE = [
  '2401.10774', // Medusa
  '2506.04708', // Model-free speculative sampling
  '2402.14160', // Recursive speculative decoding
  '2504.05598', // DEL
  '2503.03434', // RASD
  '2408.08696', // Turning trash into treasure
];
/** Papers about neither topic, archived in the For-you test. */
const UNRELATED = [
  '2509.01202', // PrediTree (canopy imagery)
  '2402.01502', // random forests
  '2306.00833', // hierarchical community detection
  '2503.03935', // GlucoLens
  '2309.14630', // free discontinuity regression
  '2507.01912', // 3D reconstruction of canopy
];

let service: Service;
let template: string;
const folder = tempDir();
afterAll(folder.cleanup);
beforeAll(async () => {
  const seeded = await tempService();
  template = path.join(folder.dir, 'template.sqlite');
  await seeded.service.close();
  fs.copyFileSync(seeded.file, template);
  await seeded.cleanup().catch(() => undefined);
});
let counter = 0;
beforeEach(async () => {
  const file = path.join(folder.dir, `library-${counter++}.sqlite`);
  fs.copyFileSync(template, file);
  service = await createService({ path: file, seedSample: false });
});
afterEach(() => service.close());

const precisionAt = (ranked: string[], relevant: Set<string>, k: number) =>
  ranked.slice(0, k).filter((id) => relevant.has(id)).length / k;

async function allPapers() {
  return (await service.api.search({ query: '', view: 'all', limit: 1000 })).results.map(
    (r) => r.paper,
  );
}

describe('More like this on the sample library', () => {
  it('lists mostly papers of the same topic, far above random and upvote rankings', async () => {
    const papers = await allPapers();
    const byUpvotes = [...papers].sort((a, b) => b.upvotes - a.upvotes).map((p) => p.id);
    const figures: Record<string, { related: number; random: number; upvotes: number }> = {};
    for (const [name, cluster] of [
      ['pruning', PRUNING],
      ['speculative decoding', SPECULATIVE],
    ] as const) {
      let related = 0;
      let upvotes = 0;
      for (const id of cluster) {
        const relevant = new Set(cluster.filter((c) => c !== id));
        const list = await service.api.relatedPapers({ id, limit: 5 });
        expect(list.length).toBe(5);
        expect(list.map((r) => r.paper.id)).not.toContain(id);
        related += precisionAt(
          list.map((r) => r.paper.id),
          relevant,
          5,
        );
        upvotes += precisionAt(
          byUpvotes.filter((p) => p !== id),
          relevant,
          5,
        );
      }
      figures[name] = {
        related: related / cluster.length,
        // A random ranking's expected precision: the cluster's share of the other papers.
        random: (cluster.length - 1) / (papers.length - 1),
        upvotes: upvotes / cluster.length,
      };
    }
    console.log('precision@5 of related lists', JSON.stringify(figures));
    for (const f of Object.values(figures)) {
      expect(f.related).toBeGreaterThanOrEqual(0.6);
      expect(f.related).toBeGreaterThan(f.random * 3);
      expect(f.related).toBeGreaterThan(f.upvotes + 0.3);
    }
  });

  it('says why: shared terms, and the shared authors and tags when there are some', async () => {
    const medusa = await service.api.relatedPapers({ id: '2401.10774', limit: 8 });
    expect(medusa.length).toBeGreaterThan(0);
    expect(medusa.length).toBeLessThanOrEqual(8);
    expect(medusa[0].reasons[0]).toMatch(/^Shared terms: .*(decoding|speculative|draft)/);
    const scores = medusa.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // A tag shared with an unrelated paper brings it in, and says so.
    await service.api.tagPapers({ ids: ['2401.10774', '2402.01502'], tag: 'Reading-Group' });
    const tagged = await service.api.relatedPapers({ id: '2401.10774', limit: 8 });
    const forests = tagged.find((r) => r.paper.id === '2402.01502');
    expect(forests?.reasons).toContain('Shared tag: Reading-Group');
  });

  it('finds a paper by the same author though the texts differ', async () => {
    const papers = await allPapers();
    // Any two sample papers sharing an author.
    const byAuthor = new Map<string, string[]>();
    for (const p of papers)
      for (const a of p.authors) byAuthor.set(a, [...(byAuthor.get(a) ?? []), p.id]);
    const [author, ids] = [...byAuthor].find(([, list]) => list.length >= 2)!;
    const related = await service.api.relatedPapers({ id: ids[0], limit: 8 });
    const other = related.find((r) => r.paper.id === ids[1]);
    expect(other?.reasons.some((r) => r.startsWith('Shared author') && r.includes(author))).toBe(
      true,
    );
  });

  it('refuses an unknown paper with a clear error', async () => {
    await expect(service.api.relatedPapers({ id: '9999.99999' })).rejects.toThrow(
      /No paper with id 9999\.99999/,
    );
  });
});

describe('For you on the sample library', () => {
  it('with fewer than 3 positive papers, says what it needs and ranks by upvotes', async () => {
    await service.api.setStarred({ ids: [PRUNING[0], PRUNING[1]], starred: true });
    const ranked = await service.api.forYou({ view: 'inbox', limit: 10 });
    expect(ranked.ranking).toBe('upvotes');
    expect(ranked.positives).toBe(2);
    expect(ranked.needs).toMatch(/1 more paper \(2 of 3 so far\)/);
    const upvotes = ranked.picks.map((p) => p.paper.upvotes);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(ranked.picks[0].because).toMatch(/upvotes? on the feed/);
  });

  it('starring a few pruning papers and archiving unrelated ones puts pruning at the top of the Inbox', async () => {
    const starred = PRUNING.slice(0, 4);
    await service.api.setStarred({ ids: starred, starred: true });
    await service.api.setStatus({ ids: UNRELATED, status: 'archived' });
    const ranked = await service.api.forYou({ view: 'inbox', limit: 20 });
    expect(ranked.ranking).toBe('model');
    expect(ranked.needs).toBeNull();
    expect(ranked.positives).toBe(4);
    expect(ranked.negatives).toBe(UNRELATED.length);
    for (const id of UNRELATED) expect(ranked.picks.map((p) => p.paper.id)).not.toContain(id);
    // The starred papers are still in the Inbox (a star is not a status): judge the rest.
    const ids = ranked.picks.map((p) => p.paper.id).filter((id) => !starred.includes(id));
    const relevant = new Set(PRUNING.slice(4));
    const inbox = (await service.api.search({ query: '', view: 'inbox', limit: 1000 })).results.map(
      (r) => r.paper,
    );
    const byUpvotes = [...inbox].sort((a, b) => b.upvotes - a.upvotes).map((p) => p.id);
    const figures = {
      forYou: precisionAt(ids, relevant, 5),
      random: relevant.size / inbox.length,
      upvotes: precisionAt(byUpvotes, relevant, 5),
    };
    console.log('precision@5 of For you (pruning)', JSON.stringify(figures));
    expect(figures.forYou).toBeGreaterThanOrEqual(0.8);
    expect(figures.forYou).toBeGreaterThan(figures.upvotes + 0.4);
    // Every pick says why; the top ones cite the starred papers.
    expect(ranked.picks[0].because).toMatch(/^Like \d+ papers? you starred: /);
    for (const pick of ranked.picks) expect(pick.because.length).toBeGreaterThan(0);
    const scores = ranked.picks.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks any view, and a sort by it keeps the view’s papers', async () => {
    await service.api.setStarred({ ids: SPECULATIVE.slice(0, 3), starred: true });
    await service.api.setStatus({ ids: SPECULATIVE.slice(3), status: 'toread' });
    const toread = await service.api.forYou({ view: 'toread', limit: 50 });
    expect(toread.total).toBe(3);
    expect(toread.picks.map((p) => p.paper.id).sort()).toEqual(SPECULATIVE.slice(3).sort());
  });

  it('retrains in the background after triage, announcing it, and a search meanwhile is answered', async () => {
    await service.close();
    // A service whose training pauses hand over to a search the first time.
    const file = path.join(folder.dir, `library-${counter++}.sqlite`);
    fs.copyFileSync(template, file);
    const order: string[] = [];
    let searched: Promise<unknown> | null = null;
    service = await createService({
      path: file,
      seedSample: false,
      discovery: {
        pause: async () => {
          searched ??= service.api.search({ query: 'pruning' }).then(() => order.push('search'));
          await new Promise<void>((resolve) => setImmediate(resolve));
        },
      },
    });
    await service.api.setStarred({ ids: PRUNING.slice(0, 3), starred: true });
    expect((await service.api.forYou({})).positives).toBe(3);
    searched = null;
    order.length = 0;

    const retrained = new Promise<AppEvent>((resolve) => {
      const off = service.events.subscribe((event) => {
        if (event.type !== 'discovery-updated') return;
        order.push('retrained');
        off();
        resolve(event);
      });
    });
    await service.api.setStatus({ ids: PRUNING.slice(3, 5), status: 'toread' });
    const event = await retrained;
    expect(event).toMatchObject({ type: 'discovery-updated', positives: 5 });
    expect(order).toEqual(['search', 'retrained']);
    const ranked = await service.api.forYou({ limit: 5 });
    expect(ranked.positives).toBe(5);
  });
});

describe('tag suggestions on the sample library', () => {
  it('suggests a tag with 3 papers on a paper like them, and not on an unrelated one', async () => {
    await service.api.tagPapers({ ids: SPECULATIVE.slice(0, 4), tag: 'spec-decoding' });
    const rasd = await service.api.tagSuggestions({ id: SPECULATIVE[4] });
    expect(rasd.map((s) => s.tag)).toContain('spec-decoding');
    expect(rasd.find((s) => s.tag === 'spec-decoding')!.because).toMatch(
      /^Like \d+ papers? tagged spec-decoding: /,
    );
    const forests = await service.api.tagSuggestions({ id: UNRELATED[1] });
    expect(forests.map((s) => s.tag)).not.toContain('spec-decoding');
    // A paper already under the tag is not offered it again.
    const medusa = await service.api.tagSuggestions({ id: SPECULATIVE[0] });
    expect(medusa.map((s) => s.tag)).not.toContain('spec-decoding');
  });

  it('offers nothing for a tag with only 2 papers', async () => {
    await service.api.tagPapers({ ids: SPECULATIVE.slice(0, 2), tag: 'few' });
    expect(await service.api.tagSuggestions({ id: SPECULATIVE[4] })).toEqual([]);
  });
});
