import type { ReadingStatus, View } from './domain';

/**
 * What a list or search scope takes in: one definition, which the library's
 * SQL list (library/papers-repo.ts `applyFilter`), the search index's filters
 * (search/query/filters.ts `scopePredicate`) and the renderer's list
 * (state/list-query.ts `stillMatches`) each implement in their own terms.
 * tests/service/scope.test.ts runs one table of scopes against all of them.
 * (A featured-day scope is the paper's featured days; it is not repeated here.)
 */
export interface Scope {
  view: View;
  tag?: string | null;
}

/** A sidebar view: `all`, `starred`, or one reading status. */
export function viewIncludes(
  view: View,
  paper: { status: ReadingStatus; starred: boolean },
): boolean {
  if (view === 'all') return true;
  if (view === 'starred') return paper.starred;
  return paper.status === view;
}

/** A tag scope over a paper's tags (see tagInScope). */
export function tagsInScope(tags: readonly string[], tag: string): boolean {
  const lower = tag.toLowerCase();
  return tags.some((t) => tagInScope(t.toLowerCase(), lower));
}

/** The whole scope: the view, then the tag when there is one. */
export function paperInScope(
  paper: { status: ReadingStatus; starred: boolean; tags: readonly string[] },
  scope: Scope,
): boolean {
  if (!viewIncludes(scope.view, paper)) return false;
  return !scope.tag || tagsInScope(paper.tags, scope.tag);
}

/**
 * What a tag scope (`tag:NAME`, a tag picked in the sidebar) takes in. Tags are
 * paths (`ml/pruning`): NAME matches a tag when it stands in the tag as whole
 * parts — the tag itself (`ml`), its children (`ml/pruning` for `ml`), and a
 * nested tag whose last part, or any run of parts, is NAME (`ml/pruning` for
 * `pruning`). Both arguments in lower case. The library's SQL list scope
 * (papers-repo.ts) says the same in SQL.
 */
export function tagInScope(tagLower: string, nameLower: string): boolean {
  if (nameLower === '') return false;
  if (tagLower === nameLower) return true;
  const end = nameLower.length;
  for (let at = tagLower.indexOf(nameLower); at !== -1; at = tagLower.indexOf(nameLower, at + 1)) {
    const startsPart = at === 0 || tagLower.charCodeAt(at - 1) === SLASH;
    const endsPart = at + end === tagLower.length || tagLower.charCodeAt(at + end) === SLASH;
    if (startsPart && endsPart) return true;
  }
  return false;
}

const SLASH = 47;
