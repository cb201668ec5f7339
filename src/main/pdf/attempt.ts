import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { formatBytes } from '../../shared/bytes';
import {
  hasEofMarker,
  hasPdfHeader,
  isWebPage,
  parseContentLength,
  parseContentRange,
  parseRetryAfter,
  PDF_EOF_WINDOW,
  PDF_HEADER_WINDOW,
  resumeValidator,
} from './http-checks';
import { discardPartial, partSize, readMeta, writeMeta, type PartialFiles } from './partial';
import { fetchErrorCode, isOfflineError } from '../net/errors';
import { PRIVATE_FILE_MODE } from '../util/private-files';
import { fetchFollowingAllowed, RedirectRefusedError } from './redirects';

/**
 * One HTTP request for one PDF, appended to its `.part` file. What to do next
 * is the caller's business; this says what happened:
 *  - `complete`: every byte is on disk (not yet checked as a whole);
 *  - `retry`: worth another request (cut short, stalled, 5xx, 429), resuming
 *    from what is on disk (`onDisk` bytes now);
 *  - `fail`: a verdict on the answer itself (404, a web page, too big, not a
 *    PDF): the partial file is worthless;
 *  - `unreachable`: no connection at all (offline): the partial file stays;
 *  - `aborted`: the caller's signal (cancel, shutdown).
 */
export type AttemptResult =
  | { kind: 'complete'; size: number }
  | { kind: 'retry'; error: AppError; onDisk: number; waitMs: number | null }
  | { kind: 'fail'; error: AppError }
  | { kind: 'unreachable'; error: AppError }
  | { kind: 'aborted' };

export interface AttemptOptions {
  id: string;
  url: string;
  /** The configured PDF source: redirects go only there or to arXiv (see redirects.ts). */
  baseUrl: string;
  files: PartialFiles;
  maxBytes: number;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  now(): number;
  userAgent: string;
  /** Once the answer is accepted: where the transfer starts and how big the file is. */
  onStart(info: { resumedFrom: number; totalBytes: number | null }): void;
  /** Bytes on disk so far (resumed bytes included). */
  onProgress(onDisk: number): void;
}

export async function attemptDownload(o: AttemptOptions): Promise<AttemptResult> {
  const meta = readMeta(o.files);
  let existing = partSize(o.files);
  // Resume only bytes we can vouch for: same URL, and a validator for If-Range.
  if (existing > 0 && (!meta || meta.url !== o.url || !meta.validator)) {
    discardPartial(o.files);
    existing = 0;
  }
  const headers: Record<string, string> = {
    Accept: 'application/pdf',
    // Byte ranges and lengths must be about the file itself, not a compressed copy.
    'Accept-Encoding': 'identity',
    'User-Agent': o.userAgent,
  };
  if (existing > 0 && meta?.validator) {
    headers.Range = `bytes=${existing}-`;
    headers['If-Range'] = meta.validator;
  }

  const watchdog = new Watchdog();
  const signal = AbortSignal.any([o.signal, watchdog.signal]);
  watchdog.arm(o.headersTimeoutMs, 'headers');
  let response: Response;
  try {
    response = await fetchFollowingAllowed(o.fetch, o.url, { headers, signal }, o.baseUrl);
  } catch (error) {
    watchdog.disarm();
    if (o.signal.aborted) return { kind: 'aborted' };
    if (error instanceof RedirectRefusedError) {
      return fail(
        'network',
        `${host(o.url)} ${error.message}, which is neither arXiv nor the configured PDF source; not followed`,
      );
    }
    if (watchdog.fired) return retry(`${host(o.url)} did not answer in time`, existing);
    if (isOfflineError(error)) {
      return {
        kind: 'unreachable',
        error: new AppError('network', `Could not reach ${host(o.url)}: you may be offline`, {
          cause: error,
        }),
      };
    }
    return retry(`The connection to ${host(o.url)} failed${codeSuffix(error)}`, existing);
  }

  try {
    const verdict = judgeAnswer(o, response, existing);
    if (verdict.kind !== 'accept') return verdict.result;
    const { start, total } = verdict;
    if (start === 0) discardPartial(o.files);
    writeMeta(o.files, {
      url: o.url,
      validator: resumeValidator(
        response.headers.get('etag'),
        response.headers.get('last-modified'),
      ),
      totalBytes: total,
    });
    o.onStart({ resumedFrom: start, totalBytes: total });
    return await receiveBody(o, response, watchdog, start, total);
  } finally {
    watchdog.disarm();
    if (response.body && !response.bodyUsed) await response.body.cancel().catch(() => undefined);
  }
}

type Verdict =
  { kind: 'accept'; start: number; total: number | null } | { kind: 'done'; result: AttemptResult };

function judgeAnswer(o: AttemptOptions, response: Response, existing: number): Verdict {
  const status = response.status;
  const done = (result: AttemptResult): Verdict => ({ kind: 'done', result });
  if (status === 404 || status === 410) {
    return done(fail('not_found', `arXiv has no PDF for ${o.id} (HTTP ${status})`));
  }
  if (status === 429 || status === 503) {
    const waitMs = parseRetryAfter(response.headers.get('retry-after'), o.now());
    return done({
      kind: 'retry',
      error: new AppError('rate_limited', `${host(o.url)} asked us to slow down (HTTP ${status})`),
      onDisk: existing,
      waitMs,
    });
  }
  if (status >= 500) return done(retry(`${host(o.url)} failed (HTTP ${status})`, existing));
  if (status === 416) {
    const range = parseContentRange(response.headers.get('content-range'));
    // "Nothing after byte N": the earlier download had already received every byte.
    if (existing > 0 && range?.kind === 'unsatisfied' && range.total === existing) {
      return done({ kind: 'complete', size: existing });
    }
    discardPartial(o.files);
    return done(retry('The partial download no longer matches the file; starting over', 0));
  }
  if (status !== 200 && status !== 206) {
    return done(fail('network', `${host(o.url)} refused the download (HTTP ${status})`));
  }
  if (isWebPage(response.headers.get('content-type'))) {
    return done(
      fail(
        'bad_file',
        `${host(o.url)} answered with a web page, not a PDF (the paper may have no PDF yet)`,
      ),
    );
  }
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  let start = 0;
  let total: number | null = encoded
    ? null
    : parseContentLength(response.headers.get('content-length'));
  if (status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (existing === 0 || range?.kind !== 'range' || range.start !== existing) {
      discardPartial(o.files);
      return done(retry('The server sent a different part of the file; starting over', 0));
    }
    start = existing;
    total = range.total;
  }
  if (total !== null && total > o.maxBytes) {
    return done(
      fail(
        'bad_file',
        `The PDF is ${formatBytes(total)}, more than the ${formatBytes(o.maxBytes)} limit`,
      ),
    );
  }
  return { kind: 'accept', start, total };
}

async function receiveBody(
  o: AttemptOptions,
  response: Response,
  watchdog: Watchdog,
  start: number,
  total: number | null,
): Promise<AttemptResult> {
  if (!response.body) return retry('The server sent no content', start);
  // Private like the library (the mode applies when the file is created; a
  // kept PDF is this file renamed).
  // Read as well as written: without a length, the end marker is read back (readTail).
  const fd = fs.openSync(o.files.part, start === 0 ? 'w+' : 'a+', PRIVATE_FILE_MODE);
  let onDisk = start;
  let head: Buffer | null = start === 0 ? Buffer.alloc(0) : null;
  try {
    watchdog.arm(o.idleTimeoutMs, 'idle');
    try {
      for await (const chunk of response.body) {
        watchdog.arm(o.idleTimeoutMs, 'idle');
        if (onDisk + chunk.length > o.maxBytes) {
          return fail('bad_file', `The PDF is more than the ${formatBytes(o.maxBytes)} limit`);
        }
        if (head) {
          // Judge the first KB before writing more: never save 100 MB of a web page.
          head = Buffer.concat([head, chunk]);
          if (head.length >= PDF_HEADER_WINDOW) {
            if (!hasPdfHeader(head)) return notAPdf(o);
            head = null;
          }
        }
        fs.writeSync(fd, chunk);
        onDisk += chunk.length;
        o.onProgress(onDisk);
      }
    } catch (error) {
      if (o.signal.aborted) return { kind: 'aborted' };
      const why = watchdog.fired
        ? `The download stalled at ${formatBytes(onDisk)}`
        : `The transfer was cut short at ${formatBytes(onDisk)}${total ? ` of ${formatBytes(total)}` : ''}${codeSuffix(error)}`;
      return retry(why, onDisk);
    } finally {
      watchdog.disarm();
    }
    if (head && !hasPdfHeader(head)) return notAPdf(o);
    if (total !== null && onDisk < total) {
      return retry(
        `The transfer was cut short at ${formatBytes(onDisk)} of ${formatBytes(total)}`,
        onDisk,
      );
    }
    if (total === null && !hasEofMarker(readTail(fd, onDisk))) {
      // No length to check against and no end marker: the server closed early.
      return fail('bad_file', 'The download ended before the end of the PDF');
    }
    fs.fsyncSync(fd);
    return { kind: 'complete', size: onDisk };
  } finally {
    fs.closeSync(fd);
  }
}

function readTail(fd: number, size: number): Buffer {
  const length = Math.min(size, PDF_EOF_WINDOW);
  const buffer = Buffer.alloc(length);
  fs.readSync(fd, buffer, 0, length, size - length);
  return buffer;
}

/** Aborts a request whose headers, or next bytes, take too long. */
class Watchdog {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  fired: 'headers' | 'idle' | null = null;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  arm(ms: number, why: 'headers' | 'idle'): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.fired = why;
      this.controller.abort(new Error(`timeout (${why})`));
    }, ms);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function notAPdf(o: AttemptOptions): AttemptResult {
  return fail('bad_file', `${host(o.url)} did not send a PDF (the file does not start like one)`);
}

function fail(code: AppError['code'], message: string): AttemptResult {
  return { kind: 'fail', error: new AppError(code, message) };
}

function retry(message: string, onDisk: number): AttemptResult {
  return { kind: 'retry', error: new AppError('network', message), onDisk, waitMs: null };
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the PDF server';
  }
}

function codeSuffix(error: unknown): string {
  const code = fetchErrorCode(error);
  return code ? ` (${code})` : '';
}
