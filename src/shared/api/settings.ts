import { z } from 'zod';

/**
 * User settings, stored as JSON in the library's `settings` table. Every field
 * has a default, so an old library (or a missing key) reads as the defaults.
 * Domains add their fields here.
 */
/** The shortest automatic sync interval, enforced by the settings schema and the scheduler. */
export const MIN_SYNC_INTERVAL_HOURS = 1;

const settingFields = {
  /** Base URL of the Daily Papers feed; null means the default (or $PAPERSHELF_FEED_URL). */
  feedUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  /**
   * Sync on start and then every N hours; 0 turns automatic sync off. At least
   * an hour otherwise: the feed is a shared service, and a value that arrived
   * from somewhere (an old library, a crafted file) must not make the app hammer it.
   */
  syncIntervalHours: z
    .number()
    .max(24 * 7)
    .refine((hours) => hours === 0 || hours >= MIN_SYNC_INTERVAL_HOURS, {
      message: `the sync interval is at least ${MIN_SYNC_INTERVAL_HOURS} hour (or 0 for off)`,
    }),
  /** How many automatic backups to keep. */
  backupKeep: z.number().int().min(1).max(100),
  /** Theme: follow the system, or force one. */
  theme: z.enum(['system', 'light', 'dark']),
  /** Save a paper's PDF for offline reading when it is moved to To read or Reading. */
  autoDownloadPdfs: z.boolean(),
};

type SettingValues = { [K in keyof typeof settingFields]: z.output<(typeof settingFields)[K]> };

export const SETTING_DEFAULTS: SettingValues = {
  feedUrl: null,
  syncIntervalHours: 6,
  backupKeep: 5,
  theme: 'system',
  autoDownloadPdfs: false,
};

/** Stored settings: every missing key reads as its default. */
export const settingsSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(settingFields).map(([key, schema]) => [
      key,
      (schema as z.ZodType).default(SETTING_DEFAULTS[key as keyof SettingValues] as never),
    ]),
  ) as { [K in keyof typeof settingFields]: z.ZodDefault<(typeof settingFields)[K]> },
);

export type Settings = z.output<typeof settingsSchema>;

/**
 * Settings that decide where the app connects and how often. Data (an imported
 * backup) never changes them; only the user does, by choosing them.
 */
export const NETWORK_SETTING_KEYS = [
  'feedUrl',
  'syncIntervalHours',
] as const satisfies ReadonlyArray<keyof Settings>;
export type NetworkSettings = Partial<Pick<Settings, (typeof NETWORK_SETTING_KEYS)[number]>>;

export const settingsInputs = {
  getSettings: z.strictObject({}),
  /** Change some settings; the others keep their values. */
  // No defaults here: a key that is not given must stay as it is, not reset.
  updateSettings: z.strictObject({ changes: z.strictObject(settingFields).partial() }),
};

export interface SettingsOutputs {
  getSettings: Settings;
  updateSettings: Settings;
}
