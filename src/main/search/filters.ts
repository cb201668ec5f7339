import type { View } from '../../shared/domain';
import { rangeBounds, type SearchFilter } from '../../shared/search-query';
import type { SearchDocument } from './documents';

export type DocPredicate = (doc: SearchDocument) => boolean;

/** Where to search: a sidebar view, optionally narrowed to a tag or a featured day. */
export interface SearchScope {
  view: View;
  tag?: string;
  day?: string;
}

const always: DocPredicate = () => true;

function and(predicates: DocPredicate[]): DocPredicate {
  if (predicates.length === 0) return always;
  if (predicates.length === 1) return predicates[0];
  return (doc) => predicates.every((p) => p(doc));
}

/** A parent tag matches its children: `ml` matches `ml` and `ml/pruning`, in any case. */
export function hasTag(doc: SearchDocument, tagLower: string): boolean {
  const childPrefix = `${tagLower}/`;
  return doc.tags.some((t) => {
    const lower = t.toLowerCase();
    return lower === tagLower || lower.startsWith(childPrefix);
  });
}

export function scopePredicate(scope: SearchScope): DocPredicate {
  const parts: DocPredicate[] = [];
  const { view, tag, day } = scope;
  if (view === 'starred') parts.push((d) => d.starred);
  else if (view !== 'all') parts.push((d) => d.status === view);
  if (tag) {
    const lower = tag.toLowerCase();
    parts.push((d) => hasTag(d, lower));
  }
  if (day) parts.push((d) => d.days.includes(day));
  return and(parts);
}

export function isWholeLibrary(scope: SearchScope): boolean {
  return scope.view === 'all' && !scope.tag && !scope.day;
}

/** tag, status, starred, year and day filters (author is matched through the index). */
export function filterPredicate(filters: SearchFilter[]): DocPredicate {
  const parts: DocPredicate[] = [];
  for (const filter of filters) {
    const test = filterTest(filter);
    if (!test) continue;
    parts.push(filter.negated ? (d) => !test(d) : test);
  }
  return and(parts);
}

function filterTest(filter: SearchFilter): DocPredicate | null {
  switch (filter.kind) {
    case 'tag': {
      const tags = filter.values.map((v) => v.toLowerCase());
      return (d) => tags.some((t) => hasTag(d, t));
    }
    case 'status': {
      const statuses = new Set<string>(filter.values);
      return (d) => statuses.has(d.status);
    }
    case 'starred':
      return (d) => d.starred;
    case 'year': {
      const ranges = filter.values.map(rangeBounds).map(({ from, to }) => ({
        from: from === '' ? -Infinity : Number(from),
        to: to === '' ? Infinity : Number(to),
      }));
      return (d) => d.year !== null && ranges.some((r) => d.year! >= r.from && d.year! <= r.to);
    }
    case 'day': {
      const ranges = filter.values.map(rangeBounds);
      return (d) =>
        d.days.some((day) =>
          ranges.some((r) => (r.from === '' || day >= r.from) && (r.to === '' || day <= r.to)),
        );
    }
    case 'author':
      return null;
    default: {
      const unreachable: never = filter.kind;
      throw new Error(`Unknown filter ${String(unreachable)}`);
    }
  }
}
