import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function library(options: { seedSample?: boolean } = {}): Promise<Service> {
  const lib = await tempService(options);
  cleanups.push(lib.cleanup);
  return lib.service;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('saved searches', () => {
  it('are named views with live counts: saved, listed in order, renamed, reordered, deleted', async () => {
    const service = await library();
    const { api } = service;
    const search = await api.search({ query: 'diffusion', limit: 1 });
    expect(search.total).toBeGreaterThan(0);

    const a = await api.saveSearch({ name: '  Diffusion  papers ', query: 'diffusion' });
    expect(a).toMatchObject({
      name: 'Diffusion papers',
      query: 'diffusion',
      view: 'all',
      tag: null,
      count: search.total,
      position: 0,
    });
    const b = await api.saveSearch({ name: 'Starred agents', query: 'agent', view: 'starred' });
    expect(b.count).toBe(0); // nothing starred yet
    const c = await api.saveSearch({ name: 'Language', query: 'language model' });

    // Live: starring a match counts at once.
    const agents = await api.search({ query: 'agent', limit: 2 });
    await api.setStarred({ ids: agents.results.map((r) => r.paper.id), starred: true });
    let list = await api.listSavedSearches({});
    expect(list.map((v) => [v.name, v.count])).toEqual([
      ['Diffusion papers', search.total],
      ['Starred agents', agents.results.length],
      ['Language', c.count],
    ]);

    expect((await failure(api.saveSearch({ name: 'diffusion PAPERS', query: 'x' }))).code).toBe(
      'conflict',
    );
    expect((await failure(api.renameSavedSearch({ id: b.id, name: 'language' }))).code).toBe(
      'conflict',
    );
    expect((await api.renameSavedSearch({ id: b.id, name: 'Agents ★' })).name).toBe('Agents ★');

    list = await api.moveSavedSearch({ id: c.id, position: 0 });
    expect(list.map((v) => v.name)).toEqual(['Language', 'Diffusion papers', 'Agents ★']);
    list = await api.moveSavedSearch({ id: c.id, position: 99 });
    expect(list.map((v) => v.name)).toEqual(['Diffusion papers', 'Agents ★', 'Language']);
    expect(list.map((v) => v.position)).toEqual([0, 1, 2]);

    const page = await api.listSavedSearchPapers({ name: 'DIFFUSION papers', limit: 1000 });
    const direct = await api.search({ query: 'diffusion', limit: 1000 });
    expect(page.papers.map((p) => p.id)).toEqual(direct.results.map((r) => r.paper.id));

    expect((await api.deleteSavedSearch({ id: a.id })).deleted.name).toBe('Diffusion papers');
    expect((await api.listSavedSearches({})).map((v) => v.name)).toEqual(['Agents ★', 'Language']);
    expect((await failure(api.deleteSavedSearch({ id: a.id }))).code).toBe('not_found');
    expect((await failure(api.listSavedSearchPapers({ name: 'nope' }))).code).toBe('not_found');
    // Hostile input is refused at the door, with a reason.
    expect((await failure(api.saveSearch({ name: 'a\u0000b', query: 'x' }))).code).toBe(
      'invalid_input',
    );
    expect((await failure(api.saveSearch({ name: 'empty', query: '   ' }))).code).toBe(
      'invalid_input',
    );
  });

  it('can search for something else under the same name and place, and back', async () => {
    const service = await library();
    const { api } = service;
    const first = await api.saveSearch({ name: 'Reading', query: 'diffusion' });
    const second = await api.saveSearch({ name: 'Other', query: 'agent' });
    const decoding = await api.search({ query: 'speculative decoding', view: 'inbox', limit: 1 });
    const updated = await api.updateSavedSearch({
      id: first.id,
      query: ' speculative decoding ',
      view: 'inbox',
    });
    expect(updated).toMatchObject({
      id: first.id,
      name: 'Reading',
      query: 'speculative decoding',
      view: 'inbox',
      tag: null,
      position: 0,
      count: decoding.total,
    });
    const page = await api.listSavedSearchPapers({ name: 'reading', limit: 1000 });
    const direct = await api.search({ query: 'speculative decoding', view: 'inbox', limit: 1000 });
    expect(page.papers.map((p) => p.id)).toEqual(direct.results.map((r) => r.paper.id));
    expect((await api.listSavedSearches({})).map((v) => v.name)).toEqual(['Reading', 'Other']);
    // And back (what Undo does), with a tag scope this time.
    const back = await api.updateSavedSearch({ id: first.id, query: 'diffusion', tag: 'ml' });
    expect(back).toMatchObject({ query: 'diffusion', view: 'all', tag: 'ml' });
    expect((await failure(api.updateSavedSearch({ id: 999, query: 'x' }))).code).toBe('not_found');
    expect((await failure(api.updateSavedSearch({ id: second.id, query: ' ' }))).code).toBe(
      'invalid_input',
    );
    expect((await api.listSavedSearches({}))[1]).toMatchObject({ name: 'Other', query: 'agent' });
  });

  it('go into the JSON backup and come back on import; a merge keeps the names already there', async () => {
    const source = await library();
    await source.api.saveSearch({ name: 'Diffusion', query: 'diffusion', view: 'inbox' });
    await source.api.saveSearch({
      name: '<b>Agents</b>',
      query: 'agent "tool use"',
      tag: 'ml/agents',
    });
    const backup = await source.api.exportPapers({ format: 'json' });
    if (backup.format !== 'json') throw new Error('expected a backup');
    expect(JSON.parse(backup.content).savedSearches).toEqual([
      { name: 'Diffusion', query: 'diffusion', view: 'inbox', tag: null },
      { name: '<b>Agents</b>', query: 'agent "tool use"', view: 'all', tag: 'ml/agents' },
    ]);

    const target = await library({ seedSample: false });
    await target.api.importFile({ fileName: backup.fileName, content: backup.content });
    const restored = await target.api.listSavedSearches({});
    expect(restored.map((v) => [v.name, v.query, v.view, v.tag])).toEqual([
      ['Diffusion', 'diffusion', 'inbox', null],
      ['<b>Agents</b>', 'agent "tool use"', 'all', 'ml/agents'],
    ]);
    expect(restored[0].count).toBeGreaterThan(0);

    const merged = await library();
    await merged.api.saveSearch({ name: 'diffusion', query: 'mine' });
    await merged.api.importFile({ fileName: backup.fileName, content: backup.content });
    expect((await merged.api.listSavedSearches({})).map((v) => [v.name, v.query])).toEqual([
      ['diffusion', 'mine'],
      ['<b>Agents</b>', 'agent "tool use"'],
    ]);

    // A backup with a broken saved search is refused with a clear error, nothing imported.
    const broken = JSON.parse(backup.content);
    broken.savedSearches.push({ name: '', query: 'x' });
    const fresh = await library({ seedSample: false });
    const error = await failure(
      fresh.api.importFile({ fileName: 'broken.json', content: JSON.stringify(broken) }),
    );
    expect(error.code).toBe('bad_file');
    expect((await fresh.api.getLibraryInfo({})).paperCount).toBe(0);
  });
});
