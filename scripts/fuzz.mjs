#!/usr/bin/env node
/**
 * `npm run fuzz [-- SECONDS]`: run the property and fuzz tests with random
 * seeds, batch after batch, for a bounded time (default 300 s, or
 * $PAPERSHELF_FUZZ_SECONDS), and print every seed that fails together with the
 * line to add to tests/safety/fuzz-seeds.json, so `npm test` checks it from then on.
 * `npm test` itself never draws a random seed (tests/helpers/fuzz-seeds.ts).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The property tests (fast-check) and the fuzzing of every service method. */
const FILES = [
  'tests/safety/hostile-input.test.ts',
  'tests/unit/authors-json.test.ts',
  'tests/search/query-parser.test.ts',
];
const SEEDS_PER_BATCH = 4;

const seconds = Number(process.argv[2] ?? process.env.PAPERSHELF_FUZZ_SECONDS ?? 300);
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('usage: npm run fuzz [-- SECONDS]   (a positive number of seconds)');
  process.exit(2);
}
const deadline = Date.now() + seconds * 1000;
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-fuzz-')), 'report.json');
const failures = new Map(); // seed -> Set of test names
let tried = 0;

const randomSeed = () => crypto.randomInt(1, 2 ** 31 - 1);
/** The test file's name as fuzz-seeds.json names it: `hostile-input`. */
const testName = (file) => path.basename(file).replace(/\.test\.ts$/, '');

console.log(`Fuzzing ${FILES.length} test files with random seeds for ${seconds} s…`);
while (Date.now() < deadline) {
  const seeds = Array.from({ length: SEEDS_PER_BATCH }, randomSeed);
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      ...FILES,
      '--reporter=json',
      `--outputFile=${report}`,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PAPERSHELF_FUZZ_SEEDS: seeds.join(',') },
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  tried += seeds.length;
  if (run.status === 0) {
    console.log(`  seeds ${seeds.join(', ')}: passed`);
    continue;
  }
  let results;
  try {
    results = JSON.parse(fs.readFileSync(report, 'utf8')).testResults;
  } catch {
    console.error(`vitest failed to run (exit ${run.status}):\n${run.stderr}`);
    process.exit(2);
  }
  for (const file of results) {
    for (const test of file.assertionResults.filter((t) => t.status === 'failed')) {
      // Titles carry "(seed N)"; a test without one ran with the batch's first seed.
      const seed = Number(/\(seed (-?\d+)\)/.exec(test.fullName)?.[1] ?? seeds[0]);
      const names = failures.get(seed) ?? new Set();
      names.add(testName(file.name));
      failures.set(seed, names);
      console.log(`  seed ${seed} FAILED: ${test.fullName}`);
    }
  }
}

console.log(`Tried ${tried} seeds.`);
if (failures.size === 0) {
  console.log('No failing seed found.');
  process.exit(0);
}
console.log('\nFailing seeds. Add each to "failedSeeds" in tests/safety/fuzz-seeds.json:');
for (const [seed, names] of failures) {
  for (const test of names) console.log(`  ${JSON.stringify({ test, seed, why: 'TODO' })},`);
}
console.log('Replay one: PAPERSHELF_FUZZ_SEED=<seed> npx vitest run <test file>');
process.exit(1);
