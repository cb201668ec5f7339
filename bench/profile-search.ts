/**
 * Where a warm search spends its time: builds (or reuses) a generated library,
 * opens the stored index as the service does, and prints each query's best time.
 * Not a benchmark (bench:search is); a tool for finding the slow queries.
 *   npx tsx bench/profile-search.ts [papers] [dir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../src/main/db/connection';
import { backupOpeningPolicy } from '../src/main/backup/opening-policy';
import { runSearch } from '../src/main/search/query/engine';
import { sqliteSource } from '../src/main/search/freshness/library-source';
import { StoredSearchIndex } from '../src/main/search/freshness/stored-index';
import { LiveSearchIndex } from '../src/main/search/freshness/live-index';
import { generatePapers, writeLibrary } from '../tests/search/generated-library';
import { querySet } from './search-queries';
import { heapMb, round } from './measure';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 50_000);
  const dir = process.argv[3] ?? '/work/prof';
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `library-${size}.sqlite`);
  const isNew = !fs.existsSync(file);
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: file });
  const papers = generatePapers(size, 2025);
  if (isNew) writeLibrary(lib.sqlite, papers);
  const source = sqliteSource(lib.sqlite);
  const useMemory = process.env.PAPERSHELF_SEARCH_INDEX === 'memory';
  const index = useMemory
    ? new LiveSearchIndex(source)
    : new StoredSearchIndex({ libraryPath: file, sqlite: lib.sqlite, source });
  if (!useMemory) await (index as StoredSearchIndex).ready();
  const ids = [papers[size >> 3].paper.id, papers[size >> 1].paper.id, papers[size - 7].paper.id];
  const only = process.env.QUERIES?.split('|');
  const queries = querySet(ids).filter(([, q]) => !only || only.includes(q));
  const ask = (query: string) =>
    runSearch(index.current(), { query, view: 'all', offset: 0, limit: 100 });
  for (const [, q] of queries) ask(q);
  const best = new Map<string, number>();
  const loads = { lists: 0, listMs: 0, docs: 0, docMs: 0 };
  const sizes = new Map<string, number>();
  const callers = new Map<string, number>();
  const base = (
    index.current() as unknown as {
      base: { loadList: (id: number) => unknown; loadDocs: (ids: string[]) => unknown[] } | null;
    }
  ).base;
  if (base && process.env.COUNT_LOADS) {
    const { loadList, loadDocs } = base;
    base.loadList = (id) => {
      const t = performance.now();
      const r = loadList(id);
      loads.lists++;
      loads.listMs += performance.now() - t;
      return r;
    };
    base.loadDocs = (ids) => {
      const t = performance.now();
      const r = loadDocs(ids);
      loads.docs += ids.length;
      const key = `${ids.length}` as const;
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      const stack = new Error()
        .stack!.split('\n')
        .slice(2, 7)
        .map((l) => l.trim().replace(/\(.*\//, '('))
        .join(' < ');
      if (ids.length < 5) callers.set(stack, (callers.get(stack) ?? 0) + 1);
      loads.docMs += performance.now() - t;
      return r;
    };
  }
  const rounds = Number(process.env.ROUNDS ?? 5);
  for (let r = 0; r < rounds; r++) {
    for (const [, q] of queries) {
      const t = performance.now();
      ask(q);
      const ms = performance.now() - t;
      best.set(q, Math.min(ms, best.get(q) ?? Infinity));
    }
  }
  if (process.env.COUNT_LOADS) console.log('loads during the timed rounds', loads, sizes, callers);
  const sorted = [...best].sort((a, b) => b[1] - a[1]);
  for (const [q, ms] of sorted.slice(0, 15))
    console.log(`${round(ms, 2).toString().padStart(7)} ms  ${q}`);
  const times = [...best.values()].sort((a, b) => a - b);
  const held = (index.current() as unknown as { cachedDocs?: Map<number, unknown> }).cachedDocs;
  if (held && typeof gc === 'function') {
    // What the stored index's cache of papers costs: the heap with it, then without it.
    const withDocs = heapMb();
    const count = held.size;
    held.clear();
    console.log(`${count} papers held: ${round(withDocs - heapMb(), 1)} MB of heap`);
  }
  console.log(
    `p50 ${round(times[Math.floor(times.length * 0.5)], 2)} p95 ${round(times[Math.ceil(times.length * 0.95) - 1], 2)}`,
  );
}
void main();
process.on('exit', () => {
  const T = (globalThis as unknown as { T?: Record<string, number[]> }).T ?? {};
  for (const [q, t] of Object.entries(T)
    .sort((a, b) => b[1].reduce((x, y) => x + y) - a[1].reduce((x, y) => x + y))
    .slice(0, 14))
    console.log(t.map((x) => x.toFixed(2).padStart(6)).join(' '), q);
});
