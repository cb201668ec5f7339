import { z } from 'zod';
import type { ApiErrorData } from '../errors';
import { day, empty } from './common';

/**
 * Syncing the Daily Papers feed into the library. `startSync` returns at once;
 * progress arrives as `sync-status` events (the full {@link SyncStatus} each
 * time), and one `sync-finished` event closes every run.
 */
export const syncInputs = {
  /**
   * No range: incremental (from the last finished day to the feed's today, plus a
   * refresh of the 3 most recent finished days; the last 7 days on a first sync).
   * With `from` (and optionally `to`, default today): backfill that range,
   * skipping days already finished. `source` overrides the feed URL for this run.
   */
  startSync: z
    .strictObject({
      from: day.optional(),
      to: day.optional(),
      source: z
        .url({ protocol: /^https?$/, error: 'The feed address must be an http(s) URL' })
        .max(500)
        .optional(),
    })
    .refine((input) => input.to === undefined || input.from !== undefined, {
      message: 'A backfill needs a start day: give `from` with `to`',
      path: ['from'],
    })
    .refine((input) => !input.from || !input.to || input.from <= input.to, {
      message: 'The start day comes after the end day',
      path: ['to'],
    }),
  /** Stop the running sync; finished days stay. Resolves once it has stopped. */
  cancelSync: empty,
  getSyncStatus: empty,
};

export const SYNC_MODES = ['incremental', 'backfill'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/**
 * `running` until the run ends; then `done` (every day finished), `failed`
 * (some day could not be fetched, or the run had to stop: see `error`),
 * `offline` (the feed could not be reached: a normal state, not a fault) or
 * `cancelled`.
 */
export const SYNC_STATES = ['running', 'done', 'failed', 'offline', 'cancelled'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface SyncWait {
  /** `rate-limit`: the feed asked us to wait; `slow-down`: few calls left in its window; `retry`: backing off after a failure. */
  reason: 'rate-limit' | 'slow-down' | 'retry';
  /** Whole seconds, rounded up. */
  seconds: number;
  /** When the wait ends (ISO). */
  until: string;
  /** For `retry`: what went wrong with the last attempt. */
  message: string | null;
}

export interface SyncRun {
  id: string;
  mode: SyncMode;
  state: SyncState;
  /** The feed base URL this run reads. */
  source: string;
  /** The planned range (oldest and newest day to fetch); null when there was nothing to do. */
  from: string | null;
  to: string | null;
  /** Days this run will fetch ("day i of n": i = doneDays + failedDays + 1). */
  totalDays: number;
  /** Days fetched and written (each in one transaction). */
  doneDays: number;
  /** Days that could not be fetched; the summary calls them errors. */
  failedDays: number;
  /** The day being fetched now, if any. */
  currentDay: string | null;
  /** Papers new to the library. */
  added: number;
  /** Papers whose feed fields (upvotes, comments, stars, ...) changed. */
  updated: number;
  /** Papers fetched again with nothing new. */
  unchanged: number;
  /** Feed items that failed validation and were left out. */
  skipped: number;
  /** HTTP requests sent (retries included). */
  requests: number;
  /** Set while the run is waiting (rate limit, backoff), else null. */
  waiting: SyncWait | null;
  startedAt: string;
  finishedAt: string | null;
  /** Why the run did not finish cleanly (also set for `offline`); null otherwise. */
  error: ApiErrorData | null;
}

export interface SyncStatus {
  /**
   * Orders statuses: every status the service builds has a higher `seq` than the
   * one before (it starts from the clock, so a restarted service's are higher
   * still). A reply that arrives late must not replace a newer status it
   * overtook: keep the one with the highest `seq`.
   */
  seq: number;
  running: boolean;
  /** The running run, else the last one this session (null before any). */
  run: SyncRun | null;
  /** The last run could not reach the feed. Cleared by the next run that does. */
  offline: boolean;
  /** When the last run of this session ended. */
  lastFinishedAt: string | null;
  /** The last run's error, if it did not finish cleanly. */
  lastError: ApiErrorData | null;
  /** When a feed day was last written (kept in the library, so it survives restarts). */
  lastSyncedAt: string | null;
  /** Finished feed days in the library. */
  syncedDays: number;
  /** The newest finished feed day. */
  lastSyncedDay: string | null;
  /** The feed URL a plain `startSync` would use now (flag > env > setting > default). */
  source: string;
}

export interface SyncOutputs {
  /** The run (already running, when one was: `alreadyRunning`). */
  startSync: SyncRun & { alreadyRunning: boolean };
  /** The run that was stopped (now `cancelled`), or null when none was running. */
  cancelSync: { run: SyncRun | null };
  getSyncStatus: SyncStatus;
}

/**
 * Events (added to the AppEvent union in ../events.ts). `sync-status` carries
 * the whole status on every change (run started, day started, day written,
 * waiting began or ended, run finished): a UI can simply replace its state.
 */
export interface SyncStatusEvent {
  type: 'sync-status';
  status: SyncStatus;
}

/** Exactly once per run, after its last `sync-status`. */
export interface SyncFinishedEvent {
  type: 'sync-finished';
  run: SyncRun;
}
