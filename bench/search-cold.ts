/**
 * One cold start, for `npm run bench:search`: a fresh process opens the library
 * the way `papershelf serve` does (createService) and answers one search. Prints
 * one JSON line: how long the first search took (index build included), and the
 * process's resident memory before opening and after searching.
 *
 * Usage: tsx bench/search-cold.ts LIBRARY QUERY
 */
import { createService } from '../src/main/service';

async function main(): Promise<void> {
  const [file, query] = process.argv.slice(2);
  if (!file || query === undefined) throw new Error('usage: search-cold.ts LIBRARY QUERY');
  const rssBeforeMb = process.memoryUsage().rss / 1e6;
  const service = await createService({ path: file, seedSample: false });
  try {
    const t = performance.now();
    const found = await service.api.search({ query, limit: 100 });
    const firstSearchMs = performance.now() - t;
    const rssMb = process.memoryUsage().rss / 1e6;
    console.log(JSON.stringify({ firstSearchMs, rssBeforeMb, rssMb, total: found.total }));
  } finally {
    await service.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
