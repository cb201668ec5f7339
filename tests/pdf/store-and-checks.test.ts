import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasArxivPdf } from '../../src/shared/api/pdf';
import { cachedPdfIds } from '../../src/main/pdf';
import { pdfUrlFor, resolvePdfConfig } from '../../src/main/pdf/config';
import {
  hasEofMarker,
  hasPdfHeader,
  isWebPage,
  parseContentLength,
  parseContentRange,
  parseRetryAfter,
  resumeValidator,
} from '../../src/main/pdf/http-checks';
import { PdfStore } from '../../src/main/pdf/store';
import { tempDir } from '../helpers/library';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function store() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const library = path.join(dir, 'library.sqlite');
  return { store: new PdfStore(library), library, dir };
}

describe('the pdfs folder', () => {
  it('names files reversibly and safely, old-style ids included', () => {
    const { store: s, library, dir } = store();
    for (const id of ['2509.04664', 'hep-th/9901001']) {
      fs.mkdirSync(path.dirname(s.keptPath(id)), { recursive: true });
      fs.writeFileSync(s.keptPath(id), '%PDF-1.4\n%%EOF\n');
    }
    expect(path.basename(s.keptPath('hep-th/9901001'))).toBe('hep-th%2F9901001.pdf');
    expect(path.dirname(s.keptPath('hep-th/9901001'))).toBe(path.join(dir, 'pdfs'));
    // Files that are not ours are ignored.
    fs.writeFileSync(path.join(dir, 'pdfs', 'notes.txt'), 'x');
    fs.writeFileSync(path.join(dir, 'pdfs', '%E0%A4%A.pdf'), 'x');
    fs.writeFileSync(path.join(dir, 'pdfs', 'a%2fb.pdf'), 'x'); // not how we would write it
    expect(s.listKept()).toEqual(['2509.04664', 'hep-th/9901001']);
    expect(cachedPdfIds(library)).toEqual(new Set(['2509.04664', 'hep-th/9901001']));
  });

  it('loses only reading positions when their file is damaged', () => {
    const { store: s, dir } = store();
    s.setLastPage('2509.04664', 5, '2025-11-12T00:00:00Z');
    expect(s.lastPage('2509.04664')).toBe(5);
    fs.writeFileSync(path.join(dir, 'pdfs', 'reading-positions.json'), '{not json');
    expect(s.lastPage('2509.04664')).toBeNull();
    fs.writeFileSync(
      path.join(dir, 'pdfs', 'reading-positions.json'),
      JSON.stringify({ a: { page: -1 }, b: { page: 'x' }, c: { page: 3 } }),
    );
    expect([...s.lastPages(['a', 'b', 'c'])]).toEqual([['c', 3]]);
  });

  it('drops stale partial downloads and "read online" files of ended processes', () => {
    const { store: s, dir } = store();
    const { part, meta } = s.partPaths('2509.04664');
    fs.mkdirSync(path.dirname(part), { recursive: true });
    fs.writeFileSync(part, 'x');
    fs.writeFileSync(meta, '{}');
    const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    fs.utimesSync(part, old, old);
    const deadReading = path.join(dir, 'pdfs', '.reading', '999999999');
    fs.mkdirSync(deadReading, { recursive: true });
    fs.writeFileSync(path.join(deadReading, '1.pdf'), 'x');
    s.tidy(Date.now(), 14 * 24 * 3600 * 1000);
    expect(fs.existsSync(part)).toBe(false);
    expect(fs.existsSync(meta)).toBe(true); // recent: kept
    expect(fs.existsSync(deadReading)).toBe(false);
  });
});

describe('checks on what a PDF server answers', () => {
  it('recognizes a PDF by its header, within the first KB only', () => {
    expect(hasPdfHeader(Buffer.from('%PDF-1.7\n...'))).toBe(true);
    expect(hasPdfHeader(Buffer.from(`${' '.repeat(100)}%PDF-1.4`))).toBe(true);
    expect(hasPdfHeader(Buffer.from(`${' '.repeat(1100)}%PDF-1.4`))).toBe(false);
    expect(hasPdfHeader(Buffer.from('<!doctype html><title>%PDF</title>'))).toBe(false);
    expect(hasPdfHeader(Buffer.alloc(0))).toBe(false);
    expect(hasEofMarker(Buffer.from('...trailer\n%%EOF\n'))).toBe(true);
    expect(hasEofMarker(Buffer.from('...cut short'))).toBe(false);
  });

  it('reads ranges, lengths and waits defensively', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({
      kind: 'range',
      start: 100,
      end: 199,
      total: 1000,
    });
    expect(parseContentRange('bytes 0-9/*')).toMatchObject({ total: null });
    expect(parseContentRange('bytes */1000')).toEqual({ kind: 'unsatisfied', total: 1000 });
    for (const bad of [null, '', 'bytes 9-0/10', 'bytes 0-10/10', 'items 0-1/2', 'bytes -1-2/3']) {
      expect(parseContentRange(bad)).toBeNull();
    }
    expect(parseContentLength('42')).toBe(42);
    expect(parseContentLength('-1')).toBeNull();
    expect(parseContentLength('1e9')).toBeNull();
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')),
    ).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(isWebPage('text/html; charset=utf-8')).toBe(true);
    expect(isWebPage('application/pdf')).toBe(false);
    expect(isWebPage(null)).toBe(false);
    // A weak ETag cannot vouch for bytes: fall back to Last-Modified.
    expect(resumeValidator('W/"abc"', 'Tue, 01 Jul 2025 00:00:00 GMT')).toBe(
      'Tue, 01 Jul 2025 00:00:00 GMT',
    );
    expect(resumeValidator('"abc"', null)).toBe('"abc"');
    expect(resumeValidator(null, null)).toBeNull();
  });

  it('takes its address and limits from the environment, ignoring nonsense', () => {
    expect(resolvePdfConfig({})).toEqual({
      baseUrl: 'https://arxiv.org/pdf',
      minIntervalMs: 3000,
      maxBytes: 100 * 1024 * 1024,
    });
    expect(
      resolvePdfConfig({
        PAPERSHELF_PDF_URL: 'javascript:alert(1)',
        PAPERSHELF_PDF_INTERVAL_MS: '-5',
        PAPERSHELF_PDF_MAX_BYTES: 'lots',
      }),
    ).toEqual(resolvePdfConfig({}));
    expect(pdfUrlFor('http://127.0.0.1:9/pdf/', 'hep-th/9901001')).toBe(
      'http://127.0.0.1:9/pdf/hep-th/9901001',
    );
    expect(hasArxivPdf('2509.04664')).toBe(true);
    expect(hasArxivPdf('hep-th/9901001')).toBe(true);
    expect(hasArxivPdf('local:smith2020')).toBe(false);
    expect(hasArxivPdf('../../etc/passwd')).toBe(false);
  });
});
