import crypto from 'node:crypto';
import type { SyncRun, SyncStatus, SyncWait } from '../../shared/api/sync';
import { AppError } from '../../shared/errors';
import { transactionsDone } from '../db/transactions-done';
import { createIngester, type IngestResult } from '../library/ingest-repo';
import type { ServiceContext } from '../context/service-context';
import { DEFAULT_FEED_URL, resolveFeedSource } from '../library/feed-source';
import { readSettings } from '../library/settings-repo';
import { userAgent } from '../net/user-agent';
import { nowIso } from '../util/time';
import { beginBulkWrites, withRelaxedCommit } from './bulk-writes';
import { feedToday } from './days';
import {
  createFeedClient,
  type FeedClientOptions,
  type FeedDay,
  type FeedWait,
} from './feed-client';
import { FeedError } from './feed-errors';
import { MAX_DAYS_AHEAD, startIngestThread } from './ingest-thread';
import { planSync, type SyncRange } from './plan';
import { syncedDaysSummary } from './sync-repo';

/**
 * Owns the one sync that may run at a time: plans it, runs it in the
 * background, keeps its progress and tells everyone through events.
 */
export interface SyncControllerOptions {
  /** Overrides for the feed client (tests shorten timeouts and backoff). */
  client?: Partial<Omit<FeedClientOptions, 'baseUrl' | 'onWait'>>;
  /** The clock ("today" in New York is computed from it). */
  now?: () => Date;
  /** A run stops after this many days in a row could not be fetched: the feed is down. */
  maxConsecutiveDayFailures?: number;
  /** Where day failures are logged. */
  log?: (line: string) => void;
}

export interface StartSyncInput extends SyncRange {
  source?: string;
}

export interface SyncController {
  start(input: StartSyncInput): Promise<SyncRun & { alreadyRunning: boolean }>;
  /** Stop the running sync and wait until it has stopped. Null when none was running. */
  cancel(): Promise<SyncRun | null>;
  status(): Promise<SyncStatus>;
  /** The running run's end (null when idle). */
  whenIdle(): Promise<SyncRun | null>;
  close(): Promise<void>;
}

/** Runs this long (a backfill, a long catch-up) write with bulk settings, on the ingest thread. */
const BULK_RUN_DAYS = 10;

export function createSyncController(
  ctx: ServiceContext,
  options: SyncControllerOptions = {},
): SyncController {
  const clock = options.now ?? (() => new Date());
  const maxConsecutiveFailures = options.maxConsecutiveDayFailures ?? 3;
  const log = options.log ?? ((line: string) => console.warn(`papershelf sync: ${line}`));
  let current: { run: SyncRun; abort: AbortController; done: Promise<SyncRun> } | null = null;
  let last: SyncRun | null = null;
  let closed = false;
  // The feed URL setting, kept fresh so status can be built synchronously.
  let feedUrlSetting: string | null = null;
  const settingsLoaded = readSettings(ctx.lib.db).then(
    (settings) => {
      feedUrlSetting = settings.feedUrl;
    },
    () => undefined,
  );
  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.type === 'settings-changed') feedUrlSetting = event.settings.feedUrl;
  });

  /** `--source` > $PAPERSHELF_FEED_URL > the setting > huggingface.co (library/feed-source.ts). */
  function resolveSource(explicit: string | undefined): string {
    return resolveFeedSource({
      explicit,
      env: ctx.env.PAPERSHELF_FEED_URL,
      setting: feedUrlSetting,
    });
  }

  // Statuses are numbered in the order they are built (see SyncStatus.seq).
  let statusSeq = Date.now();
  function buildStatus(): SyncStatus {
    const shown = current?.run ?? last;
    const summary = syncedDaysSummary(ctx.lib.sqlite);
    let source: string;
    try {
      source = resolveSource(undefined);
    } catch {
      source = ctx.env.PAPERSHELF_FEED_URL ?? DEFAULT_FEED_URL;
    }
    statusSeq += 1;
    return {
      seq: statusSeq,
      running: current !== null,
      run: shown ? snapshot(shown) : null,
      offline: current === null && last?.state === 'offline',
      lastFinishedAt: last?.finishedAt ?? null,
      lastError: last?.error ?? null,
      lastSyncedAt: summary.lastFetchedAt,
      syncedDays: summary.count,
      lastSyncedDay: summary.lastDay,
      source,
    };
  }

  function emitStatus(): void {
    if (closed) return;
    ctx.events.emit({ type: 'sync-status', status: buildStatus() });
  }

  async function start(input: StartSyncInput): Promise<SyncRun & { alreadyRunning: boolean }> {
    if (closed) throw new AppError('cancelled', 'The library is closing');
    if (current) {
      const plain = !input.from && !input.to && !input.source;
      if (plain) return { ...snapshot(current.run), alreadyRunning: true };
      throw new AppError(
        'conflict',
        'A sync is already running; wait for it to finish or cancel it first',
      );
    }
    const today = feedToday(clock());
    const abort = new AbortController();
    // Claim the slot before the first await so a second start cannot slip in.
    const run: SyncRun = {
      id: crypto.randomUUID(),
      mode: input.from ? 'backfill' : 'incremental',
      state: 'running',
      source: '',
      from: null,
      to: null,
      totalDays: 0,
      doneDays: 0,
      failedDays: 0,
      currentDay: null,
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      requests: 0,
      waiting: null,
      startedAt: nowIso(),
      finishedAt: null,
      error: null,
    };
    let release!: (run: SyncRun) => void;
    const done = new Promise<SyncRun>((resolve) => (release = resolve));
    current = { run, abort, done };
    let plan;
    try {
      await settingsLoaded;
      run.source = resolveSource(input.source);
      plan = await planSync(ctx.lib.db, { from: input.from, to: input.to }, today, clock());
    } catch (error) {
      current = null;
      release(run);
      throw error;
    }
    run.mode = plan.mode;
    run.totalDays = plan.days.length;
    run.from = plan.days[0] ?? null;
    run.to = plan.days.at(-1) ?? null;
    emitStatus();
    void execute(run, plan.days, abort.signal).then(release);
    return { ...snapshot(run), alreadyRunning: false };
  }

  async function execute(run: SyncRun, days: string[], signal: AbortSignal): Promise<SyncRun> {
    const client = createFeedClient({
      userAgent: userAgent(ctx.appVersion),
      ...options.client,
      baseUrl: run.source,
      onWait: (wait) => {
        run.waiting = wait ? describeWait(wait) : null;
        emitStatus();
      },
    });
    const ingester = createIngester(ctx.lib.sqlite);
    const bulk = days.length >= BULK_RUN_DAYS;
    const endBulkWrites = bulk ? beginBulkWrites(ctx.lib) : () => Promise.resolve();
    // A long run writes on the ingest thread while this one fetches and parses on.
    const thread = bulk ? startIngestThread(ctx.lib) : null;
    const writing: Array<Promise<void>> = [];
    let writeError: unknown = null;
    let failuresInARow = 0;

    /** A day is written: count it and tell everyone. */
    function dayWritten(fetched: FeedDay, result: IngestResult): void {
      if (fetched.skipped > 0) {
        log(
          `${fetched.day}: left out ${fetched.skipped} invalid items (${fetched.skippedReasons[0]})`,
        );
      }
      run.doneDays += 1;
      run.added += result.added;
      run.updated += result.updated;
      run.unchanged += result.unchanged;
      run.skipped += fetched.skipped;
      if (result.changedIds.length > 0 && !closed) {
        // Like the library's own handlers: name the papers when they are few.
        ctx.events.emit(
          result.changedIds.length <= 500
            ? { type: 'library-changed', scope: 'papers', paperIds: result.changedIds }
            : { type: 'library-changed', scope: 'library' },
        );
      }
      emitStatus();
    }

    try {
      for (const day of days) {
        if (writeError) throw writeError;
        if (signal.aborted) throw new FeedError('cancelled', 'Sync was cancelled');
        run.currentDay = day;
        emitStatus();
        let fetched;
        try {
          fetched = await client.fetchDay(day, signal);
        } catch (error) {
          if (!isDayLevelFailure(error)) throw error;
          run.failedDays += 1;
          run.error = error.toData();
          failuresInARow += 1;
          log(`${day} could not be fetched: ${error.message}`);
          if (failuresInARow >= maxConsecutiveFailures) {
            throw new AppError(
              error.code,
              `Stopped after ${failuresInARow} days in a row failed: ${error.message}`,
            );
          }
          continue;
        } finally {
          run.requests = client.requests;
        }
        failuresInARow = 0;
        if (signal.aborted) throw new FeedError('cancelled', 'Sync was cancelled');
        const input = { day, papers: fetched.papers, skipped: fetched.skipped };
        const dayOptions = { source: 'feed' as const, markSynced: true, now: nowIso() };
        if (thread) {
          writing.push(
            thread.ingestDay(input, dayOptions).then(
              (result) => dayWritten(fetched, result),
              (error: unknown) => {
                writeError ??= error;
              },
            ),
          );
          // Fetching runs ahead of writing by a few days at most.
          while (writing.length >= MAX_DAYS_AHEAD) await writing.shift();
          continue;
        }
        // One transaction per day: all of it or none of it. Another handler's
        // transaction may be open on this connection between its awaits; writing
        // now would nest the day inside it, so let it finish first.
        await transactionsDone(ctx.lib.sqlite, signal);
        if (signal.aborted) throw new FeedError('cancelled', 'Sync was cancelled');
        dayWritten(
          fetched,
          withRelaxedCommit(ctx.lib.sqlite, () => ingester.ingestDay(input, dayOptions)),
        );
      }
      await Promise.all(writing.splice(0));
      if (writeError) throw writeError;
      run.state = run.failedDays > 0 ? 'failed' : 'done';
    } catch (error) {
      const feedError = error instanceof FeedError ? error : null;
      if (feedError?.kind === 'cancelled') {
        run.state = 'cancelled';
        run.error = null;
      } else if (feedError?.kind === 'unreachable') {
        run.state = 'offline';
        run.error = feedError.toData();
      } else {
        run.state = 'failed';
        run.error =
          error instanceof AppError
            ? error.toData()
            : { code: 'internal', message: `Sync failed: ${errorMessage(error)}` };
        if (!(error instanceof AppError)) console.error('papershelf sync: unexpected error', error);
      }
    } finally {
      // Days already handed to the ingest thread are written (they were fetched in full).
      await thread?.close();
      await Promise.all(writing.splice(0));
      await endBulkWrites();
      run.requests = client.requests;
      run.currentDay = null;
      run.waiting = null;
      run.finishedAt = nowIso();
      last = run;
      current = null;
    }
    emitStatus();
    if (!closed) ctx.events.emit({ type: 'sync-finished', run: snapshot(run) });
    return run;
  }

  return {
    start,
    async cancel() {
      const running = current;
      if (!running) return null;
      running.abort.abort();
      return snapshot(await running.done);
    },
    async status() {
      await settingsLoaded;
      return buildStatus();
    },
    async whenIdle() {
      return current ? snapshot(await current.done) : null;
    },
    async close() {
      const running = current;
      running?.abort.abort();
      if (running) await running.done;
      closed = true;
      unsubscribe();
    },
  };
}

/** Failures that lose one day but let the run go on to the next. */
function isDayLevelFailure(error: unknown): error is FeedError {
  if (!(error instanceof FeedError)) return false;
  return ['timeout', 'network', 'server', 'bad-response', 'http'].includes(error.kind);
}

function describeWait(wait: FeedWait): SyncWait {
  return {
    reason: wait.reason,
    seconds: Math.ceil(wait.ms / 1000),
    until: new Date(Date.now() + wait.ms).toISOString(),
    message: wait.message ?? null,
  };
}

/** Events and results carry copies: the live run keeps changing. */
function snapshot(run: SyncRun): SyncRun {
  return {
    ...run,
    waiting: run.waiting ? { ...run.waiting } : null,
    error: run.error ? { ...run.error } : null,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
