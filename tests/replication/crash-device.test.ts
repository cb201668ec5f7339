import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createService } from '../../src/main/service';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import { tempService } from '../helpers/library';
import { seededRandom } from '../helpers/seeded-random';
import { relayOnLoopback, sampleIds, TOKEN } from './helpers';

/**
 * A device killed with SIGKILL while it saves and exchanges, again and again:
 * every save it acknowledged reaches the other device once it runs again, and
 * the library's replication log never disagrees with its tables.
 */
const ROOT = path.resolve(__dirname, '../..');
const KILLS = 5;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function startDevice(env: Record<string, string>, onLine: (line: string) => void): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'workers/device-worker.ts')],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  createInterface({ input: child.stdout! }).on('line', onLine);
  return child;
}

describe.each(fuzzSeeds('crash-replication'))('a device under SIGKILL (seed %i)', (seed) => {
  it(`loses no acknowledged save through ${KILLS} kills mid-exchange`, async () => {
    const random = seededRandom(seed);
    const relay = await relayOnLoopback(cleanups);
    const device = await tempService();
    const [paper] = await sampleIds(device.service, 1);
    await device.service.replication.link({ url: relay.url, token: TOKEN, name: 'crash' });
    await device.service.close();
    cleanups.push(device.cleanup);

    let saved = 0;
    let sent = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const first = saved + 1;
      let ready!: () => void;
      const isReady = new Promise<void>((resolve) => (ready = resolve));
      const child = startDevice(
        { LIBRARY: device.file, PAPER: paper, FIRST: String(first) },
        (line) => {
          if (line === 'ready') ready();
          const m = /^(saved|sent) (\d+)$/.exec(line);
          if (m?.[1] === 'saved') saved = Math.max(saved, Number(m[2]));
          if (m?.[1] === 'sent') sent = Math.max(sent, Number(m[2]));
        },
      );
      await isReady;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(random() * 600)));
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }
    expect(saved).toBeGreaterThan(KILLS);
    expect(sent).toBeGreaterThan(0);

    // What the relay acknowledged is there for a new device at once.
    const other = await tempService();
    cleanups.push(other.cleanup);
    await other.service.replication.link({ url: relay.url, token: TOKEN, name: 'crash' });
    await other.service.replication.replicateOnce();
    const version = (markdown: string | undefined) => Number(/\d+/.exec(markdown ?? '')?.[0] ?? 0);
    expect(
      version((await other.service.api.getNote({ id: paper }))?.markdown),
    ).toBeGreaterThanOrEqual(sent);

    // The device runs again: its last acknowledged save leaves, and both agree.
    const again = { service: await createService({ path: device.file }) };
    cleanups.push(() => again.service.close());
    const note = await again.service.api.getNote({ id: paper });
    expect(version(note?.markdown)).toBeGreaterThanOrEqual(saved);
    await again.service.replication.replicateOnce();
    await other.service.replication.replicateOnce();
    expect(await other.service.api.getNote({ id: paper })).toMatchObject({
      markdown: note!.markdown,
    });
    const statusHere = (await again.service.api.getPaper({ id: paper })).status;
    expect((await other.service.api.getPaper({ id: paper })).status).toBe(statusHere);
  }, 240_000);
});
