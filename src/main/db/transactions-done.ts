import type BetterSqlite3 from 'better-sqlite3';

/**
 * Wait until no transaction is open on this connection. Kysely transactions
 * stay open across their awaits; a synchronous better-sqlite3 write started in
 * between would nest inside another handler's transaction (and share its fate).
 * `isCancelled` is checked on every turn, so a caller can stop waiting.
 */
export async function transactionsDone(
  sqlite: BetterSqlite3.Database,
  isCancelled: () => boolean = () => false,
): Promise<void> {
  while (sqlite.inTransaction) {
    if (isCancelled()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
