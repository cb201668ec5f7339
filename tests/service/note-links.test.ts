import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';

/**
 * Links written in notes and the backlinks derived from them, through the real
 * service on a real SQLite file: every way a note changes keeps them in step.
 */
let service: Service;
let cleanup: () => Promise<void>;
let ids: string[];
let titles: Map<string, string>;

beforeAll(async () => {
  ({ service, cleanup } = await tempService());
  const page = await service.api.listPapers({ view: 'all', sort: 'title', limit: 5 });
  ids = page.papers.map((p) => p.id);
  titles = new Map(page.papers.map((p) => [p.id, p.title]));
});
afterAll(() => cleanup());

const backlinkIds = async (id: string) =>
  (await service.api.getNoteLinks({ id })).backlinks.map((b) => b.id);

describe('links and backlinks', () => {
  it('a saved note links to papers in and out of the library, with titles', async () => {
    const [a, b] = ids;
    await service.api.saveNote({
      id: a,
      markdown: `Builds on [[${b}|their method]]. See also [[2501.99999]] and \`[[${ids[2]}]]\`.`,
    });
    const { links, backlinks } = await service.api.getNoteLinks({ id: a });
    expect(links).toEqual([
      { id: b, title: titles.get(b) },
      { id: '2501.99999', title: null },
    ]);
    expect(backlinks).toEqual([]);
    expect((await service.api.getNoteLinks({ id: b })).backlinks).toEqual([
      { id: a, title: titles.get(a), context: 'Builds on their method.' },
    ]);
    expect(await backlinkIds(ids[2])).toEqual([]); // in a code span: not a link
  });

  it('follows edits, appends and deletions of the note', async () => {
    const [a, b, c] = ids;
    await service.api.saveNote({ id: a, markdown: `Now only [[${c}]].` });
    expect(await backlinkIds(b)).toEqual([]);
    expect(await backlinkIds(c)).toEqual([a]);
    await service.api.appendToNote({ id: a, markdown: `\nAnd [[${b}]] again.` });
    expect(await backlinkIds(b)).toEqual([a]);
    await service.api.saveNote({ id: a, markdown: '' });
    expect(await backlinkIds(b)).toEqual([]);
    expect(await backlinkIds(c)).toEqual([]);
  });

  it('brings links in with an imported backup note', async () => {
    const [a, , , d] = ids;
    const backup = await service.api.exportPapers({ format: 'json', scope: { ids: [d] } });
    if (backup.format !== 'json') throw new Error('expected JSON');
    const data = JSON.parse(backup.content) as { papers: Array<{ note: string | null }> };
    data.papers[0].note = `Imported note citing [[${a}]].`;
    await service.api.importFile({ fileName: 'b.json', content: JSON.stringify(data) });
    expect(await backlinkIds(a)).toEqual([d]);
  });

  it('lists the most recently edited linking note first; a re-save reorders', async () => {
    const [a, b, c] = ids;
    await service.api.saveNote({ id: a, markdown: `[[${c}]]` });
    await service.api.saveNote({ id: b, markdown: `[[${c}]]` });
    expect(await backlinkIds(c)).toEqual([b, a]);
    await service.api.saveNote({ id: a, markdown: `[[${c}]] edited` });
    expect(await backlinkIds(c)).toEqual([a, b]);
  });

  it('keeps links by id when the linked paper leaves the library', async () => {
    const [a, b, c] = ids;
    // removeSample keeps papers with notes (a, b) and removes the others (c).
    const removed = await service.api.removeSample({});
    expect(removed.ids).toContain(c);
    expect(removed.ids).not.toContain(a);
    expect(await backlinkIds(c)).toEqual([a, b]);
    expect((await service.api.getNoteLinks({ id: a })).links).toEqual([{ id: c, title: null }]);
  });

  it('gives titles for ids, null when not in the library', async () => {
    expect(await service.api.getPaperTitles({ ids: [ids[0], '2501.99999'] })).toEqual([
      { id: ids[0], title: titles.get(ids[0]) },
      { id: '2501.99999', title: null },
    ]);
  });

  it('lists notes newest edit first with their first lines', async () => {
    const { total, notes } = await service.api.listNotes({ offset: 0, limit: 200 });
    expect(total).toBe(notes.length);
    expect(notes[0].updatedAt >= notes[notes.length - 1].updatedAt).toBe(true);
    expect(notes.map((n) => n.id)).toContain(ids[3]);
    expect(notes.find((n) => n.id === ids[3])?.excerpt).toBe(`Imported note citing [[${ids[0]}]].`);
  });
});

describe('has:note', () => {
  it('finds papers with a note, with words from their notes, and leaves them out when negated', async () => {
    const withNotes = (await service.api.listNotes({ offset: 0, limit: 200 })).notes.map(
      (n) => n.id,
    );
    expect(withNotes.length).toBeGreaterThan(0);
    const found = await service.api.search({ query: 'has:note', limit: 1_000 });
    expect(found.results.map((r) => r.paper.id).sort()).toEqual([...withNotes].sort());
    expect(found.warnings).toEqual([]);
    await service.api.saveNote({ id: ids[3], markdown: 'Reread with the quokka benchmark.' });
    const byWord = await service.api.search({ query: 'has:note quokka', limit: 1_000 });
    expect(byWord.results.map((r) => r.paper.id)).toEqual([ids[3]]);
    const without = await service.api.search({ query: '-has:note', limit: 1_000 });
    expect(without.results.some((r) => withNotes.includes(r.paper.id))).toBe(false);
    expect(without.total + found.total).toBe((await service.api.getCounts({})).views.all);
    const notes = await service.api.listNotes({ ids: [ids[3]], offset: 0, limit: 10 });
    expect(notes.notes.map((n) => n.id)).toEqual([ids[3]]);
  });
});
