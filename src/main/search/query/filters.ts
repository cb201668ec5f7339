import { READING_STATUSES, type View } from '../../../shared/domain';
import { rangeBounds, type SearchFilter } from '../../../shared/search-query';
import { tagInScope } from '../../../shared/tag-scope';
import { NOTE_FLAG, STARRED_FLAG, type SearchIndex } from '../index/search-index';

/** A status's index in READING_STATUSES: what the index keeps in a slot's flags. */
function statusCode(status: string): number {
  return (READING_STATUSES as readonly string[]).indexOf(status);
}

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

/**
 * A paper's tags (lower case) against a tag scope, in any case: `ml` matches `ml`
 * and `ml/pruning`, and `pruning` matches `ml/pruning` (see shared/tag-scope.ts).
 */
export function tagMatches(tagKeys: string[], tagLower: string): boolean {
  for (let i = 0; i < tagKeys.length; i++) if (tagInScope(tagKeys[i], tagLower)) return true;
  return false;
}

/** The scope as a test; null when it is the whole library. */
export function scopePredicate(index: SearchIndex, scope: SearchScope): SlotPredicate | null {
  const parts: SlotPredicate[] = [];
  const { view, tag, day } = scope;
  const { flags } = index;
  if (view === 'starred') parts.push((slot) => (flags[slot] & STARRED_FLAG) !== 0);
  else if (view !== 'all') {
    const code = statusCode(view);
    parts.push((slot) => (flags[slot] & 7) === code);
  }
  if (tag) {
    const lower = tag.toLowerCase();
    parts.push((slot) => tagMatches(index.tagKeys[slot], lower));
  }
  if (day) parts.push((slot) => index.daysOf[slot].includes(day));
  return and(parts);
}

/** tag, status, starred, note, year and day filters as one test (author goes through the index). */
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
  const daysOf = (slot: number) => index.daysOf[slot];
  switch (filter.kind) {
    case 'tag': {
      const tags = filter.values.map((v) => v.toLowerCase());
      return (slot) => tags.some((t) => tagMatches(index.tagKeys[slot], t));
    }
    case 'status': {
      let codes = 0;
      for (const v of filter.values) codes |= 1 << statusCode(v);
      const { flags } = index;
      return (slot) => (codes & (1 << (flags[slot] & 7))) !== 0;
    }
    case 'starred': {
      const { flags } = index;
      return (slot) => (flags[slot] & STARRED_FLAG) !== 0;
    }
    case 'year': {
      const ranges = filter.values.map(rangeBounds).map(({ from, to }) => ({
        from: from === '' ? -Infinity : Number(from),
        to: to === '' ? Infinity : Number(to),
      }));
      return (slot) => {
        const year = index.years[slot];
        return year !== 0 && ranges.some((r) => year >= r.from && year <= r.to);
      };
    }
    case 'day': {
      const ranges = filter.values.map(rangeBounds);
      if (ranges.every((r) => r.from !== '' && r.from === r.to)) {
        const wanted = ranges.map((r) => r.from);
        if (wanted.length === 1) return (slot) => daysOf(slot).includes(wanted[0]);
        return (slot) => daysOf(slot).some((day) => wanted.includes(day));
      }
      return (slot) =>
        daysOf(slot).some((day) =>
          ranges.some((r) => (r.from === '' || day >= r.from) && (r.to === '' || day <= r.to)),
        );
    }
    case 'note': {
      const { flags } = index;
      return (slot) => (flags[slot] & NOTE_FLAG) !== 0;
    }
    case 'author':
      return null;
    default: {
      const unreachable: never = filter.kind;
      throw new Error(`Unknown filter ${String(unreachable)}`);
    }
  }
}
