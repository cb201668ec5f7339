import os from 'node:os';
import path from 'node:path';

/**
 * The per-user data folder, the same for the desktop app, browser mode and the
 * CLI. It matches Electron's `app.getPath('userData')` for an app named Papershelf,
 * so the CLI can compute it without Electron.
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Papershelf');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Papershelf');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Papershelf');
  }
}

export const LIBRARY_FILE_NAME = 'library.sqlite';

/** `--library` wins, then `PAPERSHELF_LIBRARY`, then the per-user default. */
export function resolveLibraryPath(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = explicit ?? env.PAPERSHELF_LIBRARY;
  if (chosen && chosen.trim() !== '') return path.resolve(chosen);
  return path.join(userDataDir(env), LIBRARY_FILE_NAME);
}
