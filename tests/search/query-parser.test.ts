import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToSearchQuery,
  arxivIdFromText,
  formatSearchFilter,
  parseSearchQuery,
  removeFromSearchQuery,
} from '../../src/shared/search-query';

describe('parseSearchQuery', () => {
  it('reads words, phrases and every filter with their positions', () => {
    const q =
      'tag:ml author:"Yann LeCun" status:toread,reading is:starred year:2020..2023 day:2025-11-12 "exact phrase" speculative';
    const parsed = parseSearchQuery(q);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.filters.map((f) => [f.kind, f.values, f.negated])).toEqual([
      ['tag', ['ml'], false],
      ['author', ['Yann LeCun'], false],
      ['status', ['toread', 'reading'], false],
      ['starred', [], false],
      ['year', ['2020..2023'], false],
      ['day', ['2025-11-12'], false],
    ]);
    expect(parsed.terms.map((t) => [t.kind, t.text])).toEqual([
      ['phrase', 'exact phrase'],
      ['word', 'speculative'],
    ]);
    for (const part of [...parsed.filters, ...parsed.terms]) {
      expect(q.slice(part.start, part.end).length).toBeGreaterThan(0);
    }
    expect(q.slice(parsed.filters[1].start, parsed.filters[1].end)).toBe('author:"Yann LeCun"');
  });

  it('negates words, phrases and filters with a leading dash', () => {
    const parsed = parseSearchQuery('pruning -structured -"large models" -tag:todo -is:starred');
    expect(parsed.terms.map((t) => [t.kind, t.text, t.negated])).toEqual([
      ['word', 'pruning', false],
      ['word', 'structured', true],
      ['phrase', 'large models', true],
    ]);
    expect(parsed.filters.map((f) => [f.kind, f.negated])).toEqual([
      ['tag', true],
      ['starred', true],
    ]);
  });

  it('keeps hyphenated words and lone dashes as text', () => {
    const parsed = parseSearchQuery('self-attention - state-of-the-art');
    expect(parsed.terms.map((t) => [t.text, t.negated])).toEqual([
      ['self-attention', false],
      ['-', false],
      ['state-of-the-art', false],
    ]);
  });

  it('recognizes arXiv ids, versions, old-style ids and URLs', () => {
    expect(arxivIdFromText('2509.04664')).toBe('2509.04664');
    expect(arxivIdFromText('2509.04664v3')).toBe('2509.04664');
    expect(arxivIdFromText('arXiv:2509.04664')).toBe('2509.04664');
    expect(arxivIdFromText('https://arxiv.org/abs/2509.04664v2')).toBe('2509.04664');
    expect(arxivIdFromText('arxiv.org/pdf/2509.04664.pdf')).toBe('2509.04664');
    expect(arxivIdFromText('https://huggingface.co/papers/2509.04664')).toBe('2509.04664');
    expect(arxivIdFromText('hep-th/9901001v1')).toBe('hep-th/9901001');
    expect(arxivIdFromText('https://example.com/abs/2509.04664')).toBeNull();
    expect(arxivIdFromText('2509')).toBeNull();
    const parsed = parseSearchQuery('https://arxiv.org/abs/2402.14160v2');
    expect(parsed.lookupId).toBe('2402.14160');
    expect(parseSearchQuery('2402.1').terms[0]).toMatchObject({ kind: 'id', prefix: true });
    expect(parseSearchQuery('2402.14160 decoding').lookupId).toBeNull();
  });

  it('turns unusable parts into warnings, never errors', () => {
    expect(parseSearchQuery('status:maybe').warnings[0]).toMatch(/Unknown status “maybe”/);
    expect(parseSearchQuery('year:20x4').warnings[0]).toMatch(/not a year/);
    expect(parseSearchQuery('day:2025-02-30').warnings[0]).toMatch(/not a day/);
    expect(parseSearchQuery('is:weird').warnings[0]).toMatch(/Unknown “is:weird”/);
    expect(parseSearchQuery('tag:').warnings[0]).toMatch(/needs a value/);
    expect(parseSearchQuery('auther:smith').warnings[0]).toMatch(/did you mean author:/);
    const open = parseSearchQuery('"speculative deco');
    expect(open.warnings[0]).toMatch(/quote is not closed/);
    expect(open.terms[0]).toMatchObject({ kind: 'phrase', text: 'speculative deco' });
    // A colon in ordinary text is just text.
    expect(parseSearchQuery('BERT: pretraining').warnings).toEqual([]);
  });

  it('accepts friendly spellings of statuses and ranges', () => {
    expect(parseSearchQuery('status:to-read').filters[0].values).toEqual(['toread']);
    expect(parseSearchQuery('is:read').filters[0]).toMatchObject({
      kind: 'status',
      values: ['read'],
    });
    expect(parseSearchQuery('is:unstarred').filters[0]).toMatchObject({
      kind: 'starred',
      negated: true,
    });
    expect(parseSearchQuery('year:2024-2020').filters[0].values).toEqual(['2020..2024']);
    expect(parseSearchQuery('year:2021..').filters[0].values).toEqual(['2021..']);
    expect(parseSearchQuery('tag:" ml / pruning "').filters[0].values).toEqual(['ml/pruning']);
  });

  it('never throws, and positions stay inside the query (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: 'grapheme' }),
        fc.constantFrom('', '"', '-', 'tag:', '-"', ' is:', 'year:', '\\', '(('),
        (text, extra) => {
          const q = extra + text + extra;
          const parsed = parseSearchQuery(q);
          for (const part of [...parsed.filters, ...parsed.terms]) {
            expect(part.start).toBeGreaterThanOrEqual(0);
            expect(part.end).toBeLessThanOrEqual(q.length);
            expect(part.start).toBeLessThan(part.end);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses a 10,000-character query in linear time', () => {
    const long = 'word '.repeat(2_000);
    const parsed = parseSearchQuery(long);
    expect(parsed.terms).toHaveLength(2_000);
    expect(parseSearchQuery('"'.repeat(10_000)).warnings.length).toBeLessThanOrEqual(1);
    expect(() => parseSearchQuery('.*+?^${}()|[]\\'.repeat(700))).not.toThrow();
  });
});

describe('search box helpers', () => {
  it('formats filters the parser reads back', () => {
    expect(formatSearchFilter('tag', 'deep learning')).toBe('tag:"deep learning"');
    expect(formatSearchFilter('author', 'Vempala')).toBe('author:Vempala');
    expect(formatSearchFilter('starred')).toBe('is:starred');
    expect(formatSearchFilter('tag', 'ml', true)).toBe('-tag:ml');
    const parsed = parseSearchQuery(formatSearchFilter('author', 'Santosh S. Vempala'));
    expect(parsed.filters[0]).toMatchObject({ kind: 'author', values: ['Santosh S. Vempala'] });
  });

  it('adds a filter once and removes a part by its range', () => {
    const q = addToSearchQuery('pruning', 'tag:ml');
    expect(q).toBe('pruning tag:ml ');
    expect(addToSearchQuery(q, 'tag:ml')).toBe(q);
    const parsed = parseSearchQuery('pruning tag:ml structured');
    const tag = parsed.filters[0];
    expect(removeFromSearchQuery('pruning tag:ml structured', tag.start, tag.end)).toBe(
      'pruning structured',
    );
    expect(removeFromSearchQuery('tag:ml', 0, 6)).toBe('');
  });
});

describe('has:note', () => {
  it('is a note filter, negatable, and formats back', async () => {
    const { parseSearchQuery, formatSearchFilter } = await import('../../src/shared/search-query');
    const parsed = parseSearchQuery('has:note -has:notes pruning');
    expect(parsed.filters.map((f) => [f.kind, f.negated])).toEqual([
      ['note', false],
      ['note', true],
    ]);
    expect(parsed.warnings).toEqual([]);
    expect(parseSearchQuery('has:pdf').warnings).toEqual(['Unknown “has:pdf”: use has:note']);
    expect(formatSearchFilter('note')).toBe('has:note');
    expect(formatSearchFilter('note', '', true)).toBe('-has:note');
  });
});
