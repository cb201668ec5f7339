import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary, type LibraryDb } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import {
  createIngester,
  type DayInput,
  type IngestDayOptions,
  type IngestResult,
} from '../../src/main/library/ingest-repo';
import type { FeedPaper } from '../../src/main/library/feed-paper';
import { startIngestThread, type IngestThread } from '../../src/main/sync/ingest-thread';
import { tempDir } from '../helpers/library';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function library(name: string): Promise<LibraryDb> {
  const { dir, cleanup } = tempDir();
  const lib = await openLibrary({
    policy: backupOpeningPolicy,
    path: path.join(dir, `${name}.sqlite`),
  });
  cleanups.push(cleanup, () => lib.close());
  return lib;
}

function paper(n: number, upvotes = n % 7): FeedPaper {
  return {
    id: `2501.${String(n).padStart(5, '0')}`,
    title: `Paper ${n}: “quoted” <b>not bold</b>`,
    abstract: `Abstract of paper ${n}.\n\nSecond paragraph.`,
    authors: [
      { name: `Author ${n}`, hidden: false },
      { name: 'Ada Lovelace', hidden: n % 5 === 0 },
    ],
    publishedAt: '2025-01-02T00:00:00.000Z',
    upvotes,
    numComments: n % 3,
    aiSummary: n % 2 ? `Summary ${n}` : null,
    aiKeywords: n % 2 ? ['a', `k${n}`] : [],
    githubRepo: n % 4 ? `https://github.com/x/repo-${n}` : null,
    githubStars: n % 4 ? n : null,
    projectPage: null,
    thumbnail: `https://cdn.example.org/${n}.png`,
  };
}

/**
 * 30 days of 12 papers; each paper is on two neighbouring days, one is listed
 * twice in a day, and at the end day 5 is fetched again with new upvotes and a
 * paper dropped: every kind of write ingest does.
 */
function days(): Array<{ input: DayInput; options: IngestDayOptions }> {
  const list = [];
  for (let d = 0; d < 30; d += 1) {
    const day = `2025-02-${String(d + 1).padStart(2, '0')}`;
    const papers = Array.from({ length: 12 }, (_, k) => paper(d * 6 + k));
    papers.push(papers[0]);
    list.push({ day, papers });
  }
  const again = list[4];
  list.push({
    day: again.day,
    papers: again.papers.slice(1, 12).map((p, i) => ({ ...p, upvotes: 100 + i })),
  });
  return list.map(({ day, papers }, i) => ({
    input: { day, papers, skipped: i % 2 },
    options: {
      source: 'feed',
      markSynced: true,
      now: `2025-03-01T00:00:${String(i).padStart(2, '0')}.000Z`,
    },
  }));
}

function dump(lib: LibraryDb): unknown {
  const all = (sql: string) => lib.sqlite.prepare(sql).all();
  return {
    papers: all('select * from papers order by id'),
    appearances: all('select * from daily_appearances order by day, paper_id'),
    days: all('select * from synced_days order by day'),
  };
}

/** The same days written on the main thread, the way ingest always did. */
async function writtenHere(): Promise<{ lib: LibraryDb; results: IngestResult[] }> {
  const lib = await library('here');
  const ingester = createIngester(lib.sqlite);
  const results = days().map(({ input, options }) => ingester.ingestDay(input, options));
  return { lib, results };
}

async function writeAll(thread: IngestThread): Promise<IngestResult[]> {
  // Handed over all at once, as a fast feed would; answers come back in order.
  const results = await Promise.all(
    days().map(({ input, options }) => thread.ingestDay(input, options)),
  );
  await thread.close();
  return results;
}

describe('the ingest thread', () => {
  it('writes the days on its own connection, in order, to exactly the library ingest writes here', async () => {
    const expected = await writtenHere();
    const lib = await library('thread');
    const thread = startIngestThread(lib);
    await thread.ready();
    const results = await writeAll(thread);
    expect(thread.fellBack).toBe(false);
    expect(results).toEqual(expected.results);
    expect(results.at(-1)).toMatchObject({ added: 0, updated: 11 });
    expect(dump(lib)).toEqual(dump(expected.lib));
    expect(lib.sqlite.prepare('pragma integrity_check').pluck().get()).toBe('ok');
  });

  it('writes the days here when the thread cannot start, and loses none', async () => {
    const expected = await writtenHere();
    const lib = await library('no-thread');
    const logged: string[] = [];
    const thread = startIngestThread(lib, {
      workerFile: path.join(lib.path, '..', 'missing.js'),
      log: (line) => logged.push(line),
    });
    const results = await writeAll(thread);
    expect(thread.fellBack).toBe(true);
    expect(logged).toEqual([
      expect.stringMatching(/ingest thread failed .*writing on the main thread/),
    ]);
    expect(results).toEqual(expected.results);
    expect(dump(lib)).toEqual(dump(expected.lib));
  });

  it('writes here every day the thread had not confirmed when it died', async () => {
    const expected = await writtenHere();
    const lib = await library('dying');
    // A worker that says it is ready, takes three days without writing them, and dies.
    const script = path.join(path.dirname(lib.path), 'dies.js');
    fs.writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
       parentPort.postMessage({ type: 'ready' });
       let n = 0;
       parentPort.on('message', () => { n += 1; if (n === 3) process.exit(1); });`,
    );
    const logged: string[] = [];
    const thread = startIngestThread(lib, { workerFile: script, log: (line) => logged.push(line) });
    await thread.ready();
    const results = await writeAll(thread);
    expect(thread.fellBack).toBe(true);
    expect(logged).toEqual([expect.stringMatching(/ended early \(exit code 1\)/)]);
    expect(results).toEqual(expected.results);
    expect(dump(lib)).toEqual(dump(expected.lib));
  });

  it('reports a day that fails, leaves it unfinished, and writes the days after it', async () => {
    const lib = await library('failing');
    const thread = startIngestThread(lib);
    const [good, bad, next] = days();
    const broken = { ...bad.input, papers: [{ ...paper(999), title: null as unknown as string }] };
    const outcomes = await Promise.allSettled([
      thread.ingestDay(good.input, good.options),
      thread.ingestDay(broken, bad.options),
      thread.ingestDay(next.input, next.options),
    ]);
    await thread.close();
    expect(thread.fellBack).toBe(false);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/);
    const finished = lib.sqlite.prepare('select day from synced_days order by day').pluck().all();
    expect(finished).toEqual([good.input.day, next.input.day]);
    expect(
      lib.sqlite.prepare('select count(*) from papers where id = ?').pluck().get('2501.00999'),
    ).toBe(0);
  });

  it('lets the app write in its own transactions while the thread writes days', async () => {
    const lib = await library('busy');
    const thread = startIngestThread(lib);
    await thread.ready();
    const writes = days().map(({ input, options }) => thread.ingestDay(input, options));
    // Read-then-write transactions on the app's connection, racing the thread's commits.
    const tagged: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      await lib.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('tags')
          .select('id')
          .where('name', '=', 'racing')
          .executeTakeFirst();
        const id =
          row?.id ??
          Number(
            (
              await trx
                .insertInto('tags')
                .values({
                  name: 'racing',
                  color: '#888888',
                  created_at: '2025-03-01T00:00:00.000Z',
                })
                .executeTakeFirstOrThrow()
            ).insertId,
          );
        await new Promise((resolve) => setTimeout(resolve, 1));
        await trx
          .insertInto('settings')
          .values({ key: `k${i}`, value: String(id) })
          .execute();
        tagged.push(`k${i}`);
      });
    }
    await Promise.all(writes);
    await thread.close();
    expect(tagged).toHaveLength(40);
    expect(lib.sqlite.prepare('select count(*) from synced_days').pluck().get()).toBe(30);
  });
});

describe('library transactions', () => {
  it('take the write lock as they begin, so another writer waits instead of failing them', async () => {
    const lib = await library('immediate');
    const other = new BetterSqlite3(lib.path);
    other.pragma('busy_timeout = 0');
    cleanups.push(() => {
      other.close();
    });
    await lib.db.transaction().execute(async (trx) => {
      await trx.selectFrom('settings').selectAll().execute();
      // A deferred transaction would hold no lock yet: this write would go in, and
      // the transaction's own write below would then fail (SQLITE_BUSY_SNAPSHOT).
      expect(() =>
        other.prepare("insert into settings (key, value) values ('other', '1')").run(),
      ).toThrow(/locked|busy/i);
      await trx.insertInto('settings').values({ key: 'mine', value: '1' }).execute();
    });
    other.prepare("insert into settings (key, value) values ('other', '1')").run();
    expect(lib.sqlite.prepare('select key from settings order by key').pluck().all()).toEqual([
      'mine',
      'other',
    ]);
  });
});

const ROOT = path.resolve(__dirname, '../..');
const BUILT = fs.existsSync(path.join(ROOT, 'out/main/ingest-worker.js'));

describe('the built app', () => {
  it.skipIf(!BUILT)(
    'writes a long sync on its ingest thread from out/main (skipped until npm run build)',
    async () => {
      // Twelve days of five papers each, in the feed's wrapper format.
      const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const day = Number((url.searchParams.get('date') ?? '').slice(8, 10));
        const items =
          url.searchParams.get('p') === '0'
            ? Array.from({ length: 5 }, (_, i) => ({
                paper: {
                  id: `2501.${String(day * 10 + i).padStart(5, '0')}`,
                  title: `Day ${day} #${i}`,
                },
              }))
            : [];
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(items));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const { dir, cleanup } = tempDir();
      cleanups.push(cleanup);
      const file = path.join(dir, 'built.sqlite');
      const source = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const child = spawn(
        process.execPath,
        [
          path.join(ROOT, 'bin/papershelf.js'),
          'sync',
          '--from',
          '2025-01-01',
          '--to',
          '2025-01-12',
          '--source',
          source,
          '--library',
          file,
        ],
        { env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0' } },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/ingest thread/);
      expect(code).toBe(0);
      const lib = new BetterSqlite3(file, { readonly: true });
      try {
        expect(lib.prepare('select count(*) from papers').pluck().get()).toBe(60);
        expect(lib.prepare('select count(*) from synced_days').pluck().get()).toBe(12);
      } finally {
        lib.close();
      }
    },
  );
});
