/**
 * `npm run bench:replication`: a first replication to an empty device.
 *
 * Device A holds 5,000 papers with a status (a third also starred) and 500
 * notes of about a kilobyte; device B has the same feed papers and none of the
 * user's data (a new laptop that synced the feed). Both are real services on
 * real SQLite files; a real relay runs on loopback. A links and uploads; then we
 * time B from `link` to the end of its first exchange: every status, star and
 * note in B's SQLite. Goal: ≤ 5 s. Also reported: A's upload, the document's
 * size, and B's second (incremental, nothing new) exchange.
 *
 * PAPERSHELF_BENCH_REPLICATION="500,50" for a quick check (statuses, notes).
 * The `## Replication` section of docs/benchmarks.md is rewritten on a full run;
 * the last stdout line is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { backupOpeningPolicy } from '../src/main/backup/opening-policy';
import { openLibrary } from '../src/main/db/connection';
import { createIngester } from '../src/main/library/ingest-repo';
import type { FeedPaper } from '../src/main/library/feed-paper';
import { startRelay } from '../src/main/replication/relay-server';
import { createService } from '../src/main/service';
import { generatePapers } from '../tests/search/generated-library';
import { writeBenchmarkSection } from './docs-section';
import { round } from './measure';

const [STATUSES, NOTES] = (process.env.PAPERSHELF_BENCH_REPLICATION ?? '5000,500')
  .split(',')
  .map(Number);
const IS_FULL = STATUSES >= 5000 && NOTES >= 500;
const GOAL_MS = 5_000;
const TOKEN = 'bench-token-0123456789';
const STATUS_CYCLE = ['toread', 'reading', 'read', 'archived'] as const;

async function feedLibrary(file: string, papers: FeedPaper[]): Promise<void> {
  const lib = await openLibrary({ path: file, policy: backupOpeningPolicy });
  const ingester = createIngester(lib.sqlite);
  ingester.ingestDay(
    { day: '2025-11-14', papers, skipped: 0 },
    { source: 'feed', markSynced: true, now: '2025-11-14T23:00:00.000Z' },
  );
  await lib.close();
}

function noteText(i: number): string {
  const line = `Paper ${i}: the method trades memory for speed; check the ablation in section 4. `;
  return `# Notes ${i}\n\n${line.repeat(12)}\n`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-bench-replication-'));
  try {
    const papers = generatePapers(Math.max(STATUSES, NOTES) + 100).map((p) => p.paper);
    const fileA = path.join(dir, 'a.sqlite');
    const fileB = path.join(dir, 'b.sqlite');
    await feedLibrary(fileA, papers);
    fs.copyFileSync(fileA, fileB);

    // A's user data, written straight into its tables (as years of use would leave them).
    {
      const lib = await openLibrary({ path: fileA, policy: backupOpeningPolicy });
      const setStatus = lib.sqlite.prepare(
        'update papers set status = ?, starred = ?, status_changed_at = ? where id = ?',
      );
      const note = lib.sqlite.prepare(
        'insert into notes (paper_id, markdown, created_at, updated_at) values (?, ?, ?, ?)',
      );
      const now = '2025-11-15T00:00:00.000Z';
      lib.sqlite.transaction(() => {
        for (let i = 0; i < STATUSES; i += 1)
          setStatus.run(STATUS_CYCLE[i % 4], i % 3 === 0 ? 1 : 0, now, papers[i].id);
        for (let i = 0; i < NOTES; i += 1) note.run(papers[i].id, noteText(i), now, now);
      })();
      await lib.close();
    }

    const relayDir = path.join(dir, 'relay');
    const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: relayDir, token: TOKEN });
    try {
      const a = await createService({ path: fileA, seedSample: false });
      let t = performance.now();
      await a.replication.link({ url: relay.url, token: TOKEN, name: 'bench' });
      await a.replication.replicateOnce(120_000);
      const uploadMs = performance.now() - t;
      const docBytes = Y.encodeStateAsUpdate(a.replication.replicator()!.model.doc).byteLength;
      await a.close();

      const b = await createService({ path: fileB, seedSample: false });
      t = performance.now();
      await b.replication.link({ url: relay.url, token: TOKEN, name: 'bench' });
      await b.replication.replicateOnce(120_000);
      const firstMs = performance.now() - t;
      const counts = b.lib.sqlite
        .prepare(
          `select (select count(*) from papers where status != 'inbox') as statuses,
                  (select count(*) from papers where starred = 1) as stars,
                  (select count(*) from notes) as notes`,
        )
        .get() as { statuses: number; stars: number; notes: number };
      t = performance.now();
      await b.replication.replicateOnce(120_000);
      const againMs = performance.now() - t;
      await b.close();
      if (counts.statuses !== STATUSES || counts.notes !== NOTES)
        throw new Error(
          `B got ${JSON.stringify(counts)}, not ${STATUSES} statuses and ${NOTES} notes`,
        );

      const result = {
        bench: 'replication',
        statuses: STATUSES,
        stars: counts.stars,
        notes: NOTES,
        firstReplicationMs: round(firstMs, 0),
        uploadMs: round(uploadMs, 0),
        secondExchangeMs: round(againMs, 0),
        docKb: round(docBytes / 1024, 0),
        relayKb: round(
          fs
            .readdirSync(relayDir)
            .reduce((sum, name) => sum + fs.statSync(path.join(relayDir, name)).size, 0) / 1024,
          0,
        ),
        goalMs: GOAL_MS,
        met: firstMs <= GOAL_MS,
        cores: os.cpus().length,
        loadAverage: round(os.loadavg()[0]),
      };
      console.log(
        `First replication of ${STATUSES} statuses and ${NOTES} notes to an empty device: ${result.firstReplicationMs} ms (goal ≤ ${GOAL_MS} ms)`,
      );
      if (IS_FULL) {
        writeBenchmarkSection(
          '## Replication',
          [
            '## Replication',
            '',
            `\`npm run bench:replication\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
              `${result.cores} cores, load average ${result.loadAverage}. Two real services on SQLite files and a relay on loopback.`,
            '',
            '| | |',
            '| --- | --- |',
            `| First replication to an empty device (${STATUSES.toLocaleString('en-US')} statuses, ${result.stars.toLocaleString('en-US')} stars, ${NOTES} notes of ~1 KB): link to all in SQLite | ${result.firstReplicationMs} ms (goal ≤ ${GOAL_MS} ms) |`,
            `| The same library's upload from the first device (link, record, send, acknowledged) | ${result.uploadMs} ms |`,
            `| A second exchange with nothing new | ${result.secondExchangeMs} ms |`,
            `| The replicated document | ${result.docKb} KB (relay store ${result.relayKb} KB) |`,
            '',
          ].join('\n'),
        );
      }
      console.log(JSON.stringify(result));
    } finally {
      await relay.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
