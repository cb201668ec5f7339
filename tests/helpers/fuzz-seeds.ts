import fs from 'node:fs';
import path from 'node:path';

/**
 * Which seeds the property and fuzz tests use, so a run is reproducible:
 *
 * - `npm test`: the fixed `defaultSeed` of tests/safety/fuzz-seeds.json, plus
 *   every seed listed there for the test that once made it fail (a regression
 *   list: a bug found by chance is checked on every run from then on).
 * - `PAPERSHELF_FUZZ_SEED=N` (or the crash tests' `PAPERSHELF_CRASH_SEED=N`):
 *   that seed alone, to replay a failure.
 * - `PAPERSHELF_FUZZ_SEEDS=a,b,c`: those seeds (what `npm run fuzz` sets).
 *
 * A failing seed is added to `failedSeeds` as
 * `{ "test": "hostile-input", "seed": 149611709, "why": "..." }`, where `test`
 * is the test file's name without `.test.ts`.
 */
export const SEEDS_FILE = path.resolve(__dirname, '../safety/fuzz-seeds.json');

interface SeedsFile {
  defaultSeed: number;
  failedSeeds: Array<{ test: string; seed: number; why?: string }>;
}

export function readSeedsFile(): SeedsFile {
  return JSON.parse(fs.readFileSync(SEEDS_FILE, 'utf8')) as SeedsFile;
}

function parseSeed(text: string): number {
  const seed = Number(text.trim());
  if (!Number.isInteger(seed)) throw new Error(`Not a seed: “${text}” (a whole number)`);
  return seed;
}

/** The seeds `test` (its file name without `.test.ts`) runs with now. */
export function fuzzSeeds(test: string, env: NodeJS.ProcessEnv = process.env): number[] {
  const list = env.PAPERSHELF_FUZZ_SEEDS?.trim();
  if (list) return list.split(',').map(parseSeed);
  const one =
    (test.startsWith('crash-') ? env.PAPERSHELF_CRASH_SEED : undefined)?.trim() ||
    env.PAPERSHELF_FUZZ_SEED?.trim();
  if (one) return [parseSeed(one)];
  const file = readSeedsFile();
  const failed = file.failedSeeds.filter((s) => s.test === test).map((s) => s.seed);
  return [...new Set([file.defaultSeed, ...failed])];
}
