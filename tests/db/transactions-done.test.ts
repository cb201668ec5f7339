import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibrary, type LibraryDb } from '../../src/main/db/connection';
import { transactionsDone } from '../../src/main/db/transactions-done';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { tempDir } from '../helpers/library';

const { dir, cleanup } = tempDir();
const libs: LibraryDb[] = [];
afterAll(async () => {
  for (const lib of libs) await lib.close();
  cleanup();
});

async function library(name: string): Promise<LibraryDb> {
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: path.join(dir, name) });
  libs.push(lib);
  return lib;
}

/** A Kysely transaction that writes, then stays open until `release()`. */
function holdTransaction(lib: LibraryDb) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const finished = lib.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values({ key: 'probe', value: '"held"' }).execute();
    opened();
    await released;
  });
  return { isOpen, release, finished };
}

describe('transactionsDone: synchronous writers wait for open transactions', () => {
  it('wakes when the transaction commits, and only then', async () => {
    const lib = await library('commit.sqlite');
    const held = holdTransaction(lib);
    await held.isOpen;
    const order: string[] = [];
    const waiting = transactionsDone(lib.sqlite).then(() => {
      order.push('done');
      expect(lib.sqlite.inTransaction).toBe(false);
      const row = lib.sqlite.prepare("select value from settings where key = 'probe'").get();
      expect(row).toEqual({ value: '"held"' });
    });
    // Other work runs meanwhile: the wait does not hold the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    order.push('released');
    held.release();
    await Promise.all([waiting, held.finished]);
    expect(order).toEqual(['released', 'done']);
  });

  it('wakes when the transaction rolls back', async () => {
    const lib = await library('rollback.sqlite');
    const held = holdTransaction(lib);
    await held.isOpen;
    const failing = lib.db
      .transaction()
      .execute(async () => {
        throw new Error('never runs first');
      })
      .catch(() => undefined);
    const waiting = transactionsDone(lib.sqlite);
    held.release();
    await Promise.all([waiting, held.finished, failing]);
    expect(lib.sqlite.inTransaction).toBe(false);
  });

  it('stops waiting the moment the caller cancels', async () => {
    const lib = await library('cancel.sqlite');
    const held = holdTransaction(lib);
    await held.isOpen;
    const controller = new AbortController();
    const waiting = transactionsDone(lib.sqlite, controller.signal);
    controller.abort();
    await waiting;
    expect(lib.sqlite.inTransaction).toBe(true); // still open: the caller checks its signal
    held.release();
    await held.finished;
  });

  it('also waits for a transaction opened outside Kysely', async () => {
    const lib = await library('raw.sqlite');
    lib.sqlite.exec('BEGIN IMMEDIATE');
    const order: string[] = [];
    const waiting = transactionsDone(lib.sqlite).then(() => order.push('done'));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('committed');
    lib.sqlite.exec('COMMIT');
    await waiting;
    expect(order).toEqual(['committed', 'done']);
  });

  it('returns at once when nothing is open', async () => {
    const lib = await library('idle.sqlite');
    await transactionsDone(lib.sqlite);
    expect(lib.sqlite.inTransaction).toBe(false);
  });
});
