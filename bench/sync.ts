/**
 * npm run bench:sync — how fast sync writes the feed into the library.
 *
 *  1. ingest: parse + validate + upsert (one transaction per day, SQLite indexes
 *     maintained) of a generated 50,000-paper feed (1,000 days × 50), no network;
 *  2. re-sync: the same 1,000 days again, unchanged (what a refresh costs);
 *  3. over HTTP: the full sync engine against a local server serving the feed,
 *     to show network and client time separately from ingest.
 *
 * Human-readable lines first; the last stdout line is one JSON object. The
 * `## Sync ingest` section of docs/benchmarks.md is rewritten with the figures.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openLibrary } from '../src/main/db/connection';
import { backupOpeningPolicy } from '../src/main/backup/opening-policy';
import { createEventBus } from '../src/main/context/events';
import { syncAndWait } from '../src/main/sync/await-run';
import { beginBulkWrites } from '../src/main/sync/bulk-writes';
import { createSyncController } from '../src/main/sync/controller';
import { ARCHIVE_START } from '../src/main/sync/days';
import { parseFeedItem, type FeedPaper } from '../src/main/library/feed-paper';
import { MAX_DAYS_AHEAD, startIngestThread } from '../src/main/sync/ingest-thread';
import { generateFeed, type GeneratedFeed } from './sync-feed';
import { writeBenchmarkSection } from './docs-section';

const DAYS = 1_000;
const PER_DAY = 50;
const GOAL_PAPERS_PER_SEC = 20_000;
const WARM_RUNS = 2;

function parseDay(body: string): { papers: FeedPaper[]; skipped: number } {
  const papers: FeedPaper[] = [];
  let skipped = 0;
  for (const item of JSON.parse(body) as unknown[]) {
    const parsed = parseFeedItem(item);
    if (parsed.ok) papers.push(parsed.paper);
    else skipped += 1;
  }
  return { papers, skipped };
}

/**
 * Parse every day here and write it on the ingest thread, as the sync engine
 * does for a long run: the main thread parses and checks the next days while
 * the thread writes. The thread is started, and its connection opened, before
 * the clock starts, as the library itself is opened (its start-up is reported
 * apart); everything from the first parse to the last commit and the final
 * checkpoint is timed.
 */
async function ingestAll(file: string, feed: GeneratedFeed) {
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: file });
  try {
    const endBulkWrites = beginBulkWrites(lib); // as the sync engine does for long runs
    const ts = performance.now();
    const thread = startIngestThread(lib, {
      log: (line) => {
        throw new Error(`bench:sync measures the ingest thread, but ${line}`);
      },
    });
    await thread.ready();
    const startupMs = performance.now() - ts;
    let parseMs = 0;
    const cpuStart = process.cpuUsage();
    const faultsStart = process.resourceUsage().minorPageFault;
    const totals = { added: 0, updated: 0, unchanged: 0, changed: 0 };
    const t0 = performance.now();
    const writing: Array<Promise<void>> = [];
    for (const day of feed.days) {
      const now = new Date().toISOString(); // a timestamp per day, as the sync engine writes
      const tp = performance.now();
      const { papers, skipped } = parseDay(feed.bodies.get(day) ?? '[]');
      parseMs += performance.now() - tp;
      writing.push(
        thread
          .ingestDay({ day, papers, skipped }, { source: 'feed', markSynced: true, now })
          .then((result) => {
            totals.added += result.added;
            totals.updated += result.updated;
            totals.unchanged += result.unchanged;
            totals.changed += result.changedIds.length;
          }),
      );
      while (writing.length >= MAX_DAYS_AHEAD) await writing.shift();
    }
    await Promise.all(writing);
    await thread.close();
    await endBulkWrites(); // its checkpoint is part of the cost of writing
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpuStart);
    const pageFaults = process.resourceUsage().minorPageFault - faultsStart;
    return {
      ms,
      parseMs,
      startupMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      pageFaults,
      totals,
    };
  } finally {
    await lib.close();
  }
}

async function syncOverHttp(file: string, feed: GeneratedFeed) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = Number(url.searchParams.get('p') ?? '0');
    const body = page === 0 ? (feed.bodies.get(url.searchParams.get('date') ?? '') ?? '[]') : '[]';
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const source = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: file });
  const events = createEventBus();
  const controller = createSyncController(
    { lib, events, appVersion: 'bench', env: {}, onClose: () => {} },
    { log: () => {} },
  );
  try {
    const t0 = performance.now();
    const run = await syncAndWait(
      { api: { startSync: (input) => controller.start(input ?? {}) }, events },
      { from: feed.days[0], to: feed.days.at(-1), source },
    );
    const ms = performance.now() - t0;
    if (run.state !== 'done' || run.added !== feed.papers) {
      throw new Error(`the HTTP sync did not finish cleanly: ${JSON.stringify(run)}`);
    }
    return { ms, requests };
  } finally {
    await controller.close();
    await lib.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A full garbage collection when `--expose-gc` is on (npm run bench:sync sets it). */
function settleHeap(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-bench-sync-'));
  try {
    const tg = performance.now();
    const feed = generateFeed(DAYS, PER_DAY, ARCHIVE_START);
    const bytes = [...feed.bodies.values()].reduce((n, b) => n + Buffer.byteLength(b), 0);
    console.log(
      `generated ${feed.papers} papers over ${DAYS} days (${round(bytes / 1e6, 1)} MB of JSON) in ${round(performance.now() - tg)} ms`,
    );

    // The generator's garbage (hundreds of MB of strings) is the harness's, not
    // sync's: collect it now so the ingest below does not pay for it.
    settleHeap();
    const file = path.join(dir, 'ingest.sqlite');
    const loadBefore = os.loadavg()[0];
    const first = await ingestAll(file, feed);
    const ingestMs = first.ms;
    const ingestRate = feed.papers / (ingestMs / 1000);
    const cpuRate = feed.papers / (first.cpuMs / 1000);
    console.log(
      `ingest: ${round(ingestRate)} papers/s wall-clock (${round(ingestMs)} ms: parse+validate ${round(first.parseMs)} ms on the main thread while the ingest thread wrote; ${first.totals.added} added; the thread started in ${round(first.startupMs)} ms before that); ${round(cpuRate)} papers per CPU-second`,
    );
    // The same ingest again, each into a new library, in the now warm process
    // (compiled code, a grown heap): what a long-running app sees on later syncs.
    // The headline and the goal stay with the first, cold, run.
    const warmRates: number[] = [];
    const warmFaults: number[] = [];
    for (let run = 1; run <= WARM_RUNS; run += 1) {
      settleHeap();
      const warm = await ingestAll(path.join(dir, `warm-${run}.sqlite`), feed);
      warmRates.push(feed.papers / (warm.ms / 1000));
      warmFaults.push(warm.pageFaults);
    }
    const warmRate = Math.max(...warmRates);
    console.log(
      `ingest again, warm process: ${warmRates.map((r) => round(r)).join(', ')} papers/s (best ${round(warmRate)}); page faults ${first.pageFaults} cold, ${warmFaults.join(', ')} warm`,
    );

    const again = await ingestAll(file, feed);
    const resyncMs = again.ms;
    if (again.totals.unchanged !== feed.papers || again.totals.changed !== 0) {
      throw new Error(
        `re-sync of unchanged days changed something: ${JSON.stringify(again.totals)}`,
      );
    }
    console.log(
      `re-sync unchanged: ${round(resyncMs)} ms for ${DAYS} days (${round(resyncMs / DAYS, 2)} ms a day, parse ${round(again.parseMs)} ms of it, nothing written)`,
    );

    // A yardstick for this machine at this moment, taken in the same run: a bare
    // JSON.parse of the same bodies (part of ingest's own work, nothing else).
    // The VM's speed at such memory-heavy work swings between runs minutes apart;
    // the ratio of ingest to it moves much less than either does.
    settleHeap();
    const tb = performance.now();
    let parsedItems = 0;
    for (const body of feed.bodies.values()) parsedItems += (JSON.parse(body) as unknown[]).length;
    const bareParseMs = performance.now() - tb;
    if (parsedItems !== feed.papers) throw new Error(`bare parse saw ${parsedItems} items`);
    const ratio = ingestMs / bareParseMs;
    console.log(
      `yardstick: a bare JSON.parse of the feed takes ${round(bareParseMs)} ms now; the cold ingest took ${round(ratio, 2)} times that`,
    );

    const http = await syncOverHttp(path.join(dir, 'http.sqlite'), feed);
    const networkMs = Math.max(0, http.ms - ingestMs);
    console.log(
      `sync over loopback HTTP: ${round(http.ms)} ms, ${http.requests} requests; network + client ≈ ${round(networkMs)} ms (${round(networkMs / http.requests, 2)} ms a request)`,
    );

    const loadAfter = os.loadavg()[0];
    console.log(
      `load average (1 min) before/after: ${round(loadBefore, 1)} / ${round(loadAfter, 1)} on ${os.cpus().length} cores`,
    );
    const meetsGoal = ingestRate >= GOAL_PAPERS_PER_SEC;
    const result = {
      bench: 'sync',
      papers: feed.papers,
      days: DAYS,
      ingestPapersPerSec: round(ingestRate),
      parseValidateMs: round(first.parseMs),
      ingestMs: round(ingestMs),
      ingestThreadStartupMs: round(first.startupMs),
      ingestCpuMs: round(first.cpuMs),
      ingestPapersPerCpuSec: round(cpuRate),
      warmIngestPapersPerSec: warmRates.map((r) => round(r)),
      ingestPageFaults: first.pageFaults,
      warmIngestPageFaults: warmFaults,
      bareJsonParseMs: round(bareParseMs),
      ingestOverBareJsonParse: round(ratio, 2),
      resyncUnchangedMs: round(resyncMs),
      resyncUnchangedMsPerDay: round(resyncMs / DAYS, 3),
      httpSyncMs: round(http.ms),
      httpRequests: http.requests,
      networkAndClientMs: round(networkMs),
      endToEndPapersPerSec: round(feed.papers / (http.ms / 1000)),
      goalPapersPerSec: GOAL_PAPERS_PER_SEC,
      meetsGoal,
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: round(Math.max(loadBefore, loadAfter), 1),
    };

    writeBenchmarkSection(
      '## Sync ingest',
      [
        '## Sync ingest',
        '',
        `\`npm run bench:sync\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores, load average ${result.loadAverage} while it ran.`,
        `A generated feed of ${feed.papers.toLocaleString('en')} papers (${DAYS.toLocaleString('en')} days × ${PER_DAY}, realistic field lengths, ${round(bytes / 1e6, 1)} MB of JSON).`,
        '',
        '| Measure | Result |',
        '| --- | --- |',
        `| Ingest (parse + validate + upsert, one transaction per day) | **${result.ingestPapersPerSec.toLocaleString('en')} papers/s** (goal ≥ ${GOAL_PAPERS_PER_SEC.toLocaleString('en')}: ${meetsGoal ? 'met' : 'NOT met'}), ${result.ingestMs.toLocaleString('en')} ms |`,
        `| of which parse + validate, on the main thread while the ingest thread writes | ${result.parseValidateMs.toLocaleString('en')} ms |`,
        `| Starting the ingest thread (before the clock, like opening the library) | ${result.ingestThreadStartupMs.toLocaleString('en')} ms |`,
        `| Ingest per CPU-second (user + system time of the process) | ${result.ingestPapersPerCpuSec.toLocaleString('en')} papers |`,
        `| The same ingest again in the warm process (${WARM_RUNS} runs, new libraries) | ${result.warmIngestPapersPerSec.map((r) => r.toLocaleString('en')).join(' and ')} papers/s |`,
        `| Yardstick: a bare \`JSON.parse\` of the same feed, in the same run | ${result.bareJsonParseMs.toLocaleString('en')} ms; the cold ingest took **${result.ingestOverBareJsonParse}×** that |`,
        `| Re-sync of the same days, unchanged (nothing written) | ${result.resyncUnchangedMs.toLocaleString('en')} ms in all, ${result.resyncUnchangedMsPerDay} ms a day |`,
        `| Full sync engine over loopback HTTP (${http.requests} requests) | ${result.httpSyncMs.toLocaleString('en')} ms, ${result.endToEndPapersPerSec.toLocaleString('en')} papers/s |`,
        `| Network + client time in that sync (total − ingest) | ${result.networkAndClientMs.toLocaleString('en')} ms |`,
        '',
        'Wall-clock figures depend on what else the machine runs: this run shared its cores at the',
        'load average above. The CPU-second figure counts this process’s own time (all its threads).',
        'The headline (and the goal) is the first ingest, in a cold process, as a first sync after',
        'the app starts. This VM’s speed at memory-heavy work also swings by up to a half between',
        'runs minutes apart (pure arithmetic does not); run the benchmark more than once, and',
        'compare runs by the yardstick ratio, which moves much less than the rate does.',
        `Memory costs on first touch here: a page fault takes about 13 µs on this VM (measured), and`,
        `this run’s ingests took ${first.pageFaults.toLocaleString('en')} (cold) and ${warmFaults.map((n) => n.toLocaleString('en')).join(' and ')} (warm) of them, mostly`,
        'SQLite’s page cache and V8’s young generation filling up.',
        '',
        'How a day is written: one transaction per day with `synchronous = NORMAL` (a lost feed day',
        'is fetched again); a paper is one row, its authors a JSON column (migration 0002; a row per',
        'author was about eight rows per paper); only the list indexes whose keys grow as papers',
        'arrive (featured day, date added: migration 0003), since an index on title or upvotes takes',
        'each new paper at a random place; the source index holds only the sample papers (migration',
        '0004); finished days in a WITHOUT ROWID table, one b-tree (0005); 8 KiB pages for new',
        'libraries; and during a long run the',
        'write-ahead log is copied into the library by a second connection on a worker thread',
        '(`src/main/sync/checkpointer.ts`, every 25 ms), which also flushes the library file after',
        'each copy, so the sync’s own fallback checkpoint (every 80 MB of log) has little left to',
        'wait for. Feed text is normalized in one pass; the',
        'usual hard-wrapped abstract by native string scans; author and keyword lists are turned',
        'into JSON text by hand (half the time of `JSON.stringify`, the same text).',
        '',
        'Like the sync engine, each day is written with its own timestamp (one timestamp for all',
        'days would put every paper in one `added_at` group of the date-added index, ordered by id,',
        'and scatter its writes). The feed generator’s garbage is collected before the timing starts.',
        '',
        'How the work is split: the main thread parses and checks each day, then hands it to the',
        'ingest thread (`src/main/sync/ingest-thread.ts`), whose own connection writes it while',
        'the main thread goes on to the next days (at most eight ahead); the sync engine does the',
        'same for any run of ten days or more. The writes are the longer half, so they set the',
        'pace. (The other split, parsing on a worker and writing here, was slower than one thread:',
        'the parsed objects cost as much to pass back as to make.)',
        '',
        'Where the time goes (`perf` on this VM): the commits’ log writes and the checkpoint’s',
        'copies are a system call per page, each costly under this hypervisor; then V8 allocating',
        'and flattening the strings handed to SQLite, and `JSON.parse`. Writing each day with a',
        'single `insert … select from json_each(?)` measured no faster (for the appearances alone,',
        '6% slower).',
        '',
        'The search index is not part of ingest: it is refreshed from `library-changed` events',
        '(see the search benchmark). Against the real feed, the rate limit (500 calls per 5 minutes)',
        'and the network bound a backfill long before ingest does.',
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(result));
    if (!meetsGoal) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
