import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type LibraryDb } from '../../src/main/db/connection';
import { indexFilePath } from '../../src/main/search/freshness/index-file';
import { sqliteSource } from '../../src/main/search/freshness/library-source';
import {
  StoredSearchIndex,
  type IndexProgress,
  type StoredIndexOptions,
} from '../../src/main/search/freshness/stored-index';
import { SearchIndex } from '../../src/main/search/index/search-index';
import { runSearch } from '../../src/main/search/query/engine';
import { createService } from '../../src/main/service';
import { syncAndWait } from '../../src/main/sync/await-run';
import { tempDir, tempService } from '../helpers/library';
import { makeItem, startFeedServer } from '../sync/feed-server';
import { generatePapers, writeLibrary } from './generated-library';

/**
 * The persisted index (issue 15, item 3) against real library files: what a new
 * process opens must answer exactly as an index built from the library would,
 * whatever was written since and by whom; a missing, damaged or foreign index
 * file is rebuilt, never trusted.
 */

const folder = tempDir();
afterAll(folder.cleanup);
const PAPERS = generatePapers(1_500, 7);
let template: string;

beforeAll(async () => {
  template = path.join(folder.dir, 'template.sqlite');
  const lib = await openLibrary({ path: template });
  writeLibrary(lib.sqlite, PAPERS);
  await lib.close();
});

let counter = 0;
async function library(): Promise<{ file: string; lib: LibraryDb }> {
  const file = path.join(folder.dir, `library-${counter++}.sqlite`);
  fs.copyFileSync(template, file);
  return { file, lib: await openLibrary({ path: file }) };
}

function stored(lib: LibraryDb, extra: Partial<StoredIndexOptions> = {}): StoredSearchIndex {
  return new StoredSearchIndex({
    libraryPath: lib.path,
    sqlite: lib.sqlite,
    source: sqliteSource(lib.sqlite),
    ...extra,
  });
}

/** An index built in memory from the library as it is now: the reference. */
function reference(lib: LibraryDb): SearchIndex {
  const index = new SearchIndex();
  index.addAll(
    sqliteSource(lib.sqlite)
      .load()
      .map((p) => p.doc),
  );
  return index;
}

const QUERIES = [
  'pruning',
  'speculative decoding',
  'speculatve decodng',
  'spec',
  'large language models',
  'lowbandwidth transformer',
  'kg reasoning',
  '"knowledge distillation"',
  'vision -diffusion',
  'tag:ml',
  'is:starred',
  'status:read',
  'year:2024',
  'day:2025-11-10',
  'author:chen',
  'quokka',
  'zyzzyva',
  'reinforcement learning robot navigation benchmark',
  PAPERS[10].paper.id,
  '2509.0',
];

/** Everything a search returns but its timing. */
function answers(index: SearchIndex): unknown[] {
  return QUERIES.flatMap((query) =>
    (['all', 'inbox'] as const).map((view) => {
      const { tookMs: _took, ...rest } = runSearch(index, { query, view, offset: 0, limit: 30 });
      return rest;
    }),
  );
}

describe('the stored search index', () => {
  it('is written on first use, and a new process opens it and answers exactly as a fresh build', async () => {
    const { lib } = await library();
    const progress: IndexProgress[] = [];
    const first = stored(lib, { onProgress: (p) => progress.push(p) });
    const built = await first.ready();
    expect(first.stats()).toMatchObject({ origin: 'built', papers: PAPERS.length });
    expect(progress.at(-1)).toEqual({ done: PAPERS.length, total: PAPERS.length });
    expect(fs.existsSync(indexFilePath(lib.path))).toBe(true);
    expect(built.isStored).toBe(true); // the in-memory build was dropped for the stored copy
    first.close();

    // A second connection stands for a new process.
    const other = await openLibrary({ path: lib.path });
    const second = stored(other);
    const opened = await second.ready();
    expect(second.stats()).toMatchObject({ origin: 'stored', changedSinceStored: 0 });
    expect(opened.isStored).toBe(true);
    const want = answers(reference(other));
    // Most queries find something, so equal answers mean something.
    expect(want.filter((a) => (a as { total: number }).total > 0).length).toBeGreaterThan(30);
    expect(answers(opened)).toEqual(want);
    second.close();
    await other.close();
    await lib.close();
  });

  it('follows writes made after it was stored, by this process or any other', async () => {
    const { lib } = await library();
    const running = stored(lib);
    await running.ready();
    const [a, b, c, d, e] = PAPERS.slice(20, 25).map((p) => p.paper.id);

    // Another connection (the CLI, the ingest thread) writes: text, status, tags, a note, a delete.
    const writer = await openLibrary({ path: lib.path });
    const w = writer.sqlite;
    w.prepare("update papers set title = 'Zyzzyva: pruning beetles at scale' where id = ?").run(a);
    w.prepare("update papers set status = 'read', starred = 1 where id = ?").run(b);
    w.prepare('delete from papers where id = ?').run(c);
    w.prepare(
      "insert into tags (name, color, created_at) values ('ml', '#3b82f6', 'x') on conflict do nothing",
    ).run();
    w.prepare(
      "insert or ignore into paper_tags (paper_id, tag_id, added_at) select ?, id, 'x' from tags where name = 'ml'",
    ).run(d);
    w.prepare(
      "insert into notes (paper_id, markdown, created_at, updated_at) values (?, 'a quokka idea', 'x', 'x') on conflict (paper_id) do update set markdown = excluded.markdown",
    ).run(e);

    const live = await running.ready();
    expect(runSearch(live, req('zyzzyva')).results.map((r) => r.paper.id)).toEqual([a]);
    expect(runSearch(live, req('quokka')).results.map((r) => r.paper.id)).toEqual([e]);
    expect(answers(live)).toEqual(answers(reference(writer)));

    // A new process opens the stored index plus only what changed since.
    const fresh = stored(writer);
    const opened = await fresh.ready();
    expect(fresh.stats()).toMatchObject({ origin: 'stored', changedSinceStored: 5 });
    expect(answers(opened)).toEqual(answers(reference(writer)));
    expect(opened.get(c)).toBeUndefined();
    expect(opened.get(b)).toMatchObject({ status: 'read', starred: true });
    fresh.close();
    running.close();
    await writer.close();
    await lib.close();
  });

  it('rebuilds a missing, damaged, truncated or foreign index file instead of trusting it', async () => {
    const { lib } = await library();
    const file = indexFilePath(lib.path);
    const first = stored(lib);
    await first.ready();
    first.close();
    const want = answers(reference(lib));
    const good = fs.readFileSync(file);

    const damage: Record<string, () => void> = {
      missing: () => fs.rmSync(file),
      garbage: () => fs.writeFileSync(file, Buffer.alloc(good.length, 0x5a)),
      truncated: () => fs.writeFileSync(file, good.subarray(0, Math.floor(good.length / 3))),
      // A restored or copied library carries another token than the file beside it.
      foreign: () =>
        lib.sqlite.prepare("update search_state set value = 'another' where key = 'token'").run(),
    };
    for (const [how, harm] of Object.entries(damage)) {
      harm();
      const next = stored(lib);
      expect(await next.run(answers), how).toEqual(want);
      expect(next.stats()?.origin, how).toBe('built');
      next.close();
    }
    await lib.close();
  });

  it('is written anew once many papers changed, and search_dirty is emptied', async () => {
    const { lib } = await library();
    const index = stored(lib, { rebuildAfter: 10 });
    await index.ready();
    const before = fs.statSync(indexFilePath(lib.path)).mtimeMs;
    const ids = PAPERS.slice(100, 130).map((p) => p.paper.id);
    const star = lib.sqlite.prepare('update papers set starred = 1 where id = ?');
    lib.sqlite.transaction(() => ids.forEach((id) => star.run(id)))();
    await index.ready();
    // The rewrite runs in the background, in slices; wait for it.
    for (let i = 0; i < 200 && index.stats()?.changedSinceStored !== 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(index.stats()?.changedSinceStored).toBe(0);
    expect(fs.statSync(indexFilePath(lib.path)).mtimeMs).toBeGreaterThan(before);
    expect(
      lib.sqlite.prepare('select count(*) from search_dirty').pluck().get(),
    ).toBeLessThanOrEqual(1);
    const opened = await index.ready();
    expect(answers(opened)).toEqual(answers(reference(lib)));
    index.close();
    await lib.close();
  });

  it('a new service answers its first search from the stored index without rewriting it', async () => {
    const { file, lib } = await library();
    await lib.close();
    const one = await createService({ path: file, seedSample: false });
    const first = await one.api.search({ query: 'pruning', limit: 20 });
    await one.close();
    const mtime = fs.statSync(indexFilePath(file)).mtimeMs;
    const two = await createService({ path: file, seedSample: false });
    const again = await two.api.search({ query: 'pruning', limit: 20 });
    await two.close();
    expect(fs.statSync(indexFilePath(file)).mtimeMs).toBe(mtime); // opened, not rewritten
    expect(again.results.map((r) => r.paper.id)).toEqual(first.results.map((r) => r.paper.id));
    expect(again.total).toBe(first.total);
  });
});

describe('a synced day', () => {
  it('is searchable as soon as the sync has committed it, without rewriting the stored index', async () => {
    const feed = await startFeedServer();
    const { service, file, cleanup } = await tempService({ env: {} }); // the sample library
    try {
      expect((await service.api.search({ query: 'zorblax' })).total).toBe(0); // stores the index
      const stamp = fs.statSync(indexFilePath(file)).mtimeMs;
      feed.setDay('2025-11-20', [
        makeItem('2511.99991', { title: 'Zorblax: gradient fencing for sparse experts' }),
      ]);
      const run = await syncAndWait(service, {
        from: '2025-11-20',
        to: '2025-11-20',
        source: feed.url,
      });
      expect(run.state).toBe('done');
      const found = await service.api.search({ query: 'zorblax fencing' });
      expect(found.results.map((r) => r.paper.id)).toEqual(['2511.99991']);
      expect(fs.statSync(indexFilePath(file)).mtimeMs).toBe(stamp);
      // A new process finds it too: the stored index plus what search_dirty lists.
      const other = await createService({ path: file, seedSample: false });
      const again = await other.api.search({ query: 'zorblax' });
      await other.close();
      expect(again.results.map((r) => r.paper.id)).toEqual(['2511.99991']);
    } finally {
      await cleanup();
      await feed.close();
    }
  });
});

function req(query: string) {
  return { query, view: 'all' as const, offset: 0, limit: 30 };
}
