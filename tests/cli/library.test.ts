import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveLibraryPath, userDataDir } from '../../src/main/db/paths';
import { cli, cliProcess } from '../helpers/cli';
import { tempDir } from '../helpers/library';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const library = path.join(dir, 'library.sqlite');
const SPAR = '2412.11605';

describe('papershelf list / show / set', () => {
  it('lists every paper as JSON with the documented fields', async () => {
    const { code, stdout } = await cli(['list', '--json', '--library', library]);
    expect(code).toBe(0);
    const papers = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(papers).toHaveLength(78);
    for (const key of ['id', 'title', 'authors', 'status', 'starred', 'tags'])
      expect(papers[0]).toHaveProperty(key);
  });

  it('sets status, star, tags and a note, and shows them', async () => {
    const note = path.join(dir, 'note.md');
    fs.writeFileSync(note, '# My note\n\nSelf-play works.');
    const set = await cli([
      'set',
      SPAR,
      '--status',
      'toread',
      '--star',
      '--tag',
      'rl',
      '--tag',
      'llm/alignment',
      '--note-file',
      note,
      '--library',
      library,
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('toread, starred');
    const shown = JSON.parse((await cli(['show', SPAR, '--json', '--library', library])).stdout);
    expect(shown).toMatchObject({
      id: SPAR,
      status: 'toread',
      starred: true,
      tags: ['llm/alignment', 'rl'],
      days: ['2025-11-10'],
      note: { markdown: '# My note\n\nSelf-play works.' },
    });
    expect(shown.authors[0]).toBe('Jiale Cheng');
    const filtered = JSON.parse(
      (await cli(['list', '--status', 'toread', '--json', '--library', library])).stdout,
    );
    expect(filtered.map((p: { id: string }) => p.id)).toEqual([SPAR]);
    const byTag = JSON.parse(
      (await cli(['list', '--tag', 'llm', '--json', '--library', library])).stdout,
    );
    expect(byTag.map((p: { id: string }) => p.id)).toEqual([SPAR]);
    const starred = JSON.parse(
      (await cli(['list', '--starred', '--json', '--library', library])).stdout,
    );
    expect(starred).toHaveLength(1);
    const untag = await cli(['set', SPAR, '--untag', 'rl', '--unstar', '--library', library]);
    expect(untag.code).toBe(0);
    expect(
      JSON.parse((await cli(['show', SPAR, '--json', '--library', library])).stdout),
    ).toMatchObject({ starred: false, tags: ['llm/alignment'] });
  });

  it('fails with one clear line and a non-zero exit', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['show', '9999.99999'], /^papershelf: No paper 9999\.99999 in the library\n$/],
      [['set', SPAR], /^papershelf: Nothing to change/],
      [['set', SPAR, '--star', '--unstar'], /cannot be used together/],
      [
        ['set', SPAR, '--note-file', path.join(dir, 'missing.md')],
        /Cannot read the note file .*missing\.md: ENOENT/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await cli([...args, '--library', library]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const badStatus = await cli(['list', '--status', 'done', '--library', library]);
    expect(badStatus.code).not.toBe(0);
    expect(badStatus.stderr).toMatch(/Allowed choices are inbox, toread, reading, read, archived/);
  });

  it('runs as a real process: --library, PAPERSHELF_LIBRARY, exit codes, a damaged file', () => {
    const other = path.join(dir, 'env-library.sqlite');
    const viaEnv = cliProcess(['list', '--json'], { env: { PAPERSHELF_LIBRARY: other } });
    expect(viaEnv.code).toBe(0);
    expect(fs.existsSync(other)).toBe(true);
    const missing = cliProcess(['show', 'nope.1', '--library', library]);
    expect(missing.code).toBe(1);
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database '.repeat(500));
    const damaged = cliProcess(['list', '--library', junk]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(
      /^papershelf: The library at .*junk\.sqlite is damaged .*Papershelf has not changed it/,
    );
    expect(fs.readFileSync(junk, 'utf8')).toBe('not a database '.repeat(500)); // never replaced
  });
});

describe('library location', () => {
  it('defaults to the per-user app data folder, overridable by env and flag', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux')).toBe('/x/config/Papershelf');
    expect(userDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain(
      'Papershelf',
    );
    expect(userDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Papershelf$/);
    expect(resolveLibraryPath(undefined, { XDG_CONFIG_HOME: '/x/config' })).toBe(
      process.platform === 'linux'
        ? '/x/config/Papershelf/library.sqlite'
        : resolveLibraryPath(undefined, { XDG_CONFIG_HOME: '/x/config' }),
    );
    expect(resolveLibraryPath(undefined, { PAPERSHELF_LIBRARY: '/tmp/a.sqlite' })).toBe(
      '/tmp/a.sqlite',
    );
    expect(resolveLibraryPath('/tmp/b.sqlite', { PAPERSHELF_LIBRARY: '/tmp/a.sqlite' })).toBe(
      '/tmp/b.sqlite',
    );
  });
});

describe('papershelf show: links and backlinks', () => {
  it('lists the ids a note links to and the ids whose notes link here', async () => {
    const list = JSON.parse((await cli(['list', '--json', '--library', library])).stdout) as Array<{
      id: string;
    }>;
    const [a, b] = list.map((p) => p.id).filter((id) => id !== SPAR);
    const note = path.join(dir, 'links.md');
    fs.writeFileSync(note, `See [[${b}]] and [[hep-th/9901001|an old one]].`);
    expect((await cli(['set', a, '--note-file', note, '--library', library])).code).toBe(0);
    const shownA = JSON.parse((await cli(['show', a, '--json', '--library', library])).stdout) as {
      links: string[];
      backlinks: string[];
    };
    expect(shownA.links).toEqual([b, 'hep-th/9901001']);
    expect(shownA.backlinks).toEqual([]);
    const shownB = JSON.parse((await cli(['show', b, '--json', '--library', library])).stdout) as {
      links: string[];
      backlinks: string[];
    };
    expect(shownB).toMatchObject({ links: [], backlinks: [a] });
    expect((await cli(['show', b, '--library', library])).stdout).toContain(`Linked from: ${a}`);
  });
});
