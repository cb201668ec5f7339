import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePaperRef } from '../../src/shared/api/io';
import { createArxivClient, parseArxivAtom } from '../../src/main/io/arxiv';
import { createIntervalLimiter } from '../../src/main/net/interval-limiter';
import { tempService } from '../helpers/library';
import { dumpLibrary, startFixtureServer, type FixtureServer } from './helpers';

const OLD_STYLE_ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v2</id>
    <title>Scattering &amp; Branes: A Test
  of Old-Style Identifiers</title>
    <summary>  First line of the abstract
  continues here.

  A second paragraph.
</summary>
    <published>1999-01-04T12:00:00Z</published>
    <arxiv:primary_category term="hep-th"/>
    <author><name>Jörg Müller</name></author>
    <author><name>Ana de la Cruz</name></author>
  </entry>
</feed>`;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    hfMissing: ['2203.15516'],
    arxivExtra: { 'hep-th/9901001': OLD_STYLE_ATOM },
  });
});
afterAll(() => server.close());

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function library(options: { seedSample?: boolean; hub?: string } = {}) {
  const lib = await tempService({
    seedSample: options.seedSample ?? false,
    env: { PAPERSHELF_FEED_URL: options.hub ?? server.url, PAPERSHELF_ARXIV_URL: server.url },
  });
  cleanups.push(lib.cleanup);
  return lib.service;
}

describe('parsePaperRef', () => {
  it.each([
    ['2509.04664', '2509.04664', null],
    ['2509.04664v2', '2509.04664', 2],
    ['arXiv:2509.04664', '2509.04664', null],
    ['arxiv: 2509.04664v3', '2509.04664', 3],
    ['0704.0001', '0704.0001', null],
    ['https://arxiv.org/abs/2509.04664', '2509.04664', null],
    ['https://arxiv.org/abs/2509.04664v2', '2509.04664', 2],
    ['http://arxiv.org/pdf/2509.04664', '2509.04664', null],
    ['https://arxiv.org/pdf/2509.04664.pdf', '2509.04664', null],
    ['https://arxiv.org/pdf/2509.04664v2.pdf', '2509.04664', 2],
    ['arxiv.org/abs/2509.04664?context=cs', '2509.04664', null],
    ['https://www.arxiv.org/abs/2509.04664/', '2509.04664', null],
    ['https://export.arxiv.org/abs/2509.04664', '2509.04664', null],
    ['https://huggingface.co/papers/2509.04664', '2509.04664', null],
    ['huggingface.co/papers/2509.04664#community', '2509.04664', null],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.GT/0309136', 'math/0309136', null],
    ['https://arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001', 1],
    ['https://arxiv.org/pdf/cond-mat/0011267.pdf', 'cond-mat/0011267', null],
  ])('reads %s', (input, id, version) => {
    expect(parsePaperRef(input)).toEqual({ id, version });
  });

  it.each([
    '',
    '2509',
    '2513.04664',
    '2509.0466',
    '1412.04664',
    'hello world',
    'https://example.com/abs/2509.04664',
    'https://arxiv.org/list/cs.LG/recent',
    'https://huggingface.co/models/2509.04664',
    'ftp://arxiv.org/abs/2509.04664',
    'javascript:alert(1)',
  ])('rejects %j', (input) => {
    expect(parsePaperRef(input)).toBeNull();
  });
});

describe('addPaper', () => {
  it('adds a paper the Hugging Face papers endpoint knows', async () => {
    const service = await library();
    const result = await service.api.addPaper({
      idOrUrl: 'https://huggingface.co/papers/2509.14230',
      status: 'toread',
      tags: ['to cite'],
    });
    expect(result.from).toBe('huggingface');
    expect(result.added).toBe(true);
    expect(result.paper).toMatchObject({
      id: '2509.14230',
      source: 'manual',
      status: 'toread',
      tags: ['to cite'],
    });
    expect(result.paper.title.length).toBeGreaterThan(5);
    expect(result.paper.authors.length).toBeGreaterThan(0);
    expect(server.requests).toContain('/api/papers/2509.14230');
  });

  it('falls back to arXiv when Hugging Face answers 404', async () => {
    const service = await library();
    const result = await service.api.addPaper({ idOrUrl: 'arXiv:2203.15516v3' });
    expect(result.from).toBe('arxiv');
    expect(result.paper).toMatchObject({
      id: '2203.15516',
      title: 'Rich Feature Construction for the Optimization-Generalization Dilemma',
      publishedAt: '2022-03-24T17:49:04.000Z',
      authors: [
        { name: 'Jianyu Zhang', hidden: false },
        { name: 'David Lopez-Paz', hidden: false },
        { name: 'Léon Bottou', hidden: false },
      ],
    });
    // Hard line breaks of the Atom summary are joined.
    expect(result.paper.abstract).toMatch(/^There often is a dilemma .* out-of- distribution/);
    expect(result.paper.abstract).not.toContain('\n');
  });

  it('accepts every id and URL form, and finds an added paper again without fetching', async () => {
    const service = await library();
    const first = await service.api.addPaper({ idOrUrl: 'hep-th/9901001' });
    expect(first).toMatchObject({ from: 'arxiv', added: true });
    expect(first.paper.title).toBe('Scattering & Branes: A Test of Old-Style Identifiers');
    expect(first.paper.abstract).toBe(
      'First line of the abstract continues here.\n\nA second paragraph.',
    );
    for (const form of ['hep-th/9901001v2', 'https://arxiv.org/abs/hep-th/9901001v2']) {
      const again = await service.api.addPaper({ idOrUrl: form, tags: ['old'] });
      expect(again).toMatchObject({ from: 'library', added: false });
      expect(again.paper.tags).toEqual(['old']);
    }
    const forms = [
      '2509.14230',
      '2509.14230v2',
      'arXiv:2509.14230',
      'https://arxiv.org/abs/2509.14230',
      'https://arxiv.org/abs/2509.14230v1',
      'https://arxiv.org/pdf/2509.14230',
      'https://arxiv.org/pdf/2509.14230v2.pdf',
      'arxiv.org/pdf/2509.14230.pdf',
      'https://huggingface.co/papers/2509.14230',
    ];
    const results = [];
    for (const idOrUrl of forms) results.push(await service.api.addPaper({ idOrUrl }));
    expect(results.map((r) => r.paper.id)).toEqual(forms.map(() => '2509.14230'));
    expect(results.map((r) => r.added)).toEqual(forms.map((_, i) => i === 0));
    expect((await service.api.getLibraryInfo({})).paperCount).toBe(2);
  });

  it("turns arXiv's Error entry into a clear message and adds nothing", async () => {
    const service = await library();
    const before = dumpLibrary(service);
    await expect(service.api.addPaper({ idOrUrl: '2501.99999' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'arXiv rejected the request: incorrect id format for 1234.56789',
    });
    expect(dumpLibrary(service)).toBe(before);
  });

  it('rejects text that is not an id, and says why', async () => {
    const service = await library();
    await expect(
      service.api.addPaper({ idOrUrl: 'attention is all you need' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('is not an arXiv id or URL'),
    });
  });

  it('reports an unreachable Hugging Face as a network error', async () => {
    const closed = await startFixtureServer();
    await closed.close();
    const service = await library({ hub: closed.url });
    await expect(service.api.addPaper({ idOrUrl: '2509.14230' })).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('Cannot reach Hugging Face'),
    });
  });
});

describe('arXiv client', () => {
  it('spaces requests at least 3 s apart (fake clock)', async () => {
    let now = 1_000_000;
    const sleeps: number[] = [];
    const limiter = createIntervalLimiter({
      intervalMs: 3_000,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    const starts: number[] = [];
    const task = async () => {
      starts.push(now);
      now += 100; // the request itself takes 100 ms
    };
    await Promise.all([limiter.run(task), limiter.run(task), limiter.run(task)]);
    expect(starts).toEqual([1_000_000, 1_003_000, 1_006_000]);
    expect(sleeps).toEqual([2_900, 2_900]);
    now += 10_000;
    await limiter.run(task);
    expect(sleeps).toHaveLength(2); // long after the last request: no wait
  });

  it('batches ids into one request and reads every entry', async () => {
    let now = 0;
    const client = createArxivClient({
      baseUrl: server.url,
      limiter: createIntervalLimiter({
        intervalMs: 3_000,
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
      }),
    });
    const before = server.requests.length;
    const found = await client.fetchPapers(['2203.15516', 'hep-th/9901001']);
    expect([...found.keys()].sort()).toEqual(['2203.15516', 'hep-th/9901001']);
    expect(found.get('hep-th/9901001')?.primaryCategory).toBe('hep-th');
    expect(server.requests.slice(before)).toEqual([
      '/api/query?id_list=2203.15516,hep-th%2F9901001&max_results=2',
    ]);
  });

  it('reads the Atom error answer and non-XML answers as failures', () => {
    expect(parseArxivAtom('<html>nope')).toMatchObject({ ok: false });
    expect(parseArxivAtom('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toEqual({
      ok: true,
      papers: [],
    });
  });
});

describe('importing a list of ids', () => {
  it('adds new papers from Hugging Face or arXiv and tags the ones already there', async () => {
    const service = await library();
    const { paper: known } = await service.api.addPaper({ idOrUrl: '2509.14230' });
    const content = [
      '# my reading list',
      `https://arxiv.org/abs/${known.id}`,
      '1009.1866, https://huggingface.co/papers/1711.03219',
      '',
      'arXiv:2203.15516v1   # only on arXiv here',
      '1009.1866',
    ].join('\n');
    const result = await service.api.importFile({
      fileName: 'list.txt',
      content,
      tags: ['list'],
      status: 'toread',
    });
    expect(result).toMatchObject({
      format: 'ids',
      total: 4,
      papers: { added: 3, updated: 1, unchanged: 0 },
    });
    const tagged = await service.api.listPapers({ view: 'all', tag: 'list' });
    expect(tagged.papers.map((p) => p.id).sort()).toEqual(
      ['1009.1866', '1711.03219', '2203.15516', known.id].sort(),
    );
    expect(tagged.papers.every((p) => p.status === 'toread')).toBe(true);
    expect((await service.api.getPaper({ id: '2203.15516' })).source).toBe('import');
  });

  it('rejects a list naming a paper nobody knows, and imports nothing', async () => {
    const service = await library();
    const before = dumpLibrary(service);
    await expect(
      service.api.importFile({ fileName: 'list.txt', content: '1009.1866\n2501.88888\n' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^list\.txt: arXiv rejected the request: .*nothing was imported$/,
      ),
    });
    expect(dumpLibrary(service)).toBe(before);
  });

  it('sends the rest of a list to arXiv when Hugging Face rate-limits us', async () => {
    const limited = await startFixtureServer({
      hfStatus: 429,
      arxivExtra: { 'hep-th/9901001': OLD_STYLE_ATOM },
    });
    try {
      const lib = await tempService({
        seedSample: false,
        env: { PAPERSHELF_FEED_URL: limited.url, PAPERSHELF_ARXIV_URL: limited.url },
      });
      cleanups.push(lib.cleanup);
      const result = await lib.service.api.importFile({
        fileName: 'list.txt',
        content: '2203.15516\nhep-th/9901001\n',
      });
      expect(result.papers.added).toBe(2);
      // One Hub request (429), then one arXiv request for both ids.
      expect(limited.requests).toEqual([
        '/api/papers/2203.15516',
        '/api/query?id_list=2203.15516,hep-th%2F9901001&max_results=2',
      ]);
    } finally {
      await limited.close();
    }
  });
});
