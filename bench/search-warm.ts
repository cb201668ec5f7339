/**
 * Warm searches as the app runs them, for `npm run bench:search`: a fresh process
 * opens the library the way `papershelf serve` does (createService, the stored
 * index) and answers the fixed query set through the service, one warm-up round
 * and then ROUNDS rounds. Nothing else lives in this process (the benchmark's own
 * in-memory index and generated papers would cost its garbage collector time).
 * Prints one JSON line: each query's best time and the resident memory after.
 *
 * Usage: tsx bench/search-warm.ts LIBRARY ROUNDS QUERIES_JSON
 */
import { createService } from '../src/main/service';

async function main(): Promise<void> {
  const [file, roundsText, queriesJson] = process.argv.slice(2);
  if (!file || !roundsText || !queriesJson)
    throw new Error('usage: search-warm.ts LIBRARY ROUNDS QUERIES_JSON');
  const queries = JSON.parse(queriesJson) as string[];
  const rounds = Number(roundsText);
  const service = await createService({ path: file, seedSample: false });
  try {
    const ask = (query: string) => service.api.search({ query, limit: 100 });
    for (const q of queries) await ask(q);
    const best: Record<string, number> = {};
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const t = performance.now();
        await ask(q);
        const ms = performance.now() - t;
        best[q] = Math.min(ms, best[q] ?? Infinity);
      }
    }
    console.log(JSON.stringify({ best, rssMb: process.memoryUsage().rss / 1e6 }));
  } finally {
    await service.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
