import { afterEach, describe, expect, it } from 'vitest';
import { weekStart } from '../../src/main/library/reading-stats-repo';
import { tempService } from '../helpers/library';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const DAY = 86_400_000;

describe('your reading', () => {
  it('counts papers moved to Read per week (this week last) and names the biggest tags', async () => {
    const lib = await tempService(); // the sample library
    cleanups.push(lib.cleanup);
    const { api } = lib.service;
    const ids = (await api.listPapers({ view: 'all', limit: 40 })).papers.map((p) => p.id);
    const empty = await api.getReadingStats({ weeks: 12 });
    expect(empty.weeks).toHaveLength(12);
    expect(empty.weeks.every((w) => w.read === 0)).toBe(true);
    expect(empty.readTotal).toBe(0);

    // Read now (this week), three 2 weeks ago, one 20 weeks ago (outside), and one
    // moved to Read then on to Archived (not Read any more: not counted).
    await api.setStatus({ ids: ids.slice(0, 2), status: 'read' });
    const thisWeek = weekStart(new Date()).getTime();
    const at = (weeksAgo: number) => new Date(thisWeek - weeksAgo * 7 * DAY + DAY).toISOString();
    const backdate = lib.service.lib.sqlite.prepare(
      "update papers set status = 'read', status_changed_at = ? where id = ?",
    );
    for (const id of ids.slice(2, 5)) backdate.run(at(2), id);
    backdate.run(at(20), ids[5]);
    await api.setStatus({ ids: [ids[6]], status: 'read' });
    await api.setStatus({ ids: [ids[6]], status: 'archived' });
    await api.tagPapers({ ids: ids.slice(0, 5), tag: 'rl' });
    await api.tagPapers({ ids: ids.slice(0, 2), tag: 'agents' });
    await api.tagPapers({ ids: [ids[9]], tag: 'Zeta' });

    const stats = await api.getReadingStats({ weeks: 12 });
    expect(stats.weeks.map((w) => w.read)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 2]);
    // Each week starts on a Monday, a week apart, the last one this week.
    expect(stats.weeks.at(-1)!.start).toBe(new Date(thisWeek).toISOString().slice(0, 10));
    for (const w of stats.weeks) expect(new Date(`${w.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(stats.readTotal).toBe(6);
    expect(stats.topTags).toEqual([
      { name: 'rl', count: 5 },
      { name: 'agents', count: 2 },
      { name: 'Zeta', count: 1 },
    ]);
  });

  it('weeks start on Monday, UTC', () => {
    expect(weekStart(new Date('2026-12-07T10:00:00Z')).toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
    expect(weekStart(new Date('2026-12-13T23:59:59Z')).toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
    expect(weekStart(new Date('2026-12-06T00:00:00Z')).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });
});
