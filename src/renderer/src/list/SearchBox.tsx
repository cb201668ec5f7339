import { useSyncExternalStore, type Ref } from 'react';
import type { PartialMatches } from '../../../shared/api';
import { partialMatchNotice } from '../../../shared/search-query';
import { formatCount, plural } from '../lib/format';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { SearchHelp } from './SearchHelp';

/**
 * The one search box (named "Search"). Results come as you type; Escape clears
 * it, a second Escape (or Enter) goes to the results.
 */
export function SearchBox({
  value,
  onChange,
  onLeave,
  inputRef,
}: {
  value: string;
  onChange: (text: string) => void;
  onLeave: () => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className="search" role="search" aria-label="Papers">
      <Icon name="search" size={14} />
      <input
        ref={inputRef}
        type="search"
        aria-label="Search"
        placeholder="Search titles, authors, tags, notes…"
        value={value}
        maxLength={20_000}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            if (value) onChange('');
            else onLeave();
          } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
            event.preventDefault();
            onLeave();
          }
        }}
      />
      {!value && <kbd className="search-key">/</kbd>}
      <SearchHelp onTry={onChange} />
    </div>
  );
}

/** Under the box while searching: how many, where, and the switch to search everything. */
export function SearchScope({
  total,
  totalInLibrary,
  scopeLabel,
  everywhere,
  onEverywhere,
  warnings,
  partial = null,
}: {
  total: number | null;
  totalInLibrary: number | null;
  scopeLabel: string;
  everywhere: boolean;
  onEverywhere: (everywhere: boolean) => void;
  warnings: string[];
  /** Set when papers matching only some words follow: said plainly under the box. */
  partial?: PartialMatches | null;
}) {
  const { indexing: indexingStore } = useStores();
  const indexing = useSyncExternalStore(indexingStore.subscribe, indexingStore.getSnapshot);
  const count =
    total !== null
      ? plural(total, 'result')
      : indexing
        ? `Indexing ${formatCount(indexing.done)} of ${formatCount(indexing.total)} papers…`
        : 'Searching…';
  const more =
    !everywhere && totalInLibrary !== null && total !== null ? totalInLibrary - total : 0;
  return (
    <div className="search-scope">
      {/* The count alone is the live region (read whole, once the search settles), so a
          screen reader hears "3 results in Inbox" and not the buttons beside it. */}
      <span role="status" aria-atomic="true" aria-busy={total === null}>
        {total === null && indexing
          ? count
          : `${count} in ${everywhere ? 'all papers' : scopeLabel}`}
        {/* Heard with the count; the visible notice below is the same words. */}
        {partial && <span className="visually-hidden">. {partialMatchNotice(partial)}</span>}
      </span>
      {everywhere ? (
        <button type="button" className="link-button" onClick={() => onEverywhere(false)}>
          Only {scopeLabel}
        </button>
      ) : (
        <button type="button" className="link-button" onClick={() => onEverywhere(true)}>
          {more > 0 ? `${formatCount(more)} more in all papers` : 'Search all papers'}
        </button>
      )}
      {partial && (
        <span className="search-partial" aria-hidden="true">
          {partialMatchNotice(partial)}
        </span>
      )}
      {warnings.length > 0 && <span className="search-warning">{warnings[0]}</span>}
    </div>
  );
}
