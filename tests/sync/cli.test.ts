import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli';
import { createCliContext } from '../../src/main/cli/context';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/library';
import { closedPortUrl, startFeedServer, type FeedServer } from './feed-server';
import { dumpLibrary } from './helpers';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let n = 0;
const freshLibrary = () => path.join(dir, `library-${(n += 1)}.sqlite`);

let feed: FeedServer;
beforeEach(async () => {
  feed = await startFeedServer();
});
afterEach(async () => {
  await feed.close();
});
beforeAll(() => {
  // Keep a developer's own setting out of the way.
  delete process.env.PAPERSHELF_FEED_URL;
});

const WEEK = ['--from', '2025-11-10', '--to', '2025-11-16'];

describe('papershelf sync', () => {
  it('backfills a range, prints plain progress lines and a summary, exits 0', async () => {
    const library = freshLibrary();
    const { code, stdout, stderr } = await cli([
      'sync',
      ...WEEK,
      '--source',
      feed.url,
      '--library',
      library,
    ]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      'Sync done: 7 days (2025-11-10 to 2025-11-16); 78 added, 0 updated, 0 unchanged, 0 skipped, 0 errors',
    );
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe(`Syncing 7 days (2025-11-10 to 2025-11-16) from ${feed.url}`);
    expect(lines).toContain('day 1/7 2025-11-10: 16 new, 0 updated, 0 unchanged');
    expect(lines).toContain('day 7/7 2025-11-16: 0 new, 0 updated, 0 unchanged');
    expect(stderr).not.toContain('\r');
    // A library made by `sync` holds feed papers only, no sample.
    expect(dumpLibrary(library).papers).toHaveLength(78);

    const again = await cli(['sync', ...WEEK, '--source', feed.url, '--library', library]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Nothing to fetch');
    expect(again.stdout).toMatch(/^Sync done: 0 days; 0 added/);
  });

  it('takes the feed address from $PAPERSHELF_FEED_URL when there is no --source', async () => {
    const { code } = await cli(
      ['sync', '--from', '2025-11-15', '--to', '2025-11-15', '--library', freshLibrary()],
      { PAPERSHELF_FEED_URL: `${feed.url}/from-env` },
    );
    expect(code).toBe(0);
    expect(feed.requests.map((r) => r.prefix)).toEqual(['/from-env']);
  });

  it('draws a bar on a terminal', async () => {
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await runCli(
      ['sync', ...WEEK, '--source', feed.url, '--library', freshLibrary()],
      createCliContext(stdout, stderr, { ...process.env }),
    );
    expect(code).toBe(0);
    expect(err).toContain('\r\x1b[2K');
    expect(err).toMatch(/█+░* 3\/7 days · 2025-11-13 · 48 new, 0 updated/);
    expect(err.endsWith('\r\x1b[2K')).toBe(true); // the bar is cleared before the summary
  });

  it('exits non-zero with one clear line when offline, keeping finished days', async () => {
    const library = freshLibrary();
    await cli([
      'sync',
      '--from',
      '2025-11-10',
      '--to',
      '2025-11-11',
      '--source',
      feed.url,
      '--library',
      library,
    ]);
    const { code, stdout, stderr } = await cli([
      'sync',
      ...WEEK,
      '--source',
      await closedPortUrl(),
      '--library',
      library,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Sync stopped, offline: 0 of 5 days/);
    const errorLines = stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('papershelf:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(
      /^papershelf: offline: Could not reach the feed at 127\.0\.0\.1:\d+: the connection was refused; run sync again when connected$/,
    );
    expect(dumpLibrary(library).days).toHaveLength(2);
  });

  it('exits non-zero when a day could not be fetched, naming how many', async () => {
    feed.inject(
      Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 400 })),
      { day: '2025-11-12' },
    );
    const { code, stdout, stderr } = await cli([
      'sync',
      ...WEEK,
      '--source',
      feed.url,
      '--library',
      freshLibrary(),
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Sync incomplete: 6 of 7 days .* 1 errors$/m);
    expect(stderr).toMatch(
      /papershelf: 1 day could not be fetched \(The feed answered 400 Bad Request\); the 6 finished days are kept; run sync again to retry them/,
    );
  });

  it.each([
    [['--to', '2025-11-10'], /--to needs --from/],
    [['--from', '2025-13-01'], /--from takes a calendar day/],
    [['--from', '2025-11-10', '--source', 'ftp://x'], /http\(s\) URL/],
  ])('refuses bad arguments %j with exit 2', async (args, message) => {
    const { code, stderr } = await cli(['sync', ...args, '--library', freshLibrary()]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints the final run as JSON with --json', async () => {
    const { code, stdout } = await cli([
      'sync',
      '--from',
      '2025-11-14',
      '--to',
      '2025-11-14',
      '--source',
      feed.url,
      '--json',
      '--library',
      freshLibrary(),
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'done', added: 15, doneDays: 1 });
  });
});
