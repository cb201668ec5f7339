import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import { AppError } from '../../shared/errors';
import { errorCode, isBusyError, isCorruptionError, quickCheckProblems } from './sqlite-file';
import { configureConnection, DEFAULT_BUSY_TIMEOUT_MS } from './connection-settings';
import { migrate, pendingMigrations, unknownMigrations } from './migrate';
import { checkSchema } from './schema-check';
import type { Database } from './schema';
import { transactionBegan, transactionEnded } from './transactions-done';
import { createPrivateFile, makePrivateDir, restrictFile } from '../util/private-files';

export interface LibraryDb {
  /** Typed queries. */
  db: Kysely<Database>;
  /** The raw connection, for prepared statements on hot paths and pragmas. */
  sqlite: BetterSqlite3.Database;
  path: string;
  /** True when this open created the file's schema (a brand-new library). */
  isNew: boolean;
  /** The better-sqlite3 addon this connection uses; extra connections (backups) must use it too. */
  nativeBinding?: string;
  close(): Promise<void>;
}

/**
 * What to do when opening meets a damaged library or an upgrade: policy that
 * belongs to the backup layer (which builds on db/), so the caller injects it.
 * The service passes `backupOpeningPolicy` (src/main/backup/opening-policy.ts).
 */
export interface OpeningPolicy {
  /**
   * The error for a library that fails its integrity check, whose schema is
   * wrong, or that SQLite reports as corrupt (`detail` says which). The backup
   * policy names the newest good backup in it.
   */
  damaged(
    file: string,
    detail: string,
    context: { nativeBinding?: string; cause?: unknown },
  ): Promise<AppError>;
  /**
   * Runs before pending migrations upgrade an existing library (the backup
   * policy writes a `pre-migration` backup and refuses the upgrade when it cannot).
   */
  beforeMigrate(
    sqlite: BetterSqlite3.Database,
    file: string,
    context: { nativeBinding?: string; pending: string[] },
  ): void | Promise<void>;
}

export interface OpenLibraryOptions {
  path: string;
  /**
   * Path to a better-sqlite3 binary built for this runtime. The desktop app
   * passes the Electron-ABI copy; Node (tests, CLI, browser mode) uses the default.
   */
  nativeBinding?: string;
  /** Damage reporting and the pre-migration step (see OpeningPolicy). */
  policy: OpeningPolicy;
  /**
   * Called before pending migrations run on an existing library, instead of
   * the policy's `beforeMigrate`; tests may replace it.
   */
  beforeMigrate?: (sqlite: BetterSqlite3.Database, pending: string[]) => void | Promise<void>;
  /** How long to wait for another process's lock before giving up (default 5 s). */
  busyTimeoutMs?: number;
}

export async function openLibrary(options: OpenLibraryOptions): Promise<LibraryDb> {
  const file = path.resolve(options.path);
  makePrivateDir(path.dirname(file));
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  const { nativeBinding, policy } = options;
  const openError = (error: unknown) => describeOpenError(file, error, policy, nativeBinding);

  let sqlite: BetterSqlite3.Database;
  try {
    // Private from the first byte; SQLite gives its -wal and -shm the same mode.
    createPrivateFile(file);
    for (const suffix of ['', '-wal', '-shm']) restrictFile(`${file}${suffix}`);
    sqlite = new BetterSqlite3(file, {
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    throw await openError(error);
  }

  try {
    // Wait for another process's lock instead of failing at once.
    sqlite.pragma(
      `busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`,
    );
    // Check before anything writes (even the journal-mode switch): a damaged
    // library is reported, never migrated, written to or replaced.
    const problems = quickCheckProblems(sqlite);
    if (problems.length > 0) {
      throw await policy.damaged(file, problems.slice(0, 3).join('; '), { nativeBinding });
    }
    // A library whose schema is not the one its migrations build (a table
    // without its columns, a trigger or view nobody here wrote) would fail on
    // every query or run foreign code: it is damaged too, and `restore` of a
    // good backup replaces it offline. A newer version's library is left to
    // the library_too_new check below.
    const verdict = await checkSchema(sqlite, nativeBinding);
    if (!verdict.ok && verdict.reason === 'mismatch') {
      throw await policy.damaged(file, `its schema is wrong: ${verdict.message}`, {
        nativeBinding,
      });
    }
    if (!existed) sqlite.pragma(`page_size = ${NEW_LIBRARY_PAGE_SIZE}`);
    configureConnection(sqlite, options.busyTimeoutMs);
  } catch (error) {
    sqlite.close();
    throw await openError(error);
  }

  const db = new Kysely<Database>({ dialect: new LibraryDialect({ database: sqlite }) });
  const close = async (): Promise<void> => {
    await db.destroy(); // closes the better-sqlite3 handle too
  };

  try {
    const unknown = await unknownMigrations(db);
    if (unknown.length > 0) {
      throw new AppError(
        'library_too_new',
        `The library at ${file} was written by a newer version of Papershelf (schema ${unknown.at(-1)}). Update Papershelf to open it; the library was not changed.`,
      );
    }
    const pending = await pendingMigrations(db);
    const isNew = !existed || !hasTable(sqlite, 'papers');
    if (pending.length > 0 && !isNew) {
      if (options.beforeMigrate) await options.beforeMigrate(sqlite, pending);
      else await policy.beforeMigrate(sqlite, file, { nativeBinding, pending });
    }
    await migrateAtomically(sqlite, db);
    return { db, sqlite, path: file, isNew, nativeBinding, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Kysely begins a transaction with a plain (deferred) BEGIN: it reads first and
 * asks for the write lock only at its first write, and if another connection
 * has committed in between (the ingest thread while a long sync runs, another
 * process) SQLite cannot let it write and fails at once (SQLITE_BUSY_SNAPSHOT)
 * instead of waiting. The library's transactions are there to write, so they
 * take the write lock as they begin (BEGIN IMMEDIATE) and wait their turn for
 * it like any single statement does (busy_timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #sqlite: BetterSqlite3.Database;

  constructor(config: SqliteDialectConfig & { database: BetterSqlite3.Database }) {
    super(config);
    this.#sqlite = config.database;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    transactionBegan(this.#sqlite);
  }

  // Each end is reported so synchronous writers waiting for it wake at once
  // (transactions-done.ts).
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } finally {
      if (!this.#sqlite.inTransaction) transactionEnded(this.#sqlite);
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      if (!this.#sqlite.inTransaction) transactionEnded(this.#sqlite);
    }
  }
}

export class LibraryDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig & { database: BetterSqlite3.Database };

  constructor(config: SqliteDialectConfig & { database: BetterSqlite3.Database }) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Kysely runs SQLite migrations without a transaction (its SQLite adapter
 * reports no transactional DDL, though SQLite has it), so a crash part-way
 * through one would leave a half-built schema that no later start could get
 * past. All pending migrations run in one transaction here instead: after a
 * crash the library is exactly as before the upgrade. (A migration therefore
 * must not open a transaction of its own, nor rely on `PRAGMA foreign_keys`,
 * which cannot change inside one: use `defer_foreign_keys`.)
 */
export async function migrateAtomically(
  sqlite: BetterSqlite3.Database,
  db: Kysely<Database>,
): Promise<void> {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    await migrate(db);
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Pages of 8 KiB for new libraries (SQLite's default is 4 KiB; existing
 * libraries keep theirs): a paper's row is about 3 KB, so a 4 KiB page holds
 * one, and sync wrote and then copied one page per paper, each write a system
 * call. 8 KiB cut sync's CPU time by about a tenth; 16 KiB was slower again
 * (every changed index page costs more). Must be set before the first table.
 */
export const NEW_LIBRARY_PAGE_SIZE = 8192;

/**
 * Only real damage is reported as damage: a library that is merely busy (another
 * process holds a lock) or unreadable for lack of permission must not send the
 * user to restore a backup and lose their newest notes.
 */
async function describeOpenError(
  file: string,
  error: unknown,
  policy: OpeningPolicy,
  nativeBinding: string | undefined,
): Promise<AppError> {
  if (error instanceof AppError) return error;
  const detail = message(error);
  if (isCorruptionError(error)) {
    return policy.damaged(file, detail, { nativeBinding, cause: error });
  }
  if (isBusyError(error)) {
    return new AppError(
      'conflict',
      `The library at ${file} is locked by another program (another Papershelf, perhaps). Close it and try again.`,
      { cause: error },
    );
  }
  const code = errorCode(error) ?? '';
  if (/^(SQLITE_(CANTOPEN|PERM|READONLY|AUTH)|EACCES|EPERM|ENOENT|EISDIR)/.test(code)) {
    return new AppError('bad_file', `Cannot open the library at ${file}: ${detail}`, {
      cause: error,
    });
  }
  return new AppError('internal', `Could not open the library at ${file}: ${detail}`, {
    cause: error,
  });
}

function hasTable(sqlite: BetterSqlite3.Database, name: string): boolean {
  return (
    sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !==
    undefined
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
