import { afterEach, describe, expect, it } from 'vitest';
import { monthOf, parsePeriod, weekOf } from '../../src/shared/featured-period';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';

/**
 * Browse any day: listPapers and exports take a feed day or a range of days
 * (a week, a month), and listFeaturedDays names every featured day.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function sample(): Promise<Service> {
  const { service, cleanup } = await tempService();
  cleanups.push(cleanup);
  return service;
}

async function idsOf(service: Service, day: string): Promise<string[]> {
  const page = await service.api.listPapers({ view: 'all', day, limit: 5000 });
  expect(page.total).toBe(page.papers.length);
  return page.papers.map((p) => p.id).sort();
}

describe('featured periods', () => {
  it('reads days and ranges, and refuses the rest', () => {
    expect(parsePeriod('2025-11-14')).toEqual({ from: '2025-11-14', to: '2025-11-14' });
    expect(parsePeriod('2025-11-10..2025-11-16')).toEqual({ from: '2025-11-10', to: '2025-11-16' });
    for (const bad of ['2025-11-16..2025-11-10', '2025-02-30', '2025-11-10..', 'a..b', '1..2..3']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
    expect(weekOf('2025-11-14')).toEqual({ from: '2025-11-10', to: '2025-11-16' });
    expect(weekOf('2025-11-16')).toEqual({ from: '2025-11-10', to: '2025-11-16' });
    expect(weekOf('2025-11-17')).toEqual({ from: '2025-11-17', to: '2025-11-23' });
    expect(monthOf('2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthOf('2025-12-31')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('lists every featured day, newest first, with its count', async () => {
    const service = await sample();
    const days = await service.api.listFeaturedDays({});
    expect(days.map((d) => d.day)).toEqual([
      '2025-11-14',
      '2025-11-13',
      '2025-11-12',
      '2025-11-11',
      '2025-11-10',
    ]);
    for (const { day, count } of days) expect((await idsOf(service, day)).length).toBe(count);
  });

  it('lists a week or a month: the papers of its days, each once', async () => {
    const service = await sample();
    const days = (await service.api.listFeaturedDays({})).map((d) => d.day);
    const union = new Set<string>();
    for (const day of days) for (const id of await idsOf(service, day)) union.add(id);
    const week = weekOf('2025-11-12');
    expect(await idsOf(service, `${week.from}..${week.to}`)).toEqual([...union].sort());
    const month = monthOf('2025-11-12');
    expect(await idsOf(service, `${month.from}..${month.to}`)).toEqual([...union].sort());
    // Two days of the five.
    const two = new Set([
      ...(await idsOf(service, '2025-11-12')),
      ...(await idsOf(service, '2025-11-13')),
    ]);
    expect(await idsOf(service, '2025-11-12..2025-11-13')).toEqual([...two].sort());
    // A range with no featured day is empty, not an error.
    expect(await idsOf(service, '2024-01-01..2024-01-31')).toEqual([]);
    // Views and tags narrow a range as they narrow a day.
    const [first] = await idsOf(service, '2025-11-12');
    await service.api.setStatus({ ids: [first], status: 'read' });
    const read = await service.api.listPapers({ view: 'read', day: '2025-11-10..2025-11-16' });
    expect(read.papers.map((p) => p.id)).toEqual([first]);
  });

  it('exports a range, and refuses a range that runs backwards', async () => {
    const service = await sample();
    const out = await service.api.exportPapers({
      format: 'csl-json',
      scope: { day: '2025-11-12..2025-11-13' },
    });
    const expected = new Set([
      ...(await idsOf(service, '2025-11-12')),
      ...(await idsOf(service, '2025-11-13')),
    ]);
    expect(out.count).toBe(expected.size);
    const backwards = await service.dispatch('listPapers', { day: '2025-11-13..2025-11-12' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = await service.dispatch('listPapers', { day: '2025-11-10..2025-11-16x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
