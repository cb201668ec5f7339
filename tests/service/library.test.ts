import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/main/service';
import type { AppEvent } from '../../src/shared/events';
import { tempService } from '../helpers/library';

let service: Service;
let cleanup: () => Promise<void>;
let events: AppEvent[];

beforeEach(async () => {
  ({ service, cleanup } = await tempService());
  events = [];
  service.events.subscribe((e) => events.push(e));
});
afterEach(() => cleanup());

/** A canonical dump of user-visible state: "nothing was written" means this did not change. */
function dump(s: Service): string {
  const q = (sql: string) => s.lib.sqlite.prepare(sql).all();
  return JSON.stringify({
    papers: q('select id, status, starred, status_changed_at from papers order by id'),
    tags: q('select id, name, color from tags order by id'),
    links: q('select paper_id, tag_id from paper_tags order by paper_id, tag_id'),
    notes: q('select paper_id, markdown, updated_at from notes order by paper_id'),
  });
}

const SPAR = '2412.11605';
const MEDUSA = '2401.10774';

describe('views and counts', () => {
  it('a new library holds the 78 sample papers in the Inbox', async () => {
    const counts = await service.api.getCounts({});
    expect(counts.views).toEqual({
      inbox: 78,
      toread: 0,
      reading: 0,
      read: 0,
      archived: 0,
      starred: 0,
      all: 78,
    });
    expect(counts.days.map((d) => d.day)).toEqual([
      '2025-11-14',
      '2025-11-13',
      '2025-11-12',
      '2025-11-11',
      '2025-11-10',
    ]);
    expect(counts.days.reduce((n, d) => n + d.count, 0)).toBe(78);
    const info = await service.api.getLibraryInfo({});
    expect(info).toMatchObject({ paperCount: 78, samplePaperCount: 78 });
  });

  it('lists a view page by page, sorted, with summaries', async () => {
    const first = await service.api.listPapers({ view: 'all', sort: 'title', limit: 10 });
    const second = await service.api.listPapers({
      view: 'all',
      sort: 'title',
      offset: 10,
      limit: 10,
    });
    expect(first.total).toBe(78);
    const titles = [...first.papers, ...second.papers].map((p) => p.title.toLowerCase());
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set([...first.papers, ...second.papers].map((p) => p.id)).size).toBe(20);
    const byUpvotes = await service.api.listPapers({ view: 'all', sort: 'upvotes', limit: 78 });
    const upvotes = byUpvotes.papers.map((p) => p.upvotes);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    const day = await service.api.listPapers({ view: 'all', day: '2025-11-10', limit: 100 });
    expect(day.total).toBe(16);
    expect(day.papers.every((p) => p.lastFeaturedDay !== null)).toBe(true);
  });

  it('moves papers between views and keeps counts live', async () => {
    await service.api.setStatus({ ids: [SPAR, MEDUSA], status: 'toread' });
    await service.api.setStarred({ ids: [MEDUSA], starred: true });
    const counts = await service.api.getCounts({});
    expect(counts.views).toMatchObject({ inbox: 76, toread: 2, starred: 1, all: 78 });
    const toread = await service.api.listPapers({ view: 'toread' });
    expect(toread.papers.map((p) => p.id).sort()).toEqual([MEDUSA, SPAR].sort());
    const starred = await service.api.listPapers({ view: 'starred' });
    expect(starred.papers.map((p) => p.id)).toEqual([MEDUSA]);
    expect(events.some((e) => e.type === 'library-changed' && e.scope === 'papers')).toBe(true);
  });
});

describe('one paper', () => {
  it('returns every field, featured days and the note', async () => {
    await service.api.saveNote({ id: SPAR, markdown: '# Read this\nGood paper.' });
    const paper = await service.api.getPaper({ id: SPAR });
    expect(paper).toMatchObject({
      id: SPAR,
      title: expect.stringContaining('SPaR'),
      githubRepo: 'https://github.com/thu-coai/SPaR',
      days: ['2025-11-10'],
      status: 'inbox',
      starred: false,
      source: 'sample',
      note: { markdown: '# Read this\nGood paper.' },
    });
    expect(paper.authors[0]).toEqual({ name: 'Jiale Cheng', hidden: false });
    expect(paper.authors).toHaveLength(10);
  });

  it('reports a missing paper as not_found', async () => {
    await expect(service.api.getPaper({ id: '9999.99999' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('tags', () => {
  it('creates, assigns in bulk, filters (parent matches children), renames and recolours', async () => {
    const ml = await service.api.createTag({ name: 'ml' });
    expect(ml.color).toMatch(/^#[0-9a-f]{6}$/);
    await service.api.tagPapers({ ids: [SPAR, MEDUSA], tag: 'ml/speculative' });
    await service.api.tagPapers({ ids: [SPAR], tag: 'ML' }); // case-insensitive: the same tag
    const tags = await service.api.listTags({});
    expect(tags.map((t) => [t.name, t.count])).toEqual([
      ['ml', 1],
      ['ml/speculative', 2],
    ]);
    const underMl = await service.api.listPapers({ view: 'all', tag: 'ml' });
    expect(underMl.total).toBe(2);
    // A nested tag is also found by its last part; a part's prefix finds nothing.
    const speculative = await service.api.listPapers({ view: 'all', tag: 'Speculative' });
    expect(speculative.papers.map((p) => p.id).sort()).toEqual([SPAR, MEDUSA].sort());
    expect((await service.api.listPapers({ view: 'all', tag: 'spec' })).total).toBe(0);
    expect((await service.api.listPapers({ view: 'all', tag: 'l/speculative' })).total).toBe(0);
    const renamed = await service.api.renameTag({ id: ml.id, name: 'machine-learning' });
    expect(renamed.name).toBe('machine-learning');
    const recoloured = await service.api.recolorTag({ id: ml.id, color: '#123456' });
    expect(recoloured.color).toBe('#123456');
  });

  it('merges when renamed onto an existing tag', async () => {
    const a = await service.api.tagPapers({ ids: [SPAR], tag: 'llm' });
    const b = await service.api.tagPapers({ ids: [SPAR, MEDUSA], tag: 'LLMs' });
    const merged = await service.api.renameTag({ id: b.tag.id, name: 'LLM' });
    expect(merged.id).toBe(a.tag.id);
    expect(merged.count).toBe(2);
    expect((await service.api.listTags({})).map((t) => t.name)).toEqual(['llm']);
  });

  it('deletes and restores a tag with its papers (undo)', async () => {
    const { tag } = await service.api.tagPapers({ ids: [SPAR, MEDUSA], tag: 'to-cite' });
    const deleted = await service.api.deleteTag({ id: tag.id });
    expect(deleted.paperIds.sort()).toEqual([MEDUSA, SPAR].sort());
    expect(await service.api.listTags({})).toEqual([]);
    const restored = await service.api.restoreTag({
      name: deleted.tag.name,
      color: deleted.tag.color,
      paperIds: deleted.paperIds,
    });
    expect(restored).toMatchObject({ name: 'to-cite', color: tag.color, count: 2 });
  });

  it('refuses a duplicate name, an unknown tag and malformed names without writing', async () => {
    await service.api.createTag({ name: 'Pruning' });
    const before = dump(service);
    await expect(service.api.createTag({ name: 'pruning' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(service.api.recolorTag({ id: 999, color: '#000000' })).rejects.toMatchObject({
      code: 'not_found',
    });
    for (const name of ['', '   ', 'a//b', '/lead', 'x'.repeat(101), 'bell\u0007']) {
      await expect(service.api.createTag({ name })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    expect(dump(service)).toBe(before);
  });
});

describe('notes', () => {
  it('saves, updates (keeping created time) and deletes on empty', async () => {
    const first = await service.api.saveNote({ id: SPAR, markdown: 'v1' });
    const second = await service.api.saveNote({
      id: SPAR,
      markdown: 'v2 <script>alert(1)</script>',
    });
    expect(second!.createdAt).toBe(first!.createdAt);
    expect(second!.markdown).toBe('v2 <script>alert(1)</script>');
    expect((await service.api.getNote({ id: SPAR }))!.markdown).toBe(second!.markdown);
    expect(await service.api.saveNote({ id: SPAR, markdown: '  \n' })).toBeNull();
    expect(await service.api.getNote({ id: SPAR })).toBeNull();
  });
});

describe('invalid input at the door', () => {
  it('returns typed errors and writes nothing', async () => {
    const before = dump(service);
    const cases: Array<[string, unknown]> = [
      ['setStatus', { ids: [SPAR], status: 'done' }],
      ['setStatus', { ids: [], status: 'read' }],
      ['setStatus', { ids: [SPAR, '9999.99999'], status: 'read' }],
      ['setStatus', { ids: ['<script>'], status: 'read' }],
      ['setStarred', { ids: [SPAR], starred: 'yes' }],
      ['setStarred', { ids: [SPAR], starred: true, extra: 1 }],
      ['saveNote', { id: SPAR, markdown: 'x'.repeat(1_000_001) }],
      ['saveNote', { id: '9999.99999', markdown: 'lost?' }],
      ['listPapers', { view: 'nope' }],
      ['listPapers', { limit: 0 }],
      ['listPapers', { day: '2025-13-99x' }],
      ['getPaper', null],
      ['getPaper', 'string'],
      ['recolorTag', { id: 1, color: 'red' }],
      ['noSuchMethod', {}],
      ['__proto__', {}],
    ];
    for (const [method, input] of cases) {
      const result = await service.dispatch(method, input);
      expect(result.ok, `${method} ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
      if (!result.ok) {
        expect(['invalid_input', 'not_found']).toContain(result.error.code);
        expect(result.error.message.length).toBeGreaterThan(5);
        expect(result.error.message).not.toMatch(/\n\s+at /); // no stack traces
      }
    }
    expect(dump(service)).toBe(before);
  });
});

describe('sample papers', () => {
  it('are removed in one action, except those the user made their own', async () => {
    await service.api.saveNote({ id: SPAR, markdown: 'mine' });
    await service.api.setStarred({ ids: [MEDUSA], starred: true });
    const { removed } = await service.api.removeSample({});
    expect(removed).toBe(76);
    const left = await service.api.listPapers({ view: 'all' });
    expect(left.papers.map((p) => p.id).sort()).toEqual([MEDUSA, SPAR].sort());
  });
});

describe('undo: every change reports what it changed, and can be put back', () => {
  /** Tags and links by name (a restored tag gets a new id). */
  function tagState(s: Service): string {
    const q = (sql: string) => s.lib.sqlite.prepare(sql).all();
    return JSON.stringify({
      tags: q('select name, color from tags order by name'),
      links: q(
        'select pt.paper_id, t.name from paper_tags pt join tags t on t.id = pt.tag_id order by 1, 2',
      ),
    });
  }

  it('setStatus reports the papers it changed; restoreStatus puts them back exactly', async () => {
    await service.api.setStatus({ ids: [SPAR], status: 'reading' });
    const before = dump(service);
    const result = await service.api.setStatus({ ids: [SPAR, MEDUSA], status: 'archived' });
    expect(result.updated).toBe(2);
    expect(result.previous.map((p) => [p.id, p.status])).toEqual(
      [
        [MEDUSA, 'inbox'],
        [SPAR, 'reading'],
      ].sort(),
    );
    expect(result.previous.find((p) => p.id === MEDUSA)?.changedAt).toBeNull();
    expect(dump(service)).not.toBe(before);
    const restored = await service.api.restoreStatus({ papers: result.previous });
    expect(restored.updated).toBe(2);
    expect(dump(service)).toBe(before);
    // A paper already in the target status is not reported (nothing to undo).
    const again = await service.api.setStatus({ ids: [SPAR], status: 'reading' });
    expect(again.previous).toEqual([]);
  });

  it('setStarred names the papers whose star flipped', async () => {
    await service.api.setStarred({ ids: [SPAR], starred: true });
    const before = dump(service);
    const { changedIds } = await service.api.setStarred({ ids: [SPAR, MEDUSA], starred: true });
    expect(changedIds).toEqual([MEDUSA]);
    await service.api.setStarred({ ids: changedIds, starred: false });
    expect(dump(service)).toBe(before);
  });

  it('tagPapers names new links and a new tag; untagPapers names the links it removed', async () => {
    const before = tagState(service);
    const tagged = await service.api.tagPapers({ ids: [SPAR], tag: 'rl' });
    expect(tagged).toMatchObject({ linkedIds: [SPAR], createdTag: true });
    const more = await service.api.tagPapers({ ids: [SPAR, MEDUSA], tag: 'RL' });
    expect(more).toMatchObject({ linkedIds: [MEDUSA], createdTag: false });
    // Undo both, newest first.
    await service.api.untagPapers({ ids: more.linkedIds, tag: 'rl' });
    await service.api.untagPapers({ ids: tagged.linkedIds, tag: 'rl' });
    await service.api.deleteTag({ id: tagged.tag.id });
    expect(tagState(service)).toBe(before);

    await service.api.tagPapers({ ids: [SPAR, MEDUSA], tag: 'keep' });
    const withKeep = tagState(service);
    const untagged = await service.api.untagPapers({
      ids: [SPAR, MEDUSA, '2509.04664'],
      tag: 'keep',
    });
    expect(untagged.unlinkedIds).toEqual([MEDUSA, SPAR].sort());
    await service.api.tagPapers({ ids: untagged.unlinkedIds, tag: 'keep' });
    expect(tagState(service)).toBe(withKeep);
  });

  it('a rename that merges reports what moved, so the merge can be undone', async () => {
    await service.api.tagPapers({ ids: [SPAR], tag: 'llm' });
    const b = await service.api.tagPapers({ ids: [SPAR, MEDUSA], tag: 'LLMs' });
    await service.api.recolorTag({ id: b.tag.id, color: '#123456' });
    const before = tagState(service);
    const merged = await service.api.renameTag({ id: b.tag.id, name: 'LLM' });
    expect(merged.merged?.from).toMatchObject({ name: 'LLMs', color: '#123456', count: 2 });
    expect(merged.merged?.paperIds).toEqual([MEDUSA, SPAR].sort());
    expect(merged.merged?.addedIds).toEqual([MEDUSA]);
    const from = merged.merged!;
    await service.api.restoreTag({
      name: from.from.name,
      color: from.from.color,
      paperIds: from.paperIds,
    });
    await service.api.untagPapers({ ids: from.addedIds, tag: merged.name });
    expect(tagState(service)).toBe(before);
    // A plain rename reports no merge.
    const renamed = await service.api.renameTag({ id: merged.id, name: 'language-models' });
    expect(renamed.merged).toBeNull();
  });

  it('removeSample names what it removed; restoreSample brings exactly those back', async () => {
    const dayRows = (s: Service) =>
      JSON.stringify(
        s.lib.sqlite
          .prepare('select day, paper_id, rank from daily_appearances order by day, rank')
          .all(),
      );
    await service.api.saveNote({ id: SPAR, markdown: 'mine' });
    const before = dump(service);
    const days = dayRows(service);
    const removed = await service.api.removeSample({});
    expect(removed.removed).toBe(77);
    expect(removed.ids).toHaveLength(77);
    expect(removed.ids).not.toContain(SPAR);
    const { restored } = await service.api.restoreSample({ ids: removed.ids });
    expect(restored).toBe(77);
    expect(dump(service)).toBe(before);
    expect(dayRows(service)).toBe(days);
    expect((await service.api.getLibraryInfo({})).samplePaperCount).toBe(78);
  });

  it('restoreStatus refuses unknown papers and bad input, writing nothing', async () => {
    const before = dump(service);
    for (const papers of [
      [{ id: '9999.99999', status: 'read', changedAt: null }],
      [{ id: SPAR, status: 'done', changedAt: null }],
      [{ id: SPAR, status: 'read', changedAt: 'yesterday' }],
      [],
    ]) {
      await expect(
        service.api.restoreStatus({ papers } as unknown as Parameters<
          typeof service.api.restoreStatus
        >[0]),
      ).rejects.toThrow();
    }
    expect(dump(service)).toBe(before);
  });
});
