import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedSortedIds } from '../../src/main/library/sorted-ids-cache';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';

/** The cache of whole sorted views serves pages until the library changes, by any door. */
let service: Service;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ service, file, cleanup } = await tempService());
});
afterEach(() => cleanup());

function counter(ids: string[]) {
  const reader = { reads: 0, read: async () => (reader.reads++, ids) };
  return reader;
}

describe('cachedSortedIds', () => {
  it('reads a view once while nothing changes, and per key', async () => {
    const { db } = service.lib;
    const a = counter(['1', '2']);
    const b = counter(['3']);
    expect(await cachedSortedIds(db, 'a', a.read)).toEqual(['1', '2']);
    expect(await cachedSortedIds(db, 'a', a.read)).toEqual(['1', '2']);
    expect(await cachedSortedIds(db, 'b', b.read)).toEqual(['3']);
    expect(await cachedSortedIds(db, 'a', a.read)).toEqual(['1', '2']);
    expect([a.reads, b.reads]).toEqual([1, 1]);
  });

  it('reads again after a change made through the service', async () => {
    const { db } = service.lib;
    const reader = counter(['x']);
    await cachedSortedIds(db, 'view', reader.read);
    const page = await service.api.listPapers({
      view: 'all',
      sort: 'featured',
      offset: 0,
      limit: 1,
    });
    await service.api.setStatus({ ids: [page.papers[0].id], status: 'read' });
    await cachedSortedIds(db, 'view', reader.read);
    expect(reader.reads).toBe(2);
  });

  it('reads again after another process writes to the library', async () => {
    const { db } = service.lib;
    const reader = counter(['x']);
    await cachedSortedIds(db, 'view', reader.read);
    const other = new BetterSqlite3(file);
    other.prepare('update papers set upvotes = upvotes + 1 where rowid = 1').run();
    other.close();
    await cachedSortedIds(db, 'view', reader.read);
    expect(reader.reads).toBe(2);
  });
});
