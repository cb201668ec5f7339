import { afterEach, describe, expect, it } from 'vitest';
import { tempService } from '../helpers/library';
import type { ListQuery } from '../../src/renderer/src/state/list-query';
import { PaperListStore } from '../../src/renderer/src/state/paper-list-store';

/** The list store over a real service on a real library (the 78 sample papers). */
const INBOX: ListQuery = { view: 'inbox', tag: null, day: null, sort: 'featured', search: null };

function settled(store: PaperListStore, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const stop = store.subscribe(() => {
      if (predicate()) {
        stop();
        resolve();
      }
    });
  });
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('PaperListStore', () => {
  it('loads what is on screen (and a margin), in list order', async () => {
    const t = await tempService();
    cleanup = t.cleanup;
    const store = new PaperListStore(t.service.api, INBOX);
    store.setVisibleRange(0, 20);
    await settled(store, () => store.getSnapshot().total === 78);
    const page = await t.service.api.listPapers({ view: 'inbox', limit: 78 });
    expect(await store.idsInRange(0, 77)).toEqual(page.papers.map((p) => p.id));
  });

  it('a triaged paper leaves the view at once, and the service agrees afterwards', async () => {
    const t = await tempService();
    cleanup = t.cleanup;
    const store = new PaperListStore(t.service.api, INBOX);
    store.setVisibleRange(0, 20);
    await settled(store, () => store.getSnapshot().total === 78);
    const first = store.rowAt(0)!.id;
    const second = store.rowAt(1)!.id;
    const done = store.mutate(
      [first],
      (p) => ({ ...p, status: 'read' }),
      () => t.service.api.setStatus({ ids: [first], status: 'read' }),
    );
    // Synchronously: gone from the list, the next paper moved up.
    expect(store.total).toBe(77);
    expect(store.rowAt(0)!.id).toBe(second);
    await done;
    await settled(store, () => store.getSnapshot().total === 77 && store.rowAt(0) !== undefined);
    expect(store.indexOf(first)).toBe(-1);
    expect((await t.service.api.getPaper({ id: first })).status).toBe('read');
  });

  it('a failed change is undone by the re-read, and the error reaches the caller', async () => {
    const t = await tempService();
    cleanup = t.cleanup;
    const store = new PaperListStore(t.service.api, INBOX);
    store.setVisibleRange(0, 20);
    await settled(store, () => store.getSnapshot().total === 78);
    const first = store.rowAt(0)!.id;
    await expect(
      store.mutate(
        [first],
        (p) => ({ ...p, status: 'archived' }),
        // A real failure from the service: a tag name it refuses.
        () => t.service.api.tagPapers({ ids: [first], tag: '/' }),
      ),
    ).rejects.toThrow();
    await settled(store, () => store.getSnapshot().total === 78 && store.indexOf(first) === 0);
  });

  it('searches within the view, or everywhere', async () => {
    const t = await tempService();
    cleanup = t.cleanup;
    const store = new PaperListStore(t.service.api, {
      ...INBOX,
      search: { text: 'Medusa', everywhere: false },
    });
    store.setVisibleRange(0, 20);
    await settled(store, () => (store.getSnapshot().total ?? 0) > 0);
    const snapshot = store.getSnapshot();
    expect(snapshot.rows[0]?.title).toContain('Medusa');
    expect(
      snapshot.matches.get(snapshot.rows[0]!.id)?.matches.some((m) => m.field === 'title'),
    ).toBe(true);
    const id = snapshot.rows[0]!.id;
    await t.service.api.setStatus({ ids: [id], status: 'read' });
    store.refresh();
    await settled(store, () => store.indexOf(id) === -1 && store.getSnapshot().total !== null);
    expect(store.getSnapshot().totalInLibrary).toBeGreaterThan(0);
    store.setQuery({ ...INBOX, search: { text: 'Medusa', everywhere: true } });
    await settled(store, () => store.indexOf(id) >= 0);
  });
});

describe('PaperListStore over several pages', () => {
  /** A library of `count` papers, written straight to SQLite (faster than a feed). */
  async function bigLibrary(count: number) {
    const t = await tempService({ seedSample: false });
    const now = '2025-11-14T00:00:00.000Z';
    const insert = t.service.lib.sqlite.prepare(
      `insert into papers (id, title, source, first_seen_at, updated_at, added_at, last_featured_day, upvotes)
       values (?, ?, 'feed', ?, ?, ?, ?, ?)`,
    );
    t.service.lib.sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const day = `2025-11-${String(10 + (i % 5)).padStart(2, '0')}`;
        insert.run(`2511.${String(10000 + i)}`, `Paper ${i}`, now, now, now, day, (i * 37) % 11);
      }
    })();
    return t;
  }

  /** Every loaded row is where indexOf says, and the rest are not found. */
  function expectIndexConsistent(store: PaperListStore, allIds: string[]): void {
    const rows = store.getSnapshot().rows;
    for (const id of allIds) {
      const expected = rows.findIndex((row) => row?.id === id);
      expect(store.indexOf(id)).toBe(expected);
    }
  }

  it('pages land at their offsets of the full list, and indexOf finds every loaded row', async () => {
    const t = await bigLibrary(350);
    cleanup = t.cleanup;
    const all = (
      await t.service.api.listPapers({ view: 'inbox', offset: 0, limit: 5000 })
    ).papers.map((p) => p.id);
    const store = new PaperListStore(t.service.api, INBOX);
    store.setVisibleRange(0, 20);
    await settled(store, () => store.getSnapshot().total === 350 && store.rowAt(0) !== undefined);
    store.setVisibleRange(250, 270);
    await settled(store, () => store.rowAt(250) !== undefined && store.rowAt(270) !== undefined);
    const rows = store.getSnapshot().rows;
    // Page 0 (the first read) and page 2 (scrolled to) are in; pages read ahead may be too.
    expect(rows.slice(0, 100).map((r) => r?.id)).toEqual(all.slice(0, 100));
    expect(rows.slice(200, 300).map((r) => r?.id)).toEqual(all.slice(200, 300));
    rows.forEach((row, i) => expect(row?.id ?? all[i]).toBe(all[i]));
    expectIndexConsistent(store, all);

    // A local change re-indexes at once: the rows after the triaged one move up.
    const gone = all[5];
    const done = store.mutate(
      [gone],
      (p) => ({ ...p, status: 'archived' }),
      () => t.service.api.setStatus({ ids: [gone], status: 'archived' }),
    );
    expect(store.indexOf(gone)).toBe(-1);
    expect(store.indexOf(all[6])).toBe(5);
    expectIndexConsistent(store, all);
    await done;
  });

  it('reads the page just past the screen before it scrolls into view', async () => {
    const t = await bigLibrary(350);
    cleanup = t.cleanup;
    const store = new PaperListStore(t.service.api, INBOX);
    // Rows 0-40 on screen: the first read covers 0-99; row 100 is close enough to fetch.
    store.setVisibleRange(0, 40);
    await settled(store, () => store.rowAt(105) !== undefined);
    const all = (await t.service.api.listPapers({ view: 'inbox', offset: 100, limit: 100 })).papers;
    expect(store.rowAt(105)!.id).toBe(all[5].id);
    // Nothing beyond the read-ahead is fetched.
    expect(store.rowAt(205)).toBeUndefined();
  });
});
