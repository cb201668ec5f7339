import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/main/service';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import { tempDir } from '../helpers/library';
import { bundleScript, type Bundle } from './helpers/bundle';
import { noteText, noteVersion } from './helpers/note-text';
import { badBackups, integrityProblems, withDb } from './helpers/verify';
import { seededRandom } from '../helpers/seeded-random';
import { WarmPool } from './helpers/workers';

/**
 * Crash safety of note saves, proven by killing: a child process saves notes
 * through the real service as fast as it can and prints an acknowledgement
 * after each save returns; we SIGKILL it at random moments (some while it is
 * still opening the library, most while it is saving or backing up). After
 * every kill the library must pass `PRAGMA integrity_check`, and every
 * acknowledged save must be there: the note holds that version or a later one,
 * byte for byte.
 */
const KILLS = 22;
// Fixed seeds (tests/safety/fuzz-seeds.json); PAPERSHELF_CRASH_SEED=N replays one.
const SEEDS = fuzzSeeds('crash-notes');

const { dir, cleanup } = tempDir('papershelf-crash-notes-');
let bundle: Bundle;
beforeAll(async () => {
  bundle = await bundleScript(path.join(__dirname, 'workers', 'crash-worker.ts'));
});
afterAll(() => {
  cleanup();
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(SEEDS)('note saves under SIGKILL (seed %i)', (SEED) => {
  it(`keeps every acknowledged save through ${KILLS} kills`, async () => {
    const random = seededRandom(SEED);
    const library = path.join(dir, 'library.sqlite');
    // The library exists before the first kill, as it does for a user.
    await (await createService({ path: library })).close();

    const acked = new Map<string, number>(); // paper -> newest acknowledged version
    let nextVersion = 1;
    let totalAcks = 0;
    let killsWhileSaving = 0;
    const pool = new WarmPool(bundle, 2);
    try {
      for (let kill = 0; kill < KILLS; kill += 1) {
        const worker = await pool.take();
        let highest = nextVersion - 1;
        worker.onLine((line) => {
          const m = /^ack (\S+) (\d+)$/.exec(line);
          if (!m) return;
          const version = Number(m[2]);
          acked.set(m[1], Math.max(acked.get(m[1]) ?? 0, version));
          highest = Math.max(highest, version);
          totalAcks += 1;
        });
        worker.go({ mode: 'notes', library, firstVersion: nextVersion });
        if (kill % 5 === 4) {
          // While it opens the library: WAL recovery, integrity check, daily backup.
          await delay(random() * 60);
        } else {
          // After a random number of saves, then a moment more: kills land
          // between saves, inside a save's transaction, and inside backups.
          const saves = 1 + Math.floor(random() * 40);
          let seen = 0;
          await worker.waitFor((line) => line.startsWith('ack ') && ++seen >= saves);
          await delay(random() * 8);
          killsWhileSaving += 1;
        }
        await worker.kill();
        expect(worker.lines.filter((l) => l.startsWith('error'))).toEqual([]);

        expect(integrityProblems(library), `after kill ${kill + 1}`).toEqual([]);
        const notes = withDb(library, (db) =>
          db
            .prepare<[], { paper_id: string; markdown: string }>(
              'select paper_id, markdown from notes',
            )
            .all(),
        );
        const stored = new Map(notes.map((n) => [n.paper_id, n.markdown]));
        for (const [paperId, version] of acked) {
          const markdown = stored.get(paperId);
          expect(
            markdown,
            `note on ${paperId} (acknowledged v${version}) after kill ${kill + 1}`,
          ).toBeDefined();
          const storedVersion = noteVersion(markdown as string);
          // A later save may have committed just before the kill, unacknowledged: that is fine.
          expect(storedVersion ?? -1).toBeGreaterThanOrEqual(version);
          expect(markdown).toBe(noteText(paperId, storedVersion as number));
        }
        expect(await badBackups(library), `backups after kill ${kill + 1}`).toEqual([]);
        // Unacknowledged saves may have committed too: start past anything written.
        nextVersion = Math.max(highest, ...notes.map((n) => noteVersion(n.markdown) ?? 0)) + 1;
      }
    } finally {
      await pool.close();
    }
    // The harness really killed savers (not only processes starting up).
    expect(killsWhileSaving).toBeGreaterThanOrEqual(17);
    expect(totalAcks).toBeGreaterThanOrEqual(killsWhileSaving);
    // A few seconds on an idle machine; the margin is for a loaded CI runner.
  }, 120_000);
});
