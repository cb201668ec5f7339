import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Arbitraries for hostile input: what a compromised renderer, a malicious web
 * page in browser mode or a buggy script could send to a service method.
 */

/** Text that has broken real systems: markup, scripts, odd schemes, paths, control and bidi characters. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  '\u0000\u0001\u001f\u007f',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '[x](javascript:alert(1))',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  '\\\\server\\share\\library.sqlite',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '/etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  "'; drop table papers; --",
  '" or 1=1 --',
  '%00',
  '%s%s%s%n',
  '${7*7}{{7*7}}',
  '\u202eevil\u202c',
  '\ud800',
  'Z̴̢͎͐a̸͉̿l̷̛̮g̵̪͝o̷̯͌',
  '🦄🦄🦄',
  'NaN',
  '-1',
  'null',
  'undefined',
  'http://127.0.0.1:9/',
  'https://127.0.0.1:9/api',
  'http://user:pass@127.0.0.1:9/',
  // Plausible values, so that validation passes and the handler itself runs.
  '2509.04664',
  '2412.11605',
  'hep-th/9901001',
  'arxiv.org/abs/2412.11605',
  'https://arxiv.org/abs/2412.11605v2',
  '2025-11-10',
  '2025-02-30',
  '#ff0000',
  'pruning',
  'ml/llm',
  'A/B',
  'inbox',
  'toread',
  'all',
  'starred',
  'bibtex',
  'json',
  'markdown',
  'library.bib',
  'library-20251110-120000-daily.sqlite',
  '.sqlite',
];

const nastyString = fc.constantFrom(...NASTY_STRINGS);

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: nastyString, weight: 6 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  // Huge: past every length limit (notes stop at 1,000,000 characters).
  {
    arbitrary: fc
      .tuple(nastyString, fc.integer({ min: 1, max: 2_100_000 }))
      .map(([s, n]) => (s === '' ? 'x' : s).repeat(Math.ceil(n / Math.max(1, s.length)))),
    weight: 1,
  },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    -0,
    1,
    2,
    0.5,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 53),
    1e308,
  ),
  fc.integer(),
  fc.integer({ min: 1, max: 50 }),
  fc.double(),
);

/** Keys a hostile object may carry. */
function keyArbitrary(knownKeys: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(knownKeys.length > 0 ? knownKeys : ['id'])), weight: 6 },
    { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype'), weight: 2 },
    { arbitrary: fc.string({ maxLength: 10 }), weight: 1 },
  );
}

/**
 * Objects are built with Object.fromEntries, as JSON.parse and structured
 * clone build them: `__proto__` becomes an own key, not a prototype.
 */
export function hostileValue(knownKeys: string[]): fc.Arbitrary<unknown> {
  const key = keyArbitrary(knownKeys);
  const { value } = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: hostileString, weight: 5 },
      { arbitrary: hostileNumber, weight: 3 },
      { arbitrary: fc.boolean(), weight: 1 },
      { arbitrary: fc.constantFrom(null, undefined), weight: 1 },
      { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 2 },
      { arbitrary: tie('object'), weight: 2 },
    ),
    object: fc
      .array(fc.tuple(key, tie('value')), { maxLength: 5 })
      .map((entries) => Object.fromEntries(entries)),
  }));
  return value;
}

/** The keys a method's input object knows (through defaults, refinements and pipes). */
export function schemaKeys(schema: z.ZodType): string[] {
  let current: unknown = schema;
  for (let depth = 0; depth < 10 && current; depth += 1) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (def.type === 'object') return Object.keys(def.shape as object);
    current = def.innerType ?? def.in ?? null;
  }
  return [];
}

/** A JSON Schema node, as `z.toJSONSchema` writes them (only what the contract uses). */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Values the library really holds, so valid input reaches deep into the handlers. */
export interface Pools {
  paperIds: string[];
  /** Placeholder replaced at call time by the newest backup's name (see {@link NEWEST_BACKUP}). */
  backupNames: string[];
}

/** Stands for "the newest backup" in generated input; the test swaps in the real name. */
export const NEWEST_BACKUP = '\u0000newest-backup\u0000';

/** URLs that refuse connections at once: valid input never reaches a real host. */
export const UNREACHABLE_URLS = [
  'http://127.0.0.1:9',
  'https://127.0.0.1:9/api',
  'http://localhost:9/x?y=<z>',
];

function fits(value: string, schema: JsonSchema): boolean {
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return false;
  return true;
}

function stringArbitrary(schema: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  if (schema.format === 'uri') return fc.constantFrom(...UNREACHABLE_URLS);
  const choices: Array<{ arbitrary: fc.Arbitrary<string>; weight: number }> = [];
  const known = [...pools.paperIds, ...pools.backupNames, ...NASTY_STRINGS].filter((v) =>
    v === NEWEST_BACKUP ? schema.pattern?.includes('sqlite') === true : fits(v, schema),
  );
  if (known.length > 0) choices.push({ arbitrary: fc.constantFrom(...known), weight: 6 });
  if (schema.pattern) {
    const matching = stringsMatching(schema);
    if (matching) choices.push({ arbitrary: matching, weight: 2 });
  } else {
    const max = Math.min(schema.maxLength ?? 2_000_000, 2_000_000);
    choices.push({ arbitrary: fc.string({ maxLength: Math.min(40, max) }), weight: 2 });
    // Long but allowed (a 1 MB note, a 20,000-character query).
    choices.push({
      arbitrary: fc
        .tuple(nastyString, fc.integer({ min: Math.floor(max / 2), max }))
        .map(([t, n]) => (t || 'x').repeat(Math.ceil(n / Math.max(1, t.length))).slice(0, max)),
      weight: 1,
    });
  }
  return fc.oneof(...choices);
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min =
    schema.exclusiveMinimum !== undefined
      ? schema.exclusiveMinimum + 1
      : (schema.minimum ?? -1_000);
  const max = Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  const small = fc.integer({
    min: Math.max(min, Math.ceil(min)),
    max: Math.min(max, Math.max(min, 0) + 30),
  });
  const any =
    schema.type === 'integer'
      ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
      : fc.double({ min, max, noNaN: true });
  return fc.oneof({ arbitrary: small, weight: 3 }, { arbitrary: any, weight: 1 });
}

/** Random strings matching the pattern, when fast-check can generate them (it has no lookahead). */
function stringsMatching(schema: JsonSchema): fc.Arbitrary<string> | null {
  try {
    return fc
      .stringMatching(new RegExp(schema.pattern as string, 'u'))
      .filter((v) => fits(v, schema));
  } catch {
    return null;
  }
}

/** Values from the pools that a string schema accepts. */
function knownFitting(schema: JsonSchema, pools: Pools): string[] {
  if (schema.type !== 'string' || schema.format === 'uri') return [];
  return [...pools.paperIds, ...NASTY_STRINGS].filter((v) => fits(v, schema));
}

/** Input the schema accepts (mostly), made of hostile-but-valid values. */
export function validArbitrary(schema: JsonSchema, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => validArbitrary(b, pools, depth + 1)));
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, pools);
    case 'number':
    case 'integer':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? validArbitrary(schema.items, pools, depth + 1) : fc.anything();
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 5, minLength + 5);
      const random = fc.array(items, { minLength, maxLength });
      // Lists of real ids, so bulk actions find every paper and really run.
      const known = schema.items
        ? knownFitting(schema.items, pools).filter((v) => pools.paperIds.includes(v))
        : [];
      if (known.length < Math.max(1, minLength)) return random;
      return fc.oneof(
        {
          arbitrary: fc.subarray(known, {
            minLength: Math.max(1, minLength),
            maxLength: Math.max(maxLength, 1),
          }),
          weight: 2,
        },
        { arbitrary: random, weight: 1 },
      );
    }
    case 'object': {
      const required = new Set(schema.required ?? []);
      const parts = Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const value = validArbitrary(child, pools, depth + 1);
        return required.has(key)
          ? value.map((v): Array<[string, unknown]> => [[key, v]])
          : fc
              .option(value, { nil: undefined, freq: 3 })
              .map((v): Array<[string, unknown]> => (v === undefined ? [] : [[key, v]]));
      });
      return fc.tuple(...parts).map((chunks) => Object.fromEntries(chunks.flat()));
    }
    default:
      return hostileValue([]);
  }
}

/**
 * Input for one method: mostly what its schema accepts, built from hostile but
 * valid values (markup in tag names, 1 MB notes, real paper ids...), so the
 * handlers themselves run; some of it with one field made hostile or an extra
 * key (`__proto__`...); some of it anything at all.
 */
export function hostileInput(
  schema: z.ZodType,
  jsonSchema: JsonSchema,
  pools: Pools,
): fc.Arbitrary<unknown> {
  const keys = schemaKeys(schema);
  const valid = validArbitrary(jsonSchema, pools);
  const field = fc.tuple(keyArbitrary(keys), hostileValue(keys));
  const mutated = fc
    .tuple(valid, field)
    .map(([input, [key, value]]) =>
      input !== null && typeof input === 'object'
        ? Object.fromEntries([...Object.entries(input), [key, value]])
        : input,
    );
  const shaped = fc
    .array(fc.tuple(keyArbitrary(keys), hostileValue(keys)), { maxLength: keys.length + 2 })
    .map((entries) => Object.fromEntries(entries));
  return fc.oneof(
    { arbitrary: valid, weight: 6 },
    { arbitrary: mutated, weight: 2 },
    { arbitrary: shaped, weight: 1 },
    { arbitrary: hostileValue(keys), weight: 1 },
  );
}
