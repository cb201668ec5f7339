import fs from 'node:fs';
import type { PdfDownload } from '../../shared/api/pdf';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../context/events';
import { Pacer } from '../net/interval-limiter';
import { attemptDownload } from './attempt';
import { hasPdfHeader, PDF_HEADER_WINDOW } from './http-checks';
import { PDF_DEFAULTS, pdfUrlFor } from './config';
import { DownloadEvents } from './progress-events';
import { acquireLock, discardPartial, partSize, releaseLock, type PartialFiles } from './partial';
import type { PdfStore } from './store';

/**
 * The download queue. One download at a time, and requests at least
 * `minIntervalMs` apart (retries included), because arXiv asks automated
 * clients not to send more than one request every few seconds.
 *
 * A download is retried (resuming with HTTP Range from the bytes on disk)
 * while it keeps making progress; it is checked to be a PDF, then moved into
 * place in one rename, so a half-written file is never taken for a kept one.
 */
export interface DownloaderOptions {
  store: PdfStore;
  events: EventBus;
  baseUrl: string;
  minIntervalMs: number;
  maxBytes: number;
  userAgent: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** Overrides of the timing defaults (tests make them short). */
  timing?: Partial<typeof PDF_DEFAULTS>;
}

interface Job {
  download: PdfDownload;
  controller: AbortController;
  /** Not before this time (automatic downloads wait a grace period). */
  notBefore: number;
  cancelled: boolean;
}

const HISTORY_LIMIT = 200;

export class PdfDownloader {
  private readonly jobs = new Map<string, Job>();
  /** Finished downloads, newest last. */
  private readonly history: PdfDownload[] = [];
  private running: Promise<void> | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private readonly pacer: Pacer;
  private closed = false;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly now: () => number;
  private readonly timing: typeof PDF_DEFAULTS;
  private readonly events: DownloadEvents;

  constructor(private readonly options: DownloaderOptions) {
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.pacer = new Pacer(options.minIntervalMs, this.now);
    this.timing = { ...PDF_DEFAULTS, ...options.timing };
    this.events = new DownloadEvents(options.events, this.timing.progressIntervalMs, this.now);
  }

  /** Queue a download, or return the one already queued or running (upgraded to `keep`). */
  enqueue(id: string, opts: { keep: boolean; auto?: boolean }): PdfDownload {
    if (this.closed) throw new AppError('cancelled', 'The library is closing');
    const existing = this.jobs.get(id);
    if (existing) {
      const d = existing.download;
      if (opts.keep && !d.keep) d.keep = true;
      if (!opts.auto && d.auto) {
        d.auto = false;
        existing.notBefore = this.now();
      }
      this.emit(d);
      this.schedule();
      return { ...d };
    }
    const download: PdfDownload = {
      id,
      keep: opts.keep,
      auto: Boolean(opts.auto),
      state: 'queued',
      receivedBytes: 0,
      totalBytes: null,
      resumedFromBytes: 0,
      attempts: 0,
      waitUntil: null,
      error: null,
      queuedAt: new Date(this.now()).toISOString(),
      startedAt: null,
      finishedAt: null,
    };
    this.jobs.set(id, {
      download,
      controller: new AbortController(),
      // Automatic downloads wait one polite interval first, so a quick undo (or a
      // CLI `set` that exits at once) fetches nothing.
      notBefore: this.now() + (opts.auto ? this.options.minIntervalMs : 0),
      cancelled: false,
    });
    this.emit(download);
    this.schedule();
    return { ...download };
  }

  /** Cancel queued or running downloads (all when `ids` is undefined); their partial files go. */
  cancel(ids?: string[]): number {
    let count = 0;
    for (const id of ids ?? [...this.jobs.keys()]) {
      const job = this.jobs.get(id);
      if (!job) continue;
      count += 1;
      job.cancelled = true;
      job.controller.abort(new Error('cancelled'));
      if (job.download.state === 'queued' && job.download.startedAt === null) {
        this.finish(job, 'cancelled', null);
        discardPartial(this.options.store.partPaths(id));
      }
    }
    this.schedule();
    return count;
  }

  /** The running or queued download of a paper, else its last finished one. */
  get(id: string): PdfDownload | null {
    const job = this.jobs.get(id);
    if (job) return { ...job.download };
    for (let i = this.history.length - 1; i >= 0; i -= 1) {
      if (this.history[i].id === id) return { ...this.history[i] };
    }
    return null;
  }

  list(): PdfDownload[] {
    const active = [...this.jobs.values()].map((j) => ({ ...j.download }));
    active.sort((a, b) => rank(a) - rank(b));
    return [...active, ...[...this.history].reverse().map((d) => ({ ...d }))];
  }

  isActive(id: string): boolean {
    return this.jobs.has(id);
  }

  /** Stop: queued downloads are dropped, a running one is interrupted (its partial file stays). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    for (const job of this.jobs.values()) job.controller.abort(new Error('closing'));
    await this.running;
    this.jobs.clear();
  }

  private schedule(): void {
    if (this.closed || this.running) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    const queued = [...this.jobs.values()].filter((j) => j.download.state === 'queued');
    if (queued.length === 0) return;
    const now = this.now();
    const ready = queued.filter((j) => j.notBefore <= now);
    if (ready.length === 0) {
      const next = Math.min(...queued.map((j) => j.notBefore));
      this.wakeTimer = setTimeout(() => this.schedule(), next - now);
      return;
    }
    const job = ready[0];
    this.running = this.run(job)
      .catch((error: unknown) => {
        console.error('papershelf: a PDF download failed unexpectedly', error);
        this.finish(job, 'failed', toAppError(error).toData());
      })
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  private async run(job: Job): Promise<void> {
    const { store } = this.options;
    const d = job.download;
    const files = store.partPaths(d.id);
    const lock = acquireLock(files);
    if (!lock.ok) {
      this.finish(job, 'failed', {
        code: 'conflict',
        message: `Another Papershelf process (pid ${lock.pid}) is downloading this PDF`,
      });
      return;
    }
    try {
      await this.transfer(job, files);
    } finally {
      releaseLock(files);
    }
  }

  private async transfer(job: Job, files: PartialFiles): Promise<void> {
    const d = job.download;
    const url = pdfUrlFor(this.options.baseUrl, d.id);
    let withoutProgress = 0;
    // Progress means more bytes on disk than ever before: a server that keeps
    // cutting the transfer at the same point (and ignores Range) makes none.
    let best = partSize(files);
    // After a failure the pause doubles, starting from the polite interval.
    let backoff = this.options.minIntervalMs;
    let waitMs = 0;
    while (true) {
      // Polite pacing: every request, retries included, waits its turn.
      if (!(await this.waitUntil(job, this.pacer.nextTurn(waitMs))))
        return this.stopped(job, files);
      this.pacer.started();
      d.attempts += 1;
      if (d.state === 'queued') {
        d.state = 'downloading';
        d.startedAt = new Date(this.now()).toISOString();
      }
      this.emit(d);
      const result = await attemptDownload({
        id: d.id,
        url,
        baseUrl: this.options.baseUrl,
        files,
        maxBytes: this.options.maxBytes,
        fetch: this.fetchImpl,
        signal: job.controller.signal,
        headersTimeoutMs: this.timing.headersTimeoutMs,
        idleTimeoutMs: this.timing.idleTimeoutMs,
        now: this.now,
        userAgent: this.options.userAgent,
        onStart: ({ resumedFrom, totalBytes }) => {
          d.resumedFromBytes = resumedFrom;
          d.receivedBytes = resumedFrom;
          d.totalBytes = totalBytes;
          this.emit(d);
        },
        onProgress: (onDisk) => {
          d.receivedBytes = onDisk;
          this.events.progress(d, () => this.jobs.get(d.id)?.download === d);
        },
      });
      switch (result.kind) {
        case 'complete':
          return this.keep(job, files, result.size);
        case 'aborted':
          return this.stopped(job, files);
        case 'fail':
          discardPartial(files);
          return this.finish(job, 'failed', result.error.toData());
        case 'unreachable':
          // Offline is normal: say so, and keep any bytes for a later resume.
          return this.finish(job, 'failed', result.error.toData());
        case 'retry': {
          const progressed = result.onDisk > best;
          best = Math.max(best, result.onDisk);
          withoutProgress = progressed ? 0 : withoutProgress + 1;
          const exhausted =
            withoutProgress >= this.timing.maxAttemptsWithoutProgress ||
            d.attempts >= this.timing.maxAttempts;
          if (result.waitMs !== null && result.waitMs > this.timing.maxRetryAfterMs) {
            discardPartial(files);
            return this.finish(job, 'failed', {
              code: 'rate_limited',
              message: `${result.error.message}; try again in ${Math.ceil(result.waitMs / 60_000)} min`,
            });
          }
          if (exhausted) {
            discardPartial(files);
            return this.finish(job, 'failed', result.error.toData());
          }
          waitMs = result.waitMs ?? (progressed ? 0 : backoff);
          if (!progressed) backoff = Math.min(Math.max(backoff * 2, 1), this.timing.backoffMaxMs);
          d.error = result.error.toData(); // shown while retrying; cleared on success
          break;
        }
        default: {
          const unreachable: never = result;
          throw new Error(`Unknown attempt result ${String(unreachable)}`);
        }
      }
    }
  }

  /** Check the whole file once more (a resumed file was judged in pieces), then move it into place. */
  private keep(job: Job, files: PartialFiles, size: number): void {
    const d = job.download;
    const head = Buffer.alloc(Math.min(size, PDF_HEADER_WINDOW));
    const fd = fs.openSync(files.part, 'r');
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (!hasPdfHeader(head) || size > this.options.maxBytes) {
      discardPartial(files);
      return this.finish(job, 'failed', {
        code: 'bad_file',
        message: 'The downloaded file is not a PDF',
      });
    }
    this.options.store.place(d.id, files.part, d.keep);
    fs.rmSync(files.meta, { force: true });
    d.receivedBytes = size;
    d.totalBytes = size;
    d.error = null;
    this.finish(job, 'done', null);
    if (d.keep) this.options.events.emit({ type: 'pdf-cache-changed', ids: [d.id], cached: true });
  }

  /** Cancelled by the user: forget the bytes. Interrupted by shutdown: keep them to resume. */
  private stopped(job: Job, files: PartialFiles): void {
    if (job.cancelled) {
      discardPartial(files);
      this.finish(job, 'cancelled', null);
    } else {
      this.finish(job, 'interrupted', null);
    }
  }

  private finish(job: Job, state: PdfDownload['state'], error: PdfDownload['error']): void {
    const d = job.download;
    if (this.jobs.get(d.id) !== job) return;
    d.state = state;
    d.error = error;
    d.waitUntil = null;
    d.finishedAt = new Date(this.now()).toISOString();
    this.jobs.delete(d.id);
    this.events.forget(d.id);
    this.history.push({ ...d });
    if (this.history.length > HISTORY_LIMIT)
      this.history.splice(0, this.history.length - HISTORY_LIMIT);
    if (!this.closed || state === 'interrupted') this.emit(d);
  }

  /** Wait (cancellably) until `at`; false when stopped meanwhile. */
  private async waitUntil(job: Job, at: number): Promise<boolean> {
    if (job.controller.signal.aborted) return false;
    const ms = at - this.now();
    if (ms > 0) {
      job.download.waitUntil = new Date(at).toISOString();
      this.emit(job.download);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        job.controller.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
      job.download.waitUntil = null;
    }
    return !job.controller.signal.aborted;
  }

  private emit(download: PdfDownload): void {
    this.events.emit(download);
  }
}

function rank(d: PdfDownload): number {
  return d.state === 'downloading' ? 0 : 1;
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', error instanceof Error ? error.message : String(error));
}
