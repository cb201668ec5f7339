import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/main/db/schema';
import { listPaperIds, type PaperFilter } from '../../src/main/library/papers-repo';
import type { Service } from '../../src/main/service';
import { SORT_KEYS, type SortKey, type View } from '../../src/shared/domain';
import { tempService } from '../helpers/library';

/**
 * The list reads a page straight off an index (featured, added: migration 0003)
 * or a cached sort of the whole view (title, upvotes). These pin what that must never change: any page is exactly rows offset..offset+limit
 * of the whole view sorted in full, for every sort, view, tag and day, and a
 * write shows in the very next read.
 */

interface Row {
  id: string;
  title: string;
  lastFeaturedDay: string | null;
  addedAt: string;
  upvotes: number;
  status: string;
  starred: boolean;
  tags: string[];
  days: string[];
}

const STATUSES = ['inbox', 'toread', 'reading', 'read', 'archived'] as const;
const VIEWS: View[] = ['all', ...STATUSES, 'starred'];
const TAGS = ['ml', 'ml/pruning', 'agents'];
const DAYS = ['2025-11-10', '2025-11-11', '2025-11-12', '2025-11-13'];
/** Titles whose order depends on NOCASE folding ASCII only, and ties broken by id. */
const TITLES = [
  'alpha',
  'Alpha',
  'BETA',
  'beta two',
  'Éclair',
  'zeta',
  'Zeta',
  '[bracket]',
  '_under',
];

/** A deterministic library with ties everywhere the ORDER BY has to break them. */
function makeRows(count: number): Row[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, (_, i) => {
    const days = DAYS.filter(() => next(3) === 0);
    return {
      id: `2511.${String(10000 + ((i * 7919) % 90000)).padStart(5, '0')}`,
      title: `${TITLES[next(TITLES.length)]}${next(2) ? '' : ` ${next(5)}`}`,
      // Some never featured: their added day stands in, and can tie with a featured day.
      lastFeaturedDay: next(4) === 0 ? null : `2025-11-${String(10 + next(5)).padStart(2, '0')}`,
      addedAt: `2025-11-${String(10 + next(5)).padStart(2, '0')}T0${next(3)}:00:00.000Z`,
      upvotes: next(6),
      status: STATUSES[next(STATUSES.length)],
      starred: next(5) === 0,
      tags: TAGS.filter(() => next(4) === 0),
      days,
    };
  });
}

const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function sortRows(rows: Row[], sort: SortKey): Row[] {
  const featured = (r: Row) => r.lastFeaturedDay ?? r.addedAt.slice(0, 10);
  const by: Record<SortKey, (a: Row, b: Row) => number> = {
    featured: (a, b) => cmp(featured(b), featured(a)) || b.upvotes - a.upvotes,
    upvotes: (a, b) => b.upvotes - a.upvotes,
    title: (a, b) => cmp(nocase(a.title), nocase(b.title)),
    added: (a, b) => cmp(b.addedAt, a.addedAt),
    // No popularity history here: every paper grew by 0, so recency (featured) decides.
    rising: (a, b) => cmp(featured(b), featured(a)) || b.upvotes - a.upvotes,
  };
  return [...rows].sort((a, b) => by[sort](a, b) || cmp(a.id, b.id));
}

function inFilter(row: Row, filter: PaperFilter): boolean {
  if (filter.view === 'starred' && !row.starred) return false;
  if (filter.view !== 'starred' && filter.view !== 'all' && row.status !== filter.view) {
    return false;
  }
  if (filter.tag && !row.tags.some((t) => t === filter.tag || t.startsWith(`${filter.tag}/`))) {
    return false;
  }
  if (filter.day && !row.days.includes(filter.day)) return false;
  return true;
}

let service: Service;
let cleanup: () => Promise<void>;
let rows: Row[];
let db: Kysely<Database>;
const compiled: CompiledQuery[] = [];

beforeAll(async () => {
  ({ service, cleanup } = await tempService({ seedSample: false }));
  rows = makeRows(240);
  const sqlite = service.lib.sqlite;
  const now = '2025-11-14T00:00:00.000Z';
  sqlite.transaction(() => {
    const paper = sqlite.prepare(
      `insert into papers (id, title, source, first_seen_at, updated_at, added_at,
         last_featured_day, upvotes, status, starred)
       values (?, ?, 'feed', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tag = sqlite.prepare(
      "insert into tags (name, color, created_at) values (?, '#3b82f6', ?) returning id",
    );
    const tagIds = new Map(TAGS.map((name) => [name, (tag.get(name, now) as { id: number }).id]));
    const link = sqlite.prepare(
      'insert into paper_tags (paper_id, tag_id, added_at) values (?, ?, ?)',
    );
    const day = sqlite.prepare(
      'insert into daily_appearances (day, paper_id, rank) values (?, ?, 0)',
    );
    for (const r of rows) {
      paper.run(
        r.id,
        r.title,
        now,
        now,
        r.addedAt,
        r.lastFeaturedDay,
        r.upvotes,
        r.status,
        r.starred ? 1 : 0,
      );
      for (const t of r.tags) link.run(r.id, tagIds.get(t), now);
      for (const d of r.days) day.run(d, r.id);
    }
  })();
  // The same connection, logging each statement so its query plan can be checked.
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: service.lib.sqlite }),
    log: (event) => {
      if (event.level === 'query') compiled.push(event.query);
    },
  });
});
afterAll(async () => {
  await db.destroy().catch(() => undefined);
  await cleanup();
});

const FILTERS: PaperFilter[] = [
  ...VIEWS.map((view) => ({ view })),
  { view: 'all', tag: 'ml' },
  { view: 'inbox', tag: 'ml/pruning' },
  { view: 'starred', tag: 'agents' },
  { view: 'all', day: '2025-11-11' },
  { view: 'reading', day: '2025-11-12' },
];

describe('listPaperIds pages every view in sort order', () => {
  it.each(SORT_KEYS)('every page equals the full sorted view (sort %s)', async (sort) => {
    for (const filter of FILTERS) {
      const expected = sortRows(
        rows.filter((r) => inFilter(r, filter)),
        sort,
      ).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      // An odd page size, so pages start at arbitrary offsets.
      const paged: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 7) {
        const page = await listPaperIds(service.lib.db, filter, sort, offset, 7);
        expect(page).toEqual(expected.slice(offset, offset + 7));
        paged.push(...page);
      }
      expect(paged).toEqual(expected);
      expect(await listPaperIds(service.lib.db, filter, sort, expected.length, 7)).toEqual([]);
    }
  });

  it('listPapers pages agree with one read of the whole view', async () => {
    for (const sort of SORT_KEYS) {
      const whole = await service.api.listPapers({ view: 'inbox', sort, offset: 0, limit: 5000 });
      const page = await service.api.listPapers({ view: 'inbox', sort, offset: 30, limit: 20 });
      expect(page.total).toBe(whole.total);
      expect(page.papers.map((p) => p.id)).toEqual(whole.papers.slice(30, 50).map((p) => p.id));
    }
  });

  it('a write shows in the very next page read', async () => {
    const first = (await listPaperIds(service.lib.db, { view: 'all' }, 'upvotes', 0, 1))[0];
    const last = (
      await listPaperIds(service.lib.db, { view: 'all' }, 'upvotes', rows.length - 1, 1)
    )[0];
    service.lib.sqlite.prepare('update papers set upvotes = 1000 where id = ?').run(last);
    expect(await listPaperIds(service.lib.db, { view: 'all' }, 'upvotes', 0, 2)).toEqual([
      last,
      first,
    ]);
    await service.api.setStatus({ ids: [last], status: 'archived' });
    expect(await listPaperIds(service.lib.db, { view: 'archived' }, 'upvotes', 0, 1)).toEqual([
      last,
    ]);
    expect(await listPaperIds(service.lib.db, { view: 'inbox' }, 'upvotes', 0, 200)).not.toContain(
      last,
    );
  });

  it.each(['featured', 'added'] as const)(
    'SQLite walks the %s index and never sorts, in any view',
    async (sort) => {
      for (const view of VIEWS) {
        compiled.length = 0;
        await listPaperIds(db, { view }, sort, 100, 100);
        expect(compiled).toHaveLength(1);
        const plan = service.lib.sqlite
          .prepare(`explain query plan ${compiled[0].sql}`)
          .all(...(compiled[0].parameters as unknown[])) as Array<{ detail: string }>;
        const details = plan.map((p) => p.detail).join('; ');
        expect(details).toContain(`USING COVERING INDEX papers_list_${sort}`);
        expect(details).not.toContain('TEMP B-TREE');
      }
    },
  );

  it.each(['title', 'upvotes'] as const)(
    'the %s sort reads a view once and pages it from memory until the library changes',
    async (sort) => {
      const sorts = () => compiled.filter((q) => /order by/i.test(q.sql)).length;
      compiled.length = 0;
      const first = await listPaperIds(db, { view: 'inbox' }, sort, 0, 10);
      const second = await listPaperIds(db, { view: 'inbox' }, sort, 10, 10);
      expect(sorts()).toBe(1);
      await listPaperIds(db, { view: 'read' }, sort, 0, 10);
      expect(sorts()).toBe(2);
      // Any write (here: a status change of the first paper) makes the next read sort again.
      await service.api.setStatus({ ids: [first[0]], status: 'read' });
      const after = await listPaperIds(db, { view: 'inbox' }, sort, 0, 10);
      expect(sorts()).toBe(3);
      expect(after).not.toContain(first[0]);
      expect(after).toEqual([...first.slice(1), second[0]]);
    },
  );
});
