import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/library';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const library = path.join(dir, 'library.sqlite');
const MEDUSA = '2401.10774';
const PRUNING = ['2509.22299', '2409.06211', '2509.14230'];

describe('papershelf related', () => {
  it('prints {id, title, score, reasons} as JSON, best first, never the paper itself', async () => {
    const { code, stdout, stderr } = await cli([
      'related',
      MEDUSA,
      '--json',
      '--limit',
      '5',
      '--library',
      library,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<{ id: string; score: number; reasons: string[] }>;
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(Object.keys(row)).toEqual(['id', 'title', 'score', 'reasons']);
    expect(rows.map((r) => r.id)).not.toContain(MEDUSA);
    expect(rows.map((r) => r.score)).toEqual([...rows.map((r) => r.score)].sort((a, b) => b - a));
    expect(rows[0].reasons[0]).toMatch(/^Shared terms: /);
  });

  it('fails in one line on an unknown paper or a bad limit', async () => {
    const unknown = await cli(['related', '9999.99999', '--library', library]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('papershelf: No paper with id 9999.99999 in the library\n');
    const limit = await cli(['related', MEDUSA, '--limit', '0', '--library', library]);
    expect(limit.code).not.toBe(0);
    expect(limit.stderr).toMatch(/--limit must be a whole number from 1 to 50/);
  });
});

describe('papershelf foryou', () => {
  it('says what it needs and ranks the Inbox by upvotes before 3 papers are positive', async () => {
    const { code, stdout, stderr } = await cli([
      'foryou',
      '--json',
      '--limit',
      '3',
      '--library',
      library,
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^papershelf: Star, tag or move to To read 3 more papers/);
    const rows = JSON.parse(stdout) as Array<{ score: number; because: string }>;
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Object.keys(row)).toEqual(['id', 'title', 'score', 'because']);
    expect(rows[0].because).toMatch(/upvotes? on the feed/);
  });

  it('ranks by the model once papers are starred, each with why', async () => {
    for (const id of PRUNING)
      expect((await cli(['set', id, '--star', '--library', library])).code).toBe(0);
    const { code, stdout, stderr } = await cli([
      'foryou',
      '--json',
      '--limit',
      '8',
      '--library',
      library,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<{ title: string; because: string }>;
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => /prun/i.test(r.title)).length).toBeGreaterThanOrEqual(5);
    expect(rows.some((r) => /^Like \d+ papers? you starred: /.test(r.because))).toBe(true);
  });
});
