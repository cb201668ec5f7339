import type { View } from '../../shared/domain';
import { rangeBounds, type SearchFilter } from '../../shared/search-query';
import type { SearchIndex } from './search-index';

/** A test on one paper, by slot (the index's per-slot arrays make it cheap). */
export type SlotPredicate = (slot: number) => boolean;

/** Where to search: a sidebar view, optionally narrowed to a tag or a featured day. */
export interface SearchScope {
  view: View;
  tag?: string;
  day?: string;
}

function and(predicates: SlotPredicate[]): SlotPredicate | null {
  if (predicates.length === 0) return null;
  if (predicates.length === 1) return predicates[0];
  return (slot) => {
    for (let i = 0; i < predicates.length; i++) if (!predicates[i](slot)) return false;
    return true;
  };
}

/** A parent tag matches its children: `ml` matches `ml` and `ml/pruning`, in any case. */
export function tagMatches(tagKeys: string[], tagLower: string): boolean {
  for (let i = 0; i < tagKeys.length; i++) {
    const key = tagKeys[i];
    if (key === tagLower || (key.startsWith(tagLower) && key[tagLower.length] === '/')) {
      return true;
    }
  }
  return false;
}

/** The scope as a test; null when it is the whole library. */
export function scopePredicate(index: SearchIndex, scope: SearchScope): SlotPredicate | null {
  const parts: SlotPredicate[] = [];
  const { view, tag, day } = scope;
  const doc = (slot: number) => index.docs[slot]!;
  if (view === 'starred') parts.push((slot) => doc(slot).starred);
  else if (view !== 'all') parts.push((slot) => doc(slot).status === view);
  if (tag) {
    const lower = tag.toLowerCase();
    parts.push((slot) => tagMatches(index.tagKeys[slot], lower));
  }
  if (day) parts.push((slot) => doc(slot).days.includes(day));
  return and(parts);
}

/** tag, status, starred, year and day filters as one test (author goes through the index). */
export function filterPredicate(index: SearchIndex, filters: SearchFilter[]): SlotPredicate | null {
  const parts: SlotPredicate[] = [];
  for (const filter of filters) {
    const test = filterTest(index, filter);
    if (!test) continue;
    parts.push(filter.negated ? (slot) => !test(slot) : test);
  }
  return and(parts);
}

function filterTest(index: SearchIndex, filter: SearchFilter): SlotPredicate | null {
  const doc = (slot: number) => index.docs[slot]!;
  switch (filter.kind) {
    case 'tag': {
      const tags = filter.values.map((v) => v.toLowerCase());
      return (slot) => tags.some((t) => tagMatches(index.tagKeys[slot], t));
    }
    case 'status': {
      const [only] = filter.values;
      if (filter.values.length === 1) return (slot) => doc(slot).status === only;
      const statuses = new Set<string>(filter.values);
      return (slot) => statuses.has(doc(slot).status);
    }
    case 'starred':
      return (slot) => doc(slot).starred;
    case 'year': {
      const ranges = filter.values.map(rangeBounds).map(({ from, to }) => ({
        from: from === '' ? -Infinity : Number(from),
        to: to === '' ? Infinity : Number(to),
      }));
      return (slot) => {
        const year = doc(slot).year;
        return year !== null && ranges.some((r) => year >= r.from && year <= r.to);
      };
    }
    case 'day': {
      const ranges = filter.values.map(rangeBounds);
      return (slot) =>
        doc(slot).days.some((day) =>
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
