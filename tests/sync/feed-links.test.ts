import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpUrlOrNull } from '../../src/main/library/feed-paper';

/** What a feed link becomes: the URL parser's own text for http(s), else nothing. */
function reference(value: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Mostly `plain`, sometimes one of `odd`: links near the plain form, and ways to stray from it. */
function mostly(plain: fc.Arbitrary<string>, odd: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: plain },
    { weight: 1, arbitrary: fc.constantFrom(...odd) },
  );
}
const label = mostly(fc.stringMatching(/^[a-z0-9]{1,5}(-[a-z0-9]{1,3})?$/), [
  'xn--a',
  'xn--nxasmq6b',
  'xn--',
  '-a',
  'a-',
  'ab--cd',
  'GitHub',
  'a_b',
  'é',
  '%41',
  '0x7f',
  '',
  '127',
]);
const tld = mostly(fc.constantFrom('com', 'io', 'org', 'dev'), [
  'a',
  '0',
  '1',
  '0x7f',
  'COM',
  'c0m',
  '',
  'xn--p1ai',
]);
const port = mostly(fc.constant(''), [':443', ':80', ':8080', ':', '.', '@x']);
const segment = mostly(fc.stringMatching(/^[\w~.-]{0,8}$/), [
  '.',
  '..',
  '.x',
  '%2e',
  '%2E%2e',
  '%20',
  ' ',
  '\\',
  '?x=1',
  '#f',
  'ü',
  '@',
  '|',
]);
const scheme = mostly(fc.constantFrom('https://', 'http://'), [
  'HTTPS://',
  'ftp://',
  'https:/',
  'https:',
  'javascript:',
  ' https://',
  '',
]);
const link = fc
  .tuple(
    scheme,
    fc.array(label, { minLength: 1, maxLength: 3 }),
    tld,
    port,
    fc.array(segment, { maxLength: 4 }),
    mostly(fc.constant(''), ['/', ' ', '\n', '?', '#']),
  )
  .map(
    ([head, labels, top, tail, segments, end]) =>
      head + [...labels, top].join('.') + tail + segments.map((s) => `/${s}`).join('') + end,
  );

describe('feed links', () => {
  it('come out exactly as the URL parser writes them, or as null', () => {
    fc.assert(
      fc.property(fc.oneof(link, fc.string()), (value) => {
        expect(httpUrlOrNull(value)).toBe(reference(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('keep plain links as they are and tidy or refuse the rest', () => {
    const plain = [
      'https://github.com/someone/repo-12',
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2509.04664.png',
      'https://lab-7.github.io/',
      'http://example.org/a//b/c.d~e_f',
    ];
    for (const url of plain) expect(httpUrlOrNull(url)).toBe(url);
    expect(httpUrlOrNull('https://GitHub.com/x')).toBe('https://github.com/x');
    expect(httpUrlOrNull('https://example.com')).toBe('https://example.com/');
    expect(httpUrlOrNull('https://example.com:443/a/./b/../c')).toBe('https://example.com/a/c');
    expect(httpUrlOrNull('https://0x7f.1/x')).toBe('https://127.0.0.1/x');
    expect(httpUrlOrNull('  https://example.com/x ')).toBe('https://example.com/x');
    expect(httpUrlOrNull('javascript:alert(1)')).toBeNull();
    expect(httpUrlOrNull('not a url')).toBeNull();
    expect(httpUrlOrNull('')).toBeNull();
    expect(httpUrlOrNull(null)).toBeNull();
  });
});
