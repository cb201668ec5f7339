import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for arxiv.org/pdf: a real HTTP server on 127.0.0.1 whose answer
 * per paper id is chosen by the test. It honours Range / If-Range like a real
 * server, and records every request so tests can check resumes and pacing.
 */
export type Behaviour =
  | { kind: 'pdf'; bytes: Buffer; etag?: string }
  /** Send the first `at` bytes, then wait for `release` before sending the rest. */
  | { kind: 'gate'; bytes: Buffer; at: number; release: Promise<void>; etag?: string }
  /** Send the first `at` bytes, then hang (until the client goes away). */
  | { kind: 'stall'; bytes: Buffer; at: number; etag?: string }
  /** Declare the full length, send `at` bytes, drop the connection; ignores Range. */
  | { kind: 'truncate'; bytes: Buffer; at: number }
  | { kind: 'html'; contentType?: string }
  | { kind: 'status'; status: number; headers?: Record<string, string> };

export interface RecordedRequest {
  id: string;
  range: string | null;
  ifRange: string | null;
  at: number;
}

export interface PdfServer {
  /** What PAPERSHELF_PDF_URL should be. */
  baseUrl: string;
  requests: RecordedRequest[];
  behave(id: string, behaviour: Behaviour): void;
  /** Resolves once `n` requests for `id` have arrived. */
  waitForRequests(id: string, n: number): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_ETAG = '"v1"';

export async function startPdfServer(): Promise<PdfServer> {
  const behaviours = new Map<string, Behaviour>();
  const requests: RecordedRequest[] = [];
  const waiters: Array<() => void> = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const id = decodeURIComponent(url.pathname.replace(/^\/pdf\//, ''));
    requests.push({
      id,
      range: req.headers.range ?? null,
      ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      at: Date.now(),
    });
    for (const wake of waiters.splice(0)) wake();
    const behaviour = behaviours.get(id);
    if (!behaviour) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such paper');
      return;
    }
    void answer(req, res, behaviour);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/pdf`,
    requests,
    behave: (id, behaviour) => behaviours.set(id, behaviour),
    waitForRequests(id, n) {
      return new Promise((resolve) => {
        const check = () => {
          if (requests.filter((r) => r.id === id).length >= n) resolve();
          else waiters.push(check);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  b: Behaviour,
): Promise<void> {
  switch (b.kind) {
    case 'status':
      res.writeHead(b.status, { 'Content-Type': 'text/plain', ...b.headers }).end('nope');
      return;
    case 'html':
      res
        .writeHead(200, { 'Content-Type': b.contentType ?? 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html><body>${'<p>Please wait, checking your browser</p>'.repeat(60)}</body></html>`,
        );
      return;
    case 'truncate':
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': b.bytes.length,
        ETag: DEFAULT_ETAG,
      });
      res.write(b.bytes.subarray(0, b.at), () => res.socket?.destroy());
      return;
    case 'pdf':
    case 'gate':
    case 'stall': {
      const etag = b.etag ?? DEFAULT_ETAG;
      const size = b.bytes.length;
      const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const ifRange = req.headers['if-range'];
      const start = match && (!ifRange || ifRange === etag) ? Number(match[1]) : 0;
      if (start >= size) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      const headers: http.OutgoingHttpHeaders = {
        'Content-Type': 'application/pdf',
        'Content-Length': size - start,
        'Accept-Ranges': 'bytes',
        ETag: etag,
      };
      if (start > 0) headers['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
      res.writeHead(start > 0 ? 206 : 200, headers);
      if (b.kind === 'pdf') {
        res.end(b.bytes.subarray(start));
        return;
      }
      const cut = Math.max(start, b.at);
      res.write(b.bytes.subarray(start, cut));
      if (b.kind === 'stall') return; // never finishes; the client or close() ends it
      await b.release;
      res.end(b.bytes.subarray(cut));
      return;
    }
    default: {
      const unreachable: never = b;
      throw new Error(`unknown behaviour ${JSON.stringify(unreachable)}`);
    }
  }
}
