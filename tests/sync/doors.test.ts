import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../src/shared/events';
import type { SyncRun } from '../../src/shared/api/sync';
import { startServer, TOKEN_HEADER, type BrowserServer } from '../../src/main/server';
import type { Service } from '../../src/main/service';
import { syncAndWait } from '../../src/main/sync/await-run';
import { tempService } from '../helpers/library';
import { startFeedServer, type FeedServer } from './feed-server';

let feed: FeedServer;
let service: Service;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  feed = await startFeedServer();
  ({ service, cleanup } = await tempService({ env: {} })); // with the bundled sample
});
afterEach(async () => {
  await cleanup();
  await feed.close();
});

describe('sync through the browser-mode door', () => {
  let server: BrowserServer;
  afterEach(async () => {
    await server.close();
  });

  it('starts over POST /api/startSync and streams progress as server-sent events', async () => {
    server = await startServer({ service, port: 0, rendererDir: null });
    const abort = new AbortController();
    const base = `http://127.0.0.1:${server.port}`;
    const stream = await fetch(`${base}/api/events?token=${server.token}`, {
      signal: abort.signal,
    });
    const events: AppEvent[] = [];
    const finished = (async (): Promise<SyncRun> => {
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const event = JSON.parse(data.slice(6)) as AppEvent;
          events.push(event);
          if (event.type === 'sync-finished') return event.run;
        }
      }
    })();
    const response = await fetch(`${base}/api/startSync`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token },
      body: JSON.stringify({ from: '2025-11-10', to: '2025-11-16', source: feed.url }),
    });
    const started = (await response.json()) as { ok: boolean; value: SyncRun };
    expect(started).toMatchObject({ ok: true, value: { state: 'running', totalDays: 7 } });
    const run = await finished;
    abort.abort();
    expect(run).toMatchObject({ id: started.value.id, state: 'done', doneDays: 7 });
    expect(events.filter((e) => e.type === 'sync-status').length).toBeGreaterThanOrEqual(8);
    expect(events.some((e) => e.type === 'library-changed')).toBe(true);

    const status = await fetch(`${base}/api/getSyncStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token },
      body: '{}',
    });
    expect(await status.json()).toMatchObject({
      ok: true,
      value: { running: false, syncedDays: 7, lastSyncedDay: '2025-11-16' },
    });
  });
});

describe('sync over the bundled sample', () => {
  it('turns sample papers that the feed lists into feed papers, keeping the user’s changes', async () => {
    expect((await service.api.getLibraryInfo({})).samplePaperCount).toBe(78);
    await service.api.setStatus({ ids: ['2412.11605'], status: 'read' });
    const run = await syncAndWait(service, {
      from: '2025-11-10',
      to: '2025-11-11',
      source: feed.url,
    });
    // Same data as the sample: nothing new, nothing changed, but now they belong to the feed.
    expect(run).toMatchObject({ state: 'done', added: 0, updated: 0, unchanged: 32 });
    const info = await service.api.getLibraryInfo({});
    expect(info).toMatchObject({ paperCount: 78, samplePaperCount: 46 });
    expect((await service.api.getPaper({ id: '2412.11605' })).status).toBe('read');
    // "Remove sample" now removes only what the feed has not claimed.
    expect(await service.api.removeSample({})).toMatchObject({ removed: 46 });
    expect((await service.api.getLibraryInfo({})).paperCount).toBe(32);
  });
});
