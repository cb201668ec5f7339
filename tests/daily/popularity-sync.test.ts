import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, FIXTURE_DAYS, type FeedServer } from '../sync/feed-server';
import { syncSetup, type SyncSetup } from '../sync/helpers';

/**
 * Popularity history through a real sync: the local feed server serves the
 * same days twice, the second time with changed counts for a few papers.
 */
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

const WEEK = { from: FIXTURE_DAYS[0], to: FIXTURE_DAYS.at(-1) };

interface Wrapped {
  paper: { id: string; upvotes: number; githubStars?: number };
  numComments: number;
}

function history(): Array<{ paper_id: string; upvotes: number; comments: number }> {
  return s.service.lib.sqlite
    .prepare('select paper_id, upvotes, comments from paper_popularity order by paper_id, at')
    .all() as Array<{ paper_id: string; upvotes: number; comments: number }>;
}

/** Every finished day was fetched two days ago: the next incremental sync re-reads the last 14. */
function ageSyncedDays(): void {
  s.service.lib.sqlite
    .prepare("update synced_days set fetched_at = '2000-01-01T00:00:00.000Z'")
    .run();
}

async function allIds(sort: 'rising' | 'featured'): Promise<string[]> {
  const page = await s.service.api.listPapers({ view: 'all', sort, limit: 5000 });
  return page.papers.map((p) => p.id);
}

describe('popularity history', () => {
  it('records exactly the papers whose counts changed, re-reads two weeks once a day, and Rising orders by growth', async () => {
    const first = await s.sync({ ...WEEK, source: feed.url });
    expect(first.state).toBe('done');
    expect(history()).toEqual([]); // new papers write no history

    // The daily re-read: every finished day of the last 14, one request each. Nothing changed,
    // so nothing is written.
    ageSyncedDays();
    feed.requests.length = 0;
    const same = await s.sync({ source: feed.url });
    expect(same).toMatchObject({ state: 'done', updated: 0, added: 0 });
    expect(feed.requests.map((r) => r.day)).toEqual(FIXTURE_DAYS);
    expect(history()).toEqual([]);

    // Already re-read today: an incremental sync goes back to its usual three days.
    feed.requests.length = 0;
    await s.sync({ source: feed.url });
    expect(feed.requests.map((r) => r.day)).toEqual(FIXTURE_DAYS.slice(-3));

    // Serve 2025-11-14 again with changed counts for three papers.
    const day = feed.getDay('2025-11-14') as Wrapped[];
    const [a, b, c] = day;
    const changed = structuredClone(day);
    changed[0].paper.upvotes = a.paper.upvotes + 5;
    changed[1].paper.upvotes = b.paper.upvotes + 20;
    changed[2].numComments = c.numComments + 3;
    feed.setDay('2025-11-14', changed);
    const featuredBefore = await allIds('featured');
    ageSyncedDays();
    const again = await s.sync({ source: feed.url });
    expect(again).toMatchObject({ state: 'done', updated: 3, added: 0 });

    // One point for what each changed paper had, one for what it has now; nobody else.
    expect(new Set(history().map((h) => h.paper_id))).toEqual(
      new Set([a.paper.id, b.paper.id, c.paper.id]),
    );
    expect(history()).toHaveLength(6);
    const points = await s.service.api.getPopularity({ id: b.paper.id });
    expect(points.map((p) => p.upvotes)).toEqual([b.paper.upvotes, b.paper.upvotes + 20]);
    expect(points[0].at < points[1].at).toBe(true);
    expect(points[1]).toMatchObject({ comments: b.numComments });
    const unchangedId = featuredBefore.find((id) => ![a, b, c].some((x) => x.paper.id === id))!;
    expect(await s.service.api.getPopularity({ id: unchangedId })).toHaveLength(1);

    // Rising: +20 first, +5 next; everyone else (growth 0, comments do not count) by recency.
    const rising = await allIds('rising');
    expect(rising.slice(0, 2)).toEqual([b.paper.id, a.paper.id]);
    expect(rising.slice(2)).toEqual(
      featuredBefore.filter((id) => id !== a.paper.id && id !== b.paper.id),
    );
    // In any view: the Inbox holds them all here.
    const inbox = await s.service.api.listPapers({ view: 'inbox', sort: 'rising', limit: 3 });
    expect(inbox.papers.map((p) => p.id).slice(0, 2)).toEqual([b.paper.id, a.paper.id]);
    // Paged like any sort.
    const second = await s.service.api.listPapers({
      view: 'all',
      sort: 'rising',
      offset: 1,
      limit: 2,
    });
    expect(second.papers.map((p) => p.id)).toEqual(rising.slice(1, 3));
  });
});
