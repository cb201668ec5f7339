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
  // Each paper's file in this folder: the one it already has (found by id), else a new one.
  const placed = files.map((file) => {
    let name = byId.get(file.paperId);
    const isNew = name === undefined;
    if (name === undefined) {
      name = file.fileName;
      // A file of the user's own (or another paper's) already has this name.
      if (taken.has(name.toLowerCase())) name = `${name.slice(0, -3)} (${idStem(file.paperId)}).md`;
      taken.add(name.toLowerCase());
    }
    return { file, name, isNew };
  });
  // Links between notes name files: point them at the names the files really have here.
  const renamed = new Map(
    placed
      .filter((p) => p.name !== p.file.fileName)
      .map((p) => [p.file.fileName.slice(0, -3), p.name.slice(0, -3)]),
  );
  for (const { file, name, isNew } of placed) {
    const fresh = renamed.size > 0 ? renameLinks(file.content, renamed) : file.content;
    if (isNew) {
      writeAtomic(path.join(dir, name), fresh);
      result.created += 1;
      continue;
    }
    const target = path.join(dir, name);
    const existing = fs.readFileSync(target, 'utf8');
    const content = keepUserKeys(fresh, existing);
    if (content === existing) {
      result.unchanged += 1;
    } else {
      writeAtomic(target, content);
      result.updated += 1;
    }
  }
  return result;
}

/** `[[Old]]` / `[[Old|label]]` -> `[[New]]` / `[[New|label]]` for each renamed file stem. */
function renameLinks(content: string, renamed: ReadonlyMap<string, string>): string {
  return content.replace(/\[\[([^[\]|\n]+)(?=\]\]|\|)/g, (all, stem: string) => {
    const to = renamed.get(stem);
    return to === undefined ? all : `[[${to}`;
  });
}

/** Every Markdown file of a vault folder (not its subfolders), for an import. */
export function readVaultDir(dir: string): Array<{ fileName: string; content: string }> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new AppError('bad_file', `Cannot read the folder ${dir}: ${describe(error)}`);
  }
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => ({ fileName: e.name, content: fs.readFileSync(path.join(dir, e.name), 'utf8') }));
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
