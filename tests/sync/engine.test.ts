import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryChangedEvent } from '../../src/shared/events';
import { FIXTURE_DAYS, makeItem, startFeedServer, type FeedServer } from './feed-server';
import { dumpLibrary, syncSetup, type SyncSetup } from './helpers';

let feed: FeedServer;
let s: SyncSetup;
beforeEach(async () => {
  feed = await startFeedServer();
  s = await syncSetup();
});
afterEach(async () => {
  await s.cleanup();
  await feed.close();
});

const WEEK = { from: '2025-11-10', to: '2025-11-16' };

function requestedDays(): string[] {
  return feed.requests.map((r) => r.day ?? '?');
}

function changes(): LibraryChangedEvent[] {
  return s.events.filter((e): e is LibraryChangedEvent => e.type === 'library-changed');
}

describe('sync engine: backfill', () => {
  it('brings a range in, one transaction per day, empty days included', async () => {
    const run = await s.sync({ ...WEEK, source: feed.url });
    expect(run).toMatchObject({
      state: 'done',
      mode: 'backfill',
      from: '2025-11-10',
      to: '2025-11-16',
      totalDays: 7,
      doneDays: 7,
      failedDays: 0,
      added: 78,
      updated: 0,
      skipped: 0,
      error: null,
    });
    expect(requestedDays()).toEqual(FIXTURE_DAYS);
    const dump = dumpLibrary(s.file);
    expect(dump.papers).toHaveLength(78);
    expect(dump.appearances).toHaveLength(78);
    expect(dump.days).toEqual([
      { day: '2025-11-10', count: 16, skipped: 0 },
      { day: '2025-11-11', count: 16, skipped: 0 },
      { day: '2025-11-12', count: 16, skipped: 0 },
      { day: '2025-11-13', count: 15, skipped: 0 },
      { day: '2025-11-14', count: 15, skipped: 0 },
      { day: '2025-11-15', count: 0, skipped: 0 },
      { day: '2025-11-16', count: 0, skipped: 0 },
    ]);
    // New papers land in the Inbox, from the feed.
    expect(new Set(dump.papers.map((p) => (p as { status: string }).status))).toEqual(
      new Set(['inbox']),
    );
    const inbox = await s.service.api.listPapers({ view: 'inbox', day: '2025-11-12' });
    expect(inbox.total).toBe(16);
  });

  it('reports progress and tells the library after each day that changed it', async () => {
    await s.sync({ ...WEEK, source: feed.url });
    const statuses = s.events.flatMap((e) => (e.type === 'sync-status' ? [e.status] : []));
    const doneCounts = statuses.map((st) => st.run?.doneDays);
    expect(doneCounts[0]).toBe(0);
    expect(doneCounts.at(-1)).toBe(7);
    expect([...new Set(doneCounts)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(statuses.some((st) => st.run?.currentDay === '2025-11-13')).toBe(true);
    expect(statuses.at(-1)).toMatchObject({
      running: false,
      offline: false,
      syncedDays: 7,
      lastSyncedDay: '2025-11-16',
      lastError: null,
    });
    expect(statuses.at(-1)?.lastSyncedAt).toEqual(expect.any(String));
    // The five days with papers changed the library; the two empty ones did not.
    expect(changes().map((c) => c.paperIds?.length)).toEqual([16, 16, 16, 15, 15]);
    const finished = s.events.filter((e) => e.type === 'sync-finished');
    expect(finished).toHaveLength(1);
    expect(s.events.at(-1)?.type).toBe('sync-finished');
  });

  it('resumes without refetching finished days', async () => {
    await s.sync({ from: '2025-11-10', to: '2025-11-12', source: feed.url });
    feed.requests.length = 0;
    const run = await s.sync({ ...WEEK, source: feed.url });
    expect(requestedDays()).toEqual(['2025-11-13', '2025-11-14', '2025-11-15', '2025-11-16']);
    expect(run).toMatchObject({ state: 'done', totalDays: 4, added: 30 });
    feed.requests.length = 0;
    const again = await s.sync({ ...WEEK, source: feed.url });
    expect(again).toMatchObject({ state: 'done', totalDays: 0, from: null, requests: 0 });
    expect(feed.requests).toHaveLength(0);
  });
});

describe('sync engine: incremental', () => {
  it('takes the last 7 days on a first sync, then refreshes the 3 newest finished days', async () => {
    const first = await s.sync({ source: feed.url });
    expect(first).toMatchObject({ mode: 'incremental', state: 'done', totalDays: 7, added: 78 });
    expect(requestedDays()).toEqual(FIXTURE_DAYS);

    feed.requests.length = 0;
    s.events.length = 0;
    const second = await s.sync({ source: feed.url });
    expect(requestedDays()).toEqual(['2025-11-14', '2025-11-15', '2025-11-16']);
    // Re-syncing unchanged days writes nothing and tells nobody.
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 15 });
    expect(changes()).toEqual([]);
  });

  it('catches up every day after the newest finished one, up to today in New York', async () => {
    await s.sync({ from: '2025-11-10', to: '2025-11-12', source: feed.url });
    feed.requests.length = 0;
    s.setNow(new Date('2025-11-19T03:30:00Z')); // 22:30 on the 18th in New York
    const run = await s.sync({ source: feed.url });
    expect(run).toMatchObject({ mode: 'incremental', from: '2025-11-10', to: '2025-11-18' });
    // 10..12 refreshed (the 3 newest finished days), then every day after them.
    expect(requestedDays()).toEqual([...FIXTURE_DAYS, '2025-11-17', '2025-11-18']);
    expect(run.state).toBe('done');
  });
});

describe('sync engine: data rules', () => {
  it('updates upvotes, comments and stars but never the user’s status, star, tags or notes', async () => {
    await s.sync({ ...WEEK, source: feed.url });
    const items = feed.getDay('2025-11-14') as Array<{
      paper: Record<string, unknown>;
      numComments: number;
    }>;
    const target = items[3];
    const id = String(target.paper.id);
    const api = s.service.api;
    await api.setStatus({ ids: [id], status: 'reading' });
    await api.setStarred({ ids: [id], starred: true });
    await api.tagPapers({ ids: [id], tag: 'rl/self-play' });
    await api.saveNote({ id, markdown: 'Read section 3 again.' });
    const before = await api.getPaper({ id });

    target.paper.upvotes = before.upvotes + 40;
    target.paper.githubStars = 1234;
    target.numComments = before.numComments + 9;
    s.events.length = 0;
    const run = await s.sync({ source: feed.url }); // refreshes 14, 15, 16
    expect(run).toMatchObject({ state: 'done', added: 0, updated: 1, unchanged: 14 });

    const after = await api.getPaper({ id });
    expect(after).toMatchObject({
      upvotes: before.upvotes + 40,
      numComments: before.numComments + 9,
      githubStars: 1234,
      status: 'reading',
      starred: true,
      tags: ['rl/self-play'],
      addedAt: before.addedAt,
      statusChangedAt: before.statusChangedAt,
    });
    expect(after.note?.markdown).toBe('Read section 3 again.');
    expect(changes()).toEqual([{ type: 'library-changed', scope: 'papers', paperIds: [id] }]);
  });

  it('stores a paper featured on two days once, with two appearances; twice in one day once', async () => {
    const [first, second] = feed.getDay('2025-11-14');
    const id = (first as { paper: { id: string } }).paper.id;
    feed.setDay('2025-11-16', [first, second, first]);
    const run = await s.sync({ ...WEEK, source: feed.url });
    expect(run).toMatchObject({ state: 'done', added: 78 });
    const dump = dumpLibrary(s.file);
    expect(dump.papers).toHaveLength(78);
    expect(dump.appearances.filter((a) => (a as { paper_id: string }).paper_id === id)).toEqual([
      { day: '2025-11-14', paper_id: id, rank: 0 },
      { day: '2025-11-16', paper_id: id, rank: 0 },
    ]);
    expect(dump.days.at(-1)).toEqual({ day: '2025-11-16', count: 2, skipped: 0 });
    const paper = await s.service.api.getPaper({ id });
    expect(paper.days).toEqual(['2025-11-16', '2025-11-14']);
    const [summary] = (await s.service.api.listPapers({ day: '2025-11-16', limit: 1 })).papers;
    expect(summary.lastFeaturedDay).toBe('2025-11-16');
  });

  it('skips invalid items, counts them, and keeps the day', async () => {
    feed.setDay('2025-11-15', [
      makeItem('2511.00001'),
      { paper: { title: 'no id' } },
      { nopaper: true },
      makeItem('2511.00002'),
      { paper: { id: '2511.00003', title: '' } },
    ]);
    const run = await s.sync({ from: '2025-11-15', to: '2025-11-15', source: feed.url });
    expect(run).toMatchObject({ state: 'done', doneDays: 1, added: 2, skipped: 3 });
    expect(dumpLibrary(s.file).days).toEqual([{ day: '2025-11-15', count: 2, skipped: 3 }]);
  });

  it('replaces a day’s list on refetch: a paper dropped from the day loses that appearance', async () => {
    await s.sync({ ...WEEK, source: feed.url });
    const items = feed.getDay('2025-11-16');
    const moved = feed.getDay('2025-11-14')[0] as { paper: { id: string } };
    feed.setDay('2025-11-16', [...items, moved]);
    await s.sync({ source: feed.url });
    expect((await s.service.api.getPaper({ id: moved.paper.id })).days).toEqual([
      '2025-11-16',
      '2025-11-14',
    ]);
    feed.setDay('2025-11-16', items);
    s.events.length = 0;
    await s.sync({ source: feed.url });
    const paper = await s.service.api.getPaper({ id: moved.paper.id });
    expect(paper.days).toEqual(['2025-11-14']);
    const [summary] = (
      await s.service.api.listPapers({ day: '2025-11-14', limit: 100 })
    ).papers.filter((p) => p.id === moved.paper.id);
    expect(summary.lastFeaturedDay).toBe('2025-11-14');
    expect(changes().flatMap((c) => c.paperIds ?? [])).toEqual([moved.paper.id]);
  });
});
