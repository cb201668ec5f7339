import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../src/main/service';
import { tempDir, tempService } from '../helpers/library';
import { generatePapers, writeLibrary } from './generated-library';

const SPAR = '2412.11605';
const MEDUSA = '2401.10774';

let service: Service;
let file: string;
let template: string;
const folder = tempDir();
afterAll(folder.cleanup);

// One seeded sample library, copied for each test: seeding it anew each time is the slow part.
beforeAll(async () => {
  const seeded = await tempService();
  template = path.join(folder.dir, 'template.sqlite');
  await seeded.service.close();
  fs.copyFileSync(seeded.file, template);
  await seeded.cleanup().catch(() => undefined);
});
let counter = 0;
beforeEach(async () => {
  file = path.join(folder.dir, `library-${counter++}.sqlite`);
  fs.copyFileSync(template, file);
  service = await createService({ path: file, seedSample: false });
});
afterEach(() => service.close());

const ids = async (query: string, extra: Record<string, unknown> = {}) =>
  (await service.api.search({ query, limit: 100, ...extra })).results.map((r) => r.paper.id);

describe('the index follows the library', () => {
  it('finds a tag the moment it is added, and forgets it when removed', async () => {
    expect(await ids('tag:reading-group')).toEqual([]); // builds the index first
    await service.api.tagPapers({ ids: [SPAR], tag: 'reading-group/week-3' });
    expect(await ids('tag:reading-group')).toEqual([SPAR]);
    expect(await ids('week-3')).toEqual([SPAR]);
    await service.api.untagPapers({ ids: [SPAR], tag: 'reading-group/week-3' });
    expect(await ids('tag:reading-group')).toEqual([]);
  });

  it('follows a tag rename (an event that names no papers)', async () => {
    await service.api.tagPapers({ ids: [SPAR, MEDUSA], tag: 'llm' });
    expect((await ids('tag:llm')).sort()).toEqual([MEDUSA, SPAR].sort());
    const tag = (await service.api.listTags({})).find((t) => t.name === 'llm')!;
    await service.api.renameTag({ id: tag.id, name: 'language-models' });
    expect(await ids('tag:llm')).toEqual([]);
    expect((await ids('tag:language-models')).sort()).toEqual([MEDUSA, SPAR].sort());
  });

  it('finds words of a note at once, and not after the note is cleared', async () => {
    expect(await ids('quokka')).toEqual([]);
    await service.api.saveNote({ id: MEDUSA, markdown: '# Ideas\n\nTry this with a quokka.' });
    const found = await service.api.search({ query: 'quokka' });
    expect(found.results.map((r) => r.paper.id)).toEqual([MEDUSA]);
    expect(found.results[0].snippet).toMatchObject({ field: 'notes' });
    expect(found.results[0].paper.hasNote).toBe(true);
    await service.api.saveNote({ id: MEDUSA, markdown: '' });
    expect(await ids('quokka')).toEqual([]);
  });

  it('follows status and star changes in filters and result rows', async () => {
    await service.api.setStatus({ ids: [SPAR], status: 'reading' });
    await service.api.setStarred({ ids: [SPAR], starred: true });
    expect(await ids('status:reading')).toEqual([SPAR]);
    expect(await ids('is:starred')).toEqual([SPAR]);
    const row = (await service.api.search({ query: SPAR })).results[0].paper;
    expect(row).toMatchObject({ status: 'reading', starred: true });
  });

  it('drops removed papers', async () => {
    await service.api.tagPapers({ ids: [SPAR], tag: 'keep' });
    expect((await service.api.search({ query: 'decoding' })).total).toBeGreaterThan(5);
    const { removed } = await service.api.removeSample({});
    expect(removed).toBe(77);
    expect(await ids('decoding')).toEqual([]);
    expect((await service.api.search({ query: '' })).total).toBe(1);
  });

  it('sees writes from another process (another connection)', async () => {
    expect(await ids('zebrafish')).toEqual([]);
    const other = new BetterSqlite3(file);
    try {
      other.prepare('update papers set title = ? where id = ?').run('Zebrafish Decoding', SPAR);
      other.prepare("update papers set updated_at = '2099-01-01' where id = ?").run(SPAR);
    } finally {
      other.close();
    }
    expect(await ids('zebrafish')).toEqual([SPAR]);
  });

  it('sees a write on its own connection that sent no event', async () => {
    expect(await ids('okapi')).toEqual([]);
    service.lib.sqlite
      .prepare("update papers set abstract = abstract || ' okapi', updated_at = ? where id = ?")
      .run('2099-01-02', MEDUSA);
    expect(await ids('okapi')).toEqual([MEDUSA]);
  });
});

describe('search through the service', () => {
  it('answers other requests while the first search builds the index', async () => {
    writeLibrary(service.lib.sqlite, generatePapers(2_000, 11));
    const order: string[] = [];
    const searching = service.api.search({ query: 'pruning' }).then((found) => {
      order.push('search');
      return found;
    });
    const info = service.api.getLibraryInfo({}).then(() => order.push('info'));
    const [found] = await Promise.all([searching, info]);
    expect(order).toEqual(['info', 'search']);
    expect(found.total).toBeGreaterThan(0);
  });

  it('searches the selected view, and counts the whole library', async () => {
    await service.api.setStatus({ ids: [SPAR], status: 'toread' });
    const inView = await service.api.search({ query: 'language models', view: 'toread' });
    expect(inView.results.map((r) => r.paper.id)).toEqual([SPAR]);
    expect(inView.total).toBe(1);
    expect(inView.totalInLibrary).toBeGreaterThan(10);
    const tagged = await service.api.search({ query: 'decoding', day: '2025-11-14' });
    expect(tagged.results.every((r) => r.paper.lastFeaturedDay === '2025-11-14')).toBe(true);
  });

  it('returns every match in one paper for the detail pane', async () => {
    const { matches } = await service.api.searchMatches({ query: 'speculative', id: MEDUSA });
    const paper = await service.api.getPaper({ id: MEDUSA });
    const abstract = matches.find((m) => m.field === 'abstract')!;
    expect(abstract.ranges.length).toBeGreaterThan(0);
    for (const [start, end] of abstract.ranges) {
      expect(paper.abstract.slice(start, end).toLowerCase()).toBe('speculative');
    }
  });

  it('answers hostile input with results or a clear error, never a crash', async () => {
    const long = await service.dispatch('search', { query: 'decoding '.repeat(1_100) });
    expect(long.ok).toBe(true);
    const tooLong = await service.dispatch('search', { query: 'x'.repeat(20_001) });
    expect(tooLong).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Invalid input for search: query: A search is at most 20,000 characters',
      },
    });
    for (const input of [
      { query: 42 },
      { query: 'x', limit: 0 },
      { query: 'x', view: 'nope' },
      { query: 'x', extra: true },
      null,
    ]) {
      const result = await service.dispatch('search', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    for (const query of ['.*+?^${}()|[]\\', '"unclosed', '\u0000', 'a'.repeat(10_000)]) {
      const result = await service.dispatch('search', { query });
      expect(result.ok).toBe(true);
    }
  });
});
