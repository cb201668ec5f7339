/**
 * `npm run bench:discovery`: "More like this", "For you" and tag suggestions at
 * 50,000 papers (PAPERSHELF_BENCH_SIZES=10000 for a quicker run).
 *
 * A deterministic generated library (tests/search/generated-library.ts: a quarter
 * tagged, statuses and stars spread as in a used library) is written to a temp
 * SQLite file; a real service opens it (the stored search index is built once,
 * as on first use) and answers through its API, timed per call:
 *   - relatedPapers for 200 papers spread over the library (cold: posting lists
 *     loading from the stored index; then the same 200 again, warm);
 *   - forYou (Inbox, a page of 50), the first call training the models;
 *   - a retrain after a triage change, in the background: its duration, and the
 *     longest the event loop was held meanwhile (what a concurrent search waits);
 *   - tagSuggestions for 50 papers.
 * Memory: heap after a full GC, before and after discovery ran.
 * Baseline in the same run: plain tf-idf over a second copy of the text (regex
 * tokens, every paper's vector in memory) and an exhaustive cosine scan per paper.
 * The `## Discovery` section of docs/benchmarks.md is rewritten; the last stdout
 * line is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupOpeningPolicy } from '../src/main/backup/opening-policy';
import { openLibrary } from '../src/main/db/connection';
import { createService } from '../src/main/service';
import { generatePapers, writeLibrary } from '../tests/search/generated-library';
import { writeBenchmarkSection } from './docs-section';
import { heapMb, round, stats as rawStats, type Stats } from './measure';

const SIZE = Number((process.env.PAPERSHELF_BENCH_SIZES ?? '50000').split(',').at(-1));
const RELATED_QUERIES = 200;
const BASELINE_QUERIES = 30;
const GOAL_RELATED_P95_MS = 30;
const GOAL_RETRAIN_MS = 1_000;

/** Percentiles rounded for the JSON line and the table. */
function stats(samples: number[]): Stats {
  const s = rawStats(samples);
  return { p50: round(s.p50), p95: round(s.p95), max: round(s.max), count: s.count };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

/** The plain way: tokens by regex, tf-idf vectors of every paper in memory, cosine against all. */
function plainBaseline(papers: Array<{ id: string; text: string }>, queries: string[]) {
  const heapBefore = heapMb();
  const t0 = performance.now();
  const vocab = new Map<string, number>();
  const df: number[] = [];
  const docs = papers.map(({ text }) => {
    const counts = new Map<number, number>();
    for (const word of text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []) {
      let id = vocab.get(word);
      if (id === undefined) {
        id = vocab.size;
        vocab.set(word, id);
        df.push(0);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) df[id]++;
    return counts;
  });
  const n = papers.length;
  const vectors = docs.map((counts) => {
    const terms = [...counts.keys()].sort((a, b) => a - b);
    const weights = new Float32Array(terms.length);
    let norm = 0;
    terms.forEach((t, i) => {
      weights[i] = (1 + Math.log(counts.get(t)!)) * Math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5));
      norm += weights[i] ** 2;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    return { terms: Uint32Array.from(terms), weights };
  });
  const buildMs = performance.now() - t0;
  const heapMbUsed = heapMb() - heapBefore;
  const index = new Map(papers.map((p, i) => [p.id, i]));
  const times: number[] = [];
  const dense = new Float32Array(vocab.size);
  for (const id of queries) {
    const t = performance.now();
    const q = vectors[index.get(id)!];
    q.terms.forEach((term, i) => (dense[term] = q.weights[i]));
    const scores = new Float32Array(n);
    for (let d = 0; d < n; d++) {
      const v = vectors[d];
      let s = 0;
      for (let k = 0; k < v.terms.length; k++) s += dense[v.terms[k]] * v.weights[k];
      scores[d] = s;
    }
    q.terms.forEach((term) => (dense[term] = 0));
    const top = [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, 9);
    void top;
    times.push(performance.now() - t);
  }
  return { buildMs: round(buildMs, 0), heapMb: round(heapMbUsed, 1), related: stats(times) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-bench-discovery-'));
  try {
    const file = path.join(dir, 'library.sqlite');
    const papers = generatePapers(SIZE, 2025);
    const lib = await openLibrary({ policy: backupOpeningPolicy, path: file });
    writeLibrary(lib.sqlite, papers);
    await lib.close();
    const ids = papers.map((p) => p.paper.id);
    const spreadIds = (k: number) =>
      Array.from({ length: k }, (_, i) => ids[Math.floor((i * ids.length) / k)]);

    const service = await createService({ path: file, seedSample: false });
    const [, indexMs] = await timed(() => service.api.search({ query: 'model', limit: 1 }));
    const heapBefore = heapMb();

    const queries = spreadIds(RELATED_QUERIES);
    const cold: number[] = [];
    const warm: number[] = [];
    let emptyLists = 0;
    for (const id of queries) {
      const [related, ms] = await timed(() => service.api.relatedPapers({ id, limit: 8 }));
      cold.push(ms);
      if (related.length === 0) emptyLists++;
    }
    for (const id of queries)
      warm.push((await timed(() => service.api.relatedPapers({ id, limit: 8 })))[1]);
    const heapAfterRelated = heapMb();

    const [first, firstForYouMs] = await timed(() =>
      service.api.forYou({ view: 'inbox', limit: 50 }),
    );
    const forYouTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      forYouTimes.push(
        (
          await timed(() => service.api.forYou({ view: 'inbox', offset: (i % 5) * 50, limit: 50 }))
        )[1],
      );
    }

    // A triage change retrains in the background: how long, and how long the loop was held.
    let maxLag = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last);
      last = now;
    }, 1);
    const retrained = new Promise<{ trainMs: number; wallMs: number; longestSliceMs: number }>(
      (resolve) => {
        const started = performance.now();
        const off = service.events.subscribe((event) => {
          if (event.type !== 'discovery-updated') return;
          off();
          resolve({
            trainMs: event.trainMs,
            wallMs: performance.now() - started,
            longestSliceMs: event.longestSliceMs,
          });
        });
      },
    );
    last = performance.now();
    maxLag = 0;
    const cpuBefore = process.cpuUsage();
    await service.api.setStarred({ ids: spreadIds(25), starred: true });
    const retrain = await retrained;
    const cpu = process.cpuUsage(cpuBefore);
    const retrainCpuMs = (cpu.user + cpu.system) / 1000;
    clearInterval(ticker);

    const tagTimes: number[] = [];
    let suggested = 0;
    for (const id of spreadIds(50)) {
      const [tags, ms] = await timed(() => service.api.tagSuggestions({ id }));
      tagTimes.push(ms);
      if (tags.length > 0) suggested++;
    }
    const heapAfter = heapMb();
    await service.close();

    const baseline = plainBaseline(
      papers.map(({ paper }) => ({ id: paper.id, text: `${paper.title} ${paper.abstract}` })),
      spreadIds(BASELINE_QUERIES),
    );

    const result = {
      bench: 'discovery',
      papers: SIZE,
      node: process.version,
      cores: os.cpus().length,
      loadAverage: round(os.loadavg()[0], 1),
      indexBuildMs: round(indexMs, 0),
      related: { cold: stats(cold), warm: stats(warm), emptyLists },
      forYou: {
        firstCallMs: round(firstForYouMs, 0),
        positives: first.positives,
        negatives: first.negatives,
        page: stats(forYouTimes),
      },
      retrain: {
        trainMs: retrain.trainMs,
        wallMs: round(retrain.wallMs, 0),
        cpuMs: round(retrainCpuMs, 0),
        longestTrainingSliceMs: retrain.longestSliceMs,
        longestEventLoopBlockMs: round(maxLag, 1),
      },
      tagSuggestions: { ...stats(tagTimes), papersWithSuggestions: suggested },
      heapMb: {
        indexOnly: round(heapBefore, 1),
        afterRelated: round(heapAfterRelated, 1),
        afterAll: round(heapAfter, 1),
        discovery: round(heapAfter - heapBefore, 1),
      },
      baseline,
      goals: {
        relatedP95Ms: GOAL_RELATED_P95_MS,
        relatedMet: stats(cold).p95 <= GOAL_RELATED_P95_MS,
        retrainMs: GOAL_RETRAIN_MS,
        retrainMet: retrain.trainMs <= GOAL_RETRAIN_MS,
        retrainCpuMet: retrainCpuMs <= GOAL_RETRAIN_MS,
      },
    };
    writeBenchmarkSection(
      '## Discovery',
      [
        '## Discovery',
        '',
        `\`npm run bench:discovery\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
          `${result.cores} cores, load average ${result.loadAverage}. A generated library of ${SIZE.toLocaleString('en-US')} papers ` +
          `(tests/search/generated-library.ts), opened by a real service; its stored search index built first (${result.indexBuildMs} ms).`,
        '',
        '| | p50 | p95 | max |',
        '| --- | --- | --- | --- |',
        `| More like this, 200 papers, cold (lists load from the stored index) | ${result.related.cold.p50} ms | ${result.related.cold.p95} ms | ${result.related.cold.max} ms |`,
        `| More like this, the same 200 again | ${result.related.warm.p50} ms | ${result.related.warm.p95} ms | ${result.related.warm.max} ms |`,
        `| Plain baseline: tf-idf of every paper in memory, exhaustive cosine (${BASELINE_QUERIES} papers) | ${baseline.related.p50} ms | ${baseline.related.p95} ms | ${baseline.related.max} ms |`,
        `| For you, a page of 50 of the Inbox | ${result.forYou.page.p50} ms | ${result.forYou.page.p95} ms | ${result.forYou.page.max} ms |`,
        `| Tag suggestions, 50 papers | ${result.tagSuggestions.p50} ms | ${result.tagSuggestions.p95} ms | ${result.tagSuggestions.max} ms |`,
        '',
        `Retrain after starring 25 papers (background, in slices): ${retrain.trainMs} ms wall, ` +
          `${result.retrain.cpuMs} ms of CPU (the write and the index refresh included) ` +
          `(${result.forYou.positives} positive, ${result.forYou.negatives} negative papers; at most 800 a class are read); ` +
          `training held the event loop at most ${retrain.longestSliceMs} ms at a time (the longest gap of a 1 ms timer meanwhile, ` +
          `the triage write and the index refresh included: ${result.retrain.longestEventLoopBlockMs} ms). ` +
          `First For-you call, training included: ${result.forYou.firstCallMs} ms.`,
        '',
        `Memory (heap after GC): ${result.heapMb.indexOnly} MB with the search index alone, ` +
          `${result.heapMb.afterAll} MB after all of the above (+${result.heapMb.discovery} MB: cached vectors, models, scratch). ` +
          `The plain baseline holds ${baseline.heapMb} MB of vectors and takes ${baseline.buildMs} ms to build them.`,
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
