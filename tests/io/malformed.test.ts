import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngester } from '../../src/main/library/ingest-repo';
import { applyImport } from '../../src/main/library/import-writer';
import type { ImportPaper } from '../../src/main/library/import-plan';
import type { Service } from '../../src/main/service';
import { tempService } from '../helpers/library';
import { addUserData, dumpLibrary } from './helpers';

/**
 * Every bad file is refused with a message naming the file and the entry or
 * line, and the library's content stays exactly as it was.
 */
let service: Service;
let cleanup: () => Promise<void>;
let backup: string;
let before: string;

beforeAll(async () => {
  ({ service, cleanup } = await tempService());
  await addUserData(service);
  const out = await service.api.exportPapers({ format: 'json' });
  if (out.format !== 'json') throw new Error('expected a backup');
  backup = out.content;
  before = dumpLibrary(service);
});
afterAll(() => cleanup());

function edited(change: (b: { version: number; papers: Array<Record<string, unknown>> }) => void) {
  const copy = JSON.parse(backup);
  change(copy);
  return JSON.stringify(copy, null, 2);
}

const GOOD_ENTRY = `@misc{good2020,
  title = {A Good Entry},
  author = {Doe, Jane},
  year = {2020},
  eprint = {2509.14230},
  archivePrefix = {arXiv},
}
`;

describe.each([
  {
    what: 'a truncated backup',
    fileName: 'backup.json',
    content: () => backup.slice(0, Math.floor(backup.length / 2)),
    code: 'bad_file',
    message: /^backup\.json ends too early/,
  },
  {
    what: 'a backup with a syntax error',
    fileName: 'backup.json',
    content: () => backup.replace('"papers": [', '"papers": [,'),
    code: 'bad_file',
    message: /^backup\.json is not valid JSON: line \d+, column \d+/,
  },
  {
    what: 'a backup of a newer version',
    fileName: 'future.json',
    content: () => edited((b) => (b.version = 2)),
    code: 'unsupported',
    message: /^future\.json is a version 2 backup, written by a newer Papershelf/,
  },
  {
    what: 'a backup with an invalid paper',
    fileName: 'backup.json',
    content: () => edited((b) => (b.papers[40].status = 'done')),
    code: 'bad_file',
    message: /^backup\.json: paper 41 \([^)]+\): status: /,
  },
  {
    what: 'a backup listing a paper twice',
    fileName: 'backup.json',
    content: () => edited((b) => b.papers.push({ ...b.papers[3] })),
    code: 'bad_file',
    message: /^backup\.json: paper 79: \S+ is listed twice/,
  },
  {
    what: 'JSON that is not a backup',
    fileName: 'other.json',
    content: () => '{"hello": "world"}',
    code: 'bad_file',
    message: /^other\.json is not a Papershelf backup/,
  },
  {
    what: 'a file of unknown format',
    fileName: 'notes.docx',
    content: () => 'PK\u0003\u0004 some zipped word document',
    code: 'unsupported',
    message: /^Cannot tell what kind of file notes\.docx is/,
  },
  {
    what: 'a BibTeX entry with unbalanced braces',
    fileName: 'refs.bib',
    content: () =>
      `${GOOD_ENTRY}\n@article{broken2021,\n  title = {Unbalanced {braces},\n  year = {2021}\n}\n\n${GOOD_ENTRY.replace('good2020', 'after2022')}`,
    code: 'bad_file',
    message: /^refs\.bib: line 9, entry “broken2021”: unbalanced braces/,
  },
  {
    what: 'an empty BibTeX file',
    fileName: 'empty.bib',
    content: () => '% nothing here\n',
    code: 'bad_file',
    message: /^empty\.bib holds no BibTeX entries/,
  },
  {
    what: 'an id list with a line that is not an id',
    fileName: 'list.txt',
    content: () => '2509.14230\n# comment\n2509.0466\n',
    code: 'bad_file',
    message: /^list\.txt: line 3: “2509\.0466” is not an arXiv id or URL/,
  },
])('importing $what', ({ fileName, content, code, message }) => {
  it('is refused with a clear message and changes nothing', async () => {
    const error = await service.api.importFile({ fileName, content: content() }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(dumpLibrary(service)).toBe(before);
  });
});

describe('one transaction', () => {
  it('rolls back papers already written when a later one fails in the database', async () => {
    const ingester = createIngester(service.lib.sqlite);
    const paper = (id: string, title: string | null): ImportPaper => ({
      id,
      feed: {
        id,
        // A null title breaks a NOT NULL constraint: a failure midway.
        title: title as string,
        abstract: '',
        authors: [{ name: 'Ann', hidden: false }],
        publishedAt: null,
        upvotes: 0,
        numComments: 0,
        aiSummary: null,
        aiKeywords: [],
        githubRepo: null,
        githubStars: null,
        projectPage: null,
        thumbnail: null,
      },
      refresh: 'never',
      tags: ['new tag'],
      days: [{ day: '2025-12-01', rank: 0 }],
      note: { markdown: 'written before the failure', createdAt: null, updatedAt: null },
    });
    const plan = {
      papers: [paper('2601.00001', 'One'), paper('2601.00002', 'Two'), paper('2601.00003', null)],
      tags: [{ name: 'planned', color: '#000000' }],
      syncedDays: [{ day: '2025-12-01', fetchedAt: '2025-12-01T00:00:00Z', count: 3, skipped: 0 }],
      settings: null,
      defaultSource: 'import' as const,
    };
    await expect(
      applyImport(service.lib, ingester, plan, { now: new Date().toISOString() }),
    ).rejects.toThrow(/NOT NULL/);
    expect(dumpLibrary(service)).toBe(before);
  });
});
