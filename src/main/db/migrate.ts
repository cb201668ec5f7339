import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { AppError } from '../../shared/errors';
import { MIGRATIONS, MIGRATION_NAMES } from './migrations';
import type { Database } from './schema';

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider });
}

/** Names of migrations already applied to this library file (empty for a new file). */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/** The newest migration recorded in the file that this build does not know: a newer app wrote it. */
export async function unknownMigrations(db: Kysely<Database>): Promise<string[]> {
  const hasTable = await db.introspection
    .getTables({ withInternalKyselyTables: true })
    .then((tables) => tables.some((t) => t.name === 'kysely_migration'));
  if (!hasTable) return [];
  const rows = await (db as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom('kysely_migration')
    .select('name')
    .execute();
  return rows.map((r) => r.name).filter((name) => !(name in MIGRATIONS));
}

export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const applied = new Set(await appliedMigrations(db));
  return MIGRATION_NAMES.filter((name) => !applied.has(name));
}

/** Migrate to the newest schema, or to `target` (used by migration tests). */
export async function migrate(db: Kysely<Database>, target?: string): Promise<void> {
  const migrator = createMigrator(db);
  const { error, results } = target
    ? await migrator.migrateTo(target)
    : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('internal', `Could not upgrade the library (migration ${failed} failed)`, {
      cause: error,
    });
  }
}
