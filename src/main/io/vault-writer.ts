import fs from 'node:fs';
import path from 'node:path';
import type { VaultFile } from '../../shared/api/io';
import { AppError } from '../../shared/errors';
import { idStem } from './file-names';
import { keepUserKeys, readFrontMatter } from './markdown-export';

/**
 * Writes a vault export into a folder, updating in place: a paper's file is
 * found again by the `id` in its front matter (so a renamed file, or a paper
 * whose title changed, keeps its file), unchanged files are not touched, keys
 * the user added to the front matter are kept, and nothing is deleted.
 */
export interface VaultWriteResult {
  created: number;
  updated: number;
  unchanged: number;
}

export function writeVault(dir: string, files: VaultFile[]): VaultWriteResult {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new AppError('bad_file', `Cannot create the folder ${dir}: ${describe(error)}`);
  }
  const byId = new Map<string, string>();
  const taken = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    taken.add(entry.name.toLowerCase());
    if (!entry.name.toLowerCase().endsWith('.md')) continue;
    const id = readFrontMatter(readHead(path.join(dir, entry.name)))?.id;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, entry.name);
  }
  const result: VaultWriteResult = { created: 0, updated: 0, unchanged: 0 };
  for (const file of files) {
    let name = byId.get(file.paperId);
    if (name === undefined) {
      name = file.fileName;
      // A file of the user's own (or another paper's) already has this name.
      if (taken.has(name.toLowerCase())) name = `${name.slice(0, -3)} (${idStem(file.paperId)}).md`;
      taken.add(name.toLowerCase());
      writeAtomic(path.join(dir, name), file.content);
      result.created += 1;
      continue;
    }
    const target = path.join(dir, name);
    const existing = fs.readFileSync(target, 'utf8');
    const content = keepUserKeys(file.content, existing);
    if (content === existing) {
      result.unchanged += 1;
    } else {
      writeAtomic(target, content);
      result.updated += 1;
    }
  }
  return result;
}

/** Front matter sits at the top; 64 KB covers any we write. */
function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Write to a temporary file and rename, so a crash never leaves half a file. */
export function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, content, 'utf8');
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('bad_file', `Cannot write ${file}: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
