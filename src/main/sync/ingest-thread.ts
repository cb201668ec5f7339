import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_BUSY_TIMEOUT_MS } from '../db/connection-settings';
import {
  createIngester,
  type DayInput,
  type IngestDayOptions,
  type Ingester,
  type IngestResult,
} from '../library/ingest-repo';
import { withRelaxedCommit } from './bulk-writes';
import { outsideAsar } from './checkpointer';
import type { FromIngestWorker, IngestWorkerData, ToIngestWorker } from './ingest-protocol';

/**
 * Writes feed days on a worker thread with its own connection, while the main
 * thread goes on fetching and parsing the next days: on a long sync the two
 * halves of ingest (JSON parsing and checking on one side, SQLite writes on
 * the other) then run on two cores at once, and the main process (Electron's,
 * the browser-mode server's) stays free for the UI.
 *
 * Days are written in the order given, each in one transaction, exactly as
 * `Ingester.ingestDay` writes them on the main thread. Each call's promise
 * settles when its day is committed (or has failed). Should the thread not
 * start, or end early, the days it has not acknowledged are written on the
 * main thread's connection instead, in order: ingest is idempotent, so a day
 * the thread committed just before it died is merely written again.
 */
/** How many days a sync may hand over before waiting for the thread to catch up. */
export const MAX_DAYS_AHEAD = 8;

export interface IngestThread {
  ingestDay(input: DayInput, options: IngestDayOptions): Promise<IngestResult>;
  /** True once the days are being written on the main thread (the worker failed). */
  readonly fellBack: boolean;
  /** Wait until the thread is ready to write (tests, benchmarks). */
  ready(): Promise<void>;
  /** Let every handed-over day be written, then close the thread's connection. */
  close(): Promise<void>;
}

export interface IngestThreadLibrary {
  sqlite: BetterSqlite3.Database;
  path: string;
  nativeBinding?: string;
}

export interface IngestThreadOptions {
  /** The worker's script (tests point it elsewhere to see the fallback). */
  workerFile?: string;
  busyTimeoutMs?: number;
  /** Where a fallback to the main thread is reported (default: console.warn). */
  log?: (line: string) => void;
}

interface Pending {
  seq: number;
  input: DayInput;
  options: IngestDayOptions;
  resolve(result: IngestResult): void;
  reject(error: Error): void;
}

export function startIngestThread(
  lib: IngestThreadLibrary,
  options: IngestThreadOptions = {},
): IngestThread {
  const queue: Pending[] = []; // handed over, not yet acknowledged, in order
  let seq = 0;
  let worker: Worker | null = null;
  let fellBack = false;
  let closing = false;
  let markReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  let exited: Promise<void> = Promise.resolve();
  let closed: Promise<void> | null = null;

  const log = options.log ?? ((line: string) => console.warn(`papershelf sync: ${line}`));

  /** The worker is gone: write what it had not acknowledged here, in order. */
  function fallBack(reason: string): void {
    if (fellBack) return;
    fellBack = true;
    log(`the ingest thread ${reason}; writing on the main thread instead`);
    worker = null;
    markReady();
    for (const day of queue.splice(0)) writeHere(day);
  }

  let mainIngester: Ingester | null = null;
  function writeHere(day: Pending): void {
    mainIngester ??= createIngester(lib.sqlite);
    const ingester = mainIngester;
    try {
      day.resolve(withRelaxedCommit(lib.sqlite, () => ingester.ingestDay(day.input, day.options)));
    } catch (error) {
      day.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  const file = options.workerFile ?? workerScript();
  try {
    if (!file) throw new Error('the ingest worker script is missing');
    const data: IngestWorkerData = {
      modulePath: outsideAsar(createRequire(__filename).resolve('better-sqlite3')),
      file: lib.path,
      nativeBinding: lib.nativeBinding,
      busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    };
    worker = file.endsWith('.ts')
      ? new Worker(
          // Development and tests run the TypeScript source through tsx.
          `require(${JSON.stringify(createRequire(__filename).resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`,
          { eval: true, workerData: data },
        )
      : new Worker(outsideAsar(file), { workerData: data });
  } catch (error) {
    worker = null;
    fallBack(`could not start (${error instanceof Error ? error.message : String(error)})`);
  }

  if (worker) {
    const thread = worker;
    exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.on('message', (message: FromIngestWorker) => {
      if (message.type === 'ready') {
        markReady();
        if (queue.length === 0 && !closing) thread.unref();
        return;
      }
      const day = queue[0];
      if (!day || day.seq !== message.seq) return; // cannot happen: answers come in order
      queue.shift();
      // Only days waiting to be written keep the process alive.
      if (queue.length === 0 && !closing) thread.unref();
      if (message.type === 'written') day.resolve(message.result);
      else day.reject(Object.assign(new Error(message.message), { code: message.code }));
    });
    thread.on('error', (error) => fallBack(`failed (${error.message})`));
    thread.on('exit', (code) => {
      if (!closing || queue.length > 0) fallBack(`ended early (exit code ${code})`);
    });
  }

  return {
    ingestDay(input, dayOptions) {
      return new Promise<IngestResult>((resolve, reject) => {
        const day: Pending = { seq: (seq += 1), input, options: dayOptions, resolve, reject };
        if (closing) {
          reject(new Error('The ingest thread is closing'));
          return;
        }
        if (fellBack || !worker) {
          writeHere(day);
          return;
        }
        if (queue.length === 0) worker.ref();
        queue.push(day);
        const message: ToIngestWorker = { type: 'day', seq: day.seq, input, options: dayOptions };
        worker.postMessage(message);
      });
    },
    get fellBack() {
      return fellBack;
    },
    ready: () => readyPromise,
    close() {
      closed ??= (async () => {
        const last = queue.at(-1);
        if (last) {
          await new Promise<void>((resolve) => {
            const { resolve: resolveDay, reject: rejectDay } = last;
            last.resolve = (result) => {
              resolveDay(result);
              resolve();
            };
            last.reject = (error) => {
              rejectDay(error);
              resolve();
            };
          });
        }
        closing = true;
        if (worker) {
          worker.ref(); // waiting for it must keep the process alive
          worker.postMessage({ type: 'close' } satisfies ToIngestWorker);
        }
        await exited;
      })();
      return closed;
    },
  };
}

/**
 * The worker's script: out/main/ingest-worker.js in a build (this code may sit
 * in out/main or in a chunk under it), or the TypeScript source beside this
 * file in development and tests.
 */
function workerScript(): string | null {
  const candidates = [
    path.join(__dirname, 'ingest-worker.js'),
    path.join(__dirname, '..', 'ingest-worker.js'),
    path.join(__dirname, 'ingest-worker.ts'),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(outsideAsar(candidate)) || fs.existsSync(candidate)) return candidate;
  }
  return null;
}
