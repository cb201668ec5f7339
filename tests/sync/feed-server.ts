import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FIXTURES } from '../helpers/library';

/**
 * A stand-in for huggingface.co: serves tests/fixtures/hf/daily_papers the way
 * the real API does (limit <= 100, 0-based `p`, `[]` past the end or for a day
 * without papers, 400 for a bad date) and injects faults on request. Every
 * request is recorded with the time it arrived, so tests can check waits at the
 * server's side of the wire.
 */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** 200 with an HTML page, as a captive portal or a CDN error page would send. */
  | { kind: 'html' }
  /** 200 with the real JSON cut off in the middle. */
  | { kind: 'truncated' }
  /** Close the socket without answering. */
  | { kind: 'reset' }
  /** Never answer (until the client gives up or the server closes). */
  | { kind: 'hang' }
  /** Hold the request until `release()` is called, then answer normally. */
  | { kind: 'hold'; released: Promise<void> };

export interface RecordedRequest {
  path: string;
  /** The part of the path before /api/daily_papers (a base URL may have one). */
  prefix: string;
  day: string | null;
  page: number;
  limit: number;
  /** performance.now() when the request arrived. */
  at: number;
  /** What was sent back: a status, or the fault's kind. */
  outcome: string;
}

export interface FeedServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Replace what a day returns (items in the feed's wrapper format). */
  setDay(day: string, items: unknown[]): void;
  getDay(day: string): unknown[];
  /** The next requests for `day` (any day when omitted) get these faults, in order. */
  inject(faults: Fault[], match?: { day?: string; page?: number }): void;
  /** Headers added to every response (e.g. RateLimit). */
  headers: Record<string, string>;
  /** Called for each request before it is answered. */
  onRequest: ((request: RecordedRequest) => void) | null;
  /** Resolves when `n` requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export function fixtureDays(): Map<string, unknown[]> {
  const dir = path.join(FIXTURES, 'hf', 'daily_papers');
  const days = new Map<string, unknown[]>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    days.set(file.slice(0, -5), JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return days;
}

export const FIXTURE_DAYS = [
  '2025-11-10',
  '2025-11-11',
  '2025-11-12',
  '2025-11-13',
  '2025-11-14',
  '2025-11-15',
  '2025-11-16',
];

export async function startFeedServer(): Promise<FeedServer> {
  const days = fixtureDays();
  const queued: Array<{ fault: Fault; day?: string; page?: number }> = [];
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const marker = url.pathname.indexOf('/api/daily_papers');
    const day = url.searchParams.get('date');
    const record: RecordedRequest = {
      path: url.pathname + url.search,
      prefix: marker >= 0 ? url.pathname.slice(0, marker) : url.pathname,
      day,
      page: Number(url.searchParams.get('p') ?? '0'),
      limit: Number(url.searchParams.get('limit') ?? '50'),
      at: performance.now(),
      outcome: '',
    };
    requests.push(record);
    feed.onRequest?.(record);
    for (const waiter of [...waiters]) {
      if (requests.length >= waiter.n) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    const index = queued.findIndex(
      (q) =>
        (q.day === undefined || q.day === day) && (q.page === undefined || q.page === record.page),
    );
    const fault = index >= 0 ? queued.splice(index, 1)[0].fault : null;
    void answer(req, res, url, record, fault);
  });

  async function answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    record: RecordedRequest,
    fault: Fault | null,
  ): Promise<void> {
    for (const [name, value] of Object.entries(feed.headers)) res.setHeader(name, value);
    if (fault?.kind === 'hold') {
      await fault.released;
      fault = null;
    }
    if (fault) {
      record.outcome = fault.kind === 'status' ? String(fault.status) : fault.kind;
      switch (fault.kind) {
        case 'status':
          res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
          res.end(fault.body ?? JSON.stringify({ error: `status ${fault.status}` }));
          return;
        case 'html':
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><html><body><h1>We will be right back</h1></body></html>');
          return;
        case 'truncated': {
          const body = JSON.stringify(pageOf(url));
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(body.slice(0, Math.max(1, Math.floor(body.length / 2))));
          return;
        }
        case 'reset':
          req.socket.destroy();
          return;
        case 'hang':
          return;
      }
    }
    if (!url.pathname.endsWith('/api/daily_papers')) {
      record.outcome = '404';
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":"Not Found"}');
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? '50');
    const date = url.searchParams.get('date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !(limit >= 1 && limit <= 100)) {
      record.outcome = '400';
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end('{"error":"Invalid query"}');
      return;
    }
    record.outcome = '200';
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(pageOf(url)));
  }

  function pageOf(url: URL): unknown[] {
    const limit = Number(url.searchParams.get('limit') ?? '50');
    const page = Number(url.searchParams.get('p') ?? '0');
    const items = days.get(url.searchParams.get('date') ?? '') ?? [];
    return items.slice(page * limit, (page + 1) * limit);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const feed: FeedServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    headers: {},
    onRequest: null,
    setDay: (day, items) => days.set(day, items),
    getDay: (day) => days.get(day) ?? [],
    inject(faults, match = {}) {
      for (const fault of faults) queued.push({ fault, ...match });
    },
    waitForRequests(n) {
      if (requests.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return feed;
}

/** A port nothing listens on: connecting to it is refused, like an unreachable feed. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A valid feed item in the real wrapper format, for generated days. */
export function makeItem(id: string, overrides: Record<string, unknown> = {}): unknown {
  return {
    paper: {
      id,
      authors: [
        { _id: 'a1', name: 'Ada Lovelace', hidden: false },
        { _id: 'a2', name: 'Alan Turing', hidden: false },
      ],
      publishedAt: '2025-11-01T00:00:00.000Z',
      title: `Generated paper ${id}`,
      summary: `An abstract for ${id}.`,
      upvotes: 3,
      discussionId: 'x',
      ai_keywords: ['testing'],
      githubRepo: null,
      ...overrides,
    },
    publishedAt: '2025-11-10T00:00:00.000Z',
    title: `Generated paper ${id}`,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
    numComments: 1,
  };
}
