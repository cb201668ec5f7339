import type { ReactNode } from 'react';
import { formatCount } from '../lib/format';
import { LIST_SORTS, type ListSort } from '../state/list-query';

const SORT_LABELS: Record<ListSort, string> = {
  featured: 'Featured day',
  upvotes: 'Upvotes',
  title: 'Title',
  added: 'Date added',
  rising: 'Rising',
  foryou: 'For you',
};

/** Above the list: what is shown, how many, the sort, and (slot) the search box. */
export function ListHeader({
  title,
  total,
  selectedCount,
  sort,
  onSort,
  search,
  start,
  isSearching = false,
  hasOwnOrder = false,
}: {
  title: string;
  total: number | null;
  selectedCount: number;
  sort: ListSort;
  onSort: (sort: ListSort) => void;
  search?: ReactNode;
  /** Before the title (the sidebar toggle). */
  start?: ReactNode;
  /** While searching: results are ranked, so the sort does not apply. */
  isSearching?: boolean;
  /** The list has an order of its own (Today): no sort to choose. */
  hasOwnOrder?: boolean;
}) {
  return (
    <header className="list-header">
      {search}
      <div className="list-title-row">
        {start}
        <h1 className="list-title">{title}</h1>
        <span className="list-count" aria-live="polite">
          {total === null || isSearching
            ? ''
            : `${formatCount(total)} ${total === 1 ? 'paper' : 'papers'}`}
          {selectedCount > 1 ? ` · ${formatCount(selectedCount)} selected` : ''}
        </span>
        <label className="sort" hidden={isSearching || hasOwnOrder}>
          <span className="sort-label">Sort</span>
          <select value={sort} onChange={(event) => onSort(event.target.value as ListSort)}>
            {LIST_SORTS.map((key) => (
              <option key={key} value={key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
