import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/api/sync';
import type { Service } from '../../src/main/service';
import { startSyncScheduler, type SyncScheduler } from '../../src/main/sync/scheduler';
import { tempService } from '../helpers/library';
import { closedPortUrl, startFeedServer, type FeedServer } from './feed-server';

let feed: FeedServer;
let service: Service;
let cleanup: () => Promise<void>;
let scheduler: SyncScheduler | null = null;

/**
 * Every call names feedUrl too: updateSettings currently resets the settings it
 * is not given to their defaults (zod's partial() keeps defaults), see the report.
 */
function settings(changes: { syncIntervalHours?: number; feedUrl?: string }) {
  return service.api.updateSettings({ changes: { feedUrl: feed.url, ...changes } });
}
beforeEach(async () => {
  feed = await startFeedServer();
  ({ service, cleanup } = await tempService({ seedSample: false, env: {} }));
  await settings({});
});
afterEach(async () => {
  scheduler?.stop();
  scheduler = null;
  await cleanup();
  await feed.close();
});

/** Resolves with the first `n` runs to finish from now on. */
function finishedRuns(n: number): Promise<SyncRun[]> {
  const runs: SyncRun[] = [];
  return new Promise((resolve) => {
    const stop = service.events.subscribe((event) => {
      if (event.type !== 'sync-finished') return;
      runs.push(event.run);
      if (runs.length === n) {
        stop();
        resolve(runs);
      }
    });
  });
}

describe('automatic sync', () => {
  it('syncs on start, then plans the next run syncIntervalHours later', async () => {
    const first = finishedRuns(1);
    scheduler = startSyncScheduler(service, { env: {}, log: () => {} });
    const [run] = await first;
    expect(run).toMatchObject({ mode: 'incremental', state: 'done', totalDays: 7 });
    expect(feed.requests).toHaveLength(7);
    const next = Date.parse(scheduler.nextAt() ?? '');
    expect(next - Date.now()).toBeGreaterThan(5.9 * 3_600_000);
    expect(next - Date.now()).toBeLessThanOrEqual(6 * 3_600_000);
  });

  it('syncs again every interval', async () => {
    await settings({ syncIntervalHours: 1 });
    const two = finishedRuns(2);
    scheduler = startSyncScheduler(service, { env: {}, msPerHour: 50, log: () => {} });
    const runs = await two;
    expect(runs.map((r) => r.state)).toEqual(['done', 'done']);
    expect(runs[0].id).not.toBe(runs[1].id);
  });

  it('retries sooner after an offline run', async () => {
    await settings({ feedUrl: await closedPortUrl() });
    const two = finishedRuns(2);
    scheduler = startSyncScheduler(service, { env: {}, offlineRetryMs: 30, log: () => {} });
    const runs = await two;
    expect(runs.map((r) => r.state)).toEqual(['offline', 'offline']);
  });

  it('is off when syncIntervalHours is 0, and starts when it is turned on', async () => {
    await settings({ syncIntervalHours: 0 });
    scheduler = startSyncScheduler(service, { env: {}, log: () => {} });
    await service.api.getSettings({}); // the scheduler has read its settings by now
    expect(scheduler.nextAt()).toBeNull();
    expect((await service.api.getSyncStatus({})).run).toBeNull();
    const first = finishedRuns(1);
    await settings({ syncIntervalHours: 12 });
    expect((await first)[0].state).toBe('done');
  });

  it('is disabled by PAPERSHELF_AUTO_SYNC=0', async () => {
    scheduler = startSyncScheduler(service, { env: { PAPERSHELF_AUTO_SYNC: '0' } });
    expect(scheduler.enabled).toBe(false);
    await service.api.getSettings({});
    await settings({ syncIntervalHours: 2 });
    expect((await service.api.getSyncStatus({})).run).toBeNull();
    expect(feed.requests).toHaveLength(0);
  });
});
