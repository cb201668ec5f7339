import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultFile } from '../../src/shared/api/io';
import { readVaultDir, writeVault } from '../../src/main/io/vault-writer';
import type { Service } from '../../src/main/service';
import { cli } from '../helpers/cli';
import { tempDir, tempService } from '../helpers/library';

/**
 * The two-way Markdown vault (issue 18), on a real library and a real folder:
 * links become Obsidian links to the exported files and come back as ids, notes
 * edited in the vault come back, a note changed on both sides keeps both.
 */
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup() {
  const { service, cleanup, file } = await tempService();
  const { dir, cleanup: removeDir } = tempDir();
  cleanups.push(cleanup, removeDir);
  const page = await service.api.listPapers({ view: 'all', sort: 'title', limit: 3 });
  const [a, b, c] = page.papers.map((p) => p.id);
  return { service, dir, file, a, b, c };
}

async function exportTo(service: Service, dir: string) {
  const out = await service.api.exportPapers({ format: 'markdown', scope: {} });
  if (out.format !== 'markdown') throw new Error('expected a vault');
  return { written: writeVault(dir, out.files), files: out.files };
}

function fileOf(files: VaultFile[], id: string): VaultFile {
  return files.find((f) => f.paperId === id)!;
}
const stem = (file: VaultFile) => file.fileName.slice(0, -3);
const importDir = (service: Service, dir: string) =>
  service.api.importVault({ files: readVaultDir(dir) });
const noteOf = async (service: Service, id: string) =>
  (await service.api.getNote({ id }))?.markdown ?? null;

describe('two-way Markdown vault', () => {
  it('round trip: export, edit a file, import, export again is stable', async () => {
    const { service, dir, a, b, c } = await setup();
    await service.api.saveNote({
      id: a,
      markdown: `Builds on [[${b}]] and [[${b}|their trick]]; also [[2501.99999]].\n\n\`[[${b}]]\` is code.`,
    });
    const first = await exportTo(service, dir);
    expect(first.written.created).toBe(78);
    const fileA = fileOf(first.files, a);
    const [stemB, stemC] = [stem(fileOf(first.files, b)), stem(fileOf(first.files, c))];
    const pathA = path.join(dir, fileA.fileName);
    const exported = fs.readFileSync(pathA, 'utf8');
    // Obsidian links to the exported files; a paper outside the vault keeps its id; code stays.
    expect(exported).toContain(
      `\nBuilds on [[${stemB}]] and [[${stemB}|their trick]]; also [[2501.99999]].\n\n\`[[${b}]]\` is code.\n`,
    );
    expect(exported).toMatch(/\nnote_sha256: [0-9a-f]{16}\n/);

    // In Obsidian: a key of the user's own and a new line linking another file.
    const edited = exported
      .replace('---\n', '---\naliases: [mine]\n')
      .replace(/\n$/, `\nRead next: [[${stemC}]].\n`);
    fs.writeFileSync(pathA, edited);
    fs.writeFileSync(path.join(dir, 'Scratch.md'), '# my own page\n');

    const imported = await importDir(service, dir);
    expect(imported).toEqual({
      files: 79,
      updated: [{ id: a, fileName: fileA.fileName }],
      unchanged: 77,
      conflicts: [],
      unknown: [],
      skipped: ['Scratch.md'],
    });
    expect(await noteOf(service, a)).toBe(
      `Builds on [[${b}]] and [[${b}|their trick]]; also [[2501.99999]].\n\n\`[[${b}]]\` is code.\nRead next: [[${c}]].`,
    );
    // The links came back as ids: c is linked from a now.
    expect((await service.api.getNoteLinks({ id: c })).backlinks.map((l) => l.id)).toEqual([a]);

    // Export again: the file keeps the user's key and the edited text; then nothing moves.
    const second = await exportTo(service, dir);
    expect(second.written).toEqual({ created: 0, updated: 1, unchanged: 77 });
    const again = fs.readFileSync(pathA, 'utf8');
    expect(again).toContain('\naliases:\n  - mine\n');
    expect(again.slice(again.indexOf('\n---\n') + 5)).toBe(
      edited.slice(edited.indexOf('\n---\n') + 5),
    );
    expect((await exportTo(service, dir)).written).toEqual({
      created: 0,
      updated: 0,
      unchanged: 78,
    });
    expect((await importDir(service, dir)).unchanged).toBe(78);
    expect(fs.readFileSync(path.join(dir, 'Scratch.md'), 'utf8')).toBe('# my own page\n');
  });

  it('a renamed file keeps its links: the export points them at its name, the import reads it', async () => {
    const { service, dir, a, b } = await setup();
    await service.api.saveNote({ id: a, markdown: `See [[${b}]].` });
    const { files } = await exportTo(service, dir);
    const fileB = fileOf(files, b);
    fs.renameSync(path.join(dir, fileB.fileName), path.join(dir, 'My B.md'));
    await exportTo(service, dir);
    const pathA = path.join(dir, fileOf(files, a).fileName);
    expect(fs.readFileSync(pathA, 'utf8')).toContain('\nSee [[My B]].\n');
    fs.writeFileSync(
      pathA,
      fs.readFileSync(pathA, 'utf8').replace('See [[My B]].', 'See [[my b|B]] again.'),
    );
    await importDir(service, dir);
    expect(await noteOf(service, a)).toBe(`See [[${b}|B]] again.`);
  });

  it('a note changed in the app and in the vault keeps both, marked, and says so', async () => {
    const { service, dir, a } = await setup();
    await service.api.saveNote({ id: a, markdown: 'Original note.' });
    const { files } = await exportTo(service, dir);
    const pathA = path.join(dir, fileOf(files, a).fileName);
    await service.api.saveNote({ id: a, markdown: 'Original note, edited in the app.' });
    fs.writeFileSync(
      pathA,
      fs
        .readFileSync(pathA, 'utf8')
        .replace('Original note.', 'Original note, edited in Obsidian.'),
    );
    const result = await importDir(service, dir);
    expect(result.conflicts).toEqual([{ id: a, fileName: fileOf(files, a).fileName }]);
    expect(result.updated).toEqual([]);
    const note = (await noteOf(service, a))!;
    expect(
      note.startsWith(
        'Original note, edited in the app.\n\n---\n\n> [!warning] Changed in Papershelf and in the vault',
      ),
    ).toBe(true);
    expect(note.endsWith('\n\nOriginal note, edited in Obsidian.')).toBe(true);
    expect(note).toContain(`the vault's version (${fileOf(files, a).fileName}, imported `);
    // Importing the same folder again adds nothing more.
    expect((await importDir(service, dir)).conflicts).toEqual([]);
    expect(await noteOf(service, a)).toBe(note);
  });

  it('reports papers the library does not have and adds nothing (CLI)', async () => {
    const { service, dir, file } = await setup();
    await exportTo(service, dir);
    fs.writeFileSync(
      path.join(dir, 'Stranger.md'),
      '---\nid: 2501.10000\ntitle: Not here\n---\n\nA note about it.\n',
    );
    await service.close();
    const run = await cli(['import', '--format', 'vault', dir, '--library', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '79 files, 0 notes updated, 78 unchanged, 0 changed in both places, 1 not in the library',
    );
    expect(run.stdout).toContain('not in the library (nothing added): 2501.10000 (Stranger.md)');
    const show = await cli(['show', '2501.10000', '--library', file]);
    expect(show.code).not.toBe(0);
  });
});
