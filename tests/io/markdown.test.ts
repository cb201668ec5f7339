import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { VaultFile } from '../../src/shared/api/io';
import { assignFileNames, safeStem } from '../../src/main/io/file-names';
import { writeVault } from '../../src/main/io/vault-writer';
import { noteHash } from '../../src/main/io/vault-links';
import { citedYear } from '../../src/main/io/cited-date';
import type { Service } from '../../src/main/service';
import { tempDir, tempService } from '../helpers/library';
import { addUserData } from './helpers';
import { TRICKY_TITLE, trickyBackup } from './special';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function vault(service: Service, scope = {}): Promise<VaultFile[]> {
  const out = await service.api.exportPapers({ format: 'markdown', scope });
  if (out.format !== 'markdown') throw new Error('expected a vault');
  expect(out.count).toBe(out.files.length);
  return out.files;
}

function split(content: string): { front: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)---\n([\s\S]*)$/.exec(content);
  if (!m) throw new Error(`no front matter in ${content.slice(0, 80)}`);
  return { front: parseYaml(m[1]) as Record<string, unknown>, body: m[2] };
}

const SAFE_NAME = /^[^<>:"/\\|?*#^[\]\u0000-\u001f]+\.md$/; // eslint-disable-line no-control-regex

describe('Markdown vault export', () => {
  it('writes one file per paper with YAML front matter and the note', async () => {
    const { service, cleanup } = await tempService();
    cleanups.push(cleanup);
    await addUserData(service);
    const files = await vault(service);
    expect(files).toHaveLength(78);
    expect(new Set(files.map((f) => f.fileName.toLowerCase())).size).toBe(78);
    for (const file of files) {
      expect(file.fileName).toMatch(SAFE_NAME);
      expect(Buffer.byteLength(file.fileName)).toBeLessThan(255);
      const { front, body } = split(file.content);
      const paper = await service.api.getPaper({ id: file.paperId });
      expect(front).toEqual({
        id: paper.id,
        title: paper.title,
        authors: paper.authors.filter((a) => !a.hidden).map((a) => a.name),
        year: Number(citedYear(paper.publishedAt, paper.id)),
        tags: paper.tags,
        status: paper.status,
        starred: paper.starred,
        url: `https://arxiv.org/abs/${paper.id}`,
        pdf: `https://arxiv.org/pdf/${paper.id}`,
        // The note as exported, so an import can tell who changed it (issue 18).
        ...(paper.note ? { note_sha256: noteHash(paper.note.markdown) } : {}),
      });
      expect(body.trim()).toBe(paper.note?.markdown.trim() ?? '');
    }
  });

  it('survives special characters in titles, tags and notes', async () => {
    const { service, cleanup } = await tempService({ seedSample: false });
    cleanups.push(cleanup);
    await service.api.importFile({ fileName: 'tricky.json', content: trickyBackup() });
    const [file] = await vault(service);
    expect(file.fileName).toMatch(SAFE_NAME);
    const { front, body } = split(file.content);
    expect(front.title).toBe(TRICKY_TITLE);
    expect(front.tags).toEqual(['R&D_100%']);
    expect(body).toBe('\nA note with ~ and {braces}\n');
  });

  it('updates a folder in place: same files, user keys kept, nothing deleted', async () => {
    const { service, cleanup } = await tempService();
    cleanups.push(cleanup);
    const { dir, cleanup: removeDir } = tempDir();
    cleanups.push(removeDir);
    const first = writeVault(dir, await vault(service));
    expect(first).toEqual({ created: 78, updated: 0, unchanged: 0 });
    expect(writeVault(dir, await vault(service))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 78,
    });

    // The user renames one file, adds a key to another and keeps a file of their own.
    const files = await vault(service);
    const [a, b] = files;
    fs.renameSync(path.join(dir, a.fileName), path.join(dir, 'My name for it.md'));
    const bPath = path.join(dir, b.fileName);
    fs.writeFileSync(
      bPath,
      fs.readFileSync(bPath, 'utf8').replace('---\n', '---\naliases: [mine]\n'),
    );
    fs.writeFileSync(path.join(dir, 'Unrelated.md'), '# mine\n');
    await service.api.setStatus({ ids: [a.paperId, b.paperId], status: 'read' });

    const again = writeVault(dir, await vault(service));
    expect(again).toEqual({ created: 0, updated: 2, unchanged: 76 });
    const names = fs.readdirSync(dir);
    expect(names).toHaveLength(79); // 78 papers (one renamed) + the user's own file
    expect(names).not.toContain(a.fileName);
    expect(split(fs.readFileSync(path.join(dir, 'My name for it.md'), 'utf8')).front.status).toBe(
      'read',
    );
    const bFront = split(fs.readFileSync(bPath, 'utf8')).front;
    expect(bFront).toMatchObject({ status: 'read', aliases: ['mine'], id: b.paperId });
    expect(fs.readFileSync(path.join(dir, 'Unrelated.md'), 'utf8')).toBe('# mine\n');
  });
});

describe('file names', () => {
  it.each([
    ['CON', 'fallback'],
    ['aux.txt', 'fallback'],
    [
      'What? A <Title>: with "quotes" / slashes \\ | pipes *',
      'What A Title with quotes slashes pipes',
    ],
    ['Trailing dots...', 'Trailing dots'],
    ['  ', 'fallback'],
    ['Links [[x]] #tag ^block', 'Links x tag block'],
  ])('makes %j safe', (title, expected) => {
    expect(safeStem(title, 'fallback')).toBe(expected);
  });

  it('keeps long names under the byte limit and unique without regard to case', () => {
    const long = 'Ünïcödé '.repeat(60);
    expect(Buffer.byteLength(safeStem(long, 'x'))).toBeLessThanOrEqual(150);
    const names = assignFileNames([
      { id: '2501.00001', title: 'Same Title' },
      { id: '2501.00002', title: 'same title' },
      { id: 'hep-th/9901001', title: 'Same title' },
    ]);
    expect([...names.values()]).toEqual([
      'Same Title.md',
      'same title (2501.00002).md',
      'Same title (hep-th_9901001).md',
    ]);
  });
});
