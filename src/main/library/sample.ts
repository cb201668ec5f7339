import type BetterSqlite3 from 'better-sqlite3';
import { parseFeedItem, type FeedPaper } from './feed-paper';
import { nowIso } from '../util/time';
import { createIngester } from './ingest-repo';
import day10 from '../sample/2025-11-10.json';
import day11 from '../sample/2025-11-11.json';
import day12 from '../sample/2025-11-12.json';
import day13 from '../sample/2025-11-13.json';
import day14 from '../sample/2025-11-14.json';

/**
 * The bundled sample: 78 real papers recorded from the Daily Papers feed
 * (five weekdays of 2025-11). Imported statically so bundling keeps them.
 * They are stored with source 'sample' and do not mark the days as synced,
 * so a real sync still fetches those days.
 */
const SAMPLE_DAYS: Array<[string, unknown[]]> = [
  ['2025-11-10', day10],
  ['2025-11-11', day11],
  ['2025-11-12', day12],
  ['2025-11-13', day13],
  ['2025-11-14', day14],
];

export function samplePapers(): Array<{ day: string; papers: FeedPaper[] }> {
  return SAMPLE_DAYS.map(([day, items]) => ({
    day,
    papers: items.flatMap((item) => {
      const parsed = parseFeedItem(item);
      return parsed.ok ? [parsed.paper] : [];
    }),
  }));
}

export function loadSample(sqlite: BetterSqlite3.Database): number {
  const ingester = createIngester(sqlite);
  const now = nowIso();
  let added = 0;
  for (const { day, papers } of samplePapers()) {
    added += ingester.ingestDay(
      { day, papers, skipped: 0 },
      { source: 'sample', markSynced: false, now },
    ).added;
  }
  return added;
}

/**
 * Put bundled sample papers back (the undo of removeSample). A day the feed has
 * not synced gets its sample list again, ranks and all; on a day the feed has
 * synced, the feed's list stands and the papers return without that day.
 * Returns how many papers came back.
 */
export function restoreSamplePapers(sqlite: BetterSqlite3.Database, ids: string[]): number {
  const wanted = new Set(ids);
  const ingester = createIngester(sqlite);
  const now = nowIso();
  const isSynced = sqlite.prepare<[string], { one: number }>(
    'select 1 as one from synced_days where day = ?',
  );
  const existing = sqlite.prepare<[string], { id: string }>(
    'select id from papers where id in (select value from json_each(?))',
  );
  const restore = sqlite.transaction(() => {
    let restored = 0;
    for (const { day, papers } of samplePapers()) {
      if (!papers.some((p) => wanted.has(p.id))) continue;
      if (isSynced.get(day)) {
        const back = papers.filter((p) => wanted.has(p.id));
        restored += ingester.upsertPapers(back, { source: 'sample', now }).added;
        continue;
      }
      const present = new Set(
        existing.all(JSON.stringify(papers.map((p) => p.id))).map((r) => r.id),
      );
      const back = papers.filter((p) => wanted.has(p.id) || present.has(p.id));
      restored += ingester.ingestDay(
        { day, papers: back, skipped: 0 },
        { source: 'sample', markSynced: false, now },
      ).added;
    }
    return restored;
  });
  return restore.immediate();
}
