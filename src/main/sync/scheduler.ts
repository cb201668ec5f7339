import type { LibraryApi } from '../../shared/api';
import { MIN_SYNC_INTERVAL_HOURS } from '../../shared/api/settings';
import type { EventBus } from '../context/events';

/**
 * Automatic sync for the long-running doors (desktop app, `papershelf serve`):
 * one incremental sync right away, then one every `syncIntervalHours` after the
 * previous run ended (0 turns it off). After an offline run it tries again
 * sooner, so a laptop that reconnects catches up without waiting hours.
 * $PAPERSHELF_AUTO_SYNC=0 disables it (end-to-end tests set that).
 */
export interface SyncSchedulerOptions {
  env?: NodeJS.ProcessEnv;
  /** When the feed was unreachable, try again after this long (or the interval, if sooner). */
  offlineRetryMs?: number;
  /** Tests shrink hours; real use keeps 3,600,000. */
  msPerHour?: number;
  log?: (line: string) => void;
}

export interface SyncScheduler {
  readonly enabled: boolean;
  /** When the next automatic sync is due (ISO), or null when none is planned. */
  nextAt(): string | null;
  stop(): void;
}

/** setTimeout cannot wait longer than about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function isAutoSyncDisabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.PAPERSHELF_AUTO_SYNC?.trim().toLowerCase();
  return value === '0' || value === 'false' || value === 'off' || value === 'no';
}

export function startSyncScheduler(
  service: { api: Pick<LibraryApi, 'startSync' | 'getSettings'>; events: EventBus },
  options: SyncSchedulerOptions = {},
): SyncScheduler {
  const env = options.env ?? process.env;
  if (isAutoSyncDisabled(env)) return { enabled: false, nextAt: () => null, stop: () => undefined };
  const msPerHour = options.msPerHour ?? 3_600_000;
  const offlineRetryMs = options.offlineRetryMs ?? 15 * 60_000;
  const log = options.log ?? ((line: string) => console.warn(`papershelf sync: ${line}`));

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let due: number | null = null;
  let intervalHours = 0;
  let lastEnded = 0;
  let lastWasOffline = false;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    due = null;
    if (stopped || intervalHours <= 0) return;
    // The schema already refuses shorter intervals; the floor holds here too,
    // whatever reaches the scheduler.
    const interval = Math.max(intervalHours, MIN_SYNC_INTERVAL_HOURS) * msPerHour;
    const wait = lastWasOffline ? Math.min(interval, offlineRetryMs) : interval;
    due = Math.max(Date.now(), lastEnded + wait);
    timer = setTimeout(run, Math.min(MAX_TIMER_MS, due - Date.now()));
    // Never keep a process alive just to sync later.
    timer.unref();
  }

  function run(): void {
    timer = null;
    due = null;
    if (stopped) return;
    // A run already in progress is simply returned; its end reschedules us.
    service.api.startSync({}).catch((error: unknown) => {
      if (stopped) return;
      log(`automatic sync could not start: ${error instanceof Error ? error.message : error}`);
      lastEnded = Date.now();
      lastWasOffline = false;
      schedule();
    });
  }

  const unsubscribe = service.events.subscribe((event) => {
    if (stopped) return;
    if (event.type === 'sync-finished') {
      // Any run (automatic, Sync now, a backfill) counts: the interval starts again from here.
      lastEnded = Date.now();
      lastWasOffline = event.run.state === 'offline';
      schedule();
    } else if (event.type === 'settings-changed') {
      const hours = event.settings.syncIntervalHours;
      if (hours === intervalHours) return;
      const wasOff = intervalHours <= 0;
      intervalHours = hours;
      if (wasOff && hours > 0) run();
      else schedule();
    }
  });

  service.api.getSettings({}).then(
    (settings) => {
      if (stopped) return;
      intervalHours = settings.syncIntervalHours;
      if (intervalHours > 0) run();
    },
    (error: unknown) =>
      log(`could not read settings: ${error instanceof Error ? error.message : error}`),
  );

  return {
    enabled: true,
    nextAt: () => (due === null ? null : new Date(due).toISOString()),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      due = null;
      unsubscribe();
    },
  };
}
