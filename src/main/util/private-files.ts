import fs from 'node:fs';

/**
 * The library, its backups and its PDFs say what someone reads and thinks:
 * on POSIX they are the user's alone (folders 0700, files 0600), whatever the
 * umask. Windows has no such modes (its ACLs follow the user's profile folder),
 * so there these are plain mkdir/write calls.
 */

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const isPosix = process.platform !== 'win32';

/** `mkdir -p` whose new folders are private (existing ones are left as the user set them). */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Create `file` empty and private if it does not exist (SQLite then keeps its mode for -wal/-shm). */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Make an existing file private. Best effort: a file owned by someone else
 * (a library on a shared disk) keeps its mode rather than failing the open.
 */
export function restrictFile(file: string): void {
  if (!isPosix) return;
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    // not ours to change, or gone meanwhile
  }
}
