import { useCallback, useSyncExternalStore } from 'react';
import type { PaperSummary } from '../../../shared/domain';
import { TodayBar } from '../daily/TodayBar';
import { triage, type Reader } from '../keyboard/reader-shortcuts';
import { LIST_PANE_ID, SidebarToggle } from '../layout/ReaderLayout';
import type { PaneLayout } from '../state/layout';
import { openSavedOf, scopeTitleOf, searchTextOf, searchToSaveOf, titleOf } from '../state/reader';
import { AllNotesList, useAllNotes } from '../notes/AllNotes';
import { useReader } from '../state/reader-store';
import { useResource } from '../state/resource';
import { Toasts } from '../ui/toasts';
import { EmptyList } from './EmptyList';
import { ListHeader } from './ListHeader';
import { PaperList } from './PaperList';
import { SampleBanner } from './SampleBanner';
import { SearchBox, SearchScope } from './SearchBox';

/** The middle pane: the list's title and search, the Today bar, and the papers. */
export function ListPane({ context, layout }: { context: Reader; layout: PaneLayout }) {
  const { stores, actions, reader } = context;
  const { list } = stores;
  const { search: searchRef, list: listRef } = reader.elements;
  const state = useReader(reader);
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  const { data: counts } = useResource(stores.counts);
  const { route, selection, search } = state;
  const searchText = searchTextOf(state);
  const scopeTitle = scopeTitleOf(state);
  const title = titleOf(state);
  const allNotes = useAllNotes(route.notes ? searchText : null);
  const onPick = useCallback(
    (index: number, picked: PaperSummary, event: React.MouseEvent) =>
      reader.pick(index, picked.id, {
        toggle: event.metaKey || event.ctrlKey,
        extend: event.shiftKey,
      }),
    [reader],
  );

  return (
    <main id={LIST_PANE_ID} className="list-pane" aria-label={`${title} list`}>
      <ListHeader
        start={<SidebarToggle layout={layout} />}
        title={title}
        total={route.notes ? (allNotes?.total ?? null) : snapshot.total}
        selectedCount={selection.ids.size}
        sort={route.sort}
        onSort={(sort) => reader.navigate({ sort })}
        isSearching={searchText !== ''}
        hasOwnOrder={route.today || route.notes}
        search={
          <>
            <SearchBox
              value={search.text}
              inputRef={searchRef}
              onChange={(text) => reader.setSearch({ text })}
              onLeave={() => {
                reader.focusList();
                const first = list.rowAt(0);
                if (!reader.getSnapshot().selection.cursor && first) reader.select(first.id);
              }}
            />
            {searchText && !route.notes && (
              <SearchScope
                total={snapshot.total}
                totalInLibrary={snapshot.totalInLibrary}
                scopeLabel={scopeTitle}
                everywhere={search.everywhere}
                onEverywhere={(everywhere) => reader.setSearch({ everywhere })}
                warnings={snapshot.warnings}
                partial={snapshot.partial}
              />
            )}
            {searchText && !openSavedOf(state) && !route.notes && (
              <button
                type="button"
                className="link-button save-search-button"
                onClick={() => reader.askToSave(searchToSaveOf(state))}
              >
                Save search…
              </button>
            )}
          </>
        }
      />
      {route.today && !searchText && (
        <TodayBar
          since={state.todaySince}
          today={snapshot.today}
          onArchiveRest={() => triage(context).archiveRest()}
        />
      )}
      {route.sort === 'foryou' && !searchText && snapshot.forYouNeeds && (
        <p className="for-you-needs" role="status">
          {snapshot.forYouNeeds}
        </p>
      )}
      <SampleBanner onRemove={actions.removeSamples} />
      {route.notes ? (
        <AllNotesList
          state={allNotes}
          cursor={selection.cursor}
          onOpen={(id) => reader.select(id, false)}
        />
      ) : (
        <PaperList
          ref={listRef}
          selection={selection}
          onPick={onPick}
          emptyState={
            <EmptyList
              route={route}
              libraryTotal={counts?.views.all ?? null}
              searchText={searchText}
            />
          }
        />
      )}
      {/* In the list's corner: never over the details (their Read PDF button) or the sidebar. */}
      <Toasts />
    </main>
  );
}
