import type { Kysely } from 'kysely';
import { SETTING_DEFAULTS, settingsSchema, type Settings } from '../../shared/api/settings';
import type { Database } from '../db/schema';

/**
 * Reads every stored key, drops any that no longer validate (a setting written
 * by an older or newer version), and fills in defaults.
 */
export async function readSettings(db: Kysely<Database>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  const shape = settingsSchema.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean } }
  >;
  for (const row of rows) {
    if (!(row.key in shape)) continue;
    try {
      const value: unknown = JSON.parse(row.value);
      if (shape[row.key].safeParse(value).success) stored[row.key] = value;
    } catch {
      // an unreadable value falls back to its default
    }
  }
  return settingsSchema.parse(stored);
}

export async function writeSettings(
  db: Kysely<Database>,
  changes: Partial<Settings>,
): Promise<void> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  // Only values that differ from the default are stored: a library then reads the
  // same however its settings were reached (set by hand, restored, or never touched),
  // and a later change of default reaches every user who never chose otherwise.
  const isDefault = ([key, value]: [string, unknown]) =>
    JSON.stringify(value) === JSON.stringify(SETTING_DEFAULTS[key as keyof Settings]);
  const toStore = entries.filter((entry) => !isDefault(entry));
  const toClear = entries.filter(isDefault).map(([key]) => key);
  if (toClear.length > 0) await db.deleteFrom('settings').where('key', 'in', toClear).execute();
  if (toStore.length === 0) return;
  await db
    .insertInto('settings')
    .values(toStore.map(([key, value]) => ({ key, value: JSON.stringify(value) })))
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}
