/**
 * The ingest thread's side (see ingest-thread.ts): a connection of its own to
 * the library, writing the feed days the main thread sends, one transaction
 * each and in the order sent, and answering each with what it wrote.
 *
 * Runs as a worker thread: built to out/main/ingest-worker.js, or from source
 * through tsx in development and tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { configureConnection } from '../db/connection-settings';
import { createIngester } from '../library/ingest-repo';
import { BULK_WAL_AUTOCHECKPOINT_PAGES, withRelaxedCommit } from './bulk-writes';
import type { IngestWorkerData, ToIngestWorker, FromIngestWorker } from './ingest-protocol';

const port = parentPort;
if (!port) throw new Error('ingest-worker runs as a worker thread');
const data = workerData as IngestWorkerData;

// Loaded by path (as the checkpointer does): in the packaged app the addon
// lives beside app.asar, not inside it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
const Database = require(data.modulePath) as typeof BetterSqlite3;
const sqlite = new Database(
  data.file,
  data.nativeBinding ? { nativeBinding: data.nativeBinding } : {},
);
configureConnection(sqlite, data.busyTimeoutMs); // as the app's; each day relaxes FULL (bulk-writes.ts)
// This connection commits the days, so its commits would start the checkpoints
// the checkpointer thread runs instead (bulk-writes.ts).
sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT_PAGES}`);
const ingester = createIngester(sqlite);

function send(message: FromIngestWorker): void {
  port?.postMessage(message);
}

port.on('message', (message: ToIngestWorker) => {
  if (message.type === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  try {
    const result = withRelaxedCommit(sqlite, () =>
      ingester.ingestDay(message.input, message.options),
    );
    send({ type: 'written', seq: message.seq, result });
  } catch (error) {
    const e = error as { message?: unknown; code?: unknown };
    send({
      type: 'failed',
      seq: message.seq,
      message: typeof e.message === 'string' ? e.message : String(error),
      code: typeof e.code === 'string' ? e.code : null,
    });
  }
});
send({ type: 'ready' });
