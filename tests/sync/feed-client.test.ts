import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFeedClient,
  type FeedClientOptions,
  type FeedWait,
} from '../../src/main/sync/feed-client';
import { FeedError } from '../../src/main/sync/feed-errors';
import { closedPortUrl, makeItem, startFeedServer, type FeedServer } from './feed-server';

/** Short waits so faults cost milliseconds; the real defaults are tested in rate-limit/unit tests. */
const FAST: Partial<FeedClientOptions> = {
  backoffBaseMs: 5,
  backoffMaxMs: 20,
  // Generous: a loaded CI machine must not turn a slow answer into a retry the test did not expect.
  requestTimeoutMs: 15_000,
};

let feed: FeedServer;
beforeEach(async () => {
  feed = await startFeedServer();
});
afterEach(async () => {
  await feed.close();
});

function client(options: Partial<FeedClientOptions> = {}) {
  return createFeedClient({ baseUrl: feed.url, ...FAST, ...options });
}

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error('expected the request to fail');
}

describe('feed client: the happy path', () => {
  it('fetches a fixture day with limit=100 in one request', async () => {
    const day = await client().fetchDay('2025-11-10');
    expect(day.papers).toHaveLength(16);
    expect(day.skipped).toBe(0);
    expect(feed.requests.map((r) => r.path)).toEqual([
      '/api/daily_papers?date=2025-11-10&limit=100&p=0',
    ]);
    const first = day.papers[0];
    expect(first.id).toBe('2412.11605');
    expect(first.authors[0]).toEqual({ name: 'Jiale Cheng', hidden: false });
    expect(first.abstract).not.toMatch(/\n(?!\n)/); // hard line breaks joined
  });

  it('treats an empty day as a finished, empty day', async () => {
    const day = await client().fetchDay('2025-11-15');
    expect(day.papers).toEqual([]);
    expect(day.pages).toBe(1);
  });

  it('pages past 100 items until a short page', async () => {
    const items = Array.from({ length: 250 }, (_, i) =>
      makeItem(`2511.${String(i).padStart(5, '0')}`),
    );
    feed.setDay('2025-11-20', items);
    const day = await client().fetchDay('2025-11-20');
    expect(day.papers.map((p) => p.id)).toEqual(
      items.map((_, i) => `2511.${String(i).padStart(5, '0')}`),
    );
    expect(feed.requests.map((r) => [r.page, r.limit])).toEqual([
      [0, 100],
      [1, 100],
      [2, 100],
    ]);
  });

  it('asks for one more page after exactly 100 and stops at the empty one', async () => {
    feed.setDay(
      '2025-11-20',
      Array.from({ length: 100 }, (_, i) => makeItem(`2511.${10000 + i}`)),
    );
    const day = await client().fetchDay('2025-11-20');
    expect(day.papers).toHaveLength(100);
    expect(feed.requests.map((r) => r.page)).toEqual([0, 1]);
  });

  it('keeps a base URL path prefix (a mirror)', async () => {
    await createFeedClient({ baseUrl: `${feed.url}/mirror/hf/`, ...FAST }).fetchDay('2025-11-15');
    expect(feed.requests[0].prefix).toBe('/mirror/hf');
  });
});

describe('feed client: validation', () => {
  it('ignores unknown fields, accepts missing and null optional ones, skips invalid items', async () => {
    const [real] = feed.getDay('2025-11-10') as Array<Record<string, unknown>>;
    feed.setDay('2025-11-20', [
      { ...real, brandNewField: { nested: true }, organization: { name: 'x' } },
      { paper: { id: '2511.00001', title: 'Only the required fields' } },
      {
        paper: {
          id: '2511.00002v3',
          title: '  Nulls\n everywhere ',
          summary: null,
          authors: null,
          upvotes: null,
          githubRepo: null,
          githubStars: null,
          projectPage: null,
          ai_keywords: null,
          unknown: 1,
        },
        numComments: null,
        thumbnail: null,
      },
      { title: 'no paper at all' },
      { paper: { title: 'no id' } },
      { paper: { id: '2511.00003' } },
      { paper: { id: '2511.00004', title: '   ' } },
      { paper: { id: 'not an id', title: 'bad id' } },
      null,
      'a string',
    ]);
    const day = await client().fetchDay('2025-11-20');
    expect(day.papers.map((p) => p.id)).toEqual(['2412.11605', '2511.00001', '2511.00002']);
    expect(day.skipped).toBe(7);
    expect(day.skippedReasons.length).toBeGreaterThan(0);
    const nulls = day.papers[2];
    expect(nulls).toMatchObject({
      title: 'Nulls everywhere',
      abstract: '',
      authors: [],
      upvotes: 0,
      numComments: 0,
      githubRepo: null,
      githubStars: null,
      aiKeywords: [],
      thumbnail: null,
    });
  });
});

describe('feed client: faults', () => {
  it('retries 500 and 503 with backoff, then succeeds', async () => {
    feed.inject([
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
    ]);
    const waits: FeedWait[] = [];
    const day = await client({ onWait: (w) => w && waits.push(w) }).fetchDay('2025-11-11');
    expect(day.papers).toHaveLength(16);
    expect(feed.requests.map((r) => r.outcome)).toEqual(['500', '503', '200']);
    expect(waits.map((w) => w.reason)).toEqual(['retry', 'retry']);
    expect(waits[0].message).toMatch(/500/);
  });

  it('gives up after maxAttempts with a network error naming the status', async () => {
    feed.inject(Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 502 })));
    const error = await failure(client({ maxAttempts: 3 }).fetchDay('2025-11-11'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/502/);
    expect(feed.requests).toHaveLength(3);
  });

  it('does not retry a 400: the request itself is wrong', async () => {
    feed.inject([{ kind: 'status', status: 400 }]);
    const error = await failure(client().fetchDay('2025-11-11'));
    expect(error.kind).toBe('http');
    expect(feed.requests).toHaveLength(1);
  });

  it.each([
    ['an HTML page with status 200', { kind: 'html' as const }, /web page/],
    ['truncated JSON', { kind: 'truncated' as const }, /could not be read/],
    ['a connection reset', { kind: 'reset' as const }, /failed/],
  ])('retries %s like a 5xx', async (_label, fault, message) => {
    feed.inject([fault]);
    const waits: FeedWait[] = [];
    const day = await client({ onWait: (w) => w && waits.push(w) }).fetchDay('2025-11-12');
    expect(day.papers).toHaveLength(16);
    expect(feed.requests).toHaveLength(2);
    expect(waits[0].message).toMatch(message);
  });

  it('reports an HTML answer that never improves as a bad response', async () => {
    feed.inject(Array.from({ length: 2 }, () => ({ kind: 'html' as const })));
    const error = await failure(client({ maxAttempts: 2 }).fetchDay('2025-11-12'));
    expect(error.kind).toBe('bad-response');
  });

  it('times out a hung request and retries it', async () => {
    feed.inject([{ kind: 'hang' }]);
    const waits: FeedWait[] = [];
    const day = await client({ requestTimeoutMs: 500, onWait: (w) => w && waits.push(w) }).fetchDay(
      '2025-11-13',
    );
    expect(day.papers).toHaveLength(15);
    expect(feed.requests[0].outcome).toBe('hang');
    expect(feed.requests.at(-1)?.outcome).toBe('200');
    expect(waits[0].message).toMatch(/did not answer within 1 s/);
  });

  it('fails with a timeout when the server always hangs', async () => {
    feed.inject([{ kind: 'hang' }, { kind: 'hang' }]);
    const error = await failure(
      client({ requestTimeoutMs: 100, maxAttempts: 2 }).fetchDay('2025-11-13'),
    );
    expect(error.kind).toBe('timeout');
  });

  it('says "unreachable" at once on a refused first connection, without retrying', async () => {
    const url = await closedPortUrl();
    const waits: FeedWait[] = [];
    const error = await failure(
      createFeedClient({ baseUrl: url, onWait: (w) => w && waits.push(w) }).fetchDay('2025-11-10'),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/refused/);
    expect(waits).toEqual([]); // real default backoff, yet no wait: offline is reported at once
  });
});

describe('feed client: rate limits', () => {
  it('waits the RateLimit t after a 429 before asking again', async () => {
    feed.inject([
      {
        kind: 'status',
        status: 429,
        headers: {
          RateLimit: '"api";r=0;t=1',
          'RateLimit-Policy': '"fixed window";"api";q=500;w=300',
        },
      },
    ]);
    const waits: FeedWait[] = [];
    const day = await client({ onWait: (w) => w && waits.push(w) }).fetchDay('2025-11-14');
    expect(day.papers).toHaveLength(15);
    const [first, second] = feed.requests;
    expect(first.outcome).toBe('429');
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(waits).toEqual([{ reason: 'rate-limit', ms: expect.any(Number) }]);
    expect(waits[0].ms).toBeGreaterThan(900);
  });

  it('waits Retry-After after a 429', async () => {
    feed.inject([{ kind: 'status', status: 429, headers: { 'Retry-After': '1' } }]);
    await client().fetchDay('2025-11-14');
    const [first, second] = feed.requests;
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After on a 503 as well', async () => {
    feed.inject([{ kind: 'status', status: 503, headers: { 'Retry-After': '1' } }]);
    await client().fetchDay('2025-11-14');
    const [first, second] = feed.requests;
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('slows down before the remaining calls run out', async () => {
    // Every answer says: 2 calls left, window resets in 1 s. The client must spread its calls.
    feed.headers.RateLimit = '"api";r=2;t=1';
    feed.setDay(
      '2025-11-20',
      Array.from({ length: 150 }, (_, i) => makeItem(`2511.${20000 + i}`)),
    );
    const waits: FeedWait[] = [];
    await client({ onWait: (w) => w && waits.push(w) }).fetchDay('2025-11-20');
    const [first, second] = feed.requests;
    expect(feed.requests).toHaveLength(2);
    expect(second.at - first.at).toBeGreaterThanOrEqual(250);
    expect(waits[0].reason).toBe('slow-down');
  });

  it('refuses to wait longer than maxWaitMs and says so', async () => {
    feed.inject([{ kind: 'status', status: 429, headers: { 'Retry-After': '3600' } }]);
    const error = await failure(client().fetchDay('2025-11-14'));
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/60 min/);
    expect(feed.requests).toHaveLength(1);
  });
});

describe('feed client: cancelling', () => {
  it('stops a hung request the moment the signal aborts', async () => {
    feed.inject([{ kind: 'hang' }]);
    const abort = new AbortController();
    const pending = client({ requestTimeoutMs: 60_000 }).fetchDay('2025-11-10', abort.signal);
    await feed.waitForRequests(1);
    abort.abort();
    const error = await failure(pending);
    expect(error.code).toBe('cancelled');
  });

  it('stops during a rate-limit wait', async () => {
    feed.inject([{ kind: 'status', status: 429, headers: { 'Retry-After': '120' } }]);
    const abort = new AbortController();
    const pending = client({
      onWait: (w) => {
        if (w) abort.abort();
      },
    }).fetchDay('2025-11-10', abort.signal);
    const error = await failure(pending);
    expect(error.code).toBe('cancelled');
    expect(feed.requests).toHaveLength(1);
  });
});
