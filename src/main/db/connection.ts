import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../shared/errors';
import { migrate, pendingMigrations, unknownMigrations } from './migrate';
import type { Database } from './schema';

export interface LibraryDb {
  /** Typed queries. */
  db: Kysely<Database>;
  /** The raw connection, for prepared statements on hot paths and pragmas. */
  sqlite: BetterSqlite3.Database;
  path: string;
  /** True when this open created the file's schema (a brand-new library). */
  isNew: boolean;
  close(): Promise<void>;
}

export interface OpenLibraryOptions {
  path: string;
  /**
   * Path to a better-sqlite3 binary built for this runtime. The desktop app
   * passes the Electron-ABI copy; Node (tests, CLI, browser mode) uses the default.
   */
  nativeBinding?: string;
  /** Called before pending migrations run on an existing library (for a safety backup). */
  beforeMigrate?: (sqlite: BetterSqlite3.Database, pending: string[]) => void | Promise<void>;
}

export async function openLibrary(options: OpenLibraryOptions): Promise<LibraryDb> {
  const file = path.resolve(options.path);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new AppError(
      'library_damaged',
      `Could not open the library at ${file}: ${message(error)}`,
      {
        cause: error,
      },
    );
  }

  try {
    configure(sqlite);
    checkIntegrity(sqlite, file);
  } catch (error) {
    sqlite.close();
    if (error instanceof AppError) throw error;
    // SQLITE_NOTADB and friends: the file is not a library we can read.
    throw new AppError(
      'library_damaged',
      `The library at ${file} cannot be read: ${message(error)}`,
      {
        cause: error,
      },
    );
  }

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const close = async (): Promise<void> => {
    await db.destroy(); // closes the better-sqlite3 handle too
  };

  try {
    const unknown = await unknownMigrations(db);
    if (unknown.length > 0) {
      throw new AppError(
        'library_too_new',
        `The library at ${file} was written by a newer version of Papershelf (schema ${unknown.at(-1)}). Update Papershelf to open it.`,
      );
    }
    const pending = await pendingMigrations(db);
    const isNew = !existed || !hasTable(sqlite, 'papers');
    if (pending.length > 0 && !isNew && options.beforeMigrate) {
      await options.beforeMigrate(sqlite, pending);
    }
    await migrate(db);
    return { db, sqlite, path: file, isNew, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function configure(sqlite: BetterSqlite3.Database): void {
  // WAL: readers never block the writer; NORMAL is durable against process crashes
  // (a committed transaction is in the WAL file before the call returns).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

function checkIntegrity(sqlite: BetterSqlite3.Database, file: string): void {
  let rows: Array<{ quick_check: string }>;
  try {
    rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
  } catch (error) {
    throw new AppError('library_damaged', `The library at ${file} is damaged: ${message(error)}`, {
      cause: error,
    });
  }
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new AppError(
      'library_damaged',
      `The library at ${file} is damaged: ${problems.slice(0, 3).join('; ')}`,
    );
  }
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
