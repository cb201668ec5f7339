import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_METHODS, apiInputSchemas } from '../../src/shared/api';
import { ERROR_CODES } from '../../src/shared/errors';
import type { Service } from '../../src/main/service';
import { createIngester } from '../../src/main/library/ingest-repo';
import { parseFeedItem } from '../../src/main/library/feed-paper';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import { FIXTURES, tempService } from '../helpers/library';
import {
  hostileInput,
  hostileValue,
  NEWEST_BACKUP,
  type JsonSchema,
  type Pools,
} from './helpers/hostile';
import { integrityProblems } from './helpers/verify';

/**
 * Every service method, called through `dispatch` (what IPC and HTTP call)
 * with random and hostile input: wrong types, huge strings, markup, odd
 * schemes, prototype-pollution keys, NaN, negative numbers, unicode. Only
 * data comes back (an ok result, or an error with a known code and a message),
 * never a throw; nothing is polluted; the library stays sound.
 *
 * Methods that reach the network are not skipped: the service gets base URLs
 * that refuse connections at once (127.0.0.1 port 9, the discard port) through
 * the same environment variables users set, so sync, add-by-id and PDF
 * downloads run their real code and fail fast as `network`/offline. Inputs
 * that carry their own URL only ever name those addresses too.
 */
// Fixed seeds, the ones that once failed included (tests/safety/fuzz-seeds.json);
// PAPERSHELF_FUZZ_SEED=N replays one, `npm run fuzz` explores new ones.
const SEEDS = fuzzSeeds('hostile-input');
const RUNS_PER_METHOD = Number(process.env.PAPERSHELF_FUZZ_RUNS ?? 25);
const UNREACHABLE = 'http://127.0.0.1:9';

let service: Service;
let file: string;
let cleanup: () => Promise<void>;
let pools: Pools;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const unexpected: unknown[][] = [];
const originalConsoleError = console.error;

beforeAll(async () => {
  ({ service, file, cleanup } = await tempService({
    env: {
      ...process.env,
      PAPERSHELF_FEED_URL: UNREACHABLE,
      PAPERSHELF_ARXIV_URL: UNREACHABLE,
      PAPERSHELF_PDF_URL: UNREACHABLE,
      PAPERSHELF_PDF_INTERVAL_MS: '0',
    },
  }));
  // Feed papers besides the sample, so papers remain after a fuzzed removeSample.
  const ingester = createIngester(service.lib.sqlite);
  const paperIds: string[] = [];
  for (const day of ['2025-11-12', '2025-11-13']) {
    const items = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, 'hf', 'daily_papers', `${day}.json`), 'utf8'),
    ) as unknown[];
    const papers = items.flatMap((item) => {
      const parsed = parseFeedItem(item);
      return parsed.ok ? [parsed.paper] : [];
    });
    ingester.ingestDay(
      { day, papers, skipped: 0 },
      { source: 'feed', markSynced: true, now: new Date().toISOString() },
    );
    paperIds.push(...papers.slice(0, 6).map((p) => p.id));
  }
  pools = { paperIds, backupNames: [NEWEST_BACKUP] };
  // The service logs what it did not expect ("unexpected error") before
  // turning it into `internal`: collect those, they are bugs.
  console.error = (...args: unknown[]) => {
    unexpected.push(args);
  };
});

afterAll(async () => {
  console.error = originalConsoleError;
  await cleanup();
});

function checkResult(method: string, input: unknown, result: unknown): void {
  const where = `${method}(${safeShow(input)})`;
  expect(result, where).toBeTypeOf('object');
  expect(result, where).not.toBeNull();
  const r = result as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown } };
  expect(typeof r.ok, where).toBe('boolean');
  // It must be able to cross the doors: IPC (structured clone) and HTTP (JSON).
  expect(() => JSON.stringify(r), where).not.toThrow();
  expect(() => structuredClone(r), where).not.toThrow();
  if (r.ok) return;
  expect(ERROR_CODES, where).toContain(r.error?.code);
  expect(typeof r.error?.message, where).toBe('string');
  expect((r.error?.message as string).length, where).toBeGreaterThan(0);
  // Messages are for people: no stack traces.
  expect(r.error?.message as string, where).not.toMatch(/\n\s+at /);
}

function jsonSchemaOf(method: (typeof API_METHODS)[number]): JsonSchema {
  return z.toJSONSchema(apiInputSchemas[method], {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
}

/** Swap the placeholder for the newest backup's real name, so restores really happen. */
async function withRealBackupName(input: unknown): Promise<unknown> {
  if (!JSON.stringify(input ?? null)?.includes('newest-backup')) return input;
  const list = await service.api.listBackups({});
  const name = list.backups[0]?.file ?? 'library-20251110-120000-daily.sqlite';
  const swap = (value: unknown): unknown =>
    value === NEWEST_BACKUP
      ? name
      : Array.isArray(value)
        ? value.map(swap)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]))
          : value;
  return swap(input);
}

function safeShow(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    );
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

describe.each(SEEDS)('every service method under hostile input (seed %i)', (SEED) => {
  it.each(API_METHODS)('%s answers with data, never a throw', async (method) => {
    await fc.assert(
      fc.asyncProperty(
        hostileInput(apiInputSchemas[method], jsonSchemaOf(method), pools),
        async (generated) => {
          const input = await withRealBackupName(generated);
          let result: unknown;
          try {
            result = await service.dispatch(method, input);
          } catch (error) {
            throw new Error(`${method} threw instead of answering: ${String(error)}`);
          }
          checkResult(method, input, result);
        },
      ),
      { seed: SEED, numRuns: RUNS_PER_METHOD, endOnFailure: true },
    );
  });

  it('rejects unknown and prototype method names as not_found', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', ''),
          fc.string({ maxLength: 100 }),
        ),
        hostileValue([]),
        async (method, input) => {
          fc.pre(!API_METHODS.includes(method as (typeof API_METHODS)[number]));
          const result = await service.dispatch(method, input);
          expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('left no unexpected errors, no prototype pollution, and a sound library', async () => {
    // Background work started by the calls (a sync against the unreachable feed) settles first.
    await service.dispatch('cancelSync', {});
    expect(unexpected.map((args) => args.map(String).join(' '))).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(integrityProblems(file)).toEqual([]);
    const info = await service.dispatch('getLibraryInfo', {});
    expect(info.ok).toBe(true);
  });
});
