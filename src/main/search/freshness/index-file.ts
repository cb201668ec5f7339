import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { createPrivateFile } from '../../util/private-files';
import type { SearchDocument } from '../index/documents';
import { PostingList } from '../index/postings';
import type { SearchIndex, StoredBase, StoredSlots } from '../index/search-index';
import { Vocabulary } from '../index/vocabulary';

/**
 * The search index on disk: a SQLite file beside the library (`<library>.search-index`).
 * A cache, never the only copy of anything: it is rebuilt from the library when it
 * is missing, of another format, written for another state of the library (its
 * token differs from the library's `search_state`), or unreadable.
 *
 * Postings are one row per term, read on first use, so a new process reads the
 * vocabulary and the per-paper arrays (a few megabytes) and then only the lists
 * its queries touch. A new index is written to a temporary file and renamed over
 * the old one: a process still reading the old file keeps its own (unlinked) copy.
 */
/** 3: flags carry NOTE_FLAG (has:note); an index of format 2 is rebuilt. */
export const INDEX_FORMAT = 3;

/** Between a paper's tags on one line (a tag name never holds a control character). */
const TAG_SEP = '\u001f';
const NONE: string[] = [];

export function indexFilePath(libraryPath: string): string {
  return `${libraryPath}.search-index`;
}

export interface IndexFileHeader {
  format: number;
  /** Matches the library's `search_state.token` while the file belongs to it. */
  token: string;
  /** The last `search_dirty.seq` the file includes. */
  seq: number;
  papers: number;
  terms: number;
  builtAt: string;
}

interface BlobRow {
  name: string;
  data: Buffer;
}

/** Write `index` (held in memory, compacted first) to `file`, replacing any old one. */
export function writeIndexFile(
  file: string,
  index: SearchIndex,
  info: { token: string; seq: number },
  nativeBinding?: string,
): void {
  if (index.isStored) throw new Error('writeIndexFile: the index must be held in memory');
  if (index.deadSlots > 0) index.compact();
  const temp = `${file}.${process.pid}.tmp`;
  fs.rmSync(temp, { force: true });
  createPrivateFile(temp);
  const db = new BetterSqlite3(temp, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`create table meta (key text primary key, value text not null) without rowid;
      create table blobs (name text primary key, data blob not null) without rowid;
      create table postings (term integer primary key, data blob not null);`);
    const slots = index.slotCount;
    const terms = index.vocab.size;
    const counts = new Uint32Array(terms);
    const insertList = db.prepare('insert into postings (term, data) values (?, ?)');
    const insertBlob = db.prepare('insert into blobs (name, data) values (?, ?)');
    const insertMeta = db.prepare('insert into meta (key, value) values (?, ?)');
    db.transaction(() => {
      for (let id = 0; id < terms; id++) {
        const list = index.list(id);
        if (!list || list.length === 0) continue;
        counts[id] = list.length;
        insertList.run(id, encodeList(list));
      }
      const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      insertBlob.run('vocab', Buffer.from(index.vocab.terms.join('\n'), 'utf8'));
      insertBlob.run('sorted', bytes(index.vocab.sortedIds()));
      insertBlob.run('counts', bytes(counts));
      insertBlob.run('tieKeys', bytes(index.tieKeys.subarray(0, slots)));
      insertBlob.run('flags', bytes(index.flags.subarray(0, slots)));
      insertBlob.run('alive', bytes(index.alive.subarray(0, slots)));
      insertBlob.run('asciiFields', bytes(index.asciiFields.subarray(0, slots)));
      insertBlob.run('years', bytes(index.years.subarray(0, slots)));
      insertBlob.run('textHashes', bytes(index.textHashes.subarray(0, slots)));
      // Lines, not JSON: splitting 50,000 lines is several times faster than parsing arrays.
      const text = (value: string) => Buffer.from(value, 'utf8');
      insertBlob.run('ids', text(index.idOf.join('\n')));
      // Tag names cannot hold control characters (shared/api/common.ts); a row written
      // around the API that does is stored with them as spaces rather than break the file.
      const tagLine = (tags: string[]) =>
        tags.map((t) => t.replaceAll('\n', ' ').replaceAll(TAG_SEP, ' ')).join(TAG_SEP);
      insertBlob.run('tagKeys', text(index.tagKeys.map(tagLine).join('\n')));
      insertBlob.run('days', text(index.daysOf.map((d) => d.join(',')).join('\n')));
      const header: IndexFileHeader = {
        format: INDEX_FORMAT,
        token: info.token,
        seq: info.seq,
        papers: index.size,
        terms,
        builtAt: new Date().toISOString(),
      };
      insertMeta.run('header', JSON.stringify(header));
    })();
    db.pragma(`user_version = ${INDEX_FORMAT}`);
  } finally {
    db.close();
  }
  fs.renameSync(temp, file);
}

/** An index file opened for reading. */
export class IndexFile {
  private constructor(
    private readonly db: BetterSqlite3.Database,
    readonly header: IndexFileHeader,
  ) {}

  /** The file, or null when it is missing, of another format or unreadable (then: rebuild). */
  static open(file: string, nativeBinding?: string): IndexFile | null {
    if (!fs.existsSync(file)) return null;
    let db: BetterSqlite3.Database | null = null;
    try {
      db = new BetterSqlite3(file, {
        readonly: true,
        fileMustExist: true,
        ...(nativeBinding ? { nativeBinding } : {}),
      });
      if (db.pragma('user_version', { simple: true }) !== INDEX_FORMAT) throw new Error('format');
      const raw = db.prepare("select value from meta where key = 'header'").pluck().get();
      const header = JSON.parse(String(raw)) as IndexFileHeader;
      if (header.format !== INDEX_FORMAT || typeof header.token !== 'string') {
        throw new Error('format');
      }
      return new IndexFile(db, header);
    } catch {
      db?.close();
      return null;
    }
  }

  /** The stored index, ready to be searched; papers' documents come from `loadDocs`. */
  readBase(loadDocs: (ids: string[]) => SearchDocument[], cacheBytes: number): StoredBase {
    const blobs = new Map(
      (this.db.prepare('select name, data from blobs').all() as BlobRow[]).map((r) => [
        r.name,
        r.data,
      ]),
    );
    const blob = (name: string): Buffer => {
      const data = blobs.get(name);
      if (!data) throw new Error(`search index file: ${name} is missing`);
      return data;
    };
    // A copy at offset 0, so every typed array is aligned.
    const aligned = (name: string) => new Uint8Array(blob(name)).buffer;
    const text = blob('vocab').toString('utf8');
    const terms = text === '' ? [] : text.split('\n');
    const lines = (name: string) => {
      const value = blob(name).toString('utf8');
      return value === '' ? [] : value.split('\n');
    };
    const ids = lines('ids');
    const lists = (name: string, sep: string) => {
      // Papers of one day share their line: one array for all of them (read-only in the index).
      const seen = new Map<string, string[]>([['', NONE]]);
      const out = lines(name).map((line) => {
        let list = seen.get(line);
        if (!list) seen.set(line, (list = line.split(sep)));
        return list;
      });
      // One empty line per slot; a file where the last slot had none still has every slot.
      while (out.length < ids.length) out.push(NONE);
      return out;
    };
    const slots: StoredSlots = {
      ids,
      tagKeys: lists('tagKeys', TAG_SEP),
      days: lists('days', ','),
      tieKeys: new Float64Array(aligned('tieKeys')),
      flags: new Uint8Array(aligned('flags')),
      alive: new Uint8Array(aligned('alive')),
      asciiFields: new Uint8Array(aligned('asciiFields')),
      years: new Int16Array(aligned('years')),
      textHashes: new Uint32Array(aligned('textHashes')),
    };
    const n = slots.ids.length;
    if (slots.tagKeys.length !== n || slots.days.length !== n) {
      throw new Error('search index file: per-paper lists disagree');
    }
    for (const a of [slots.tieKeys, slots.flags, slots.alive, slots.asciiFields, slots.years]) {
      if (a.length !== n) throw new Error('search index file: per-paper arrays disagree');
    }
    const counts = new Uint32Array(aligned('counts'));
    if (counts.length !== terms.length) throw new Error('search index file: term counts disagree');
    const readList = this.db.prepare('select data from postings where term = ?').pluck();
    return {
      vocab: Vocabulary.restore(terms, new Uint32Array(aligned('sorted'))),
      terms: terms.length,
      counts,
      slots,
      cacheBytes,
      loadList: (id) => {
        const data = readList.get(id) as Buffer | undefined;
        return data ? decodeList(data) : undefined;
      },
      loadDocs,
    };
  }

  close(): void {
    this.db.close();
  }
}

/** [length u32][positions u32][slots+masks u32 × length][positions u16 × …][counts u8 × length] */
function encodeList(list: PostingList): Buffer {
  const n = list.length;
  const m = list.positionsLength;
  const out = Buffer.alloc(8 + n * 4 + m * 2 + n);
  out.writeUInt32LE(n, 0);
  out.writeUInt32LE(m, 4);
  const view = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  out.set(view(list.data.subarray(0, n)), 8);
  out.set(view(list.positions.subarray(0, m)), 8 + n * 4);
  out.set(list.counts.subarray(0, n), 8 + n * 4 + m * 2);
  return out;
}

function decodeList(data: Buffer): PostingList {
  // A copy at offset 0 (one allocation): the views below need its alignment.
  const buffer = new Uint8Array(data).buffer;
  const head = new Uint32Array(buffer, 0, 2);
  const n = head[0];
  const m = head[1];
  if (8 + n * 4 + m * 2 + n !== data.length) throw new Error('search index file: bad posting list');
  const list = new PostingList(0, 0);
  list.data = new Uint32Array(buffer, 8, n);
  list.positions = new Uint16Array(buffer, 8 + n * 4, m);
  list.counts = new Uint8Array(buffer, 8 + n * 4 + m * 2, n);
  list.length = n;
  list.positionsLength = m;
  return list;
}
