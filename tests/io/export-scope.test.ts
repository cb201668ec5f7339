import { afterEach, expect, it } from 'vitest';
import { tempService } from '../helpers/library';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const idsOf = (content: string) =>
  (JSON.parse(content) as { papers: Array<{ id: string }> }).papers.map((p) => p.id);

it('exports the current search: every match of the query, within the view', async () => {
  const { service, cleanup } = await tempService();
  cleanups.push(cleanup);
  const all = await service.api.search({ query: 'speculative decoding', limit: 1000 });
  expect(all.total).toBeGreaterThan(0);
  const exported = await service.api.exportPapers({
    format: 'json',
    scope: { query: 'speculative decoding' },
  });
  if (exported.format !== 'json') throw new Error('expected JSON');
  const ids = idsOf(exported.content).sort();
  expect(ids).toEqual(all.results.map((r) => r.paper.id).sort());

  // Scoped to a view: only the matches in it.
  const [first] = all.results;
  await service.api.setStatus({ ids: [first.paper.id], status: 'toread' });
  const inView = await service.api.exportPapers({
    format: 'json',
    scope: { query: 'speculative decoding', view: 'toread' },
  });
  if (inView.format !== 'json') throw new Error('expected JSON');
  expect(idsOf(inView.content)).toEqual([first.paper.id]);

  // A query with no match exports nothing rather than everything.
  const none = await service.api.exportPapers({
    format: 'json',
    scope: { query: 'zzqxv-no-such-word' },
  });
  expect(none.count).toBe(0);
});
