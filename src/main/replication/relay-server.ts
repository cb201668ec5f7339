import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Server } from '@hocuspocus/server';
import BetterSqlite3 from 'better-sqlite3';
import * as Y from 'yjs';

/**
 * The relay: a Hocuspocus server (an existing, maintained Yjs server) that
 * devices sync their library documents through. It checks the token on every
 * connection, and stores every update it receives in a SQLite file (WAL,
 * synchronous=FULL) *before* Hocuspocus acknowledges it: Yjs applies an update
 * and fires `update` synchronously, our handler writes it, and only then does
 * the server send the sync-status acknowledgement. A relay killed at any moment
 * and started again on the same data loses nothing it acknowledged.
 */

export interface RelayOptions {
  port: number;
  host: string;
  dataDir: string;
  token: string;
}

export interface Relay {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Pack a document's stored updates into one row past this many. */
const COMPACT_AFTER = 1_000;

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

export class RelayStore {
  private readonly db: BetterSqlite3.Database;
  private readonly insert: BetterSqlite3.Statement<[string, Uint8Array]>;
  private readonly select: BetterSqlite3.Statement<[string], { data: Buffer }>;

  constructor(file: string) {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`create table if not exists updates (
      seq integer primary key autoincrement,
      doc text not null,
      data blob not null
    );
    create index if not exists updates_doc on updates (doc, seq);`);
    this.insert = this.db.prepare('insert into updates (doc, data) values (?, ?)');
    this.select = this.db.prepare('select data from updates where doc = ? order by seq');
  }

  append(doc: string, update: Uint8Array): void {
    this.insert.run(doc, update);
  }

  updates(doc: string): Uint8Array[] {
    return this.select.all(doc).map((row) => new Uint8Array(row.data));
  }

  /** Replace a document's rows by one snapshot, atomically. */
  compact(doc: string, snapshot: Uint8Array): void {
    this.db.transaction(() => {
      this.db.prepare('delete from updates where doc = ?').run(doc);
      this.insert.run(doc, snapshot);
    })();
  }

  close(): void {
    this.db.close();
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const store = new RelayStore(path.join(options.dataDir, 'relay.sqlite'));
  const server = new Server({
    port: options.port,
    address: options.host,
    quiet: true,
    stopOnSignals: false,
    async onAuthenticate({ token }) {
      if (!sameToken(token ?? '', options.token)) throw new Error('Wrong relay token');
    },
    async onLoadDocument({ document, documentName }) {
      const updates = store.updates(documentName);
      Y.transact(document, () => {
        for (const update of updates) Y.applyUpdate(document, update);
      });
      if (updates.length > COMPACT_AFTER)
        store.compact(documentName, Y.encodeStateAsUpdate(document));
      // Written before the acknowledgement: see the module comment.
      document.on('update', (update: Uint8Array) => store.append(documentName, update));
    },
  });
  await server.listen();
  const port = server.address.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `ws://${host}:${port}`,
    port,
    token: options.token,
    async close() {
      await server.destroy();
      store.close();
    },
  };
}
