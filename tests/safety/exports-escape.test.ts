import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@retorquere/bibtex-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStem } from '../../src/main/io/file-names';
import { readFrontMatter } from '../../src/main/io/markdown-export';
import { writeVault } from '../../src/main/io/vault-writer';
import type { Service } from '../../src/main/service';
import type { VaultFile } from '../../src/shared/api/io';
import { tempDir, tempService } from '../helpers/library';

/** Exports escape everything: text from anywhere goes out as text, never as markup or a trick. */
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function libraryWith(paper: Record<string, unknown>, tags: string[] = []): Promise<Service> {
  const lib = await tempService({ seedSample: false });
  cleanups.push(lib.cleanup);
  await lib.service.api.importFile({
    fileName: 'one.json',
    content: JSON.stringify({
      format: 'papershelf-backup',
      version: 1,
      papers: [{ id: '2501.00001', tags, ...paper }],
    }),
    tags: [],
  });
  return lib.service;
}

async function exportText(service: Service, format: 'bibtex'): Promise<string> {
  const out = await service.api.exportPapers({ format, scope: {} });
  return 'content' in out ? out.content : '';
}

async function vault(service: Service): Promise<VaultFile[]> {
  const out = await service.api.exportPapers({ format: 'markdown', scope: {} });
  return 'files' in out ? out.files : [];
}

describe('BibTeX keywords', () => {
  it('are escaped like titles: a hostile tag cannot end the field or run a command', async () => {
    const tag = '\\input{/etc/passwd} }{ 100% #1 $x$ ~_^';
    const service = await libraryWith({ title: 'Safe title' }, [tag, 'plain']);
    const bib = await exportText(service, 'bibtex');
    const keywords = /^\s*keywords\s*=\s*\{(.*)\},$/m.exec(bib)?.[1] ?? '';
    expect(keywords).not.toContain('\\input');
    expect(keywords).toContain(
      '\\textbackslash{}input\\{/etc/passwd\\} \\}\\{ 100\\% \\#1 \\$x\\$',
    );
    const library = parse(bib, { english: false });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(1);
    // Read as TeX, each keyword is the tag exactly.
    const read = (library.entries[0].fields.keywords ?? []).map((tex) => {
      const [entry] = parse(`@misc{k, note = {${tex}}}`, { english: false }).entries;
      return String(entry.fields.note);
    });
    expect(new Set(read)).toEqual(new Set([tag, 'plain']));
  });
});

describe('vault file names', () => {
  it('drop bidi controls and zero-width characters', async () => {
    // U+202E (right-to-left override) would show "Report\u202Efdp.md" as "Reportdm.pdf".
    expect(safeStem('Report\u202efdp.exe', 'x')).toBe('Reportfdp.exe');
    expect(safeStem('Zero\u200bWidth\u200d\u2060Join\ufeff', 'x')).toBe('ZeroWidthJoin');
    expect(safeStem('\u2067\u2066\u2069\u200e\u200f', 'fallback')).toBe('fallback');
    const service = await libraryWith({ title: 'Evil\u202e\u200b Title' });
    const [file] = await vault(service);
    expect(file.fileName).toBe('Evil Title.md');
  });
});

describe('the vault front matter', () => {
  it('does not end at a --- inside a title, so a re-export keeps the file whole', async () => {
    const title = 'Before --- after: a title with --- in it';
    const service = await libraryWith({ title, note: 'My note' });
    const files = await vault(service);
    expect(readFrontMatter(files[0].content)).toMatchObject({ id: '2501.00001', title });
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    expect(writeVault(dir, files)).toMatchObject({ created: 1 });
    const file = path.join(dir, files[0].fileName);
    // The user adds a key of their own; a second export finds the file by id and keeps it.
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(/^---\n/, '---\naliases: [mine]\n'),
    );
    expect(writeVault(dir, files)).toMatchObject({ created: 0, updated: 1 });
    const again = fs.readFileSync(file, 'utf8');
    expect(readFrontMatter(again)).toMatchObject({ id: '2501.00001', title, aliases: ['mine'] });
    expect(again.endsWith('\nMy note\n')).toBe(true);
    expect(again.match(/^---$/gm)).toHaveLength(2);
  });

  it('reads a front matter whose closing line is the last of the file', () => {
    expect(readFrontMatter('---\nid: x\ntitle: a --- b\n---')).toEqual({
      id: 'x',
      title: 'a --- b',
    });
    expect(readFrontMatter('---\nid: x\n--- not the end\n')).toBeNull();
  });
});
