import { VIEWS, type View } from '../../../shared/domain';
import { parsePeriod } from '../../../shared/featured-period';
import { LIST_SORTS, type ListSort } from './list-query';

/**
 * Where the user is: a view (or a tag, or a feed day), the sort, and the open
 * paper. It lives in the URL hash so a reload (or a bookmark in browser mode)
 * comes back to the same place.
 */
export interface Route {
  view: View;
  tag: string | null;
  /** A feed day (`2025-11-14`) or a range of days (`2025-11-10..2025-11-16`). */
  day: string | null;
  sort: ListSort;
  paper: string | null;
  /** The Today view (issue 17): what arrived since the last visit. */
  today: boolean;
  /** The All notes view (issue 18): papers with a note, the latest edit first. */
  notes: boolean;
}

export const DEFAULT_ROUTE: Route = {
  view: 'inbox',
  tag: null,
  day: null,
  sort: 'featured',
  paper: null,
  today: false,
  notes: false,
};

export function parseRoute(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view = params.get('view');
  const sort = params.get('sort');
  const tag = params.get('tag') || null;
  const rawDay = params.get('day');
  // A feed day, or a range of days (a week, a month).
  const day = rawDay && parsePeriod(rawDay) ? rawDay : null;
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '')
      ? (view as View)
      : tag || day
        ? 'all'
        : DEFAULT_ROUTE.view,
    tag,
    day,
    sort: (LIST_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ListSort) : 'featured',
    paper: params.get('paper') || null,
    today: params.get('today') === '1',
    notes: params.get('notes') === '1',
  };
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  params.set('view', route.view);
  if (route.tag) params.set('tag', route.tag);
  if (route.day) params.set('day', route.day);
  if (route.sort !== 'featured') params.set('sort', route.sort);
  if (route.paper) params.set('paper', route.paper);
  if (route.today) params.set('today', '1');
  if (route.notes) params.set('notes', '1');
  return `#${params.toString()}`;
}

/** Two routes show the same list (the open paper aside). */
export function sameList(a: Route, b: Route): boolean {
  return (
    a.view === b.view &&
    a.tag === b.tag &&
    a.day === b.day &&
    a.sort === b.sort &&
    a.today === b.today &&
    a.notes === b.notes
  );
}
