import type BetterSqlite3 from 'better-sqlite3';

/**
 * Kysely transactions stay open across their awaits; a synchronous
 * better-sqlite3 write started in between would nest inside another handler's
 * transaction (and share its fate). So synchronous writers (a sync's day, the
 * sample restore) first wait for the connection to have no transaction open.
 *
 * The library's Kysely driver (LibraryDialect in connection.ts) reports every
 * transaction's end here, so the wait is woken by the commit or rollback
 * itself, not by polling. Transactions on the library connection that span
 * awaits must go through Kysely; one opened some other way is still waited for,
 * by checking now and then, so nothing can nest inside it.
 */
interface TransactionWatch {
  /** Kysely transactions open now (0 or 1: Kysely holds the connection for one). */
  open: number;
  waiters: Set<() => void>;
}

const watches = new WeakMap<BetterSqlite3.Database, TransactionWatch>();

function watch(sqlite: BetterSqlite3.Database): TransactionWatch {
  let found = watches.get(sqlite);
  if (!found) {
    found = { open: 0, waiters: new Set() };
    watches.set(sqlite, found);
  }
  return found;
}

/** For the driver: a transaction began on this connection. */
export function transactionBegan(sqlite: BetterSqlite3.Database): void {
  watch(sqlite).open += 1;
}

/** For the driver: a transaction ended (committed or rolled back); wakes the waiters. */
export function transactionEnded(sqlite: BetterSqlite3.Database): void {
  const w = watch(sqlite);
  w.open = Math.max(0, w.open - 1);
  const waiters = [...w.waiters];
  w.waiters.clear();
  for (const wake of waiters) wake();
}

/** How often a transaction the driver did not report is checked on (see above). */
const UNREPORTED_CHECK_MS = 25;

/**
 * Resolves once no transaction is open on this connection, or as soon as
 * `signal` aborts (the caller then checks it).
 */
export async function transactionsDone(
  sqlite: BetterSqlite3.Database,
  signal?: AbortSignal,
): Promise<void> {
  const w = watch(sqlite);
  while (sqlite.inTransaction && !signal?.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        w.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        clearTimeout(timer);
        resolve();
      };
      w.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
      const timer = w.open === 0 ? setTimeout(done, UNREPORTED_CHECK_MS) : undefined;
    });
  }
}
