import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { LibraryDoc } from '../../src/main/replication/doc-model';
import { device, relayOnLoopback, sampleIds, TOKEN, userState } from './helpers';

/**
 * The relay (or anyone with its token) can write anything into the document.
 * What a device applies is checked like any input: nonsense is skipped, the
 * rest still applies, and replication carries on.
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A raw Yjs client with the token: writes whatever it likes. */
async function hostileWrite(url: string, write: (model: LibraryDoc) => void): Promise<void> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: 'test',
    token: TOKEN,
    document: doc,
  });
  provider.attach();
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
  write(new LibraryDoc(doc));
  await new Promise<void>((resolve) => {
    const check = () => {
      if (!provider.hasUnsyncedChanges) resolve();
    };
    provider.on('unsyncedChanges', check);
    check();
  });
  provider.destroy();
  socket.destroy();
}

describe('hostile data from the relay', () => {
  it('skips what the app would refuse and applies the rest', async () => {
    const relay = await relayOnLoopback(cleanups);
    const victim = await device(cleanups, relay);
    const [p, q, r] = await sampleIds(victim, 3);
    const at = '2030-01-01T00:00:00.000Z';
    await hostileWrite(relay.url, (m) => {
      m.setRegister('s', p, 'evil', 'deleted-everything', at); // not a status
      m.setRegister('s', q, 'evil', 'read', at); // fine
      m.setTag('bad1', { name: 'x'.repeat(5000), color: '#123456', gone: '' });
      m.setTag('bad2', { name: 'a\u0000b', color: '#123456', gone: '' });
      m.setTag('good', { name: '<img src=x onerror=alert(1)>', color: 'red; evil', gone: '' });
      for (const tag of ['bad1', 'bad2', 'good']) m.setRegister('l', `${tag}|${r}`, 'evil', 1, at);
      m.papers.set('2499.99999', '{"source":"manual","paper":{"id":"2499.99999"}}'); // incomplete
      m.papers.set('2499.88888', 'not json');
      m.note(r).insert(0, '<script>alert(1)</script> plain text');
    });
    await victim.replication.replicateOnce();
    const state = await userState(victim);
    expect(state.papers).toEqual([{ id: q, status: 'read', starred: 0 }]);
    // The odd but valid name is kept as text; its colour falls back to the default.
    expect(state.tags).toEqual([
      { name: '<img src=x onerror=alert(1)>', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) },
    ]);
    expect(state.links).toEqual([{ paper_id: r, name: '<img src=x onerror=alert(1)>' }]);
    expect(state.notes).toEqual([
      { paper_id: r, markdown: '<script>alert(1)</script> plain text' },
    ]);
    expect(state.paperIds).not.toContain('2499.99999');
    expect(state.paperIds).not.toContain('2499.88888');

    // and replication carries on: the nonsense entry does not pin the status
    const other = await device(cleanups, relay);
    await victim.api.setStatus({ ids: [p], status: 'archived' });
    await victim.replication.replicateOnce();
    await other.replication.replicateOnce();
    expect((await other.api.getPaper({ id: p })).status).toBe('archived');
  });
});
