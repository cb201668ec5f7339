import type { OpeningPolicy } from '../db/connection';
import { DamagedLibraryError, findNewestGoodBackup } from './damaged';
import { backupBeforeMigration } from './migration-backup';

/**
 * How the app opens its library: damage is reported with the newest good
 * backup named (never migrated, written to or replaced), and every upgrade is
 * preceded by a `pre-migration` backup. Injected into `openLibrary` by the service.
 */
export const backupOpeningPolicy: OpeningPolicy = {
  async damaged(file, detail, { nativeBinding, cause }) {
    return new DamagedLibraryError(
      file,
      detail,
      await findNewestGoodBackup(file, nativeBinding),
      cause,
    );
  },
  async beforeMigrate(sqlite, file, { nativeBinding }) {
    await backupBeforeMigration(sqlite, file, { nativeBinding });
  },
};
