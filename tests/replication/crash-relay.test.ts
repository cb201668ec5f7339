import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { READING_STATUSES } from '../../src/shared/domain';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import { tempDir, tempService } from '../helpers/library';
import { seededRandom } from '../helpers/seeded-random';
import { sampleIds, TOKEN, userState } from './helpers';

/**
 * The relay killed with SIGKILL while a device is sending, then started again
 * on the same data: everything it acknowledged before is there for a device
 * that was never linked before, and once the sender reconnects the two are equal.
 */
const ROOT = path.resolve(__dirname, '../..');
const ROUNDS = 4;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface RelayProcess {
  child: ChildProcess;
  port: number;
  url: string;
}

/** `papershelf relay` as a real child process; resolves with its first stdout line. */
function spawnRelay(dataDir: string, port: number): Promise<RelayProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'src/main/cli/index.ts'),
      'relay',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--token',
      TOKEN,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const m = /^Papershelf relay at (ws:\/\/127\.0\.0\.1:(\d+)) token (\S+)$/.exec(line);
      if (!m || m[3] !== TOKEN) reject(new Error(`unexpected first line: ${line}`));
      else resolve({ child, port: Number(m[2]), url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`relay exited early (${code})`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe.each(fuzzSeeds('crash-replication'))('the relay under SIGKILL (seed %i)', (seed) => {
  it(`loses nothing it acknowledged, through ${ROUNDS} kills mid-exchange`, async () => {
    const random = seededRandom(seed);
    const data = tempDir('papershelf-relay-data-');
    cleanups.push(data.cleanup);
    let relay = await spawnRelay(data.dir, 0);
    const sender = await tempService();
    cleanups.push(sender.cleanup);
    const a = sender.service;
    await a.replication.link({ url: relay.url, token: TOKEN, name: 'crash' });
    a.replication.startLive();
    const ids = await sampleIds(a, ROUNDS * 6);

    const acknowledged: Array<{ ids: string[]; state: Awaited<ReturnType<typeof userState>> }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Round `round`'s papers: edited, then exchanged until the relay acknowledged them.
      const mine = ids.slice(round * 6, round * 6 + 3);
      for (const id of mine) {
        await a.api.setStatus({ ids: [id], status: READING_STATUSES[1 + (round % 4)] });
        await a.api.saveNote({ id, markdown: `Round ${round}: ${id}` });
      }
      await a.api.tagPapers({ ids: mine, tag: `round-${round}` });
      await a.replication.replicateOnce();
      acknowledged.push({ ids: mine, state: await userState(a) });

      // Then a burst on other papers, and the relay dies somewhere in it.
      const burst = ids.slice(round * 6 + 3, round * 6 + 6);
      const killAfter = Math.floor(random() * 30);
      const kill = new Promise((resolve) => setTimeout(resolve, killAfter)).then(() =>
        killed(relay.child),
      );
      for (let i = 0; i < 20; i += 1) {
        const id = burst[i % burst.length];
        await a.api.saveNote({ id, markdown: `Burst ${round}.${i}` });
        await a.api.setStarred({ ids: [id], starred: i % 2 === 0 });
      }
      await kill;
      relay = await spawnRelay(data.dir, relay.port);
    }

    // A device that never saw the sender gets every acknowledged round from the restarted relay.
    const fresh = await tempService();
    cleanups.push(fresh.cleanup);
    const b = fresh.service;
    await b.replication.link({ url: relay.url, token: TOKEN, name: 'crash' });
    await b.replication.replicateOnce();
    const got = await userState(b);
    const pick = <T extends { id?: string; paper_id?: string }>(rows: T[], keep: string[]) =>
      rows.filter((r) => keep.includes((r.id ?? r.paper_id)!));
    for (const { ids: kept, state } of acknowledged) {
      expect(pick(got.papers as Array<{ id: string }>, kept)).toEqual(
        pick(state.papers as Array<{ id: string }>, kept),
      );
      expect(pick(got.notes as Array<{ paper_id: string }>, kept)).toEqual(
        pick(state.notes as Array<{ paper_id: string }>, kept),
      );
      expect(pick(got.links as Array<{ paper_id: string }>, kept)).toEqual(
        pick(state.links as Array<{ paper_id: string }>, kept),
      );
    }

    // And once the sender is back in touch, nothing of the bursts is lost either.
    await a.replication.replicateOnce(60_000);
    await b.replication.replicateOnce();
    expect(await userState(b)).toEqual(await userState(a));
  }, 240_000);
});
