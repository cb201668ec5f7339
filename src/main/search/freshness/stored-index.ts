import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { SearchIndex } from '../index/search-index';
import { IndexFile, indexFilePath, writeIndexFile } from './index-file';
import type { LibrarySource } from './library-source';

export interface IndexProgress {
  /** Papers indexed so far, of `total`. */
  done: number;
  total: number;
}

export interface StoredIndexOptions {
  /** The library file; the index lives beside it (index-file.ts). */
  libraryPath: string;
  sqlite: BetterSqlite3.Database;
  source: LibrarySource;
  nativeBinding?: string;
  /** Called while a full build runs ("Indexing 12,000 of 50,000"), and with done = total at its end. */
  onProgress?: (progress: IndexProgress) => void;
  /** Budget for stored posting lists held in memory (bytes). */
  cacheBytes?: number;
  /** Papers changed since the stored index before it is written anew (default: 2,000 or a tenth). */
  rebuildAfter?: number;
}

export interface StoredIndexStats {
  /** The stored file's header, when the index was opened from one. */
  builtAt: string | null;
  papers: number;
  terms: number;
  /** How the index came to be in this process. */
  origin: 'stored' | 'built';
  openMs: number;
  /** Papers re-read since the stored index was written. */
  changedSinceStored: number;
}

const DEFAULT_CACHE_BYTES = 48 * 1024 * 1024;
/** Papers per step of a full build, between which other requests are served. */
const SLICE_MS = 20;

/**
 * The search index, persisted beside the library and kept in step with it.
 *
 * A new process opens the stored index (the vocabulary and the per-paper arrays;
 * posting lists and papers load on use) and re-reads only the papers changed
 * since it was written: the library's triggers list them in `search_dirty`
 * (migration 0006). When the file is missing, stale or damaged, the index is
 * built from the library in slices (other requests are served meanwhile, and
 * `onProgress` reports it), written, and opened like any stored index. When the
 * changes since the stored index pile up, it is written anew.
 */
export class StoredSearchIndex {
  private index: SearchIndex | null = null;
  private file: IndexFile | null = null;
  private token: string | null = null;
  /** The last `search_dirty.seq` applied to the index. */
  private seq = 0;
  private opening: Promise<void> | null = null;
  private rebuilding: Promise<void> | null = null;
  private closed = false;
  /** The stored file failed under a query: build anew rather than reopen it. */
  private forceRebuild = false;
  private changed = new Set<string>();
  private origin: 'stored' | 'built' = 'stored';
  private openMs = 0;
  private readonly readToken: BetterSqlite3.Statement;
  private readonly readDirty: BetterSqlite3.Statement;
  private readonly lastSeq: BetterSqlite3.Statement;

  constructor(private readonly options: StoredIndexOptions) {
    const { sqlite } = options;
    this.readToken = sqlite.prepare("select value from search_state where key = 'token'").pluck();
    this.readDirty = sqlite.prepare(
      'select seq, paper_id as id from search_dirty where seq > ? order by seq',
    );
    this.lastSeq = sqlite.prepare('select coalesce(max(seq), 0) from search_dirty').pluck();
  }

  get isOpen(): boolean {
    return this.index !== null;
  }

  /** The index, up to date: opened, or built and stored, the first time. */
  async ready(): Promise<SearchIndex> {
    if (!this.index || this.libraryToken() !== this.token) {
      this.opening ??= this.open().finally(() => {
        this.opening = null;
      });
      await this.opening;
    }
    return this.current();
  }

  /**
   * Run `query` on the up-to-date index. If the stored file fails under it (damaged
   * after it was opened: a disk error, a truncated copy), the index is rebuilt from
   * the library and the query runs once more.
   */
  async run<T>(query: (index: SearchIndex) => T): Promise<T> {
    const index = await this.ready();
    try {
      return query(index);
    } catch (error) {
      if (!index.isStored || !isStorageError(error)) throw error;
      console.error('papershelf: the stored search index failed; rebuilding it', error);
      this.file?.close();
      this.file = null;
      this.index = null;
      this.token = null;
      this.forceRebuild = true;
      const rebuilt = await this.ready();
      return query(rebuilt);
    }
  }

  /** Apply the changes since the last call (synchronous; the index must be open). */
  current(): SearchIndex {
    const index = this.index;
    if (!index) throw new Error('search index: not open yet');
    const rows = this.readDirty.all(this.seq) as Array<{ seq: number; id: string }>;
    if (rows.length > 0) {
      this.seq = rows[rows.length - 1].seq;
      const ids = [...new Set(rows.map((r) => r.id))];
      this.apply(index, ids);
      for (const id of ids) this.changed.add(id);
      if (this.changed.size > this.rebuildAfter(index)) this.scheduleRebuild();
    }
    return index;
  }

  stats(): StoredIndexStats | null {
    if (!this.index) return null;
    return {
      builtAt: this.file?.header.builtAt ?? null,
      papers: this.index.size,
      terms: this.index.vocab.size,
      origin: this.origin,
      openMs: this.openMs,
      changedSinceStored: this.changed.size,
    };
  }

  /** Build and store the index anew now (`papershelf index --rebuild`). */
  async rebuildNow(): Promise<SearchIndex> {
    await this.opening;
    await this.rebuilding;
    this.rebuilding = this.rebuild().finally(() => {
      this.rebuilding = null;
    });
    await this.rebuilding;
    this.origin = 'built';
    return this.current();
  }

  /** Stop background work and close the file (the service is closing). */
  close(): void {
    this.closed = true;
    this.file?.close();
    this.file = null;
  }

  private rebuildAfter(index: SearchIndex): number {
    return this.options.rebuildAfter ?? Math.max(2_000, Math.round(index.size / 10));
  }

  private libraryToken(): string | null {
    return (this.readToken.get() as string | undefined) ?? null;
  }

  /** Open the stored index if it belongs to this library, else build and store one. */
  private async open(): Promise<void> {
    const began = performance.now();
    if (this.forceRebuild) {
      this.forceRebuild = false;
      await this.rebuild();
      this.origin = 'built';
    } else if (this.openStored()) {
      this.origin = 'stored';
    } else {
      await this.rebuild();
      this.origin = 'built';
    }
    this.openMs = Math.round(performance.now() - began);
  }

  private openStored(): boolean {
    const token = this.libraryToken();
    if (token === null) return false;
    const path = indexFilePath(this.options.libraryPath);
    const file = IndexFile.open(path, this.options.nativeBinding);
    if (!file) return false;
    if (file.header.token !== token) {
      file.close();
      return false;
    }
    try {
      const base = file.readBase(
        (ids) => this.options.source.load(ids).map((p) => p.doc),
        this.options.cacheBytes ?? DEFAULT_CACHE_BYTES,
      );
      this.file?.close();
      this.file = file;
      this.index = new SearchIndex(base);
      this.token = token;
      this.seq = file.header.seq;
      this.changed = new Set();
      return true;
    } catch (error) {
      file.close();
      console.error('papershelf: the stored search index is damaged; rebuilding it', error);
      return false;
    }
  }

  /**
   * Build the index from the library in slices, store it, and open the stored copy
   * (the in-memory build is then garbage: the stored index holds far less).
   */
  private async rebuild(): Promise<void> {
    const { source, onProgress } = this.options;
    // Changes after this point are re-applied from search_dirty (re-reading a paper is idempotent).
    const seq = Number(this.lastSeq.get());
    const loaded = source.load();
    const built = new SearchIndex();
    const bulk = built.bulk();
    const total = loaded.length;
    let i = 0;
    while (i < total) {
      const sliceEnd = performance.now() + SLICE_MS;
      while (i < total && performance.now() < sliceEnd) {
        for (const stop = Math.min(total, i + 100); i < stop; i++) bulk.add(loaded[i].doc);
      }
      onProgress?.({ done: i, total });
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) return;
    }
    bulk.finish();
    loaded.length = 0;
    const token = crypto.randomBytes(12).toString('hex');
    try {
      writeIndexFile(
        indexFilePath(this.options.libraryPath),
        built,
        { token, seq },
        this.options.nativeBinding,
      );
      this.options.sqlite.transaction(() => {
        this.options.sqlite
          .prepare(
            "insert into search_state (key, value) values ('token', ?) on conflict (key) do update set value = excluded.value",
          )
          .run(token);
        // Keep the newest row: its seq stays the highest, so new rows never reuse one.
        this.options.sqlite.prepare('delete from search_dirty where seq < ?').run(seq);
      })();
    } catch (error) {
      // A read-only library or a full disk: search works from memory, as before storing existed.
      console.error('papershelf: could not store the search index', error);
      this.index = built;
      this.token = this.libraryToken();
      this.seq = seq;
      this.changed = new Set();
      onProgress?.({ done: total, total });
      return;
    }
    onProgress?.({ done: total, total });
    if (!this.openStored()) {
      this.index = built;
      this.token = token;
      this.seq = seq;
      this.changed = new Set();
    }
  }

  /** Write the index anew in the background (many papers changed since it was stored). */
  private scheduleRebuild(): void {
    if (this.rebuilding || this.closed) return;
    this.rebuilding = this.rebuild()
      .catch((error: unknown) => {
        console.error('papershelf: rebuilding the search index failed', error);
      })
      .finally(() => {
        this.rebuilding = null;
      });
  }

  /** Re-read these papers; those no longer in the library leave the index. */
  private apply(index: SearchIndex, ids: string[]): void {
    const CHUNK = 5_000;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const found = new Set<string>();
      for (const { doc } of this.options.source.load(chunk)) {
        index.upsert(doc);
        found.add(doc.id);
      }
      for (const id of chunk) if (!found.has(id)) index.remove(id);
    }
  }
}

/** An error from SQLite reading the index file (as opposed to a bug in a query). */
function isStorageError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'SqliteError' || /search index file/.test(error.message))
  );
}
