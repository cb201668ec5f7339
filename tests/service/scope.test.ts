import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/main/service';
import { VIEWS, type PaperSummary } from '../../src/shared/domain';
import { paperInScope, type Scope } from '../../src/shared/tag-scope';
import { stillMatches } from '../../src/renderer/src/state/list-query';
import { tempService } from '../helpers/library';

/**
 * One definition of a scope (src/shared/tag-scope.ts), one table of scopes,
 * and every implementation held to it: the SQL list (listPapers), the search
 * index's filters (search with an empty query) and the renderer's list.
 */
let service: Service;
let cleanup: () => Promise<void>;
let papers: PaperSummary[];

beforeAll(async () => {
  ({ service, cleanup } = await tempService());
  const all = (await service.api.listPapers({ view: 'all', limit: 5_000 })).papers;
  const [a, b, c, d, e, f] = all.map((p) => p.id);
  await service.api.setStatus({ ids: [a, b], status: 'toread' });
  await service.api.setStatus({ ids: [c], status: 'reading' });
  await service.api.setStatus({ ids: [d], status: 'read' });
  await service.api.setStatus({ ids: [e], status: 'archived' });
  await service.api.setStarred({ ids: [a, c, f], starred: true });
  await service.api.tagPapers({ ids: [a, d], tag: 'ml' });
  await service.api.tagPapers({ ids: [b], tag: 'ml/pruning' });
  await service.api.tagPapers({ ids: [c], tag: 'vision/ML' });
  await service.api.tagPapers({ ids: [e], tag: 'Pruning' });
  await service.api.tagPapers({ ids: [f], tag: 'mlops/serving pruning' });
  papers = (await service.api.listPapers({ view: 'all', limit: 5_000 })).papers;
});
afterAll(() => cleanup());

const TAGS = [null, 'ml', 'ML', 'pruning', 'ml/pruning', 'vision', 'ops', 'serving pruning'];
const SCOPES: Scope[] = VIEWS.flatMap((view) => TAGS.map((tag) => ({ view, tag })));

describe('scopes: one definition, every implementation', () => {
  it.each(SCOPES)('view $view, tag $tag', async (scope) => {
    const expected = papers
      .filter((p) => paperInScope(p, scope))
      .map((p) => p.id)
      .sort();
    const tag = scope.tag ?? undefined;
    const listed = (await service.api.listPapers({ view: scope.view, tag, limit: 5_000 })).papers;
    expect(listed.map((p) => p.id).sort()).toEqual(expected);
    const found = await service.api.search({ query: '', view: scope.view, tag, limit: 1_000 });
    expect(found.results.map((r) => r.paper.id).sort()).toEqual(expected);
    const query = {
      view: scope.view,
      tag: scope.tag ?? null,
      day: null,
      sort: 'featured',
      search: null,
    } as const;
    expect(
      papers
        .filter((p) => stillMatches(p, query))
        .map((p) => p.id)
        .sort(),
    ).toEqual(expected);
  });

  it('the table is not trivial: some scopes take in a few papers, some none', () => {
    const sizes = SCOPES.map((scope) => papers.filter((p) => paperInScope(p, scope)).length);
    expect(sizes.some((n) => n === 0)).toBe(true);
    expect(sizes.some((n) => n > 0 && n < 10)).toBe(true);
  });
});
