import { describe, expect, it } from 'vitest';
import { parsePaperRef } from '../../src/shared/api/io';
import {
  arxivAbsUrl,
  arxivPdfUrl,
  canonicalArxivId,
  hfPaperUrl,
  isArxivId,
  isPlausibleArxivId,
  parseArxivId,
  readArxivRef,
} from '../../src/shared/arxiv-id';
import { hasArxivPdf } from '../../src/shared/pdf';
import { arxivIdFromText } from '../../src/shared/search-query';
import { parseFeedItem } from '../../src/main/library/feed-paper';
import { pdfUrlFor } from '../../src/main/pdf/config';

/**
 * One table for every way an id reaches the app. `key` is the library's key
 * (null: not an arXiv id at all); `version` the version named; `plausible`
 * whether add-by-id and imports accept it (they check the month and digits).
 */
const ROWS: Array<{ input: string; key: string | null; version?: number; plausible?: false }> = [
  { input: '2509.04664', key: '2509.04664' },
  { input: ' 2509.04664v2 ', key: '2509.04664', version: 2 },
  { input: 'arXiv:2509.04664', key: '2509.04664' },
  { input: 'arxiv: 2509.04664v3', key: '2509.04664', version: 3 },
  { input: '0704.0001', key: '0704.0001' },
  { input: 'https://arxiv.org/abs/2509.04664', key: '2509.04664' },
  { input: 'https://arxiv.org/abs/2509.04664v2', key: '2509.04664', version: 2 },
  { input: 'http://arxiv.org/pdf/2509.04664', key: '2509.04664' },
  { input: 'https://arxiv.org/pdf/2509.04664v2.pdf', key: '2509.04664', version: 2 },
  { input: 'arxiv.org/abs/2509.04664?context=cs', key: '2509.04664' },
  { input: 'https://www.arxiv.org/abs/2509.04664/', key: '2509.04664' },
  { input: 'https://export.arxiv.org/abs/2509.04664', key: '2509.04664' },
  { input: 'https://huggingface.co/papers/2509.04664', key: '2509.04664' },
  { input: 'huggingface.co/papers/2509.04664#community', key: '2509.04664' },
  { input: 'hep-th/9901001', key: 'hep-th/9901001' },
  { input: 'hep-th/9901001v2', key: 'hep-th/9901001', version: 2 },
  // The subject class is not part of the id: one key for both spellings.
  { input: 'math.GT/0309136', key: 'math/0309136' },
  { input: 'math/0309136', key: 'math/0309136' },
  { input: 'HEP-TH/9901001', key: 'hep-th/9901001' },
  { input: 'https://arxiv.org/abs/hep-th/9901001v1', key: 'hep-th/9901001', version: 1 },
  { input: 'https://arxiv.org/pdf/cond-mat/0011267.pdf', key: 'cond-mat/0011267' },
  // Shaped like ids, but no such month or the wrong number of digits.
  { input: '2513.04664', key: '2513.04664', plausible: false },
  { input: '2509.0466', key: '2509.0466', plausible: false },
  { input: '1412.04664', key: '1412.04664', plausible: false },
  { input: '', key: null },
  { input: '2509', key: null },
  { input: 'hello world', key: null },
  { input: '10.1145/123', key: null },
  { input: 'local:smith2020', key: null },
  { input: '../../etc/passwd', key: null },
  { input: 'https://example.com/abs/2509.04664', key: null },
  { input: 'https://arxiv.org/list/cs.LG/recent', key: null },
  { input: 'https://huggingface.co/models/2509.04664', key: null },
  { input: 'ftp://arxiv.org/abs/2509.04664', key: null },
  { input: 'javascript:alert(1)', key: null },
];

describe('arXiv ids: one key from every door', () => {
  it.each(ROWS)('$input', ({ input, key, version = null, plausible = true }) => {
    // What people paste (add-by-id, id lists, BibTeX): strict.
    expect(parsePaperRef(input)).toEqual(key && plausible ? { id: key, version } : null);
    // The search box: the same key, leniently (ids are matched as stored).
    expect(arxivIdFromText(input)).toBe(key);
    expect(readArxivRef(input, { strict: false })).toEqual(key ? { id: key, version } : null);
    if (key) {
      expect(isArxivId(key)).toBe(true);
      expect(hasArxivPdf(key)).toBe(true);
      expect(isPlausibleArxivId(key)).toBe(plausible);
      expect(canonicalArxivId(key)).toBe(key);
    }
  });

  it.each(ROWS.filter((row) => row.key && !/[:/]{2}|^arxiv:|\.org|\.co/i.test(row.input)))(
    'the feed stores $input as its key',
    ({ input, key, version = null }) => {
      expect(parseArxivId(input)).toEqual({ id: key, version });
      const item = parseFeedItem({ paper: { id: input, title: 'A title' } });
      expect(item.ok && item.paper.id).toBe(key);
    },
  );

  it('only keys have a PDF on arXiv; versions and subject classes are not keys', () => {
    for (const id of ['2509.04664v2', 'math.GT/0309136', ' 2509.04664', 'arXiv:2509.04664']) {
      expect(isArxivId(id)).toBe(false);
      expect(hasArxivPdf(id)).toBe(false);
    }
  });

  it('builds the links of a key', () => {
    expect(arxivAbsUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(arxivPdfUrl('2509.04664')).toBe('https://arxiv.org/pdf/2509.04664');
    expect(arxivPdfUrl('2509.04664', 'http://127.0.0.1:9/pdf/')).toBe(
      'http://127.0.0.1:9/pdf/2509.04664',
    );
    expect(pdfUrlFor('https://arxiv.org/pdf', '2509.04664')).toBe(arxivPdfUrl('2509.04664'));
    expect(hfPaperUrl('2509.04664')).toBe('https://huggingface.co/papers/2509.04664');
  });
});
