import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import type { SyncStatus } from '../../src/shared/api/sync';
import { syncAndWait } from '../../src/main/sync/await-run';
import {
  closedPortUrl,
  makeItem,
  startFeedServer,
  type Fault,
  type FeedServer,
} from './feed-server';
import { dumpLibrary, syncSetup, type SyncSetup } from './helpers';

let feed: FeedServer;
let s: SyncSetup;
beforeEach(async () => {
  feed = await startFeedServer();
  s = await syncSetup();
});
afterEach(async () => {
  await s.cleanup();
  await feed.close();
});

const WEEK = { from: '2025-11-10', to: '2025-11-16' };
const always500 = (n: number): Fault[] =>
  Array.from({ length: n }, () => ({ kind: 'status' as const, status: 500 }));

function statuses(): SyncStatus[] {
  return s.events.flatMap((e) => (e.type === 'sync-status' ? [e.status] : []));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('runs that do not finish every day', () => {
  it('keeps going past a day that fails, reports it, and a re-run fetches only that day', async () => {
    feed.inject(always500(5), { day: '2025-11-12' });
    const run = await s.sync({ ...WEEK, source: feed.url });
    expect(run).toMatchObject({ state: 'failed', doneDays: 6, failedDays: 1, added: 62 });
    expect(run.error).toMatchObject({ code: 'network', message: expect.stringMatching(/500/) });
    feed.requests.length = 0;
    const again = await s.sync({ ...WEEK, source: feed.url });
    expect(feed.requests.map((r) => r.day)).toEqual(['2025-11-12']);
    expect(again).toMatchObject({ state: 'done', doneDays: 1, added: 16, error: null });
    expect(dumpLibrary(s.file).days).toHaveLength(7);
  });

  it('stops after three failed days in a row: the feed is down', async () => {
    feed.inject(always500(15));
    const run = await s.sync({ ...WEEK, source: feed.url });
    expect(run).toMatchObject({ state: 'failed', doneDays: 0, failedDays: 3 });
    expect(run.error?.message).toMatch(/^Stopped after 3 days in a row failed/);
    expect(new Set(feed.requests.map((r) => r.day))).toEqual(
      new Set(['2025-11-10', '2025-11-11', '2025-11-12']),
    );
  });

  it('ends calmly as offline when the feed cannot be reached, keeping finished days', async () => {
    await s.sync({ from: '2025-11-10', to: '2025-11-11', source: feed.url });
    const before = dumpLibrary(s.file);
    // The real service: real clock, real default retries. Offline must still be immediate.
    const events: SyncStatus[] = [];
    const run = await syncAndWait(s.service, { ...WEEK, source: await closedPortUrl() }, (st) =>
      events.push(st),
    );
    expect(run).toMatchObject({ state: 'offline', doneDays: 0, requests: 1 });
    expect(run.error).toMatchObject({ code: 'network', message: expect.stringMatching(/refused/) });
    const status = await s.service.api.getSyncStatus({});
    expect(status).toMatchObject({ running: false, offline: true, syncedDays: 2 });
    expect(status.lastError?.message).toMatch(/Could not reach the feed/);
    expect(dumpLibrary(s.file)).toEqual(before);
    // The next run that reaches the feed clears the offline flag.
    await syncAndWait(s.service, { ...WEEK, source: feed.url });
    expect((await s.service.api.getSyncStatus({})).offline).toBe(false);
  });

  it('cancels at any moment: finished days stay, the current one is not half written', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    feed.inject([{ kind: 'hold', released: held }], { day: '2025-11-12' });
    const started = await s.controller.start({ ...WEEK, source: feed.url });
    expect(started).toMatchObject({ state: 'running', totalDays: 7, alreadyRunning: false });
    await feed.waitForRequests(3);
    const cancelled = await s.controller.cancel();
    release();
    expect(cancelled).toMatchObject({
      id: started.id,
      state: 'cancelled',
      doneDays: 2,
      error: null,
    });
    expect(dumpLibrary(s.file).days.map((d) => (d as { day: string }).day)).toEqual([
      '2025-11-10',
      '2025-11-11',
    ]);
    expect((await s.controller.status()).running).toBe(false);
    expect(await s.controller.cancel()).toBeNull();
  });

  it('closing the library stops a run cleanly', async () => {
    feed.inject([{ kind: 'hang' }], { day: '2025-11-11' });
    await s.controller.start({ ...WEEK, source: feed.url });
    await feed.waitForRequests(2);
    await s.controller.close();
    expect(dumpLibrary(s.file).days).toHaveLength(1);
  });
});

describe('sharing the connection', () => {
  it('waits for another handler’s open transaction instead of writing a day inside it', async () => {
    let releaseFeed!: () => void;
    feed.inject([{ kind: 'hold', released: new Promise<void>((r) => (releaseFeed = r)) }]);
    const run = s.sync({ from: '2025-11-14', to: '2025-11-14', source: feed.url });
    await feed.waitForRequests(1);
    // A query-builder transaction awaits between statements: the connection sits inside it.
    let opened!: () => void;
    let finish!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    const other = s.service.lib.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('tags')
          .values({ name: 'half-made', color: '#000000', created_at: 'now' })
          .execute();
        opened();
        await new Promise<void>((r) => (finish = r));
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await isOpen;
    releaseFeed();
    // Give the engine time to reach its write. (More time cannot make this pass wrongly:
    // with the engine waiting, the day survives the rollback however long we wait.)
    await new Promise((r) => setTimeout(r, 300));
    finish();
    expect(await other).toBe('rolled back');
    expect((await run).state).toBe('done');
    const dump = dumpLibrary(s.file);
    expect(dump.days).toHaveLength(1);
    expect(dump.tags).toEqual([]);
  });
});

describe('connection settings', () => {
  it('relaxes durability for feed days only, and leaves the connection as it found it', async () => {
    const sqlite = s.service.lib.sqlite;
    const before = {
      synchronous: sqlite.pragma('synchronous', { simple: true }),
      checkpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }),
    };
    // A note saved while a sync runs must still be committed with the library's own setting.
    const seen: unknown[] = [];
    const stop = s.service.events.subscribe((event) => {
      if (event.type === 'library-changed')
        seen.push(sqlite.pragma('synchronous', { simple: true }));
    });
    const days = Array.from({ length: 12 }, (_, i) => `2025-10-${String(i + 1).padStart(2, '0')}`);
    days.forEach((day, i) => feed.setDay(day, [makeItem(`2510.${String(10000 + i)}`)]));
    const run = await s.sync({ from: days[0], to: days.at(-1), source: feed.url });
    stop();
    expect(run.doneDays).toBe(12);
    expect({
      synchronous: sqlite.pragma('synchronous', { simple: true }),
      checkpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }),
    }).toEqual(before);
    expect(seen).toHaveLength(12);
    expect(seen.every((v) => v === before.synchronous)).toBe(true);
  });
});

describe('one run at a time', () => {
  it('returns the running run to a plain start and refuses a different one', async () => {
    let release!: () => void;
    feed.inject([{ kind: 'hold', released: new Promise<void>((r) => (release = r)) }]);
    const first = await s.service.api.startSync({ ...WEEK, source: feed.url });
    const again = await s.service.api.startSync({});
    expect(again).toMatchObject({ id: first.id, alreadyRunning: true });
    const error = await rejection(
      s.service.api.startSync({ from: '2025-11-01', source: feed.url }),
    );
    expect(error.code).toBe('conflict');
    expect((await s.service.api.getSyncStatus({})).running).toBe(true);
    release();
    const { run } = await s.service.api.cancelSync({});
    expect(run?.id).toBe(first.id);
  });
});

describe('input', () => {
  it.each([
    [{ to: '2025-11-12' }, /start day/],
    [{ from: '2025-11-12', to: '2025-11-10' }, /after the end/],
    [{ from: '2025-02-30' }, /not a calendar day/],
    [{ from: '2025-1-3' }, /YYYY-MM-DD/],
    [{ from: '2099-01-01' }, /in the future/],
    [{ from: '2020-01-01', to: '2021-01-01' }, /archive starts on 2023-05-04/],
    [{ source: 'ftp://example.com' }, /http\(s\) URL/],
    [{ source: 'not a url' }, /http\(s\) URL/],
    [{ extra: true }, /Unrecognized key/],
  ])('rejects %o with a clear message and starts nothing', async (input, message) => {
    const result = await s.service.dispatch('startSync', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect((await s.service.api.getSyncStatus({})).run).toBeNull();
    expect(feed.requests).toHaveLength(0);
  });

  it('clamps a range that reaches back before the archive to its first day', async () => {
    const run = await s.sync({ from: '2023-05-01', to: '2023-05-05', source: feed.url });
    expect(run).toMatchObject({ from: '2023-05-04', to: '2023-05-05', totalDays: 2 });
  });
});

describe('feed address', () => {
  it('uses --source over $PAPERSHELF_FEED_URL over the setting over huggingface.co', async () => {
    const { service } = s;
    const statusSource = async () => (await service.api.getSyncStatus({})).source;
    expect(await statusSource()).toBe('https://huggingface.co');

    await service.api.updateSettings({ changes: { feedUrl: `${feed.url}/setting` } });
    expect(await statusSource()).toBe(`${feed.url}/setting`);
    await syncAndWait(service, { from: '2025-11-15', to: '2025-11-15' });

    const withEnv = await syncSetup();
    try {
      await withEnv.service.api.updateSettings({ changes: { feedUrl: `${feed.url}/setting` } });
      const ctx = withEnv.service;
      const { createSyncController } = await import('../../src/main/sync/controller');
      const controller = createSyncController(
        {
          lib: ctx.lib,
          events: ctx.events,
          appVersion: 'test',
          env: { PAPERSHELF_FEED_URL: `${feed.url}/env` },
          onClose: () => {},
        },
        { log: () => {} },
      );
      expect((await controller.status()).source).toBe(`${feed.url}/env`);
      await syncAndWait(
        { api: { startSync: (i) => controller.start(i ?? {}) }, events: ctx.events },
        { from: '2025-11-15', to: '2025-11-15' },
      );
      await syncAndWait(
        { api: { startSync: (i) => controller.start(i ?? {}) }, events: ctx.events },
        { from: '2025-11-16', to: '2025-11-16', source: `${feed.url}/flag` },
      );
      await controller.close();
    } finally {
      await withEnv.cleanup();
    }
    expect(feed.requests.map((r) => r.prefix)).toEqual(['/setting', '/env', '/flag']);
  });
});

describe('waiting is visible', () => {
  it('shows a rate-limit wait in the status while it lasts', async () => {
    feed.inject([{ kind: 'status', status: 429, headers: { 'Retry-After': '1' } }], {
      day: '2025-11-15',
    });
    const run = await s.sync({ from: '2025-11-15', to: '2025-11-15', source: feed.url });
    expect(run.state).toBe('done');
    const waiting = statuses().filter((st) => st.run?.waiting);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting[0].run?.waiting).toMatchObject({ reason: 'rate-limit', seconds: 1 });
    const after = statuses().at(-1);
    expect(after?.run?.waiting).toBeNull();
  });
});

describe('status order', () => {
  it('numbers every status in the order it was built, so a late reply can be told from a newer one', async () => {
    const before = await s.controller.status();
    const run = await s.sync({ ...WEEK, source: feed.url });
    expect(run.state).toBe('done');
    const after = await s.controller.status();
    const seqs = [before.seq, ...statuses().map((st) => st.seq), after.seq];
    // Strictly increasing: the final event outranks any reply read while the run was on.
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const final = statuses().at(-1)!;
    expect(final.running).toBe(false);
    expect(
      statuses()
        .filter((st) => st.running)
        .every((st) => st.seq < final.seq),
    ).toBe(true);
  });
});
