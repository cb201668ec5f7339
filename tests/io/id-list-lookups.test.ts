import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOOKUPS_PER_IMPORT } from '../../src/main/io/lookup';
import type { IoProgressEvent } from '../../src/shared/api/io';
import { FIXTURES, tempService } from '../helpers/library';
import { dumpLibrary } from './helpers';

/**
 * An id list makes one Hub request per paper. Those are paced like the feed
 * client (a floor between requests, and the Hub's RateLimit header obeyed),
 * capped per import, cancellable, and reported as progress.
 */
const HF_IDS = fs
  .readdirSync(path.join(FIXTURES, 'hf/papers'))
  .filter((f) => /^\d{4}\.\d{4,5}\.json$/.test(f))
  .map((f) => f.replace(/\.json$/, ''))
  .slice(0, 4);

interface Hit {
  path: string;
  at: number;
}
const hits: Hit[] = [];
/** Set per test: what the Hub adds to its answers, or holds back. */
let rateLimitHeader: string | null = null;
let hangOn: string | null = null;
const hanging: http.ServerResponse[] = [];
const waiters: Array<() => void> = [];

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const at = performance.now();
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    hits.push({ path: pathname, at });
    for (const w of waiters.splice(0)) w();
    const id = decodeURIComponent(pathname.replace(/^\/api\/papers\//, ''));
    if (id === hangOn) {
      hanging.push(res); // never answered: only a cancel ends this request
      return;
    }
    const file = path.join(FIXTURES, 'hf/papers', `${id}.json`);
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(rateLimitHeader ? { ratelimit: rateLimitHeader } : {}),
    });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  hits.length = 0;
  rateLimitHeader = null;
  hangOn = null;
});

async function library(intervalMs?: number) {
  const lib = await tempService({
    seedSample: false,
    env: {
      PAPERSHELF_FEED_URL: url,
      PAPERSHELF_ARXIV_URL: url,
      ...(intervalMs === undefined ? {} : { PAPERSHELF_LOOKUP_INTERVAL_MS: String(intervalMs) }),
    },
  });
  cleanups.push(lib.cleanup);
  return lib.service;
}

function gaps(): number[] {
  return hits.slice(1).map((h, i) => h.at - hits[i].at);
}

describe('looking up an id list', () => {
  it('spaces the Hub requests (250 ms by default) and reports progress', async () => {
    const service = await library();
    const progress: IoProgressEvent[] = [];
    service.events.subscribe((e) => {
      if (e.type === 'io-progress' && e.phase === 'fetching') progress.push(e);
    });
    const result = await service.api.importFile({
      fileName: 'list.txt',
      content: HF_IDS.join('\n'),
    });
    expect(result.papers.added).toBe(HF_IDS.length);
    expect(hits).toHaveLength(HF_IDS.length);
    // The limiter spaces the starts of requests; arrivals differ from starts by
    // the connection's latency, which for the first request includes opening
    // the connection. So the first gap is left out. On a loaded machine one
    // arrival can be late and the next gap look short by as much, so each gap
    // is only held to well above unpaced (a millisecond or two), and together
    // they must add up to the pacing.
    const paced = gaps().slice(1);
    for (const gap of paced) expect(gap).toBeGreaterThanOrEqual(100);
    expect(paced.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(paced.length * 250 - 40);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 4]);
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([HF_IDS.length]));
  });

  it("obeys the Hub's RateLimit header when its calls run low", async () => {
    const service = await library(0);
    rateLimitHeader = '"api";r=0;t=1'; // none left for a second
    await service.api.importFile({ fileName: 'list.txt', content: HF_IDS.slice(0, 2).join('\n') });
    expect(hits).toHaveLength(2);
    expect(gaps()[0]).toBeGreaterThanOrEqual(990);
  });

  it(`refuses a list with more than ${MAX_LOOKUPS_PER_IMPORT} papers to look up, before any request`, async () => {
    const service = await library(0);
    const before = dumpLibrary(service);
    const ids = Array.from(
      { length: MAX_LOOKUPS_PER_IMPORT + 1 },
      (_, i) => `2501.${String(i).padStart(5, '0')}`,
    );
    await expect(
      service.api.importFile({ fileName: 'many.txt', content: ids.join('\n') }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^many\.txt lists 201 papers to look up online; one import looks up at most 200/,
      ),
    });
    expect(hits).toEqual([]);
    expect(dumpLibrary(service)).toBe(before);
  });

  it('is cancelled by cancelImport mid-way, and imports nothing', async () => {
    const service = await library(0);
    const before = dumpLibrary(service);
    hangOn = HF_IDS[1];
    const running = service.api.importFile({ fileName: 'list.txt', content: HF_IDS.join('\n') });
    const failure = running.then(
      () => null,
      (error: unknown) => error,
    );
    // Wait until the second request is in flight (the server holds it).
    while (hits.length < 2) await new Promise<void>((resolve) => waiters.push(resolve));
    expect(await service.api.cancelImport({})).toEqual({ cancelled: true });
    expect(await failure).toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/^list\.txt: .*cancelled; nothing was imported$/),
    });
    expect(hits).toHaveLength(2); // nothing after the cancel
    expect(dumpLibrary(service)).toBe(before);
    expect(await service.api.cancelImport({})).toEqual({ cancelled: false });
  });
});
