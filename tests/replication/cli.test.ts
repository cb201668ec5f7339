import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/library';

const ROOT = path.resolve(__dirname, '../..');
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `papershelf relay` as a child process; resolves with its first stdout line. */
function relayProcess(args: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/main/cli/index.ts'), 'relay', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`relay exited (${code})`)));
  });
}

describe('papershelf relay | link | replicate | unlink', () => {
  it('runs a relay with a random token, and two libraries replicate through it', async () => {
    const data = tempDir('papershelf-relay-cli-');
    cleanups.push(data.cleanup);
    const first = await relayProcess(['--port', '0', '--data', data.dir]);
    const m = /^Papershelf relay at (ws:\/\/127\.0\.0\.1:\d+) token ([A-Za-z0-9_-]{32})$/.exec(
      first,
    );
    expect(m, first).not.toBeNull();
    const [, url, token] = m!;

    const libs = tempDir('papershelf-libs-');
    cleanups.push(libs.cleanup);
    const one = path.join(libs.dir, 'one.sqlite');
    const two = path.join(libs.dir, 'two.sqlite');

    expect((await cli(['replicate', '--once', '--library', one])).stderr).toMatch(
      /not linked: run `papershelf link URL --token T` first/,
    );
    const bad = await cli(['link', 'http://example.com', '--token', token, '--library', one]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('papershelf: A relay address starts with ws:// or wss://\n');

    for (const lib of [one, two]) {
      const linked = await cli(['link', url, '--token', token, '--library', lib]);
      expect(linked.stdout, linked.stderr).toMatch(/^Linked to ws:\/\/127\.0\.0\.1:\d+\./);
    }
    const show = await cli(['list', '--json', '--library', one]);
    const id = (JSON.parse(show.stdout) as Array<{ id: string }>)[0].id;
    expect((await cli(['set', id, '--status', 'reading', '--star', '--library', one])).code).toBe(
      0,
    );
    expect((await cli(['replicate', '--once', '--library', one])).code).toBe(0);
    const got = await cli(['replicate', '--once', '--library', two]);
    expect(got.stdout).toMatch(/^Exchanged with ws:\/\/127\.0\.0\.1:\d+ at \d{4}-/);
    const paper = JSON.parse((await cli(['show', id, '--json', '--library', two])).stdout) as {
      status: string;
      starred: boolean;
    };
    expect([paper.status, paper.starred]).toEqual(['reading', true]);

    expect((await cli(['unlink', '--library', two])).stdout).toBe(
      'Unlinked: this library no longer replicates.\n',
    );
    expect((await cli(['unlink', '--library', two])).stdout).toBe(
      'This library is not linked to a relay.\n',
    );
  }, 120_000);

  it('uses the token it is given', async () => {
    const data = tempDir('papershelf-relay-cli-');
    cleanups.push(data.cleanup);
    const first = await relayProcess([
      '--port',
      '0',
      '--data',
      data.dir,
      '--token',
      'my-own-token',
    ]);
    expect(first).toMatch(/^Papershelf relay at ws:\/\/127\.0\.0\.1:\d+ token my-own-token$/);
  }, 60_000);
});
