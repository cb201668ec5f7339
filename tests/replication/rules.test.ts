import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LibraryDoc } from '../../src/main/replication/doc-model';
import { createService } from '../../src/main/service';
import { applyLocalText, diff } from '../../src/main/replication/text-diff';
import { tempService } from '../helpers/library';
import { device, relayOnLoopback, sampleIds, TOKEN, userState } from './helpers';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('status and star: the later wall-clock edit wins', () => {
  it.each([
    ['the later device exchanges first', true],
    ['the earlier device exchanges first', false],
  ])('%s', async (_label, laterFirst) => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    const b = await device(cleanups, relay);
    const [p] = await sampleIds(a, 1);
    await a.api.setStarred({ ids: [p], starred: true });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    // Apart: A reads and unstars; a little later B archives, unstars and stars again.
    await a.api.setStatus({ ids: [p], status: 'read' });
    await a.api.setStarred({ ids: [p], starred: false });
    await tick();
    await b.api.setStatus({ ids: [p], status: 'archived' });
    await b.api.setStarred({ ids: [p], starred: false });
    await b.replication.replicator()!.idle(); // recorded: an edit undone before that is no edit
    await b.api.setStarred({ ids: [p], starred: true });
    const order = laterFirst ? [b, a, b] : [a, b, a];
    for (const s of order) await s.replication.replicateOnce();
    for (const s of [a, b]) {
      const paper = await s.api.getPaper({ id: p });
      expect([paper.status, paper.starred]).toEqual(['archived', true]);
    }
  });

  it('breaks a tie on the same instant by device id, whatever order updates arrive in', () => {
    const one = new LibraryDoc();
    const two = new LibraryDoc();
    const at = '2025-11-15T10:00:00.000Z';
    const writer1 = new LibraryDoc();
    const writer2 = new LibraryDoc();
    writer1.setRegister('s', '2401.00001', 'aaaa', 'read', at);
    writer2.setRegister('s', '2401.00001', 'ffff', 'archived', at);
    const u1 = Y.encodeStateAsUpdate(writer1.doc);
    const u2 = Y.encodeStateAsUpdate(writer2.doc);
    Y.applyUpdate(one.doc, u1);
    Y.applyUpdate(one.doc, u2);
    Y.applyUpdate(two.doc, u2);
    Y.applyUpdate(two.doc, u1);
    expect(one.register('s', '2401.00001')?.[0]).toBe('archived');
    expect(two.register('s', '2401.00001')?.[0]).toBe('archived');
  });
});

describe('notes merge as text', () => {
  it('finds the one changed stretch, never splitting an emoji', () => {
    expect(diff('abc', 'abc')).toBeNull();
    expect(diff('hello world', 'hello brave world')).toEqual({
      at: 6,
      remove: 0,
      insert: 'brave ',
    });
    expect(diff('x🙂y', 'x🙃y')).toEqual({ at: 1, remove: 2, insert: '🙃' });
  });

  it('keeps both devices’ words when they typed in the same note apart', () => {
    const base = 'Intro.\n\nMiddle.\n\nEnd.';
    const left = new Y.Doc();
    left.getText('n').insert(0, base);
    const right = new Y.Doc();
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    applyLocalText(left.getText('n'), base, 'Intro, longer.\n\nMiddle.\n\nEnd.');
    applyLocalText(right.getText('n'), base, 'Intro.\n\nMiddle.\n\nEnd, with more.');
    Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    expect(left.getText('n').toString()).toBe('Intro, longer.\n\nMiddle.\n\nEnd, with more.');
    expect(right.getText('n').toString()).toBe(left.getText('n').toString());
  });

  it('keeps a local save whole when a remote edit arrived in between (three-way)', () => {
    const text = new Y.Doc().getText('n');
    text.insert(0, 'one two three');
    text.insert(0, 'zero '); // a remote edit not yet in SQLite
    applyLocalText(text, 'one two three', 'one two three four'); // saved against the old text
    expect(text.toString()).toBe('zero one two three four');
  });
});

describe('tags keyed by a stable id', () => {
  it('a rename on one device while the other tags with the old name keeps the papers tagged', async () => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    const b = await device(cleanups, relay);
    const [p, q] = await sampleIds(a, 2);
    await a.api.tagPapers({ ids: [p], tag: 'diffusion' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    const tag = (await a.api.listTags({})).find((t) => t.name === 'diffusion')!;
    await a.api.renameTag({ id: tag.id, name: 'generative/diffusion' });
    await b.api.tagPapers({ ids: [q], tag: 'diffusion' });
    for (const s of [a, b, a]) await s.replication.replicateOnce();
    for (const s of [a, b]) {
      const state = await userState(s);
      expect(state.tags.map((t) => (t as { name: string }).name)).toEqual(['generative/diffusion']);
      expect(state.links).toEqual(
        [p, q].sort().map((paper_id) => ({ paper_id, name: 'generative/diffusion' })),
      );
    }
  });

  it('a merge on one device takes the links the other made meanwhile', async () => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    const b = await device(cleanups, relay);
    const [p, q, r] = await sampleIds(a, 3);
    await a.api.tagPapers({ ids: [p], tag: 'rlhf' });
    await a.api.tagPapers({ ids: [q], tag: 'alignment' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    const rlhf = (await a.api.listTags({})).find((t) => t.name === 'rlhf')!;
    await a.api.renameTag({ id: rlhf.id, name: 'alignment' }); // merges
    await b.api.tagPapers({ ids: [r], tag: 'rlhf' });
    for (const s of [b, a, b]) await s.replication.replicateOnce();
    for (const s of [a, b]) {
      const state = await userState(s);
      expect(state.tags.map((t) => (t as { name: string }).name)).toEqual(['alignment']);
      expect(state.links).toEqual(
        [p, q, r].sort().map((paper_id) => ({ paper_id, name: 'alignment' })),
      );
    }
  });
});

describe('papers', () => {
  it('a paper imported on one device arrives on the other with its metadata', async () => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    const b = await device(cleanups, relay);
    await a.api.importFile({
      fileName: 'refs.bib',
      content:
        '@misc{x, title = {A Replicated Paper}, author = {Ada Lovelace and Alan Turing}, year = {2024}, eprint = {2403.01234}, archivePrefix = {arXiv}}',
      tags: ['imported'],
    });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    const paper = await b.api.getPaper({ id: '2403.01234' });
    expect(paper.title).toBe('A Replicated Paper');
    expect(paper.authors.map((x) => x.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(paper.tags).toEqual(['imported']);
  });

  it('user data for a feed paper this device lacks waits, and applies when the paper arrives', async () => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    const { service: b, cleanup } = await tempService({ seedSample: false });
    cleanups.push(cleanup);
    await b.replication.link({ url: relay.url, token: TOKEN, name: 'test' });
    const [p] = await sampleIds(a, 1);
    await a.api.setStatus({ ids: [p], status: 'reading' });
    await a.api.saveNote({ id: p, markdown: 'Waits for the paper.' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    expect((await b.api.listPapers({ view: 'all' })).total).toBe(0);
    // The paper arrives (here: the sample's papers come back, as a feed sync would bring them).
    const ids = (await a.api.listPapers({ view: 'all', limit: 500 })).papers.map((x) => x.id);
    await b.api.restoreSample({ ids });
    await b.replication.replicator()!.idle();
    const paper = await b.api.getPaper({ id: p });
    expect(paper.status).toBe('reading');
    expect(paper.note?.markdown).toBe('Waits for the paper.');
    // and the arrival was not taken for a local edit back to the defaults
    await b.replication.replicateOnce();
    await a.replication.replicateOnce();
    expect((await a.api.getPaper({ id: p })).status).toBe('reading');
  });
});

describe('the relay', () => {
  it('refuses a device without the right token', async () => {
    const relay = await relayOnLoopback(cleanups);
    const { service, cleanup } = await tempService();
    cleanups.push(cleanup);
    await service.replication.link({ url: relay.url, token: 'not-the-token', name: 'test' });
    await expect(service.replication.replicateOnce(10_000)).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(service.replication.status().relayUrl).toBe(relay.url);
  });
});

describe('settings', () => {
  it('the theme travels; the device’s own settings (feed, backups) stay', async () => {
    const relay = await relayOnLoopback(cleanups);
    const a = await device(cleanups, relay);
    const b = await device(cleanups, relay);
    await a.api.updateSettings({ changes: { theme: 'dark', backupKeep: 9 } });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    const got = await b.api.getSettings({});
    expect([got.theme, got.backupKeep]).toEqual(['dark', 5]);
    await b.api.updateSettings({ changes: { theme: 'light' } });
    await b.replication.replicateOnce();
    await a.replication.replicateOnce();
    expect((await a.api.getSettings({})).theme).toBe('light');
  });
});

describe('a restore', () => {
  it('is replicated as the edits it makes, and the log reopens whole', async () => {
    const relay = await relayOnLoopback(cleanups);
    const { service: a, file, dir } = await tempService();
    let isOpen = true;
    cleanups.push(async () => {
      if (isOpen) await a.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    await a.replication.link({ url: relay.url, token: TOKEN, name: 'test' });
    const b = await device(cleanups, relay);
    const [p] = await sampleIds(a, 1);
    await a.api.setStatus({ ids: [p], status: 'toread' });
    await a.replication.replicateOnce();
    const backup = await a.api.createBackup({});
    await tick();
    await a.api.setStatus({ ids: [p], status: 'read' });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    expect((await b.api.getPaper({ id: p })).status).toBe('read');

    await tick();
    await a.api.restoreBackup({ file: backup.file });
    await a.replication.replicateOnce();
    await b.replication.replicateOnce();
    expect((await b.api.getPaper({ id: p })).status).toBe('toread');

    await a.close();
    isOpen = false;
    const reopened = await createService({ path: file });
    cleanups.push(() => reopened.close());
    const model = reopened.replication.replicator()!.model;
    expect(model.register('s', p)?.[0]).toBe('toread');
  });
});
