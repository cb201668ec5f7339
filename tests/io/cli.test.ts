import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseBib } from '@retorquere/bibtex-parser';
import { cli, cliProcess } from '../helpers/cli';
import { tempDir } from '../helpers/library';
import { startFixtureServer, withoutExportedAt, type FixtureServer } from './helpers';

const { dir, cleanup } = tempDir();
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ hfMissing: ['2203.15516'] });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const lib = (name: string) => path.join(dir, `${name}.sqlite`);

describe('papershelf export / import / add', () => {
  it('exports a backup, restores it into a new library without the sample, and re-exports it identically', async () => {
    const source = lib('source');
    expect(
      (await cli(['set', '2412.11605', '--star', '--tag', 'rl', '--library', source])).code,
    ).toBe(0);
    const backup = path.join(dir, 'backup.json');
    const exported = await cli([
      'export',
      '--format',
      'json',
      '--out',
      backup,
      '--library',
      source,
    ]);
    expect(exported).toMatchObject({ code: 0, stdout: `Exported 78 papers to ${backup}\n` });

    // A real child process: the new library file does not exist yet.
    const target = lib('restored');
    const imported = cliProcess(['import', backup, '--library', target]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(
      'Restored backup.json: 78 added, 0 updated, 0 unchanged; 1 tags created\n',
    );
    const again = await cli(['export', '--format', 'json', '--library', target]);
    expect(withoutExportedAt(again.stdout)).toEqual(
      withoutExportedAt(fs.readFileSync(backup, 'utf8')),
    );
  });

  it('imports into a new library without the sample papers', async () => {
    const bib = path.join(dir, 'one.bib');
    fs.writeFileSync(
      bib,
      '@misc{a, title = {Only One}, eprint = {2509.14230}, archivePrefix = {arXiv}}\n',
    );
    const target = lib('from-bib');
    const result = await cli([
      'import',
      bib,
      '--tag',
      'bib',
      '--status',
      'toread',
      '--library',
      target,
    ]);
    expect(result).toMatchObject({
      code: 0,
      stdout: 'Imported one.bib: 1 added, 0 updated, 0 unchanged; 1 tags created\n',
    });
    const list = JSON.parse((await cli(['list', '--json', '--library', target])).stdout);
    expect(list).toMatchObject([
      { id: '2509.14230', title: 'Only One', status: 'toread', tags: ['bib'] },
    ]);
  });

  it('writes BibTeX to standard output, filtered by tag', async () => {
    const source = lib('source');
    const result = await cli(['export', '--format', 'bibtex', '--tag', 'rl', '--library', source]);
    expect(result.code).toBe(0);
    const entries = parseBib(result.stdout, { english: false }).entries;
    expect(entries.map((e) => e.fields.eprint)).toEqual(['2412.11605']);
  });

  it('writes and updates a Markdown vault folder', async () => {
    const source = lib('source');
    const vault = path.join(dir, 'vault');
    const first = await cli([
      'export',
      '--format',
      'markdown',
      '--out',
      vault,
      '--starred',
      '--library',
      source,
    ]);
    expect(first.stdout).toBe(`Exported 1 papers to ${vault}: 1 created, 0 updated, 0 unchanged\n`);
    const second = await cli([
      'export',
      '--format',
      'markdown',
      '--out',
      vault,
      '--starred',
      '--library',
      source,
    ]);
    expect(second.stdout).toBe(
      `Exported 1 papers to ${vault}: 0 created, 0 updated, 1 unchanged\n`,
    );
    const missing = await cli(['export', '--format', 'markdown', '--library', source]);
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'papershelf: A Markdown vault is a folder: give it with --out DIR\n',
    });
  });

  it('adds a paper by URL, from Hugging Face or arXiv', async () => {
    // Created by an import, so without the sample (which holds these papers).
    const target = lib('add');
    const seed = path.join(dir, 'seed.bib');
    fs.writeFileSync(seed, '@misc{seed, title = {Seed}}\n');
    expect((await cli(['import', seed, '--library', target])).code).toBe(0);
    const env = { PAPERSHELF_ARXIV_URL: server.url };
    const hub = await cli(
      [
        'add',
        'https://arxiv.org/pdf/2509.14230v1.pdf',
        '--tag',
        'x',
        '--source',
        server.url,
        '--library',
        target,
      ],
      env,
    );
    expect(hub.code).toBe(0);
    expect(hub.stdout).toMatch(
      /^Added 2509\.14230 “.+” \(from Hugging Face\)\n {2}inbox, tags: x\n$/,
    );
    const arxiv = await cli(
      ['add', 'arXiv:2203.15516', '--status', 'reading', '--json', '--library', target],
      {
        ...env,
        PAPERSHELF_FEED_URL: server.url,
      },
    );
    expect(arxiv.code).toBe(0);
    expect(JSON.parse(arxiv.stdout)).toMatchObject({
      added: true,
      from: 'arxiv',
      paper: {
        id: '2203.15516',
        status: 'reading',
        authors: ['Jianyu Zhang', 'David Lopez-Paz', 'Léon Bottou'],
      },
    });
  });

  it('fails with one clear line and a non-zero exit', async () => {
    const target = lib('errors');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"format": "papershelf-backup", "version": 1, "papers": [');
    expect(await cli(['import', bad, '--library', target])).toMatchObject({
      code: 1,
      stderr: 'papershelf: bad.json ends too early: the file is truncated or incomplete\n',
    });
    expect(await cli(['import', path.join(dir, 'nope.bib'), '--library', target])).toMatchObject({
      code: 1,
      stderr: `papershelf: Cannot read ${path.join(dir, 'nope.bib')}: no such file\n`,
    });
    expect(await cli(['add', 'not-an-id', '--library', target])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^papershelf: “not-an-id” is not an arXiv id or URL/),
    });
  });
});
