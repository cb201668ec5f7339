import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/library';
import { makeItem, startFeedServer, type FeedServer } from './feed-server';
import { dumpLibrary } from './helpers';

/**
 * A sync process killed with SIGKILL (no chance to clean up) and then run
 * again must end in exactly the library an uninterrupted sync makes: a day is
 * written in one transaction, and a backfill resumes after the last finished day.
 */
const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'sync-child.ts');
const { dir, cleanup } = tempDir();
afterAll(cleanup);

let feed: FeedServer;
beforeEach(async () => {
  feed = await startFeedServer();
});
afterEach(async () => {
  await feed.close();
});

/** Start a sync child; `until(n)` resolves once the feed has seen n requests, or fails if the child died first. */
function startChild(args: { library: string; from: string; to: string }) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, args.library, feed.url, args.from, args.to],
    {
      cwd: ROOT,
      env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return {
    child,
    exited,
    async until(requests: number): Promise<void> {
      const died = exited.then((how) => {
        throw new Error(`the sync child ended (${how}) before ${requests} requests:\n${output}`);
      });
      await Promise.race([feed.waitForRequests(requests), died]);
    },
  };
}

async function uninterrupted(range: string[]): Promise<Record<string, unknown[]>> {
  const library = path.join(dir, `reference-${Math.random().toString(36).slice(2)}.sqlite`);
  const { code } = await cli(['sync', ...range, '--source', feed.url, '--library', library]);
  expect(code).toBe(0);
  return dumpLibrary(library);
}

describe('a sync killed with SIGKILL', () => {
  it('resumes to the same library as an uninterrupted sync (killed while waiting on the feed)', async () => {
    const range = ['--from', '2025-11-10', '--to', '2025-11-16'];
    const library = path.join(dir, 'killed-waiting.sqlite');
    // Hold the fourth day's answer; by the time it is asked for, three days are written.
    let release!: () => void;
    feed.inject([{ kind: 'hold', released: new Promise<void>((r) => (release = r)) }], {
      day: '2025-11-13',
    });
    const { child, exited, until } = startChild({ library, from: '2025-11-10', to: '2025-11-16' });
    await until(4);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    release();

    const partial = dumpLibrary(library);
    expect(partial.days.map((d) => (d as { day: string }).day)).toEqual([
      '2025-11-10',
      '2025-11-11',
      '2025-11-12',
    ]);
    expect(partial.papers).toHaveLength(48);

    feed.requests.length = 0;
    const rerun = await cli(['sync', ...range, '--source', feed.url, '--library', library]);
    expect(rerun.code).toBe(0);
    expect(feed.requests.map((r) => r.day)).toEqual([
      '2025-11-13',
      '2025-11-14',
      '2025-11-15',
      '2025-11-16',
    ]);
    expect(dumpLibrary(library)).toEqual(await uninterrupted(range));
  });

  it('resumes to the same library when killed while busy writing large days', async () => {
    // 30 days of 100 papers each (plus a short page): the child spends its time parsing and writing.
    const days: string[] = [];
    for (let d = 1; d <= 30; d += 1) {
      const day = `2025-10-${String(d).padStart(2, '0')}`;
      days.push(day);
      feed.setDay(
        day,
        Array.from({ length: 101 }, (_, i) =>
          makeItem(`2510.${String(d * 1000 + i).padStart(5, '0')}`),
        ),
      );
    }
    const range = ['--from', days[0], '--to', days.at(-1) as string];
    const library = path.join(dir, 'killed-busy.sqlite');
    const { child, exited, until } = startChild({
      library,
      from: days[0],
      to: days.at(-1) as string,
    });
    // Kill as soon as the 21st request arrives: the child is between pages and writes.
    await until(21);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const partial = dumpLibrary(library);
    const finished = partial.days.length;
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(30);
    // Every finished day is whole; no paper exists without its finished day.
    expect(partial.papers).toHaveLength(finished * 101);
    expect(partial.appearances).toHaveLength(finished * 101);

    const rerun = await cli(['sync', ...range, '--source', feed.url, '--library', library]);
    expect(rerun.code).toBe(0);
    expect(dumpLibrary(library)).toEqual(await uninterrupted(range));
  });
});
