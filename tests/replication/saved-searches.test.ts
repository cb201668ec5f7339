import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LibraryDoc } from '../../src/main/replication/doc-model';
import { keyBetween } from '../../src/main/replication/views-sync';
import {
  arriveWhileRecording,
  device,
  relayOnLoopback,
  sampleIds,
  twoDevices,
  userState,
  viewId,
  views,
} from './helpers';

/** Saved searches between devices: real libraries on files, a real relay on loopback. */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('saved searches replicate', () => {
  it('one saved on A appears on B with its query, scope, tag and place', async () => {
    const { a, b } = await twoDevices(cleanups);
    await a.api.saveSearch({ name: 'Agents', query: 'title:agent -survey', view: 'toread' });
    await a.api.saveSearch({ name: 'RL', query: '"reinforcement learning"', tag: 'rl' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    expect(await views(b)).toEqual(['Agents: title:agent -survey', 'RL: "reinforcement learning"']);
    const [agents, rl] = await b.api.listSavedSearches({});
    expect([agents.view, agents.tag, rl.view, rl.tag]).toEqual(['toread', null, 'all', 'rl']);
    expect(await userState(b)).toEqual(await userState(a));
  });

  it('a rename on A and a move on B made offline both survive', async () => {
    const { a, b } = await twoDevices(cleanups);
    for (const name of ['one', 'two', 'three']) await a.api.saveSearch({ name, query: name });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    // Apart: A renames "three", B moves it to the top and "one" to the end.
    await a.api.renameSavedSearch({ id: await viewId(a, 'three'), name: 'Three, renamed' });
    await b.api.moveSavedSearch({ id: await viewId(b, 'three'), position: 0 });
    await b.api.moveSavedSearch({ id: await viewId(b, 'one'), position: 2 });
    for (const s of [b, a, b]) await s.replication.replicateOnce();
    const expected = ['Three, renamed: three', 'two: two', 'one: one'];
    expect(await views(a)).toEqual(expected);
    expect(await views(b)).toEqual(expected);
    expect(await userState(a)).toEqual(await userState(b));
  });

  it('moves of different searches on both devices merge; a swap of names on one works', async () => {
    const { a, b } = await twoDevices(cleanups);
    for (const name of ['p', 'q', 'r', 's']) await a.api.saveSearch({ name, query: `${name}x` });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    await a.api.moveSavedSearch({ id: await viewId(a, 's'), position: 0 }); // s p q r
    await b.api.moveSavedSearch({ id: await viewId(b, 'p'), position: 3 }); // q r s p
    await b.api.renameSavedSearch({ id: await viewId(b, 'q'), name: 'tmp' });
    await b.api.renameSavedSearch({ id: await viewId(b, 'r'), name: 'q' });
    await b.api.renameSavedSearch({ id: await viewId(b, 'tmp'), name: 'r' });
    for (const s of [a, b, a]) await s.replication.replicateOnce();
    // s to the top (A), p to the end (B); q and r swapped names (B).
    const expected = ['s: sx', 'r: qx', 'q: rx', 'p: px'];
    expect(await views(a)).toEqual(expected);
    expect(await views(b)).toEqual(expected);
  });

  it.each([
    ['the deleting device exchanges first', true],
    ['the editing device exchanges first', false],
  ])('a delete on A wins over a rename and a move on B (%s)', async (_label, deleterFirst) => {
    const { a, b } = await twoDevices(cleanups);
    for (const name of ['keep', 'doomed']) await a.api.saveSearch({ name, query: name });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    await a.api.deleteSavedSearch({ id: await viewId(a, 'doomed') });
    await b.api.renameSavedSearch({ id: await viewId(b, 'doomed'), name: 'Doomed but renamed' });
    await b.api.moveSavedSearch({ id: await viewId(b, 'Doomed but renamed'), position: 0 });
    const order = deleterFirst ? [a, b, a] : [b, a, b];
    for (const s of order) await s.replication.replicateOnce();
    expect(await views(a)).toEqual(['keep: keep']);
    expect(await views(b)).toEqual(['keep: keep']);
    // Saved again under the old name later, it is a new search and replicates.
    await b.api.saveSearch({ name: 'doomed', query: 'again' });
    for (const s of [b, a]) await s.replication.replicateOnce();
    expect(await views(a)).toEqual(['keep: keep', 'doomed: again']);
  });

  it('a query edit on A and a rename on B both survive', async () => {
    const { a, b } = await twoDevices(cleanups);
    await a.api.saveSearch({ name: 'nets', query: 'network', view: 'all' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    await a.api.updateSavedSearch({
      id: await viewId(a, 'nets'),
      query: 'graph network',
      view: 'toread',
    });
    await b.api.renameSavedSearch({ id: await viewId(b, 'nets'), name: 'Graph nets' });
    for (const s of [a, b, a]) await s.replication.replicateOnce();
    expect(await views(a)).toEqual(['Graph nets: graph network']);
    expect(await views(b)).toEqual(['Graph nets: graph network']);
    expect((await b.api.listSavedSearches({}))[0].view).toBe('toread');
  });

  it('a remote rename that arrives while a local edit is being recorded is not written back', async () => {
    const { a, b } = await twoDevices(cleanups);
    await a.api.saveSearch({ name: 'old name', query: 'q' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    const [p] = await sampleIds(b, 1);
    await a.api.renameSavedSearch({ id: await viewId(a, 'old name'), name: 'new name' });
    // In B's next job a local edit is recorded, and while it is (before the remote rename is
    // shown here) another local saved-search edit is announced: the projection waits for it.
    await arriveWhileRecording(
      cleanups,
      a,
      b,
      () => b.api.setStatus({ ids: [p], status: 'reading' }),
      { type: 'library-changed', scope: 'tags', paperIds: [] },
    );
    expect(await views(b)).toEqual(['new name: q']);
    for (const s of [b, a]) await s.replication.replicateOnce();
    expect(await views(a)).toEqual(['new name: q']);
  });

  it('the same name saved on both devices offline ends as one search; case clashes too', async () => {
    const { a, b } = await twoDevices(cleanups);
    await a.api.saveSearch({ name: 'Vision', query: 'vit' });
    await b.api.saveSearch({ name: 'vision', query: 'cnn' });
    await a.api.saveSearch({ name: 'x', query: 'x' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    // A renames "x" into B's "Later", made meanwhile on B: one shows, the other waits for its name.
    await a.api.renameSavedSearch({ id: await viewId(a, 'x'), name: 'LATER' });
    await b.api.saveSearch({ name: 'later', query: 'b later' });
    for (const s of [a, b, a, b]) await s.replication.replicateOnce();
    const left = await views(a);
    expect(left).toEqual(await views(b));
    expect(left.map((v) => v.split(':')[0].toLowerCase()).sort()).toEqual(['later', 'vision']);
    expect(await userState(a)).toEqual(await userState(b));
    // Renaming the shown one frees the name: the hidden one shows again, on both.
    const shown = left.find((v) => v.toLowerCase().startsWith('later'))!.split(':')[0];
    await a.api.renameSavedSearch({ id: await viewId(a, shown), name: 'renamed' });
    for (const s of [a, b]) await s.replication.replicateOnce();
    expect((await views(b)).length).toBe(3);
    expect(await views(a)).toEqual(await views(b));
  });

  it('a device that was never linked uploads its saved searches on first exchange', async () => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    await a.api.saveSearch({ name: 'mine', query: 'diffusion' });
    await a.replication.unlink();
    await a.api.saveSearch({ name: 'offline', query: 'offline' });
    await a.api.moveSavedSearch({ id: await viewId(a, 'offline'), position: 0 });
    await a.replication.link({ url: relay.url, token: 'test-token-0123456789', name: 'test' });
    await a.replication.replicateOnce();
    const b = await device(cleanups, relay);
    await b.replication.replicateOnce();
    expect(await views(b)).toEqual(['offline: offline', 'mine: diffusion']);
  });
});

describe('live', () => {
  it('a search saved, renamed, moved and removed on A shows on running B', async () => {
    const { a, b } = await twoDevices(cleanups);
    a.replication.startLive();
    b.replication.startLive();
    const until = async (check: (list: string[]) => boolean) => {
      for (;;) {
        // the signal: B's own library-changed event, which refreshes the sidebar
        const changed = new Promise<void>((resolve) => {
          const off = b.events.subscribe((event) => {
            if (event.type === 'library-changed') {
              off();
              resolve();
            }
          });
        });
        if (check(await views(b))) return;
        await changed;
      }
    };
    await a.api.saveSearch({ name: 'first', query: 'one' });
    await a.api.saveSearch({ name: 'second', query: 'two' });
    await until((l) => l.length === 2);
    await a.api.renameSavedSearch({ id: await viewId(a, 'first'), name: 'First!' });
    await a.api.moveSavedSearch({ id: await viewId(a, 'second'), position: 0 });
    await until((l) => l.join() === 'second: two,First!: one');
    await a.api.deleteSavedSearch({ id: await viewId(a, 'second') });
    await until((l) => l.join() === 'First!: one');
  });
});

describe('order keys', () => {
  it('a key between two is strictly between, however often a gap is split', () => {
    let low: string | null = null;
    let high: string | null = null;
    const keys: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const key = keyBetween(low, high);
      if (low !== null) expect(key > low).toBe(true);
      if (high !== null) expect(key < high).toBe(true);
      expect(key).toMatch(/^[0-9a-z]*[1-9a-z]$/);
      keys.push(key);
      if (i % 2 === 0) low = key;
      else high = key;
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a malformed saved search from the relay is skipped, the rest applies', async () => {
    const { a } = await twoDevices(cleanups);
    const model = a.replication.replicator()!.model;
    const writer = new LibraryDoc(new Y.Doc());
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(model.doc));
    writer.setView('bad1', { name: 'a\u0000b', search: '{"query":"q","view":"all","tag":null}' });
    writer.setView('bad2', { name: 'ok', search: 'not json', order: 'i' });
    writer.setView('bad3', { name: 'scope', search: '{"query":"q","view":"nope","tag":null}' });
    writer.setView('good', {
      name: '<img src=x onerror=alert(1)>',
      search: '{"query":"q","view":"all","tag":null}',
      order: '!!',
      gone: '',
    });
    Y.applyUpdate(a.replication.replicator()!.wire, Y.encodeStateAsUpdate(writer.doc));
    expect(await views(a)).toEqual(['<img src=x onerror=alert(1)>: q']);
  });
});
