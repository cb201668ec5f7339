import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { afterEach, describe, expect, it } from 'vitest';
import { citedDateParts } from '../../src/main/io/cited-date';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';
import { TRICKY_AUTHORS, TRICKY_TITLE, trickyBackup } from './special';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
}

async function exportCsl(service: Service, scope = {}) {
  const out = await service.api.exportPapers({ format: 'csl-json', scope });
  if (out.format !== 'csl-json') throw new Error('expected CSL-JSON');
  expect(out.mimeType).toBe('application/vnd.citationstyles.csl+json');
  expect(out.fileName).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.csl\.json$/);
  return JSON.parse(out.content) as Array<Record<string, unknown>>;
}

function displayName(n: CslName): string {
  return (
    n.literal ?? [n.given, n['non-dropping-particle'], n.family, n.suffix].filter(Boolean).join(' ')
  );
}

describe('CSL-JSON export', () => {
  it('writes valid items for the sample library', async () => {
    const { service, cleanup } = await tempService();
    cleanups.push(cleanup);
    const items = await exportCsl(service);
    expect(items).toHaveLength(78);
    expect(new Set(items.map((i) => i.id)).size).toBe(78);
    for (const item of items) {
      const arxiv = /^arXiv:(.+)$/.exec(item.number as string)![1];
      const paper = await service.api.getPaper({ id: arxiv });
      expect(item).toMatchObject({
        type: 'article',
        title: paper.title,
        publisher: 'arXiv',
        URL: `https://arxiv.org/abs/${paper.id}`,
        DOI: `10.48550/arXiv.${paper.id}`,
        abstract: paper.abstract,
      });
      expect(typeof item.id).toBe('string');
      // The feed's date, or the id's month where the feed is over a year off (tests/io/cite.test.ts).
      expect(item.issued).toEqual({
        'date-parts': [citedDateParts(paper.publishedAt, paper.id)],
      });
      const authors = item.author as CslName[];
      expect(authors.map(displayName)).toEqual(
        paper.authors.filter((a) => !a.hidden).map((a) => a.name),
      );
      for (const a of authors) {
        // Every name is structured (family/given) or a literal, never both.
        expect(Boolean(a.literal) !== Boolean(a.family)).toBe(true);
      }
    }
  });

  it('keeps special characters and unicode names exactly', async () => {
    const { service, cleanup } = await tempService({ seedSample: false });
    cleanups.push(cleanup);
    await service.api.importFile({ fileName: 'tricky.json', content: trickyBackup() });
    const [item] = await exportCsl(service);
    expect(item.title).toBe(TRICKY_TITLE);
    expect((item.author as CslName[]).map(displayName)).toEqual(TRICKY_AUTHORS);
    expect((item.author as CslName[])[1]).toEqual({
      family: 'Beethoven',
      given: 'Ludwig',
      'non-dropping-particle': 'van',
    });
    expect((item.author as CslName[])[4]).toEqual({ literal: '李明' });
    expect(item.keyword).toBe('R&D_100%');
    expect(item.id).toBe('muller2025rd');
  });

  it('is accepted by citeproc-js (the CSL processor of Zotero and Mendeley)', async () => {
    const { service, cleanup } = await tempService();
    cleanups.push(cleanup);
    const items = await exportCsl(service);
    const apa = new Cite(items).format('bibliography', { format: 'text', template: 'apa' });
    const lines = apa.trim().split('\n');
    expect(lines).toHaveLength(78);
    for (const item of items) {
      const line = lines.find((l) => l.includes(`https://doi.org/${item.DOI as string}`));
      expect(line, `no reference for ${item.id as string}`).toBeDefined();
      // APA: "Family, G., & Family, G. (year). Title (arXiv:id). arXiv. https://doi.org/…"
      expect(line).toContain(
        `(${(item.issued as { 'date-parts': number[][] })['date-parts'][0][0]}).`,
      );
      expect(line).toContain(`(${item.number as string}). arXiv.`);
    }
  });

  it('renders special characters and unicode names through citeproc-js', async () => {
    const { service, cleanup } = await tempService({ seedSample: false });
    cleanups.push(cleanup);
    await service.api.importFile({ fileName: 'tricky.json', content: trickyBackup() });
    const text = new Cite(await exportCsl(service)).format('bibliography', {
      format: 'text',
      template: 'apa',
    });
    expect(text).toMatch(
      /^Müller, J\., van Beethoven, L\., King, M\. L\., Jr\., Ørsted-Ærø, Z\., 李明/,
    );
    expect(text).toContain('R&D at 100% for snake_case: {Braces}, ~Tilde');
  });
});
