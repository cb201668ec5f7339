import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import { tempDir } from '../helpers/library';
import { bundleScript, type Bundle } from './helpers/bundle';
import { authorCount, dayAt, paperIdsFor, PAPERS_PER_DAY, startFeed } from './helpers/feed';
import { integrityProblems, withDb } from './helpers/verify';
import { seededRandom } from '../helpers/seeded-random';
import { WarmPool } from './helpers/workers';

/**
 * Crash safety of sync, proven by killing: a child process runs a backfill
 * through the real service (startSync, the feed client, the ingester) against
 * a local feed; we SIGKILL it at random moments, over and over, each run
 * resuming the last. After every kill: `PRAGMA integrity_check` passes, and
 * every day is all or nothing: a finished day (a synced_days row) has exactly
 * the feed's papers, with their authors; no appearance exists for a day that
 * is not finished; no paper exists without a finished day; and no finished day
 * is ever lost by a later kill.
 */
const KILLS = 22;
// Fixed seeds (tests/safety/fuzz-seeds.json); PAPERSHELF_CRASH_SEED=N replays one.
const SEEDS = fuzzSeeds('crash-sync');
/** Far more days than the kills leave time for, so every run has work. */
const RANGE = { from: dayAt(0), to: dayAt(1_400) };

const { dir, cleanup } = tempDir('papershelf-crash-sync-');
let bundle: Bundle;
let feed: Awaited<ReturnType<typeof startFeed>>;
beforeAll(async () => {
  [bundle, feed] = await Promise.all([
    bundleScript(path.join(__dirname, 'workers', 'crash-worker.ts')),
    startFeed(),
  ]);
});
afterAll(async () => {
  await feed.close();
  cleanup();
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Snapshot {
  synced: Map<string, number>;
  appearances: Map<string, string[]>;
  papers: Map<string, number>;
}

function snapshot(library: string): Snapshot {
  return withDb(library, (db) => {
    const synced = new Map(
      db
        .prepare<[], { day: string; count: number }>('select day, count from synced_days')
        .all()
        .map((r) => [r.day, r.count]),
    );
    const appearances = new Map<string, string[]>();
    for (const row of db
      .prepare<[], { day: string; paper_id: string }>(
        'select day, paper_id from daily_appearances order by day, rank',
      )
      .all()) {
      appearances.set(row.day, [...(appearances.get(row.day) ?? []), row.paper_id]);
    }
    const papers = new Map(
      db
        .prepare<[], { id: string; authors: number }>(
          'select id, json_array_length(authors) as authors from papers',
        )
        .all()
        .map((r) => [r.id, r.authors]),
    );
    return { synced, appearances, papers };
  });
}

describe.each(SEEDS)('sync under SIGKILL (seed %i)', (SEED) => {
  it(`keeps every day all or nothing through ${KILLS} kills`, async () => {
    const random = seededRandom(SEED);
    const library = path.join(dir, 'library.sqlite');
    const pool = new WarmPool(bundle, 2);
    let previous = new Set<string>();
    let killsWhileSyncing = 0;
    try {
      for (let kill = 0; kill < KILLS; kill += 1) {
        const worker = await pool.take();
        worker.go({ mode: 'sync', library, feedUrl: feed.url, ...RANGE });
        if (kill % 5 === 4) {
          await delay(random() * 60); // while it opens (and recovers) the library
        } else {
          // After a random number of progress events (days started and written), then a moment more.
          const events = 1 + Math.floor(random() * 30);
          let seen = 0;
          await worker.waitFor((line) => line.startsWith('synced ') && ++seen >= events);
          await delay(random() * 8);
          killsWhileSyncing += 1;
        }
        await worker.kill();
        expect(
          worker.lines.filter((l) => l.startsWith('error') || l.startsWith('finished')),
        ).toEqual([]);

        const after = `after kill ${kill + 1}`;
        expect(integrityProblems(library), after).toEqual([]);
        const { synced, appearances, papers } = snapshot(library);
        for (const [day, count] of synced) {
          expect(count, `${day} ${after}`).toBe(PAPERS_PER_DAY);
          expect(appearances.get(day), `${day} ${after}`).toEqual(paperIdsFor(day));
        }
        for (const day of appearances.keys()) {
          expect(synced.has(day), `appearances of unfinished day ${day} ${after}`).toBe(true);
        }
        const featured = new Set([...appearances.values()].flat());
        for (const [id, authors] of papers) {
          expect(featured.has(id), `paper ${id} without a finished day ${after}`).toBe(true);
          expect(authors, `authors of ${id} ${after}`).toBe(authorCount(id));
        }
        for (const day of previous) expect(synced.has(day), `${day} lost ${after}`).toBe(true);
        previous = new Set(synced.keys());
      }
    } finally {
      await pool.close();
    }
    expect(killsWhileSyncing).toBeGreaterThanOrEqual(17);
    expect(previous.size).toBeGreaterThan(0);
    // A few seconds on an idle machine; the margin is for a loaded CI runner.
  }, 120_000);
});
