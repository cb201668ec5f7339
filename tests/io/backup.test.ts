import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PdfStore } from '../../src/main/pdf/store';
import type { AppEvent } from '../../src/shared/events';
import { tempService } from '../helpers/library';
import { addUserData, dumpLibrary, withoutExportedAt } from './helpers';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function library(options: { seedSample?: boolean } = {}) {
  const lib = await tempService(options);
  cleanups.push(lib.cleanup);
  return lib;
}

describe('JSON backup', () => {
  it('round-trips: library -> backup -> new library -> backup is identical apart from exportedAt', async () => {
    const { service: source } = await library();
    await addUserData(source);
    await source.api.updateSettings({ changes: { theme: 'dark', backupKeep: 9 } });
    const first = await source.api.exportPapers({ format: 'json' });
    expect(first.format).toBe('json');
    if (first.format !== 'json') return;
    expect(first.count).toBe(78);

    const { service: target } = await library({ seedSample: false });
    const result = await target.api.importFile({
      fileName: first.fileName,
      content: first.content,
    });
    expect(result).toMatchObject({
      format: 'json',
      mode: 'restore',
      total: 78,
      papers: { added: 78, updated: 0, unchanged: 0 },
      notes: { added: 2, merged: 0 },
    });
    const second = await target.api.exportPapers({ format: 'json' });
    if (second.format !== 'json') throw new Error('expected a backup');
    expect(withoutExportedAt(second.content)).toEqual(withoutExportedAt(first.content));
    // Not only the backup: the libraries themselves hold the same rows.
    expect(dumpLibrary(target, { portable: true })).toBe(dumpLibrary(source, { portable: true }));
    expect((await target.api.getSettings({})).theme).toBe('dark');
  });

  it('holds every documented field', async () => {
    const { service } = await library();
    await addUserData(service);
    const out = await service.api.exportPapers({ format: 'json' });
    if (out.format !== 'json') throw new Error('expected a backup');
    const backup = JSON.parse(out.content);
    expect(backup).toMatchObject({ format: 'papershelf-backup', version: 1, complete: true });
    expect(typeof backup.exportedAt).toBe('string');
    expect(backup.tags).toContainEqual(
      expect.objectContaining({ name: 'Empty tag', color: '#123456' }),
    );
    const withNote = backup.papers.find((p: { note: string | null }) =>
      p.note?.startsWith('# Notes'),
    );
    expect(withNote).toMatchObject({
      status: 'toread',
      starred: true,
      tags: ['R&D 100% under_score'],
      days: [expect.stringMatching(/^2025-11-1\d$/)],
    });
    for (const key of ['id', 'title', 'authors', 'abstract', 'publishedAt', 'upvotes', 'addedAt']) {
      expect(withNote).toHaveProperty(key);
    }
    expect(withNote.authors.every((a: unknown) => typeof a === 'string')).toBe(true);
  });

  it('records which papers have a saved PDF (not the bytes), and imports such a backup', async () => {
    const { service, dir } = await library();
    const store = new PdfStore(service.lib.path);
    const pdf = path.join(dir, 'medusa.pdf');
    fs.writeFileSync(pdf, '%PDF-1.7\n% a tiny stand-in PDF\n%%EOF\n');
    store.place('2401.10774', pdf, true);
    const { content } = (await service.api.exportPapers({ format: 'json' })) as { content: string };
    const papers = JSON.parse(content).papers as Array<{ id: string; pdfCached: boolean }>;
    expect(papers.filter((p) => p.pdfCached).map((p) => p.id)).toEqual(['2401.10774']);
    expect(content).not.toContain('a tiny stand-in PDF');
    const { service: fresh } = await library({ seedSample: false });
    const result = await fresh.api.importFile({ fileName: 'backup.json', content });
    expect(result.mode).toBe('restore');
    expect(await fresh.api.getPaper({ id: '2401.10774' })).toMatchObject({ id: '2401.10774' });
  });

  it('merges into a non-empty library: nothing deleted, user data combined', async () => {
    const { service: a } = await library();
    const { service: b } = await library();
    const all = await a.api.listPapers({ view: 'all', sort: 'title', limit: 5 });
    const [p1, p2, p3] = all.papers.map((p) => p.id);
    // In the backup (library a): p1 read + starred + tag "from-a" + a note; p2 a note.
    await a.api.setStatus({ ids: [p1], status: 'read' });
    await a.api.setStarred({ ids: [p1], starred: true });
    await a.api.tagPapers({ ids: [p1], tag: 'from-a' });
    await a.api.saveNote({ id: p1, markdown: 'Note written in A' });
    await a.api.saveNote({ id: p2, markdown: 'Shared start' });
    // In the library (b), later: p1 archived (the newest change wins), tag "from-b",
    // a different note on p1 (both kept), a longer version of p2's note (kept as is).
    const backup = await a.api.exportPapers({ format: 'json' });
    if (backup.format !== 'json') throw new Error('expected a backup');
    await b.api.removeSample({});
    await b.api.importFile({ fileName: 'seed.json', content: backup.content });
    await b.api.setStatus({ ids: [p1], status: 'archived' });
    await b.api.tagPapers({ ids: [p1, p3], tag: 'from-b' });
    await b.api.saveNote({ id: p1, markdown: 'Note written in B' });
    await b.api.saveNote({ id: p2, markdown: 'Shared start, and more written in B' });
    await b.api.setStarred({ ids: [p1], starred: false });
    const before = (await b.api.getLibraryInfo({})).paperCount;

    const result = await b.api.importFile({ fileName: 'a.json', content: backup.content });
    expect(result.mode).toBe('merge');
    expect(result.notes).toEqual({ added: 0, merged: 1 });
    expect((await b.api.getLibraryInfo({})).paperCount).toBe(before);
    const merged = await b.api.getPaper({ id: p1 });
    expect(merged.status).toBe('archived');
    expect(merged.starred).toBe(true);
    expect(merged.tags).toEqual(['from-a', 'from-b']);
    expect(merged.note?.markdown).toContain('Note written in B');
    expect(merged.note?.markdown).toContain('Note written in A');
    expect((await b.api.getPaper({ id: p2 })).note?.markdown).toBe(
      'Shared start, and more written in B',
    );
    expect((await b.api.getPaper({ id: p3 })).tags).toEqual(['from-b']);

    // Importing the same backup again changes nothing more.
    const dump = dumpLibrary(b);
    const again = await b.api.importFile({ fileName: 'a.json', content: backup.content });
    expect(again.papers.updated).toBe(0);
    expect(dumpLibrary(b)).toBe(dump);
  });

  it('keeps the newer feed data of a paper present on both sides', async () => {
    const { service } = await library();
    const [paper] = (await service.api.listPapers({ view: 'all', limit: 1 })).papers;
    const out = await service.api.exportPapers({ format: 'json', scope: { ids: [paper.id] } });
    if (out.format !== 'json') throw new Error('expected a backup');
    const backup = JSON.parse(out.content);
    expect(backup.complete).toBe(false);
    expect(backup.syncedDays).toBeUndefined();
    const older = structuredClone(backup);
    older.papers[0].title = 'An older title';
    older.papers[0].updatedAt = '2000-01-01T00:00:00.000Z';
    await service.api.importFile({ fileName: 'old.json', content: JSON.stringify(older) });
    expect((await service.api.getPaper({ id: paper.id })).title).toBe(paper.title);
    const newer = structuredClone(backup);
    newer.papers[0].title = 'A newer title';
    newer.papers[0].upvotes = 999;
    newer.papers[0].updatedAt = '2999-01-01T00:00:00.000Z';
    await service.api.importFile({ fileName: 'new.json', content: JSON.stringify(newer) });
    const after = await service.api.getPaper({ id: paper.id });
    expect(after.title).toBe('A newer title');
    expect(after.upvotes).toBe(999);
  });

  it('reports progress and the change while importing', async () => {
    const { service: source } = await library();
    const out = await source.api.exportPapers({ format: 'json' });
    if (out.format !== 'json') throw new Error('expected a backup');
    const { service: target } = await library({ seedSample: false });
    const events: AppEvent[] = [];
    target.events.subscribe((event) => events.push(event));
    await target.api.importFile({ fileName: 'b.json', content: out.content });
    const progress = events.filter((e) => e.type === 'io-progress');
    expect(progress[0]).toMatchObject({
      operation: 'import',
      fileName: 'b.json',
      phase: 'reading',
    });
    expect(progress.at(-1)).toMatchObject({ phase: 'writing', done: 78, total: 78 });
    const changed = events.filter((e) => e.type === 'library-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ scope: 'library', paperIds: expect.any(Array) });
    expect(changed[0].type === 'library-changed' && changed[0].paperIds).toHaveLength(78);
  });
});
