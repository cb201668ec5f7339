import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../helpers/cli';
import { tempDir } from '../helpers/library';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const library = path.join(dir, 'library.sqlite');

describe('papershelf search', () => {
  it('prints {id, title, score} as JSON in rank order', async () => {
    const { code, stdout, stderr } = await cli([
      'search',
      'speculatve',
      'decodng',
      '--json',
      '--limit',
      '3',
      '--library',
      library,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<{ id: string; title: string; score: number }>;
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Object.keys(row)).toEqual(['id', 'title', 'score']);
    expect(rows.map((r) => r.score)).toEqual([...rows.map((r) => r.score)].sort((a, b) => b - a));
    expect(rows.every((r) => /speculative/i.test(r.title))).toBe(true);
  });

  it('takes negations and filters as part of the query', async () => {
    const run = async (...query: string[]) => {
      const { code, stdout } = await cli([
        'search',
        ...query,
        '--json',
        '--limit',
        '100',
        '--library',
        library,
      ]);
      expect(code).toBe(0);
      return (JSON.parse(stdout) as Array<{ id: string }>).map((r) => r.id);
    };
    const pruning = await run('pruning');
    // A negated word drops every form a search for it finds (language, languages).
    const language = await run('language');
    const without = await run('pruning', '-language');
    expect(without.length).toBeGreaterThan(0);
    expect(without.length).toBeLessThan(pruning.length);
    for (const id of without) {
      expect(pruning).toContain(id);
      expect(language).not.toContain(id);
    }
    const in2024 = await run('pruning', '-language', 'year:2024');
    expect(in2024.length).toBeGreaterThan(0);
    for (const id of in2024) expect(without).toContain(id);
  });

  it('prints one line per result, and warnings on stderr', async () => {
    const { code, stdout, stderr } = await cli([
      'search',
      'status:later-maybe',
      'bottou',
      '--library',
      library,
    ]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      '  1. 2203.15516   Rich Feature Construction for the Optimization-Generalization Dilemma  (in authors)',
    );
    expect(stderr).toMatch(/^papershelf: Unknown status “later-maybe”/);
  });

  it('lists papers matching most words when none matches all, naming the missing ones', async () => {
    const { code, stdout, stderr } = await cli([
      'search',
      'blood sugar prediction from diet',
      '--library',
      library,
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe(
      'papershelf: No paper matches every word — showing papers that match 3 of 4\n',
    );
    expect(stdout.split('\n')[0]).toMatch(
      /^ {2}1\. 2503\.03935 {3}GlucoLens: .* {2}Missing: sugar$/,
    );
    const json = await cli(['search', 'blood sugar prediction', '--json', '--library', library]);
    const rows = JSON.parse(json.stdout) as Array<{ id: string; missing?: string[] }>;
    expect(rows[0]).toMatchObject({ id: '2503.03935', missing: ['sugar'] });
  });

  it('points to `add` for an id that is not in the library', async () => {
    const { code, stdout, stderr } = await cli(['search', '2501.99999', '--library', library]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('2501.99999 is not in the library; add it with: papershelf add');
  });

  it('rejects a bad --limit with one line and exit code 2', async () => {
    const { code, stderr } = await cli(['search', 'x', '--limit', 'ten', '--library', library]);
    expect(code).toBe(2);
    expect(stderr).toBe('papershelf: --limit must be a whole number from 1 to 1000\n');
  });

  it('works as a real process, with the query in one quoted argument', () => {
    const result = cliProcess([
      'search',
      'medusa -"token recycling"',
      '--json',
      '--library',
      library,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0].id).toBe('2401.10774');
  });
});

describe('papershelf index', () => {
  it('reports the stored index, and --rebuild writes it anew from the library', async () => {
    const other = path.join(dir, 'indexed.sqlite');
    // The first search builds and stores the index.
    expect((await cli(['search', 'pruning', '--library', other])).code).toBe(0);
    const status = async (...extra: string[]) => {
      const { code, stdout, stderr } = await cli(['index', '--json', ...extra, '--library', other]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      return JSON.parse(stdout) as {
        file: string | null;
        bytes: number;
        papers: number;
        words: number;
        builtAt: string | null;
        changedSinceStored: number;
        origin: string;
      };
    };
    const first = await status();
    expect(first).toMatchObject({ file: `${other}.search-index`, origin: 'stored' });
    expect(first.papers).toBeGreaterThan(50); // the sample library
    expect(first.words).toBeGreaterThan(1_000);
    expect(first.bytes).toBeGreaterThan(10_000);
    // A status change is not news enough to rewrite it: it is re-read on open.
    const ids = JSON.parse((await cli(['list', '--json', '--library', other])).stdout) as Array<{
      id: string;
    }>;
    expect((await cli(['set', ids[0].id, '--status', 'read', '--library', other])).code).toBe(0);
    const after = await status();
    expect(after.builtAt).toBe(first.builtAt);
    expect(after.changedSinceStored).toBe(1);
    const rebuilt = await status('--rebuild');
    expect(rebuilt.origin).toBe('built');
    expect(rebuilt.changedSinceStored).toBe(0);
    expect(rebuilt.builtAt! > first.builtAt!).toBe(true);
    expect(rebuilt.papers).toBe(first.papers);

    const { stdout } = await cli(['index', '--library', other]);
    expect(stdout).toMatch(
      /^\d[\d,]* papers, [\d,]+ distinct words, [\d.]+ MB in .*indexed\.sqlite\.search-index$/m,
    );
  });
});
