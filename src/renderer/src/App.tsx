import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SavedSearch } from '../../shared/api';
import { access } from './api/access';
import { getBackend } from './api/client';
import { DetailPane } from './detail/DetailPane';
import { ReaderDialogs } from './dialogs/ReaderDialogs';
import { useReaderShortcuts, type Reader as ReaderContext } from './keyboard/reader-shortcuts';
import { PaneControls, useReaderLayout } from './layout/ReaderLayout';
import { ListPane } from './list/ListPane';
import { PdfPanel } from './pdf';
import { Sidebar } from './sidebar/Sidebar';
import { ActionsContext, createActions } from './state/actions';
import { openSavedOf, searchTextOf, searchToSaveOf } from './state/reader';
import type { SearchToSave } from './daily/SaveSearchDialog';
import { ReaderStore, useReader } from './state/reader-store';
import { parseRoute } from './state/route';
import { connectEvents, createStores, StoresContext } from './state/stores';
import { useTheme } from './state/theme';
import { ConfirmHost } from './ui/confirm';
import { LinkNeeded } from './ui/LinkNeeded';

/**
 * The stores for the route the page opened at. Creating them sends the first
 * requests (the list's first page above all), so main.tsx does it before
 * anything else runs.
 */
export function startApp(): ReaderContext {
  const initialRoute = parseRoute(window.location.hash);
  const stores = createStores(getBackend(), { ...initialRoute, search: null, today: null });
  const actions = createActions(stores);
  return { stores, actions, reader: new ReaderStore(stores, actions, initialRoute) };
}

/** The three-pane reader: sidebar | paper list | paper details. */
export function App({ start }: { start: ReaderContext }) {
  const [context] = useState(start);
  const { stores, reader } = context;
  const isRefused = useSyncExternalStore(access.subscribe, access.getSnapshot);
  useEffect(() => connectEvents(stores), [stores]);
  useEffect(() => reader.connect(), [reader]);
  useEffect(() => {
    // One flush for everything unsaved: the desktop waits for it before closing.
    stores.backend.onBeforeClose(() => stores.notes.flushAll());
  }, [stores]);
  if (isRefused) return <LinkNeeded />;
  return (
    <StoresContext.Provider value={stores}>
      <ActionsContext.Provider value={context.actions}>
        <Reader context={context} />
        <ConfirmHost />
      </ActionsContext.Provider>
    </StoresContext.Provider>
  );
}

/** Composes the panes; the state is the reader store's, the keys reader-shortcuts'. */
function Reader({ context }: { context: ReaderContext }) {
  const { stores, actions, reader } = context;
  const state = useReader(reader);
  const { route } = state;
  const { layout, appProps } = useReaderLayout();
  useTheme(stores);
  useReaderShortcuts(context);

  // Stable, so the memoized sidebar does not re-render for every list page.
  // The search in the box, for "search for this instead" on a saved search (stable by value).
  const searchKey = searchTextOf(state) ? JSON.stringify(searchToSaveOf(state)) : '';
  const currentSearch = useMemo(
    () => (searchKey ? (JSON.parse(searchKey) as SearchToSave) : null),
    [searchKey],
  );
  const onSavedSearchUpdated = useCallback(
    (saved: SavedSearch) => reader.dispatch({ type: 'searchSaved', saved }),
    [reader],
  );
  const sidebarFooter = useMemo(
    () => <PdfPanel view={route.view} tag={route.tag} day={route.day} />,
    [route.view, route.tag, route.day],
  );

  return (
    <div className="app" {...appProps}>
      <Sidebar
        route={route}
        onNavigate={reader.navigate}
        actions={actions}
        footer={sidebarFooter}
        onOpenDialog={reader.openDialog}
        activeSavedSearch={openSavedOf(state)?.id ?? null}
        onOpenSavedSearch={reader.openSavedSearch}
        currentSearch={currentSearch}
        onSavedSearchUpdated={onSavedSearchUpdated}
      />
      <ListPane context={context} layout={layout} />
      <DetailPane context={context} />
      <PaneControls layout={layout} />
      <ReaderDialogs reader={reader} />
    </div>
  );
}
