import { describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/api/sync';
import { addDays, dayRange, feedToday, isValidDay } from '../../src/main/sync/days';
import { normalizeBaseUrl } from '../../src/main/sync/feed-client';
import { canonicalArxivId as bareArxivId } from '../../src/shared/arxiv-id';
import { cleanLine, normalizeAbstract } from '../../src/main/library/feed-paper';
import { barLine, failureLine, summaryLine } from '../../src/main/sync/progress-text';
import { RateLimiter, parseRateLimit, parseRetryAfter } from '../../src/main/net/rate-limit';

describe('feed days', () => {
  it("computes the feed's today in New York, across midnight and daylight saving", () => {
    expect(feedToday(new Date('2025-11-17T04:59:00Z'))).toBe('2025-11-16'); // 23:59 EST
    expect(feedToday(new Date('2025-11-17T05:00:00Z'))).toBe('2025-11-17');
    expect(feedToday(new Date('2025-07-01T03:59:00Z'))).toBe('2025-06-30'); // 23:59 EDT
    expect(feedToday(new Date('2025-07-01T04:00:00Z'))).toBe('2025-07-01');
  });

  it('walks calendar days', () => {
    expect(dayRange('2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(dayRange('2025-01-02', '2025-01-01')).toEqual([]);
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2025-02-29')).toBe(false);
    expect(isValidDay('2025-11-1')).toBe(false);
  });
});

describe('rate-limit headers', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('reads the RateLimit field, the tightest of several policies, and the older pair', () => {
    expect(parseRateLimit(headers({ RateLimit: '"api";r=499;t=300' }))).toEqual({
      remaining: 499,
      resetSeconds: 300,
    });
    expect(parseRateLimit(headers({ RateLimit: '"api";r=40;t=100, "pages";r=3;t=20' }))).toEqual({
      remaining: 3,
      resetSeconds: 20,
    });
    expect(
      parseRateLimit(headers({ 'RateLimit-Remaining': '7', 'RateLimit-Reset': '12' })),
    ).toEqual({ remaining: 7, resetSeconds: 12 });
    expect(parseRateLimit(headers({ RateLimit: 'garbage' }))).toBeNull();
    expect(parseRateLimit(headers({}))).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-11-16T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 16 Nov 2025 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 16 Nov 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('paces calls once few remain and waits out the window at zero', () => {
    const limiter = new RateLimiter(10);
    const now = 1_000_000;
    limiter.observe(headers({ RateLimit: '"api";r=200;t=300' }), now);
    expect(limiter.delayBeforeNext(now)).toBeNull();
    limiter.observe(headers({ RateLimit: '"api";r=4;t=100' }), now);
    expect(limiter.delayBeforeNext(now)).toEqual({ ms: 20_000, reason: 'slow-down' });
    limiter.observe(headers({ RateLimit: '"api";r=0;t=100' }), now);
    expect(limiter.delayBeforeNext(now)).toEqual({ ms: 100_000, reason: 'rate-limit' });
    expect(limiter.delayBeforeNext(now + 100_000)).toBeNull(); // the window has reset
  });

  it('after a 429 waits the longer of Retry-After and the window', () => {
    const limiter = new RateLimiter();
    const now = 0;
    expect(
      limiter.blockAfter429(headers({ 'Retry-After': '5', RateLimit: '"api";r=0;t=40' }), now, 1),
    ).toBe(40_000);
    expect(limiter.blockAfter429(headers({}), now, 1234)).toBe(1234);
  });
});

describe('feed text', () => {
  it('normalizes ids, lines and abstracts', () => {
    expect(bareArxivId(' 2509.04664v2 ')).toBe('2509.04664');
    expect(bareArxivId('hep-th/9901001v1')).toBe('hep-th/9901001');
    expect(bareArxivId('10.1145/123')).toBeNull();
    expect(cleanLine('  a \t b\n c  ')).toBe('a b c');
    expect(normalizeAbstract('one\nline\r\n\r\n  second\n para \n\n\n')).toBe(
      'one line\n\nsecond para',
    );
    expect(normalizeAbstract('hard\nwrapped\ntext')).toBe('hard wrapped text');
  });

  it('accepts only http(s) feed addresses and drops a trailing slash', () => {
    expect(normalizeBaseUrl('https://huggingface.co/')).toBe('https://huggingface.co');
    expect(normalizeBaseUrl('http://127.0.0.1:8080/mirror/?x=1')).toBe(
      'http://127.0.0.1:8080/mirror',
    );
    expect(() => normalizeBaseUrl('file:///etc/passwd')).toThrow(/http/);
  });
});

describe('CLI text', () => {
  const run: SyncRun = {
    id: 'r',
    mode: 'backfill',
    state: 'done',
    source: 'https://huggingface.co',
    from: '2025-11-10',
    to: '2025-11-16',
    totalDays: 7,
    doneDays: 7,
    failedDays: 0,
    currentDay: null,
    added: 70,
    updated: 3,
    unchanged: 5,
    skipped: 1,
    requests: 7,
    waiting: null,
    startedAt: '',
    finishedAt: '',
    error: null,
  };

  it('summarizes days, added, updated, skipped and errors', () => {
    expect(summaryLine(run)).toBe(
      'Sync done: 7 days (2025-11-10 to 2025-11-16); 70 added, 3 updated, 5 unchanged, 1 skipped, 0 errors',
    );
    expect(failureLine(run)).toBeNull();
    expect(
      failureLine({
        ...run,
        state: 'offline',
        doneDays: 2,
        error: { code: 'network', message: 'Could not reach the feed' },
      }),
    ).toBe(
      'offline: Could not reach the feed; the 2 finished days are kept; run sync again when connected',
    );
  });

  it('draws a bar with the wait when there is one', () => {
    const line = barLine({
      ...run,
      state: 'running',
      doneDays: 3,
      currentDay: '2025-11-13',
      waiting: { reason: 'rate-limit', seconds: 42, until: '', message: null },
    });
    expect(line).toMatch(
      /^█{10}░{14} 3\/7 days · 2025-11-13 · 70 new, 3 updated · 1 skipped · waiting 42 s: the feed's rate limit$/,
    );
  });
});
