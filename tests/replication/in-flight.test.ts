import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createService, type Service } from '../../src/main/service';
import { tempDir } from '../helpers/library';
import {
  arriveWhileRecording,
  device,
  relayOnLoopback,
  sampleIds,
  TOKEN,
  twoDevices,
  userState,
} from './helpers';

/**
 * A remote update that arrives while this device records a local edit, and that
 * the projection then leaves for the next job (another local edit was announced
 * meanwhile), is not written back over with the stale local value. Real
 * libraries on files, a real relay on loopback.
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function exchange(...services: Service[]) {
  for (const s of services) await s.replication.replicateOnce();
}

async function tagsOf(s: Service, id: string): Promise<string[]> {
  return [...(await s.api.getPaper({ id })).tags].sort();
}

describe('a remote edit that arrives while a local edit is recorded is not written back', () => {
  it('a tag rename and recolour', async () => {
    const { a, b } = await twoDevices(cleanups);
    const [p, q] = await sampleIds(a, 2);
    await a.api.tagPapers({ ids: [p], tag: 'old name' });
    await exchange(a, b);
    const tagOn = async (s: Service) =>
      (await s.api.listTags({})).find((t) => t.name === 'old name')!;
    const tag = await tagOn(a);
    await a.api.renameTag({ id: tag.id, name: 'new name' });
    await a.api.recolorTag({ id: tag.id, color: '#123456' });
    // B tags another paper with another tag; another tag edit is announced meanwhile.
    await arriveWhileRecording(cleanups, a, b, () => b.api.tagPapers({ ids: [q], tag: 'other' }), {
      type: 'library-changed',
      scope: 'tags',
      paperIds: [],
    });
    const renamed = (await b.api.listTags({})).map((t) => [t.name, t.color]);
    expect(renamed).toContainEqual(['new name', '#123456']);
    expect(await tagsOf(b, p)).toEqual(['new name']);
    await exchange(b, a);
    expect((await a.api.listTags({})).map((t) => [t.name, t.color])).toContainEqual([
      'new name',
      '#123456',
    ]);
    expect(await userState(a)).toEqual(await userState(b));
  });

  it('a status and a star', async () => {
    const { a, b } = await twoDevices(cleanups);
    const [p, q, r] = await sampleIds(a, 3);
    await a.api.setStatus({ ids: [p], status: 'toread' });
    await exchange(a, b);
    await a.api.setStatus({ ids: [p], status: 'read' });
    await a.api.setStarred({ ids: [p], starred: true });
    // r: a paper neither device had touched before
    await a.api.setStatus({ ids: [r], status: 'archived' });
    await a.api.setStarred({ ids: [r], starred: true });
    // B edits another paper; edits of p and r are announced meanwhile.
    await arriveWhileRecording(
      cleanups,
      a,
      b,
      () => b.api.setStatus({ ids: [q], status: 'reading' }),
      {
        type: 'library-changed',
        scope: 'papers',
        paperIds: [p, r],
      },
    );
    const shown = async (s: Service) =>
      Promise.all(
        [p, r].map(async (id) => {
          const paper = await s.api.getPaper({ id });
          return [paper.status, paper.starred];
        }),
      );
    const expected = [
      ['read', true],
      ['archived', true],
    ];
    expect(await shown(b)).toEqual(expected);
    await exchange(b, a);
    expect(await shown(a)).toEqual(expected);
    expect(await userState(a)).toEqual(await userState(b));
  });

  it('a link and an unlink', async () => {
    const { a, b } = await twoDevices(cleanups);
    const [p, q] = await sampleIds(a, 2);
    await a.api.tagPapers({ ids: [p], tag: 'leaving' });
    await a.api.createTag({ name: 'arriving' });
    await exchange(a, b);
    await a.api.untagPapers({ ids: [p], tag: 'leaving' });
    await a.api.tagPapers({ ids: [p], tag: 'arriving' });
    await arriveWhileRecording(
      cleanups,
      a,
      b,
      () => b.api.setStarred({ ids: [q], starred: true }),
      {
        type: 'library-changed',
        scope: 'papers',
        paperIds: [p],
      },
    );
    expect(await tagsOf(b, p)).toEqual(['arriving']);
    await exchange(b, a);
    expect(await tagsOf(a, p)).toEqual(['arriving']);
    expect(await userState(a)).toEqual(await userState(b));
  });

  it('a link to a tag made on the other device', async () => {
    const { a, b } = await twoDevices(cleanups);
    const [p, q] = await sampleIds(a, 2);
    await exchange(a, b);
    await a.api.tagPapers({ ids: [p], tag: 'fresh' });
    // B tags another paper; another tag edit is announced meanwhile, so "fresh" waits.
    await arriveWhileRecording(cleanups, a, b, () => b.api.tagPapers({ ids: [q], tag: 'mine' }), {
      type: 'library-changed',
      scope: 'tags',
      paperIds: [],
    });
    expect(await tagsOf(b, p)).toEqual(['fresh']);
    // an edit of p on B afterwards records p as it is there
    await b.api.setStarred({ ids: [p], starred: true });
    await exchange(b, a);
    expect(await tagsOf(a, p)).toEqual(['fresh']);
    expect(await userState(a)).toEqual(await userState(b));
  });

  it('a note new to this device, and an edit of one it had', async () => {
    const { a, b } = await twoDevices(cleanups);
    const [p, q, r] = await sampleIds(a, 3);
    await a.api.saveNote({ id: r, markdown: 'first words' });
    await exchange(a, b);
    await a.api.saveNote({ id: p, markdown: 'a new note' });
    await a.api.saveNote({ id: r, markdown: 'first words, then more' });
    await arriveWhileRecording(
      cleanups,
      a,
      b,
      () => b.api.setStatus({ ids: [q], status: 'reading' }),
      {
        type: 'library-changed',
        scope: 'notes',
        paperIds: [p, r],
      },
    );
    const notes = async (s: Service) =>
      Promise.all([p, r].map(async (id) => (await s.api.getNote({ id }))?.markdown));
    expect(await notes(b)).toEqual(['a new note', 'first words, then more']);
    await exchange(b, a);
    expect(await notes(a)).toEqual(['a new note', 'first words, then more']);
  });

  it('the theme', async () => {
    const { a, b } = await twoDevices(cleanups);
    const [q] = await sampleIds(b, 1);
    await exchange(a, b);
    await a.api.updateSettings({ changes: { theme: 'dark' } });
    // B edits a paper; a device setting of B's changes meanwhile (it is not replicated).
    await b.api.updateSettings({ changes: { backupKeep: 7 } });
    await arriveWhileRecording(
      cleanups,
      a,
      b,
      () => b.api.setStatus({ ids: [q], status: 'reading' }),
      {
        type: 'settings-changed',
        settings: await b.api.getSettings({}),
      },
    );
    expect((await b.api.getSettings({})).theme).toBe('dark');
    await exchange(b, a);
    expect((await a.api.getSettings({})).theme).toBe('dark');
  });
});

describe('what was left for the next job', () => {
  it('is not written back when the device stops before that job and opens again', async () => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    const folder = tempDir();
    cleanups.push(folder.cleanup);
    const file = path.join(folder.dir, 'library.sqlite');
    const opened: Service[] = [];
    cleanups.push(async () => {
      for (const s of opened.splice(0)) await s.close();
    });
    let b = await createService({ path: file });
    opened.push(b);
    await b.replication.link({ url: relay.url, token: TOKEN, name: 'test' });
    const [p, q] = await sampleIds(a, 2);
    await a.api.setStatus({ ids: [p], status: 'toread' });
    await a.api.tagPapers({ ids: [p], tag: 'old name' });
    await a.api.saveNote({ id: p, markdown: 'first words' });
    await a.api.saveSearch({ name: 'old search', query: 'q' });
    await exchange(a, b);
    const tag = (await a.api.listTags({})).find((t) => t.name === 'old name')!;
    await a.api.renameTag({ id: tag.id, name: 'new name' });
    await a.api.setStatus({ ids: [p], status: 'read' });
    await a.api.saveNote({ id: p, markdown: 'first words, then more' });
    const view = (await a.api.listSavedSearches({})).find((v) => v.name === 'old search')!;
    await a.api.renameSavedSearch({ id: view.id, name: 'new search' });
    await a.replication.replicator()!.idle();
    const fromA = Y.encodeStateAsUpdate(a.replication.replicator()!.model.doc);
    // B records an edit; A's arrive in that job; edits of p and of the tags are announced
    // meanwhile, so they are left for the next job; B stops before it runs.
    const replicator = b.replication.replicator()!;
    const stopping: Array<Promise<void>> = [];
    const service = b;
    replicator.onChange(() => {
      if (stopping.length > 0) return;
      service.events.emit({ type: 'library-changed', scope: 'tags', paperIds: [p] });
      opened.splice(opened.indexOf(service), 1);
      stopping.push(service.close());
    });
    await b.api.setStatus({ ids: [q], status: 'reading' });
    Y.applyUpdate(replicator.wire, fromA);
    await replicator.idle();
    expect(stopping).toHaveLength(1);
    await stopping[0];
    b = await createService({ path: file });
    opened.push(b);
    await b.replication.replicateOnce();
    const shown = async (s: Service) => {
      const paper = await s.api.getPaper({ id: p });
      const note = await s.api.getNote({ id: p });
      const searches = (await s.api.listSavedSearches({})).map((v) => v.name);
      return [paper.status, [...paper.tags], note?.markdown, searches];
    };
    const expected = ['read', ['new name'], 'first words, then more', ['new search']];
    expect(await shown(b)).toEqual(expected);
    await exchange(a);
    expect(await shown(a)).toEqual(expected);
    expect(await userState(a)).toEqual(await userState(b));
  });
});

describe('a local edit made in that instant is kept', () => {
  it('a status set meanwhile wins over the remote one it raced; the remote star and unlink stay', async () => {
    const { a, b } = await twoDevices(cleanups);
    const [p, q] = await sampleIds(a, 2);
    await a.api.setStatus({ ids: [p], status: 'toread' });
    await a.api.tagPapers({ ids: [p], tag: 'kept' });
    await exchange(a, b);
    await a.api.setStatus({ ids: [p], status: 'read' });
    await a.api.setStarred({ ids: [p], starred: true });
    await a.api.untagPapers({ ids: [p], tag: 'kept' });
    await new Promise((resolve) => setTimeout(resolve, 5)); // B's edit is the later one
    // B archives p in the instant A's edits arrive (the same write setStatus makes).
    const sqlite = b.lib.sqlite;
    await arriveWhileRecording(
      cleanups,
      a,
      b,
      () => b.api.setStatus({ ids: [q], status: 'reading' }),
      { type: 'library-changed', scope: 'papers', paperIds: [p] },
      () => {
        sqlite
          .prepare('update papers set status = ?, status_changed_at = ? where id = ?')
          .run('archived', new Date().toISOString(), p);
      },
    );
    await exchange(b, a);
    for (const s of [a, b]) {
      const paper = await s.api.getPaper({ id: p });
      expect([paper.status, paper.starred]).toEqual(['archived', true]);
      expect(await tagsOf(s, p)).toEqual([]);
    }
    expect(await userState(a)).toEqual(await userState(b));
  });
});
