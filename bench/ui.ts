/**
 * npm run bench:ui — is the reader fast with a big library?
 *
 *  1. builds a 50,000-paper library (the sync benchmark's generated feed,
 *     1,000 days × 50, written through the real ingester; a tenth of the papers
 *     tagged, some starred, so rows look real);
 *  2. serves it in browser mode (`papershelf serve`, the built app) and opens it
 *     in Chromium 5 times: first contentful paint and the moment the first rows
 *     of the list are on screen, median;
 *  3. scrolls the whole list (All, 50,000 rows) frame by frame, jumps far, and
 *     holds `j` through 300 papers, recording every long task (> 50 ms, the
 *     PerformanceObserver 'longtask' entry) and slow frames.
 *
 * Needs `npm run build` first. Human-readable lines first; the last stdout line
 * is one JSON object. The `## UI` section of docs/benchmarks.md is rewritten.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { openLibrary } from '../src/main/db/connection';
import { backupOpeningPolicy } from '../src/main/backup/opening-policy';
import { createIngester } from '../src/main/library/ingest-repo';
import { ARCHIVE_START } from '../src/main/sync/days';
import { parseFeedItem, type FeedPaper } from '../src/main/library/feed-paper';
import { generateFeed } from './sync-feed';
import { writeBenchmarkSection } from './docs-section';

const DAYS = 1_000;
const PER_DAY = 50;
const LOADS = 5;
const GOAL_FIRST_PAINT_MS = 1_000;
const LONG_TASK_MS = 50;
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'out/main/cli.js');

interface PageMetrics {
  fcp: number | null;
  firstRows: number | null;
  /** JavaScript the page fetched to start (module scripts), decoded. */
  scriptBytes: number;
}

interface LongTask {
  start: number;
  duration: number;
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function buildLibrary(file: string): Promise<number> {
  const feed = generateFeed(DAYS, PER_DAY, ARCHIVE_START);
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: file });
  try {
    const ingester = createIngester(lib.sqlite);
    const now = new Date().toISOString();
    let count = 0;
    for (const day of feed.days) {
      const papers: FeedPaper[] = [];
      for (const item of JSON.parse(feed.bodies.get(day) ?? '[]') as unknown[]) {
        const parsed = parseFeedItem(item);
        if (parsed.ok) papers.push(parsed.paper);
      }
      count += ingester.ingestDay(
        { day, papers, skipped: 0 },
        { source: 'feed', markSynced: true, now },
      ).added;
    }
    // Some user data, so rows carry tags, stars and statuses like a used library.
    const sqlite = lib.sqlite;
    const tagNames = ['reading-group', 'ml/pruning', 'ml/quantization', 'agents', 'to-cite'];
    sqlite.transaction(() => {
      const insertTag = sqlite.prepare(
        'insert into tags (name, color, created_at) values (?, ?, ?) returning id',
      );
      const ids = tagNames.map(
        (name, i) =>
          (
            insertTag.get(
              name,
              ['#3b82f6', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899'][i],
              now,
            ) as {
              id: number;
            }
          ).id,
      );
      const paperIds = sqlite
        .prepare('select id from papers order by id')
        .pluck()
        .all() as string[];
      const link = sqlite.prepare(
        'insert or ignore into paper_tags (paper_id, tag_id, added_at) values (?, ?, ?)',
      );
      const star = sqlite.prepare('update papers set starred = 1 where id = ?');
      const status = sqlite.prepare('update papers set status = ? where id = ?');
      paperIds.forEach((id, i) => {
        if (i % 10 === 0) link.run(id, ids[i % ids.length], now);
        if (i % 25 === 0) link.run(id, ids[(i + 1) % ids.length], now);
        if (i % 17 === 0) star.run(id);
        if (i % 7 === 0) status.run(['toread', 'reading', 'read'][i % 3], id);
      });
    })();
    return count;
  } finally {
    await lib.close();
  }
}

async function startServer(file: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--library', file], {
    env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const url = /(http:\/\/\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`Unexpected first line from serve: ${line}`);
  return { url, child };
}

/** Installed before the app loads: long tasks, slow frames and the first rows on screen. */
const INSTRUMENT = `
  window.__bench = { longTasks: [], firstRows: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const seen = new MutationObserver(() => {
    if (document.querySelector('[data-paper-id]')) {
      window.__bench.firstRows = performance.now();
      seen.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => seen.observe(document.body, { childList: true, subtree: true }));
`;

async function measureLoad(browser: Browser, url: string): Promise<PageMetrics> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(url);
  await page.locator('[data-paper-id]').first().waitFor();
  const metrics = (await page.evaluate(`(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script');
    return {
      fcp: fcp ? fcp.startTime : null,
      firstRows: window.__bench.firstRows,
      scriptBytes: scripts.reduce((n, r) => n + r.decodedBodySize, 0) +
        (performance.getEntriesByType('navigation')[0]?.decodedBodySize ?? 0),
    };
  })()`)) as PageMetrics;
  await context.close();
  return metrics;
}

// Page functions are passed as source text: the bench runs under tsx, whose helpers
// (e.g. __name) do not exist in the page.
async function longTasksSince(page: Page, since: number): Promise<LongTask[]> {
  return (await page.evaluate(
    `window.__bench.longTasks.filter((task) => task.start >= ${since})`,
  )) as LongTask[];
}

async function pageNow(page: Page): Promise<number> {
  return (await page.evaluate('performance.now()')) as number;
}

/** Scroll the list frame by frame from top to bottom (`pxPerFrame` each frame); returns slow frames. */
async function scrollThrough(
  page: Page,
  pxPerFrame: number,
): Promise<{ frames: number; slowFrames: number; worstFrameMs: number; ms: number }> {
  return (await page.evaluate(`(async () => {
    const list = document.querySelector('[role="grid"]');
    list.scrollTop = 0;
    let last = performance.now();
    const started = last;
    let frames = 0;
    let slowFrames = 0;
    let worst = 0;
    await new Promise((resolve) => {
      const tick = () => {
        const now = performance.now();
        const gap = now - last;
        last = now;
        frames += 1;
        if (frames > 1) {
          worst = Math.max(worst, gap);
          if (gap > 50) slowFrames += 1;
        }
        if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) resolve();
        else {
          list.scrollTop += ${pxPerFrame};
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
    return { frames, slowFrames, worstFrameMs: worst, ms: performance.now() - started };
  })()`)) as { frames: number; slowFrames: number; worstFrameMs: number; ms: number };
}

function summarize(tasks: LongTask[]) {
  return {
    count: tasks.length,
    maxMs: tasks.length ? round(Math.max(...tasks.map((t) => t.duration))) : 0,
    totalMs: round(tasks.reduce((n, t) => n + t.duration, 0)),
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('The app is not built: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-bench-ui-'));
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    const file = path.join(dir, 'library.sqlite');
    const t0 = performance.now();
    const papers = await buildLibrary(file);
    console.log(`built a library of ${papers} papers in ${round(performance.now() - t0)} ms`);

    const started = await startServer(file);
    server = started.child;
    const allUrl = `${started.url}#view=all`;
    browser = await chromium.launch({
      executablePath: process.env.PAPERSHELF_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });

    // Warm the server's caches once (search index build, SQLite pages), as a running app has.
    await measureLoad(browser, allUrl);
    const loads: PageMetrics[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await measureLoad(browser, allUrl));
    const fcp = median(loads.map((l) => l.fcp ?? NaN));
    const firstRows = median(loads.map((l) => l.firstRows ?? NaN));
    console.log(
      `first contentful paint ${round(fcp)} ms, first rows ${round(firstRows)} ms (median of ${LOADS})`,
    );

    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await page.addInitScript(INSTRUMENT);
    await page.goto(allUrl);
    await page.locator('[data-paper-id]').first().waitFor();
    const total = await page.getByRole('grid', { name: 'Papers' }).getAttribute('aria-rowcount');

    // Scroll through the whole list: ~330 rows a second, every page fetched on the way.
    let mark = await pageNow(page);
    const scroll = await scrollThrough(page, 400);
    const scrollTasks = summarize(await longTasksSince(page, mark));
    console.log(
      `scrolled ${total} rows in ${round(scroll.ms)} ms: ${scroll.frames} frames, ${scroll.slowFrames} slower than 50 ms (worst ${round(scroll.worstFrameMs)} ms); long tasks: ${scrollTasks.count} (max ${scrollTasks.maxMs} ms)`,
    );

    // Far jumps (scrollbar drags): land in the middle of unloaded pages.
    mark = await pageNow(page);
    for (const fraction of [0.5, 0.1, 0.9, 0.3, 0.7, 0]) {
      await page.evaluate(
        `(() => { const l = document.querySelector('[role="grid"]'); l.scrollTop = ${fraction} * (l.scrollHeight - l.clientHeight); })()`,
      );
      await page.locator('[role="row"][aria-busy="true"]').first().waitFor({ state: 'detached' });
    }
    const jumpTasks = summarize(await longTasksSince(page, mark));
    console.log(`6 far jumps: long tasks ${jumpTasks.count} (max ${jumpTasks.maxMs} ms)`);

    // Keyboard: j through 300 papers; the details pane follows each one.
    await page.getByRole('grid', { name: 'Papers' }).focus();
    mark = await pageNow(page);
    const keysStart = Date.now();
    for (let i = 0; i < 300; i++) await page.keyboard.press('j');
    await page
      .getByRole('region', { name: 'Paper details' })
      .getByRole('heading', { level: 2 })
      .waitFor();
    const keysMs = Date.now() - keysStart;
    const keyTasks = summarize(await longTasksSince(page, mark));
    console.log(`300 × j in ${keysMs} ms: long tasks ${keyTasks.count} (max ${keyTasks.maxMs} ms)`);
    await context.close();

    const bundle = median(loads.map((l) => l.scriptBytes));
    const load = os.loadavg()[0];
    const allScrollOk = scrollTasks.maxMs <= LONG_TASK_MS;
    const date = new Date().toISOString().slice(0, 10);
    const markdown = `## UI

\`npm run bench:ui\`, ${date}, Node ${process.version}, ${os.cpus().length} cores, Chromium (${await browser.version()}), load average ${round(load, 1)} while it ran.
A generated library of ${papers.toLocaleString('en-US')} papers (the sync benchmark's feed, a tenth tagged), served in browser mode, window 1400 × 860.

| Measure | Result |
| --- | --- |
| First contentful paint (median of ${LOADS} fresh loads) | **${round(fcp)} ms** (goal ≤ ${GOAL_FIRST_PAINT_MS}: ${fcp <= GOAL_FIRST_PAINT_MS ? 'met' : 'NOT met'}) |
| First rows of the list on screen | ${round(firstRows)} ms |
| Scroll through all ${Number(total).toLocaleString('en-US')} rows (400 px a frame, every page fetched) | ${round(scroll.ms)} ms, ${scroll.frames} frames, ${scroll.slowFrames} slower than 50 ms (worst ${round(scroll.worstFrameMs)} ms) |
| Long tasks (> 50 ms) while scrolling | **${scrollTasks.count}**${scrollTasks.count ? ` (longest ${scrollTasks.maxMs} ms, ${scrollTasks.totalMs} ms in all)` : ''} (goal: none: ${allScrollOk ? 'met' : 'NOT met'}) |
| Long tasks during 6 far jumps (scrollbar drags into unloaded pages) | ${jumpTasks.count}${jumpTasks.count ? ` (longest ${jumpTasks.maxMs} ms)` : ''} |
| Holding j through 300 papers (details follow each) | ${keysMs} ms, ${keyTasks.count} long tasks${keyTasks.count ? ` (longest ${keyTasks.maxMs} ms)` : ''} |
| JavaScript and HTML loaded to start (minified; the PDF reader loads later, on demand) | ${round(bundle / 1024)} KiB |

Only the rows on screen exist in the DOM (TanStack Virtual). Pages of 100 rows are fetched at
most two at a time: what is on screen first, then the rows up to 60 past either edge, so a
scroll mostly meets rows already loaded. The service reads a page of the featured or added sort
straight off an index on exactly that order (migration 0003), and a page of the title or
upvotes sort from that view sorted once per library change, so a page costs milliseconds at
any offset instead of a sort of the whole library.
${
  load > os.cpus().length
    ? `
**Caveat:** the machine was shared with other test runs (load average ${round(load, 1)} on ${os.cpus().length} cores).
Long tasks are wall-clock time, so CPU contention stretches them; judge the goals on an idle machine.
`
    : ''
}`;
    writeBenchmarkSection('## UI', markdown);
    console.log(
      JSON.stringify({
        papers,
        fcpMs: round(fcp),
        firstRowsMs: round(firstRows),
        scroll: { ...scroll, longTasks: scrollTasks },
        jumps: jumpTasks,
        keys: { ms: keysMs, longTasks: keyTasks },
        bundleBytes: bundle,
        loadAverage: round(load, 2),
      }),
    );
  } finally {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
