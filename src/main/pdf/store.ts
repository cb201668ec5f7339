import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../util/private-files';
import { isProcessAlive } from '../util/processes';

/**
 * The PDFs on disk, in a `pdfs/` folder beside the library file:
 *
 *   pdfs/<id>.pdf                 kept offline (the file's presence is the truth)
 *   pdfs/.partial/<id>.pdf.part   an unfinished download, resumable with HTTP Range
 *   pdfs/.partial/<id>.pdf.json   what the server said about it (validators, size)
 *   pdfs/.partial/<id>.lock       the process downloading it (pid)
 *   pdfs/.reading/<pid>/<id>.pdf  fetched to read now, not kept ("read online"): one
 *                                 folder per process, removed when it closes
 *   pdfs/reading-positions.json   the last page read, per paper
 *
 * The filesystem is the source of truth for "available offline", so a user who
 * deletes or copies files by hand never sees a stale mark. Ids become file names
 * through encodeURIComponent (`hep-th/9901001` -> `hep-th%2F9901001.pdf`), which
 * is reversible and safe on every OS.
 */
export class PdfStore {
  readonly folder: string;
  readonly partialDir: string;
  readonly readingDir: string;
  private readonly positionsFile: string;

  constructor(libraryPath: string) {
    this.folder = path.join(path.dirname(path.resolve(libraryPath)), 'pdfs');
    this.partialDir = path.join(this.folder, '.partial');
    this.readingDir = path.join(this.folder, '.reading', String(process.pid));
    this.positionsFile = path.join(this.folder, 'reading-positions.json');
  }

  keptPath(id: string): string {
    return path.join(this.folder, fileName(id));
  }

  readingPath(id: string): string {
    return path.join(this.readingDir, fileName(id));
  }

  partPaths(id: string): { part: string; meta: string; lock: string } {
    const base = path.join(this.partialDir, encodeId(id));
    return { part: `${base}.pdf.part`, meta: `${base}.pdf.json`, lock: `${base}.lock` };
  }

  /** The kept file's size and time, or null. */
  kept(id: string): { size: number; savedAt: string } | null {
    const stat = statFile(this.keptPath(id));
    return stat ? { size: stat.size, savedAt: stat.mtime.toISOString() } : null;
  }

  /** The file a reader opens: the kept one, else one fetched for reading. */
  readable(id: string): { file: string; size: number; version: string } | null {
    for (const file of [this.keptPath(id), this.readingPath(id)]) {
      const stat = statFile(file);
      if (stat) return { file, size: stat.size, version: `${stat.size}-${stat.mtimeMs}` };
    }
    return null;
  }

  listKept(): string[] {
    return listPdfIds(this.folder);
  }

  /** Move a finished download into place (same filesystem, so the rename is atomic). */
  place(id: string, from: string, keep: boolean): void {
    const target = keep ? this.keptPath(id) : this.readingPath(id);
    makePrivateDir(path.dirname(target));
    fs.renameSync(from, target);
    if (keep) fs.rmSync(this.readingPath(id), { force: true });
  }

  /** Keep a PDF already fetched for reading: no second download. */
  promoteReading(id: string): boolean {
    if (!statFile(this.readingPath(id))) return false;
    makePrivateDir(this.folder);
    fs.renameSync(this.readingPath(id), this.keptPath(id));
    return true;
  }

  remove(ids: string[]): { removed: string[]; freedBytes: number } {
    const removed: string[] = [];
    let freedBytes = 0;
    for (const id of new Set(ids)) {
      for (const file of [this.keptPath(id), this.readingPath(id)]) {
        const stat = statFile(file);
        if (!stat) continue;
        fs.rmSync(file, { force: true });
        freedBytes += stat.size;
        if (file === this.keptPath(id)) removed.push(id);
      }
    }
    return { removed, freedBytes };
  }

  /**
   * Drop "read online" files of processes that have ended (they last one
   * session) and partial downloads left too long to be worth resuming.
   */
  tidy(now: number, stalePartialMs: number): void {
    const readingRoot = path.dirname(this.readingDir);
    for (const name of safeReaddir(readingRoot)) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || !isProcessAlive(pid) || pid === process.pid) {
        fs.rmSync(path.join(readingRoot, name), { recursive: true, force: true });
      }
    }
    for (const name of safeReaddir(this.partialDir)) {
      const file = path.join(this.partialDir, name);
      const stat = statFile(file);
      if (stat && now - stat.mtimeMs > stalePartialMs) fs.rmSync(file, { force: true });
    }
  }

  usage(): { pdfBytes: number; pdfCount: number; partialBytes: number } {
    let pdfBytes = 0;
    let pdfCount = 0;
    for (const id of this.listKept()) {
      const stat = statFile(this.keptPath(id));
      if (!stat) continue;
      pdfBytes += stat.size;
      pdfCount += 1;
    }
    let partialBytes = 0;
    for (const dir of [this.partialDir, this.readingDir]) {
      for (const name of safeReaddir(dir))
        partialBytes += statFile(path.join(dir, name))?.size ?? 0;
    }
    return { pdfBytes, pdfCount, partialBytes };
  }

  lastPage(id: string): number | null {
    return this.readPositions()[id]?.page ?? null;
  }

  lastPages(ids: string[]): Map<string, number> {
    const all = this.readPositions();
    const pages = new Map<string, number>();
    for (const id of ids) if (all[id]) pages.set(id, all[id].page);
    return pages;
  }

  /**
   * Read-modify-write right before writing, so a CLI and the app sharing the
   * folder lose at most a simultaneous page change; written atomically.
   */
  setLastPage(id: string, page: number, at: string): void {
    const all = this.readPositions();
    all[id] = { page, at };
    makePrivateDir(this.folder);
    const tmp = `${this.positionsFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(all)}\n`, { mode: PRIVATE_FILE_MODE });
    fs.renameSync(tmp, this.positionsFile);
  }

  private readPositions(): Record<string, { page: number; at: string }> {
    let text: string;
    try {
      text = fs.readFileSync(this.positionsFile, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      const result: Record<string, { page: number; at: string }> = {};
      for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
        const entry = value as { page?: unknown; at?: unknown } | null;
        if (entry && Number.isInteger(entry.page) && (entry.page as number) >= 1) {
          result[id] = { page: entry.page as number, at: String(entry.at ?? '') };
        }
      }
      return result;
    } catch {
      return {}; // an unreadable file only loses reading positions, never PDFs
    }
  }

  /** This process's "read online" files go when it closes. */
  closeSession(): void {
    fs.rmSync(this.readingDir, { recursive: true, force: true });
  }
}

export function encodeId(id: string): string {
  return encodeURIComponent(id);
}

function fileName(id: string): string {
  return `${encodeId(id)}.pdf`;
}

/** Ids of `<encoded id>.pdf` files in a folder; names that do not decode back exactly are not ours. */
function listPdfIds(dir: string): string[] {
  const ids: string[] = [];
  for (const name of safeReaddir(dir)) {
    if (!name.endsWith('.pdf') || name.startsWith('.')) continue;
    let id: string;
    try {
      id = decodeURIComponent(name.slice(0, -4));
    } catch {
      continue;
    }
    if (encodeId(id) === name.slice(0, -4)) ids.push(id);
  }
  return ids.sort();
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function statFile(file: string): fs.Stats | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}
