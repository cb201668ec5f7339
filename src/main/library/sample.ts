import type BetterSqlite3 from 'better-sqlite3';
import { parseFeedItem, type FeedPaper } from '../sync/feed-schema';
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
