import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A second connection, on a worker thread, that copies the write-ahead log
 * into the library file while a long sync writes: the copy (a read and a
 * write per page, and two fsyncs) then runs on the other core instead of
 * inside the sync's own commits. SQLite documents this use: turn automatic
 * checkpoints down on the writer and run them from another thread. PASSIVE
 * checkpoints never block the writer or readers; the log still restarts from
 * its beginning once everything in it has been copied.
 *
 * A PASSIVE checkpoint fsyncs the library file only when it has copied the
 * whole log, which almost never happens while the sync keeps committing: the
 * copied pages would then all wait, dirty, for the sync's own fallback
 * checkpoint, whose fsync kept the sync waiting 30–40 ms each time. So after
 * each round that copied something the worker also flushes the library file
 * itself (fdatasync), on its own thread. An extra flush only makes data
 * durable sooner.
 *
 * The worker's code is inline (plain CommonJS) so it needs no separate
 * bundle entry; it loads the same better-sqlite3 (and native addon) as the
 * app. When it cannot start or dies, `failed` turns true and the caller
 * falls back to checkpointing on its own connection.
 */
export interface Checkpointer {
  readonly failed: boolean;
  /** Stop, close the worker's connection and wait for the thread to end. */
  stop(): Promise<void>;
}

/**
 * How often the worker copies what the log holds. Often: the less it leaves
 * uncopied, the less the sync's own fallback checkpoint (bulk-writes.ts) has to
 * copy while the sync waits for it. A round with nothing to copy costs next to
 * nothing. Measured on a 1,000-day ingest: 250 ms left the sync waiting 60–170
 * ms at each fallback, 25 ms about 40 ms (mostly its two fsyncs), and 25 ms with
 * the worker's own flushes 15–25 ms.
 */
const INTERVAL_MS = 25;

const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
let flushFd = workerData.flushFd; // -1: none
let copied = 0;
const timer = setInterval(() => {
  try {
    const [round] = db.pragma('wal_checkpoint(PASSIVE)');
    if (flushFd >= 0 && round.checkpointed !== copied) {
      copied = round.checkpointed;
      try { fs.fdatasyncSync(flushFd); } catch (error) { flushFd = -1; /* only an optimization */ }
    }
  } catch (error) { /* busy or closing: next round */ }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(file: string, nativeBinding?: string): Checkpointer {
  let failed = false;
  let worker: Worker;
  try {
    const modulePath = outsideAsar(createRequire(__filename).resolve('better-sqlite3'));
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modulePath,
        file,
        nativeBinding,
        intervalMs: INTERVAL_MS,
        flushFd: flushDescriptor(file) ?? -1,
      },
    });
  } catch {
    return { failed: true, stop: () => Promise.resolve() };
  }
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
  });
  worker.on('error', () => {
    failed = true;
  });
  // A sync that ends without stopping it (a crash) must not keep the process alive.
  worker.unref();
  return {
    get failed() {
      return failed;
    },
    stop: async () => {
      worker.ref(); // waiting for it must keep the process alive
      worker.postMessage('stop');
      await exited;
    },
  };
}

/**
 * A descriptor of the library file for the worker's flushes, opened once per
 * file and process and deliberately never closed: on POSIX systems closing
 * any descriptor of a file drops every lock this process holds on it, the
 * SQLite connections' included (SQLite's "How To Corrupt", 2.2.1), and WAL
 * mode relies on those locks to keep another process from removing the log.
 * Opening one is harmless. Undefined when the file cannot be opened for
 * writing (the worker then only checkpoints).
 */
const flushDescriptors = new Map<string, number>();

export function flushDescriptor(file: string): number | undefined {
  const key = path.resolve(file);
  try {
    const fd = flushDescriptors.get(key);
    // Still the same file? (A library deleted and made anew at the same path is
    // another file; the old descriptor then stays open, unused.)
    if (fd !== undefined && fs.fstatSync(fd).ino === fs.statSync(key).ino) return fd;
    const fresh = fs.openSync(key, 'r+'); // FlushFileBuffers on Windows needs write access
    flushDescriptors.set(key, fresh);
    return fresh;
  } catch {
    return undefined;
  }
}

/**
 * In the packaged app better-sqlite3 is unpacked beside app.asar
 * (electron-builder.yml): the worker loads it from there, so it does not
 * depend on asar support in worker threads. Other paths are left as they are.
 */
export function outsideAsar(modulePath: string): string {
  return modulePath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
