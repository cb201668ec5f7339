import * as Y from 'yjs';
import type { Kysely, Transaction } from 'kysely';
import { SETTING_DEFAULTS, settingsSchema, type Settings } from '../../shared/api/settings';
import type { Database } from '../db/schema';
import { readSettings, writeSettings } from '../library/settings-repo';
import { nowIso } from '../util/time';
import { LOCAL, type LibraryDoc, type RegisterRead } from './doc-model';

/**
 * Settings that belong to the person, not the machine, and so travel: the theme.
 * Where the feed is fetched from, how often, how many backups and whether PDFs
 * download are the device's own (its network, its disk).
 */
export const REPLICATED_SETTINGS = ['theme'] as const satisfies ReadonlyArray<keyof Settings>;

type ReplicatedSetting = (typeof REPLICATED_SETTINGS)[number];

const isReplicated = (key: string): key is ReplicatedSetting =>
  (REPLICATED_SETTINGS as readonly string[]).includes(key);

/** The per-user settings among `keys` as the document held them when `read` reads its entries. */
export function settingsBefore(
  model: LibraryDoc,
  keys: Iterable<string>,
  read: RegisterRead,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of keys) {
    if (!isReplicated(key)) continue;
    const entry = model.register('g', key, read);
    out.set(key, entry ? String(entry[0]) : JSON.stringify(SETTING_DEFAULTS[key]));
  }
  return out;
}

/**
 * Record the per-user settings that differ from the document's. `base` holds,
 * for a setting changed remotely and not shown here yet, the value agreed on
 * before: SQLite still holding it is no local edit.
 */
export async function recordSettings(
  db: Kysely<Database>,
  model: LibraryDoc,
  device: string,
  base: Map<string, string>,
  count: () => void,
): Promise<void> {
  const settings = await readSettings(db);
  const now = nowIso();
  Y.transact(
    model.doc,
    () => {
      for (const key of REPLICATED_SETTINGS) {
        const value = JSON.stringify(settings[key]);
        const agreed = base.get(key);
        // What SQLite holds now is what the next local edit is a change of.
        if (agreed !== undefined) base.set(key, value);
        const current = model.register('g', key);
        if (current ? current[0] === value : value === JSON.stringify(SETTING_DEFAULTS[key]))
          continue;
        if (value === agreed) continue;
        model.setRegister('g', key, device, value, now);
        count();
      }
    },
    LOCAL,
  );
}

/** The document's per-user settings into the settings table; true when one changed. */
export async function projectSettings(
  trx: Transaction<Database>,
  model: LibraryDoc,
): Promise<boolean> {
  const current = await readSettings(trx);
  const changes: Record<string, unknown> = {};
  for (const key of REPLICATED_SETTINGS) {
    const entry = model.register('g', key);
    if (!entry || entry[0] === JSON.stringify(current[key])) continue;
    let value: unknown;
    try {
      value = JSON.parse(String(entry[0]));
    } catch {
      continue;
    }
    if (settingsSchema.shape[key].safeParse(value).success) changes[key] = value;
  }
  if (Object.keys(changes).length === 0) return false;
  await writeSettings(trx, changes as Partial<Settings>);
  return true;
}
