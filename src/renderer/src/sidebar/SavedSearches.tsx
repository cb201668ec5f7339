import { useState } from 'react';
import { NameField } from './NameField';
import type { SavedSearch } from '../../../shared/api';
import type { SearchToSave } from '../daily/SaveSearchDialog';
import { errorMessage } from '../lib/errors';
import { formatCount, truncate } from '../lib/format';
import { useActions } from '../state/actions';
import { useResource } from '../state/resource';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { MenuButton } from '../ui/Menu';
import { toasts } from '../ui/toasts';

/**
 * Saved searches: named views over the search service, each with its live
 * count, in the user's order. Opening one puts its query in the search box
 * within its scope; the menu renames, changes the query to the one in the search
 * box, moves and deletes (changes and deletes can be undone).
 */
export function SavedSearches({
  activeId,
  onOpen,
  current = null,
  onUpdated,
}: {
  activeId: number | null;
  onOpen: (search: SavedSearch) => void;
  /** The search in the box, if any. */
  current?: SearchToSave | null;
  onUpdated?: (search: SavedSearch) => void;
}) {
  const stores = useStores();
  const actions = useActions();
  const { data } = useResource(stores.savedSearches);
  const [renaming, setRenaming] = useState<number | null>(null);
  const searches = data ?? [];

  const run = async (failure: string, change: () => Promise<unknown>) => {
    try {
      await change();
    } catch (error) {
      toasts.error(`${failure}: ${errorMessage(error)}`);
    }
  };

  /** Undo of a delete: the same search again, at the place it had. */
  const restore = (search: SavedSearch, position: number) =>
    run('Could not restore the saved search', () => actions.restoreSavedSearch(search, position));

  /** Search for what is in the box instead; Undo puts the old query and scope back. */
  const update = (search: SavedSearch, to: SearchToSave) =>
    run('Could not change the saved search', async () => {
      const updated = await actions.updateSavedSearch(search.id, to);
      onUpdated?.(updated);
      toasts.show(`“${search.name}” now searches for ${quoted(to.query)}`, {
        key: 'saved-search-updated',
        action: {
          label: 'Undo',
          run: () =>
            void run('Could not undo the change', () =>
              actions.updateSavedSearch(search.id, search),
            ),
        },
      });
    });

  if (searches.length === 0) return null;
  return (
    <section className="nav-section" aria-labelledby="saved-searches-heading">
      <div className="nav-heading-row">
        <h2 id="saved-searches-heading" className="nav-heading">
          Saved searches
        </h2>
      </div>
      <ul className="nav-list">
        {searches.map((search, index) => (
          <li key={search.id}>
            {renaming === search.id ? (
              <NameField
                label="Saved search name"
                initial={search.name}
                onCancel={() => setRenaming(null)}
                onCommit={(name) => {
                  setRenaming(null);
                  if (name.trim() && name.trim() !== search.name) {
                    void run('Could not rename the saved search', () =>
                      actions.renameSavedSearch(search.id, name),
                    );
                  }
                }}
              />
            ) : (
              <div className="nav-row">
                <button
                  type="button"
                  className="nav-item"
                  aria-current={activeId === search.id ? 'page' : undefined}
                  title={search.query}
                  onClick={() => onOpen(search)}
                >
                  <Icon name="search" className="nav-icon" />
                  <span className="nav-label">{search.name}</span>
                  <span className="nav-count" aria-label={`${search.count} papers`}>
                    {formatCount(search.count)}
                  </span>
                </button>
                <MenuButton
                  label={`Actions for saved search ${search.name}`}
                  className="icon-button nav-row-menu"
                  icon={<Icon name="more" />}
                  items={[
                    { label: 'Rename…', onSelect: () => setRenaming(search.id) },
                    ...(current && !sameSearch(current, search)
                      ? [
                          {
                            label: `Search for ${quoted(current.query)} instead`,
                            onSelect: () => void update(search, current),
                          },
                        ]
                      : []),
                    ...(index > 0
                      ? [
                          {
                            label: 'Move up',
                            onSelect: () =>
                              void run('Could not move the saved search', () =>
                                actions.moveSavedSearch(search.id, index - 1),
                              ),
                          },
                        ]
                      : []),
                    ...(index < searches.length - 1
                      ? [
                          {
                            label: 'Move down',
                            onSelect: () =>
                              void run('Could not move the saved search', () =>
                                actions.moveSavedSearch(search.id, index + 1),
                              ),
                          },
                        ]
                      : []),
                    {
                      label: 'Delete',
                      danger: true,
                      onSelect: () =>
                        void run('Could not delete the saved search', async () => {
                          await actions.deleteSavedSearch(search.id);
                          toasts.show(`Deleted the saved search “${search.name}”`, {
                            key: 'saved-search-deleted',
                            action: { label: 'Undo', run: () => void restore(search, index) },
                          });
                        }),
                    },
                  ]}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function sameSearch(a: SearchToSave, b: SearchToSave): boolean {
  return a.query === b.query && a.view === b.view && (a.tag ?? null) === (b.tag ?? null);
}

/** A query in a menu or a message: quoted, and cut short when long. */
function quoted(query: string): string {
  return `“${truncate(query, 40)}”`;
}
