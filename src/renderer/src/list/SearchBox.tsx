import type { Ref } from 'react';
import type { PartialMatches } from '../../../shared/api';
import { partialMatchNotice } from '../../../shared/search-query';
import { Icon } from '../ui/Icon';

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
    <div className="search" role="search">
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
  const count = total === null ? 'Searching…' : `${total} ${total === 1 ? 'result' : 'results'}`;
  const more =
    !everywhere && totalInLibrary !== null && total !== null ? totalInLibrary - total : 0;
  return (
    <div className="search-scope" role="status">
      <span>
        {count} in {everywhere ? 'all papers' : scopeLabel}
      </span>
      {everywhere ? (
        <button type="button" className="link-button" onClick={() => onEverywhere(false)}>
          Only {scopeLabel}
        </button>
      ) : (
        <button type="button" className="link-button" onClick={() => onEverywhere(true)}>
          {more > 0 ? `${more} more in all papers` : 'Search all papers'}
        </button>
      )}
      {partial && <span className="search-partial">{partialMatchNotice(partial)}</span>}
      {warnings.length > 0 && <span className="search-warning">{warnings[0]}</span>}
    </div>
  );
}
