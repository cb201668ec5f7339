import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../util/processes';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../util/private-files';

/**
 * An unfinished download: the bytes so far (`.part`), what the server said
 * about them (`.json`: the validators a resume must match), and a lock naming
 * the process writing them, so the app and a CLI never append to one file at once.
 */
export interface PartialFiles {
  part: string;
  meta: string;
  lock: string;
}

export interface PartMeta {
  /** The URL the bytes came from; a different URL starts over. */
  url: string;
  /** A strong ETag or a Last-Modified date: sent as If-Range, so a changed file is never spliced. */
  validator: string | null;
  totalBytes: number | null;
}

export function partSize(files: PartialFiles): number {
  try {
    return fs.statSync(files.part).size;
  } catch {
    return 0;
  }
}

export function readMeta(files: PartialFiles): PartMeta | null {
  try {
    const value = JSON.parse(fs.readFileSync(files.meta, 'utf8')) as Partial<PartMeta>;
    if (typeof value.url !== 'string') return null;
    return {
      url: value.url,
      validator: typeof value.validator === 'string' ? value.validator : null,
      totalBytes: typeof value.totalBytes === 'number' ? value.totalBytes : null,
    };
  } catch {
    return null;
  }
}

export function writeMeta(files: PartialFiles, meta: PartMeta): void {
  makePrivateDir(path.dirname(files.meta));
  fs.writeFileSync(files.meta, JSON.stringify(meta), { mode: PRIVATE_FILE_MODE });
}

/** Forget the bytes (and what was said about them), keeping the lock. */
export function discardPartial(files: PartialFiles): void {
  fs.rmSync(files.part, { force: true });
  fs.rmSync(files.meta, { force: true });
}

/**
 * Take the lock, or say which live process holds it. A lock left by a process
 * that died (a crash, a SIGKILL) is taken over: that is how a killed download resumes.
 */
export function acquireLock(files: PartialFiles): { ok: true } | { ok: false; pid: number } {
  makePrivateDir(path.dirname(files.lock));
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(files.lock, String(process.pid), { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return { ok: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readText(files.lock));
    if (holder === process.pid) return { ok: true };
    if (isProcessAlive(holder)) return { ok: false, pid: holder };
    fs.rmSync(files.lock, { force: true });
  }
  return { ok: false, pid: Number(readText(files.lock)) };
}

export function releaseLock(files: PartialFiles): void {
  if (Number(readText(files.lock)) === process.pid) fs.rmSync(files.lock, { force: true });
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
