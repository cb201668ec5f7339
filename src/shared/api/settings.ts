import { z } from 'zod';

/**
 * User settings, stored as JSON in the library's `settings` table. Every field
 * has a default, so an old library (or a missing key) reads as the defaults.
 * Domains add their fields here.
 */
export const settingsSchema = z.strictObject({
  /** Base URL of the Daily Papers feed; null means the default (or $PAPERSHELF_FEED_URL). */
  feedUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
  /** Sync on start and then every N hours; 0 turns automatic sync off. */
  syncIntervalHours: z
    .number()
    .min(0)
    .max(24 * 7)
    .default(6),
  /** How many automatic backups to keep. */
  backupKeep: z.number().int().min(1).max(100).default(5),
  /** Theme: follow the system, or force one. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Save a paper's PDF for offline reading when it is moved to To read or Reading. */
  autoDownloadPdfs: z.boolean().default(false),
});

export type Settings = z.output<typeof settingsSchema>;

export const settingsInputs = {
  getSettings: z.strictObject({}),
  /** Change some settings; the others keep their values. */
  updateSettings: z.strictObject({ changes: settingsSchema.partial() }),
};

export interface SettingsOutputs {
  getSettings: Settings;
  updateSettings: Settings;
}
