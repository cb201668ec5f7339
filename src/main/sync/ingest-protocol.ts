import type { DayInput, IngestDayOptions, IngestResult } from '../library/ingest-repo';

/** Messages between the main thread and the ingest thread (ingest-thread.ts, ingest-worker.ts). */
export interface IngestWorkerData {
  /** better-sqlite3's entry file, resolved on the main thread (outside app.asar). */
  modulePath: string;
  file: string;
  nativeBinding?: string;
  busyTimeoutMs: number;
}

export type ToIngestWorker =
  { type: 'day'; seq: number; input: DayInput; options: IngestDayOptions } | { type: 'close' };

export type FromIngestWorker =
  | { type: 'ready' }
  | { type: 'written'; seq: number; result: IngestResult }
  | { type: 'failed'; seq: number; message: string; code: string | null };
