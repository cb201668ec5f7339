import { afterEach, describe, expect, it } from 'vitest';
import { arxivYearMonth, citedDateParts, citedYear } from '../../src/main/io/cited-date';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';

/**
 * Copying a citation (`citePapers`), and the cited year shared by it and the
 * BibTeX / CSL-JSON exports: the feed's date, unless the arXiv id says it is
 * more than a year off.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const MEDUSA = '2401.10774';

describe('the cited date', () => {
  const table: Array<{
    id: string;
    publishedAt: string | null;
    parts: number[] | null;
    why: string;
  }> = [
    {
      id: '2401.10774',
      publishedAt: '2024-01-19T00:00:00.000Z',
      parts: [2024, 1, 19],
      why: 'agree',
    },
    {
      id: '2401.10774',
      publishedAt: '2025-01-19T00:00:00.000Z',
      parts: [2025, 1, 19],
      why: 'a year apart: the feed stands',
    },
    {
      id: '2401.10774',
      publishedAt: '2025-02-01T00:00:00.000Z',
      parts: [2024, 1],
      why: 'thirteen months: the id wins',
    },
    {
      id: '2401.10774',
      publishedAt: '2022-12-31T00:00:00.000Z',
      parts: [2024, 1],
      why: 'too early: the id wins',
    },
    {
      id: '2312.00001',
      publishedAt: '2024-01-02T00:00:00.000Z',
      parts: [2024, 1, 2],
      why: 'over New Year',
    },
    {
      id: '1706.03762',
      publishedAt: '2025-11-14T00:00:00.000Z',
      parts: [2017, 6],
      why: 'a feed day, not the paper',
    },
    { id: '1706.03762', publishedAt: null, parts: [2017, 6], why: 'no date: the id' },
    { id: '1706.03762', publishedAt: '2017', parts: [2017], why: 'a year alone' },
    { id: '1706.03762', publishedAt: '2019', parts: [2017, 6], why: 'a year alone, too far' },
    { id: 'hep-th/9901001', publishedAt: '2021-03-01', parts: [1999, 1], why: 'old-style id' },
    {
      id: 'math.GT/0309136',
      publishedAt: null,
      parts: [2003, 9],
      why: 'old-style with a subject class',
    },
    {
      id: 'local:smith2020',
      publishedAt: '2020-05-01',
      parts: [2020, 5, 1],
      why: 'not arXiv: the date',
    },
    { id: 'local:x/9901001', publishedAt: null, parts: null, why: 'not arXiv, no date' },
  ];
  for (const row of table) {
    it(`${row.id} published ${row.publishedAt}: ${row.why}`, () => {
      expect(citedDateParts(row.publishedAt, row.id)).toEqual(row.parts);
      expect(citedYear(row.publishedAt, row.id)).toBe(row.parts ? String(row.parts[0]) : null);
    });
  }

  it('reads the year and month of arXiv ids', () => {
    expect(arxivYearMonth('0704.0001')).toEqual([2007, 4]);
    expect(arxivYearMonth('2509.04664')).toEqual([2025, 9]);
    expect(arxivYearMonth('cond-mat/9112001')).toEqual([1991, 12]);
    expect(arxivYearMonth('2513.00001')).toBeNull();
  });
});

/** A library whose feed dated Medusa (2401.10774) at a later feed day. */
async function misdated(): Promise<Service> {
  const { service, cleanup } = await tempService();
  cleanups.push(cleanup);
  await service.lib.db
    .updateTable('papers')
    .set({ published_at: '2025-11-14T00:00:00.000Z' })
    .where('id', '=', MEDUSA)
    .execute();
  return service;
}

describe('exports use the cited year', () => {
  it('BibTeX and CSL-JSON give the id’s year when the feed is more than a year off', async () => {
    const service = await misdated();
    const scope = { ids: [MEDUSA] };
    const bib = await service.api.exportPapers({ format: 'bibtex', scope });
    if (bib.format !== 'bibtex') throw new Error('expected BibTeX');
    expect(bib.content).toMatch(/^@misc\{cai2024medusa,/);
    expect(bib.content).toMatch(/ year +=\s*\{2024\},/);
    const csl = await service.api.exportPapers({ format: 'csl-json', scope });
    if (csl.format !== 'csl-json') throw new Error('expected CSL-JSON');
    expect(JSON.parse(csl.content)[0].issued).toEqual({ 'date-parts': [[2024, 1]] });
  });
});

describe('citePapers', () => {
  it('copies BibTeX for the selected papers, with the export’s keys and year', async () => {
    const service = await misdated();
    const { papers } = await service.api.listPapers({ view: 'all', limit: 3 });
    const other = papers.find((p) => p.id !== MEDUSA)!;
    const cited = await service.api.citePapers({ ids: [MEDUSA, other.id] });
    expect(cited).toMatchObject({ style: 'bibtex', count: 2 });
    expect(cited.text.match(/^@misc\{/gm)).toHaveLength(2);
    expect(cited.text).toContain('@misc{cai2024medusa,');
    expect(cited.text).toContain(`eprint        = {${MEDUSA}}`);
    const exported = await service.api.exportPapers({
      format: 'bibtex',
      scope: { ids: [MEDUSA, other.id] },
    });
    if (exported.format !== 'bibtex') throw new Error('expected BibTeX');
    expect(`${cited.text}\n`).toBe(exported.content);
  });

  it('formats a reference in a CSL style', async () => {
    const service = await misdated();
    const apa = await service.api.citePapers({ ids: [MEDUSA], style: 'apa' });
    expect(apa.count).toBe(1);
    expect(apa.text).toMatch(/^Cai, T\., Li, Y\., Geng, Z\., .*\(2024\)\. Medusa: Simple LLM/);
    expect(apa.text).toContain('https://doi.org/10.48550/arXiv.2401.10774');
    expect(apa.text).not.toContain('<');
    const vancouver = await service.api.citePapers({ ids: [MEDUSA], style: 'vancouver' });
    expect(vancouver.text).toMatch(/^1\.\s+Cai T, Li Y, Geng Z/);
    expect(vancouver.text).toContain('2024');
    const harvard = await service.api.citePapers({ ids: [MEDUSA], style: 'harvard1' });
    expect(harvard.text).toMatch(/^Cai, T\. et al\. \(2024\)/);
  });

  it('leaves out unknown ids, refuses when none is known, and checks its input', async () => {
    const service = await misdated();
    const one = await service.api.citePapers({ ids: ['2501.00001', MEDUSA, MEDUSA] });
    expect(one.count).toBe(1);
    await expect(service.api.citePapers({ ids: ['2501.00001'] })).rejects.toMatchObject({
      code: 'not_found',
    });
    const bad = await service.dispatch('citePapers', { ids: [MEDUSA], style: 'chicago' });
    expect(bad.ok).toBe(false);
    const empty = await service.dispatch('citePapers', { ids: [] });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
