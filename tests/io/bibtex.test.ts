import { parse, type Creator } from '@retorquere/bibtex-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { citedYear } from '../../src/main/io/cited-date';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';
import { addUserData, dumpLibrary } from './helpers';
import { TRICKY_AUTHORS, TRICKY_TITLE, trickyBackup } from './special';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function library(seedSample = true) {
  const lib = await tempService({ seedSample });
  cleanups.push(lib.cleanup);
  return lib.service;
}

async function exportBibtex(service: Service, scope = {}): Promise<string> {
  const out = await service.api.exportPapers({ format: 'bibtex', scope });
  if (out.format !== 'bibtex') throw new Error('expected BibTeX');
  return out.content;
}

/** Read back as a reference manager would (Better BibTeX's parser, titles as written). */
function parseBib(content: string) {
  const library = parse(content, { english: false });
  expect(library.errors).toEqual([]);
  return library.entries;
}

/**
 * Keywords are written with the titles' LaTeX escaping (a tag is any text);
 * the parser hands them back verbatim, so each is read as TeX here, as a
 * typesetting tool would.
 */
function keywordsOf(entry: { fields: { keywords?: string[] } }): string[] {
  return (entry.fields.keywords ?? []).map((tex) => {
    const [read] = parse(`@misc{k, note = {${tex}}}`, { english: false }).entries;
    return String(read.fields.note);
  });
}

function displayName(c: Creator): string {
  return c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' ');
}

describe('BibTeX export', () => {
  it('writes the sample library so a real parser reads back the same fields', async () => {
    const service = await library();
    await addUserData(service);
    const entries = parseBib(await exportBibtex(service));
    expect(entries).toHaveLength(78);
    expect(new Set(entries.map((e) => e.key)).size).toBe(78);
    for (const entry of entries) {
      expect(entry.type).toBe('misc');
      expect(entry.key).toMatch(/^[a-z]+\d{4}[a-z0-9]+$/);
      const paper = await service.api.getPaper({ id: entry.fields.eprint });
      expect(entry.fields.title).toBe(paper.title);
      expect((entry.fields.author ?? []).map(displayName)).toEqual(
        paper.authors.filter((a) => !a.hidden).map((a) => a.name),
      );
      // The feed's year, or the id's where the feed is over a year off (tests/io/cite.test.ts).
      expect(entry.fields.year).toBe(citedYear(paper.publishedAt, paper.id));
      expect(entry.fields.archiveprefix).toBe('arXiv');
      expect(entry.fields.url).toBe(`https://arxiv.org/abs/${paper.id}`);
      expect(entry.fields.doi).toBe(`10.48550/arXiv.${paper.id}`);
      expect(keywordsOf(entry)).toEqual(paper.tags);
    }
  });

  it('protects capitals in titles and splits names into Family, Given', async () => {
    const service = await library(false);
    await service.api.importFile({ fileName: 'tricky.json', content: trickyBackup() });
    const bib = await exportBibtex(service);
    expect(bib).toContain('{R\\&D} at 100\\% for snake\\_case: {\\{Braces\\},}');
    expect(bib).toContain(
      'author        = {Müller, Jörg and van Beethoven, Ludwig and King, Jr., Martin Luther',
    );
    expect(bib).toMatch(/^@misc\{muller2025rd,$/m);
  });

  it('keeps & % _ { } ~ and unicode names through export and parse', async () => {
    const service = await library(false);
    await service.api.importFile({ fileName: 'tricky.json', content: trickyBackup() });
    const [entry] = parseBib(await exportBibtex(service));
    expect(entry.fields.title).toBe(TRICKY_TITLE);
    // One-word names (李明) are kept whole; the others split as Family, Given.
    expect((entry.fields.author ?? []).map(displayName)).toEqual(TRICKY_AUTHORS);
    expect(entry.fields.author?.[1]).toMatchObject({ lastName: 'Beethoven', prefix: 'van' });
    expect(entry.fields.author?.[2]).toMatchObject({ lastName: 'King', suffix: 'Jr.' });
    expect(keywordsOf(entry)).toEqual(['R&D_100%']);
  });

  it('gives a paper the same key whatever else is exported', async () => {
    const service = await library();
    const whole = parseBib(await exportBibtex(service));
    const some = whole.slice(10, 13).map((e) => e.fields.eprint);
    const part = parseBib(await exportBibtex(service, { ids: some }));
    expect(part.map((e) => [e.fields.eprint, e.key])).toEqual(
      whole.slice(10, 13).map((e) => [e.fields.eprint, e.key]),
    );
  });
});

describe('BibTeX import', () => {
  it('reads its own export back into an empty library', async () => {
    const source = await library();
    const bib = await exportBibtex(source);
    const target = await library(false);
    const result = await target.api.importFile({ fileName: 'papers.bib', content: bib });
    expect(result).toMatchObject({ format: 'bibtex', total: 78, papers: { added: 78 } });
    const [one] = (await source.api.listPapers({ view: 'all', limit: 1 })).papers;
    const copy = await target.api.getPaper({ id: one.id });
    expect(copy.title).toBe(one.title);
    expect(copy.authors.map((a) => a.name)).toEqual(one.authors);
    expect(copy.source).toBe('import');
  });

  it('finds arXiv ids in eprint, URL, DOI and Google Scholar style entries; keeps the rest locally', async () => {
    const service = await library(false);
    const bib = String.raw`
@string{ nips = "Advances in Neural Information Processing Systems" }
% a comment line
@article{vaswani2017attention,
  title   = {Attention Is All You Need},
  author  = {Vaswani, Ashish and Shazeer, Noam},
  journal = {arXiv preprint arXiv:1706.03762},
  year    = {2017}
}
@misc{byurl, title = {By {URL}}, author = {Doe, J.}, url = {https://arxiv.org/abs/2401.00651v2}, year = 2024, month = mar}
@misc{bydoi, title = "By \textbf{DOI}", doi = {10.48550/arXiv.2402.01140}, date = {2024-02-02}}
@inproceedings{he2016deep,
  title     = {Deep Residual Learning for Image Recognition},
  author    = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},
  booktitle = nips,
  year      = {2016},
  doi       = {10.1109/CVPR.2016.90}
}
@misc{notitle, author = {Nobody}}
@misc{eprint1, title = {By eprint}, eprint = {hep-th/9901001}, archivePrefix = {arXiv}}
`;
    const result = await service.api.importFile({
      fileName: 'refs.bib',
      content: bib,
      tags: ['from bib'],
      status: 'toread',
    });
    expect(result.papers.added).toBe(5);
    expect(result.warnings).toEqual(['entry “notitle” (line 19) has no title and was skipped']);
    const ids = (await service.api.listPapers({ view: 'all', tag: 'from bib' })).papers
      .map((p) => p.id)
      .sort();
    expect(ids).toEqual(
      ['1706.03762', '2401.00651', '2402.01140', 'hep-th/9901001', 'local:he2016deep'].sort(),
    );
    expect(await service.api.getPaper({ id: '1706.03762' })).toMatchObject({
      title: 'Attention Is All You Need',
      authors: [
        { name: 'Ashish Vaswani', hidden: false },
        { name: 'Noam Shazeer', hidden: false },
      ],
      publishedAt: '2017',
      status: 'toread',
    });
    expect((await service.api.getPaper({ id: '2401.00651' })).publishedAt).toBe('2024-03');
    expect((await service.api.getPaper({ id: '2402.01140' })).title).toBe('By DOI');
    const local = await service.api.getPaper({ id: 'local:he2016deep' });
    expect(local.projectPage).toBe('https://doi.org/10.1109/CVPR.2016.90');

    // Importing the same file again adds nothing and changes nothing.
    const dump = dumpLibrary(service);
    const again = await service.api.importFile({ fileName: 'refs.bib', content: bib });
    expect(again.papers).toEqual({ added: 0, updated: 0, unchanged: 5 });
    expect(dumpLibrary(service)).toBe(dump);
  });

  it('never overwrites what the library knows about a paper with thinner BibTeX data', async () => {
    const service = await library();
    const [paper] = (await service.api.listPapers({ view: 'all', limit: 1 })).papers;
    const before = await service.api.getPaper({ id: paper.id });
    await service.api.importFile({
      fileName: 'thin.bib',
      content: `@misc{x, title = {Other title}, eprint = {${paper.id}}, archivePrefix = {arXiv}}`,
      tags: ['cited'],
    });
    const after = await service.api.getPaper({ id: paper.id });
    expect(after.title).toBe(before.title);
    expect(after.abstract).toBe(before.abstract);
    expect(after.tags).toEqual(['cited']);
  });
});
