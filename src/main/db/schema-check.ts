import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from './migrate';
import { MIGRATION_NAMES, MIGRATIONS } from './migrations';
import type { Database } from './schema';

/**
 * Is a library file's schema exactly the one Papershelf's own migrations build?
 *
 * A file that merely has the right table names is not enough: a crafted
 * "backup" can carry a trigger (run on the next status change, with the app's
 * rights) or a table missing a column (every later query fails). So the whole
 * of `sqlite_master` (tables, indexes, views, triggers) is compared with the
 * schema the migrations produce for the version the file claims, built once per
 * version in memory by running those same migrations.
 */

export type SchemaVerdict =
  | { ok: true; migrations: string[] }
  | { ok: false; reason: 'too-new'; migrations: string[]; unknown: string[] }
  | { ok: false; reason: 'mismatch'; migrations: string[]; message: string };

interface SchemaEntry {
  type: string;
  name: string;
  tableName: string;
  sql: string;
}

/** Tables SQLite itself adds when someone runs ANALYZE: statistics only, never code. */
const TOLERATED = new Set(['sqlite_stat1', 'sqlite_stat4']);

const expectedByVersion = new Map<string, Promise<Map<string, SchemaEntry>>>();

/**
 * Compare `sqlite`'s schema with the migrations' schema for the migrations it
 * records. The connection should be read-only with `trusted_schema = OFF` when
 * the file comes from outside (nothing in its schema is run by this check).
 */
export async function checkSchema(
  sqlite: BetterSqlite3.Database,
  nativeBinding?: string,
): Promise<SchemaVerdict> {
  const actual = readSchema(sqlite);
  if (actual.size === 0) return { ok: true, migrations: [] };
  if (!actual.has('table:kysely_migration')) {
    return mismatch([], 'it is not a Papershelf library (it has no migration record)');
  }
  const migrations = sqlite
    .prepare<[], string>('select name from kysely_migration order by name')
    .pluck()
    .all();
  const unknown = migrations.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) return { ok: false, reason: 'too-new', migrations, unknown };
  const prefix = MIGRATION_NAMES.slice(0, migrations.length);
  if (migrations.length === 0 || migrations.some((name, i) => name !== prefix[i])) {
    return mismatch(migrations, 'its migration record is not one Papershelf writes');
  }
  const expected = await expectedSchema(migrations.at(-1) as string, nativeBinding);
  const version = `schema ${migrations.at(-1)}`;
  for (const [key, entry] of actual) {
    if (expected.has(key) || (entry.type === 'table' && TOLERATED.has(entry.name))) continue;
    return mismatch(
      migrations,
      `it contains ${entry.type === 'index' ? 'an' : 'a'} ${entry.type} “${printable(entry.name)}” that Papershelf does not create (${version})`,
    );
  }
  for (const [key, entry] of expected) {
    const found = actual.get(key);
    if (!found) {
      return mismatch(migrations, `its ${entry.type} “${entry.name}” is missing (${version})`);
    }
    if (found.sql !== entry.sql || found.tableName !== entry.tableName) {
      return mismatch(
        migrations,
        `its ${entry.type} “${entry.name}” differs from the one Papershelf creates (${version})`,
      );
    }
  }
  return { ok: true, migrations };
}

function mismatch(migrations: string[], message: string): SchemaVerdict {
  return { ok: false, reason: 'mismatch', migrations, message };
}

/** Names can be anything in a crafted file: show them as one short line of text. */
function printable(name: string): string {
  const clean = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

function readSchema(sqlite: BetterSqlite3.Database): Map<string, SchemaEntry> {
  const rows = sqlite
    .prepare<[], { type: string; name: string; tbl_name: string; sql: string | null }>(
      'select type, name, tbl_name, sql from sqlite_master',
    )
    .all();
  const entries = new Map<string, SchemaEntry>();
  for (const row of rows) {
    entries.set(`${row.type}:${row.name}`, {
      type: row.type,
      name: row.name,
      tableName: row.tbl_name,
      sql: normalizeSql(row.sql),
    });
  }
  return entries;
}

/**
 * SQL text as stored, made insensitive to quoting and spacing only: a future
 * Kysely that quotes an identifier differently must not make every existing
 * library look foreign, while any change of words still shows.
 */
function normalizeSql(sql: string | null): string {
  if (sql === null) return '';
  return sql
    .replace(/["`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim();
}

/** The schema the migrations up to `last` build, made once per version per process. */
function expectedSchema(last: string, nativeBinding?: string): Promise<Map<string, SchemaEntry>> {
  let cached = expectedByVersion.get(last);
  if (!cached) {
    cached = buildExpected(last, nativeBinding);
    cached.catch(() => expectedByVersion.delete(last));
    expectedByVersion.set(last, cached);
  }
  return cached;
}

async function buildExpected(
  last: string,
  nativeBinding?: string,
): Promise<Map<string, SchemaEntry>> {
  const sqlite = new BetterSqlite3(':memory:', nativeBinding ? { nativeBinding } : {});
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    // As the app runs them: in one transaction (see migrateAtomically).
    sqlite.exec('BEGIN IMMEDIATE');
    await migrate(db, last);
    sqlite.exec('COMMIT');
    return readSchema(sqlite);
  } finally {
    await db.destroy();
  }
}
