import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import {
  STATUS_LABELS,
  VIEW_LABELS,
  type PaperSummary,
  type ReadingStatus,
} from '../../shared/domain';
import { access } from './api/access';
import { getBackend } from './api/client';
import { BulkPanel } from './detail/BulkPanel';
import { copyCitation } from './detail/cite';
import { PaperDetail } from './detail/PaperDetail';
import { HelpOverlay } from './keyboard/HelpOverlay';
import { TypeAhead } from './keyboard/type-ahead';
import { useShortcuts } from './keyboard/use-shortcuts';
import { formatCount, formatPeriodTitle } from './lib/format';
import { EmptyList } from './list/EmptyList';
import { ListHeader } from './list/ListHeader';
import { SearchBox, SearchScope } from './list/SearchBox';
import { PaperList, type PaperListHandle } from './list/PaperList';
import { SampleBanner } from './list/SampleBanner';
import { Sidebar, type LibraryDialog } from './sidebar/Sidebar';
import { AddPaperDialog } from './dialogs/AddPaperDialog';
import { BackupsDialog } from './dialogs/BackupsDialog';
import { ReadingDialog } from './daily/ReadingDialog';
import { ExportDialog, type ExportChoice } from './dialogs/ExportDialog';
import { DaysDialog } from './dialogs/DaysDialog';
import { ImportDialog } from './dialogs/ImportDialog';
import { PaneControls, SidebarToggle, LIST_PANE_ID, useReaderLayout } from './layout/ReaderLayout';
import { PdfPanel } from './pdf';
import { createActions } from './state/actions';
import { useResource } from './state/resource';
import { layoutStore } from './state/layout-store';
import { searchWithin } from './state/paper-list-store';
import { formatRoute, parseRoute, type Route } from './state/route';
import { AllNotesList, useAllNotes } from './notes/AllNotes';
import { queryKey } from './state/list-query';
import {
  actionableIds,
  extendTo,
  isMulti,
  selectAll,
  selectOne,
  toggleOne,
  type Selection,
} from './state/selection';
import { connectEvents, createStores, StoresContext, type Stores } from './state/stores';
import { useTheme } from './state/theme';
import { usePaper } from './state/use-paper';
import { discoveryStore } from './state/discovery-store';
import { useSelectionFollowsList } from './state/use-selection-follows-list';
import type { SavedSearch } from '../../shared/api';
import { SaveSearchDialog, type SearchToSave } from './daily/SaveSearchDialog';
import { TodayBar } from './daily/TodayBar';
import { ConfirmHost } from './ui/confirm';
import { errorMessage } from './lib/errors';
import { LinkNeeded } from './ui/LinkNeeded';
import { Toasts, toasts } from './ui/toasts';

/** Re-rendered only when the shown paper (or its props) change, not for every list page. */
const MemoPaperDetail = memo(PaperDetail);

/**
 * The stores for the route the page opened at. Creating them sends the first
 * requests (the list's first page above all), so main.tsx does it before
 * anything else runs.
 */
export function startApp(): { initialRoute: Route; stores: Stores } {
  const initialRoute = parseRoute(window.location.hash);
  return {
    initialRoute,
    stores: createStores(getBackend(), { ...initialRoute, search: null, today: null }),
  };
}

/** The three-pane reader: sidebar | paper list | paper details. */
export function App({ start }: { start: { initialRoute: Route; stores: Stores } }) {
  const [{ initialRoute, stores }] = useState(start);
  const isRefused = useSyncExternalStore(access.subscribe, access.getSnapshot);
  useEffect(() => connectEvents(stores), [stores]);
  useEffect(() => {
    // One flush for everything unsaved: the desktop waits for it before closing.
    stores.backend.onBeforeClose(() => stores.notes.flushAll());
  }, [stores]);
  if (isRefused) return <LinkNeeded />;
  return (
    <StoresContext.Provider value={stores}>
      <Reader stores={stores} initialRoute={initialRoute} />
      <ConfirmHost />
    </StoresContext.Provider>
  );
}

function Reader({ stores, initialRoute }: { stores: Stores; initialRoute: Route }) {
  const { list } = stores;
  const actions = useMemo(() => createActions(stores), [stores]);
  const [route, setRoute] = useState(initialRoute);
  const [selection, setSelection] = useState<Selection>(() => selectOne(initialRoute.paper));
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const [dialog, setDialog] = useState<LibraryDialog | null>(null);
  const [search, setSearch] = useState({ text: '', everywhere: false });
  // The Today view covers from the last visit: opening it marks a new visit (openToday).
  const [todaySince, setTodaySince] = useState<string | null>(null);
  const todayOpening = useRef<Promise<string> | null>(null);
  const [savedSearch, setSavedSearch] = useState<SavedSearch | null>(null);
  const [searchToSave, setSearchToSave] = useState<SearchToSave | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // Which paper's note is open for writing (a new paper starts in preview).
  const [writingNoteFor, setWritingNoteFor] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<'note' | 'tag' | 'heading' | null>(null);
  const listRef = useRef<PaperListHandle>(null);
  const detailRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const tagInputRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  // What is typed after N while the note cannot take it yet; it goes to that paper's note.
  const typeAhead = useRef<{ paperId: string; keys: TypeAhead } | null>(null);
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  const { layout, appProps } = useReaderLayout();
  useTheme(stores);

  // The list follows the route; the open paper is kept in the URL for reloads.
  const searchText = search.text.trim();
  useEffect(() => {
    if (!route.today) {
      todayOpening.current = null;
      return;
    }
    // One visit per entry into Today, however often this effect runs meanwhile.
    todayOpening.current ??= stores.backend.api.openToday({}).then((opened) => opened.since);
    let isCurrent = true;
    todayOpening.current.then(
      (since) => {
        if (isCurrent) setTodaySince(since);
        stores.today.refresh();
      },
      (error: unknown) => {
        todayOpening.current = null;
        toasts.error(`Could not open Today: ${errorMessage(error)}`);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [route.today, stores]);
  useEffect(() => {
    // Today waits for its moment (openToday) rather than show another list meanwhile.
    if (route.today && !todaySince) return;
    list.setQuery({
      view: route.view,
      tag: route.tag,
      day: route.day,
      sort: route.sort,
      search: searchText ? { text: searchText, everywhere: search.everywhere } : null,
      today: route.today ? todaySince : null,
    });
  }, [
    list,
    route.view,
    route.tag,
    route.day,
    route.sort,
    route.today,
    todaySince,
    searchText,
    search.everywhere,
  ]);
  useEffect(() => {
    const hash = formatRoute({ ...route, paper: selection.cursor });
    if (hash !== window.location.hash) window.history.replaceState(null, '', hash);
  }, [route, selection.cursor]);

  useSelectionFollowsList(list, snapshot.rowsFor, setSelection);

  const cursor = selection.cursor;
  const { paper, error: paperError } = usePaper(isMulti(selection) ? null : cursor);
  const cursorSummary = cursor ? (snapshot.rows[list.indexOf(cursor)] ?? null) : null;

  // Words typed after N reach the note they were meant for, whatever happens meanwhile
  // (the editor takes focus, Esc, another paper): before the note is saved on leaving.
  useEffect(() => {
    const pending = typeAhead.current;
    if (pending && (focusRequest !== 'note' || cursor !== pending.paperId)) {
      typeAhead.current = null;
      stores.notes.append(pending.paperId, pending.keys.take());
    }
  }, [focusRequest, cursor, stores]);
  useEffect(
    () => () => {
      const pending = typeAhead.current;
      typeAhead.current = null;
      if (pending) stores.notes.append(pending.paperId, pending.keys.take());
    },
    [stores],
  );

  // Leaving a paper saves its note.
  const previousCursor = useRef(cursor);
  useEffect(() => {
    const previous = previousCursor.current;
    if (previous && previous !== cursor) void stores.notes.flush(previous);
    previousCursor.current = cursor;
  }, [cursor, stores]);

  // Keys like T and N ask for a field that may render only after this update; focus it once it exists.
  useEffect(() => {
    if (!focusRequest) return;
    const target =
      focusRequest === 'note'
        ? noteRef.current
        : focusRequest === 'tag'
          ? tagInputRef.current
          : headingRef.current;
    const focus = (el: HTMLElement) => {
      el.focus();
      if (el instanceof HTMLTextAreaElement) {
        // A note continues: the cursor goes after the last character, and the end shows.
        const end = el.value.length;
        el.setSelectionRange(end, end);
        el.scrollTop = el.scrollHeight;
      }
      el.scrollIntoView({ block: 'nearest' });
      setFocusRequest(null);
    };
    if (!target) return;
    if (!(target instanceof HTMLTextAreaElement && target.disabled)) {
      focus(target);
      return;
    }
    // The note is still loading (its editor is disabled until then, and nothing above
    // re-renders when it arrives): focus it the moment it is enabled.
    const observer = new MutationObserver(() => {
      if (!target.disabled) {
        observer.disconnect();
        focus(target);
      }
    });
    observer.observe(target, { attributes: true, attributeFilter: ['disabled'] });
    return () => observer.disconnect();
  }, [focusRequest, writingNoteFor, paper, selection]);

  const navigate = useCallback((change: Partial<Route>) => {
    // Another place (a view, a tag, a day) leaves Today; a new sort does not.
    const isElsewhere = Boolean(change.view || change.tag || change.day);
    setRoute((current) => ({
      ...current,
      ...(isElsewhere ? { today: false } : {}),
      // Any other place leaves All notes.
      ...(isElsewhere || change.today ? { notes: false } : {}),
      ...change,
    }));
    if (isElsewhere || change.today) {
      setSavedSearch(null);
      // Entering Today again is a new visit, with a moment of its own.
      setTodaySince(null);
    }
    // Today shows what arrived, not a search within it.
    if (change.today) setSearch((current) => (current.text ? { ...current, text: '' } : current));
    setSelection(selectOne(null));
    layoutStore.setOverlayOpen(false);
  }, []);

  const select = useCallback(
    (id: string | null, scroll = true) => {
      setSelection(selectOne(id));
      if (id && scroll) {
        const index = list.indexOf(id);
        if (index >= 0) listRef.current?.scrollToIndex(index);
      }
    },
    [list],
  );

  const onPick = useCallback(
    (index: number, picked: PaperSummary, event: React.MouseEvent) => {
      if (event.metaKey || event.ctrlKey) {
        setSelection((current) => toggleOne(current, picked.id));
      } else if (event.shiftKey) {
        setSelection((current) => {
          const anchorIndex = current.anchor ? list.indexOf(current.anchor) : -1;
          if (anchorIndex < 0) return selectOne(picked.id);
          void list
            .idsInRange(anchorIndex, index)
            .then((ids) => setSelection((latest) => extendTo(latest, picked.id, ids)));
          return current;
        });
      } else {
        setSelection(selectOne(picked.id));
      }
    },
    [list],
  );

  /** Move by `delta` rows, or to row `to` (Home, End). */
  const move = (delta: number, extend = false, to?: number) => {
    const total = list.total;
    // Rows of the previous search, still on screen until the new answer: not the list to act on.
    if (total === 0 || !list.isCurrent) return;
    const from = cursor ? list.indexOf(cursor) : -1;
    to ??= from < 0 ? (delta > 0 ? 0 : total - 1) : Math.max(0, Math.min(total - 1, from + delta));
    const row = list.rowAt(to);
    listRef.current?.scrollToIndex(to);
    if (!row) {
      // Far in a long list (End at 50,000 papers): the row is not loaded yet. Ask
      // for its id, so one press selects it.
      if (extend) return;
      const key = queryKey(list.getSnapshot().query);
      void list.idsInRange(to, to).then(([id]) => {
        if (id && key === queryKey(list.getSnapshot().query)) select(id, false);
      });
      return;
    }
    if (extend && from >= 0) {
      const anchorIndex = selection.anchor ? list.indexOf(selection.anchor) : from;
      void list
        .idsInRange(anchorIndex < 0 ? from : anchorIndex, to)
        .then((ids) => setSelection((latest) => extendTo(latest, row.id, ids)));
    } else {
      select(row.id);
    }
  };

  /** What a key changes: the selection, only while the list shows it. */
  const targetIds = (): string[] => actionableIds(selection, (id) => list.shows(id));
  const isCursorShown = cursor !== null && list.shows(cursor);

  /** Triage: papers that leave the view take the cursor with them, to the paper now in their place. */
  const followCursor = (ids: string[]) => {
    const firstIndex = Math.min(...ids.map((id) => list.indexOf(id)).filter((i) => i >= 0));
    return () => {
      if (cursor && list.indexOf(cursor) < 0 && Number.isFinite(firstIndex)) {
        select(list.rowAt(Math.min(firstIndex, list.total - 1))?.id ?? null);
      }
    };
  };

  const applyStatus = (status: ReadingStatus) => {
    const ids = targetIds();
    if (ids.length === 0) return;
    void actions.setStatus(ids, status, followCursor(ids));
  };

  /** Today: archive everything that is neither a pick nor rising (undoable, like any bulk change). */
  const archiveRest = () => {
    const rest = snapshot.today?.restIds ?? [];
    if (!route.today || rest.length === 0) return false;
    void actions.setStatus(rest, 'archived', followCursor(rest));
  };

  const openSavedSearch = useCallback((saved: SavedSearch) => {
    setRoute((current) => ({
      ...current,
      today: false,
      view: saved.view,
      tag: saved.tag,
      day: null,
    }));
    setSelection(selectOne(null));
    setSearch({ text: saved.query, everywhere: false });
    setSavedSearch(saved);
    setTodaySince(null);
    layoutStore.setOverlayOpen(false);
  }, []);
  // A saved search is "open" while its query and scope are what the list shows.
  const openSaved =
    savedSearch &&
    searchText === savedSearch.query &&
    !search.everywhere &&
    !route.today &&
    route.view === savedSearch.view &&
    route.tag === savedSearch.tag &&
    !route.day
      ? savedSearch
      : null;

  const toggleStar = () => {
    const ids = targetIds();
    if (ids.length === 0) return;
    const loaded = ids.map((id) => list.rowAt(list.indexOf(id))).filter((p) => p !== undefined);
    const isAllStarred = loaded.length > 0 && loaded.every((p) => p.starred);
    void actions.setStarred(ids, !isAllStarred, followCursor(ids));
  };

  // Stable, so the memoized sidebar does not re-render for every list page.
  const sidebarFooter = useMemo(
    () => <PdfPanel view={route.view} tag={route.tag} day={route.day} />,
    [route.view, route.tag, route.day],
  );

  const backToList = useCallback(() => {
    listRef.current?.focus();
  }, []);
  const onWritingNoteChange = useCallback(
    (writing: boolean) => setWritingNoteFor(writing ? cursor : null),
    [cursor],
  );

  useShortcuts({
    next: (event) => (event.key === 'ArrowDown' && isInDetail(event) ? false : move(1)),
    previous: (event) => (event.key === 'ArrowUp' && isInDetail(event) ? false : move(-1)),
    extendNext: () => move(1, true),
    extendPrevious: () => move(-1, true),
    first: (event) => (isInDetail(event) ? false : move(0, false, 0)),
    last: (event) => (isInDetail(event) ? false : move(0, false, list.total - 1)),
    selectAll: (event) => {
      // Elsewhere (the details, the sidebar) Ctrl/Cmd+A keeps selecting text.
      if (!isListOrBody(event.target) || list.total === 0 || !list.isCurrent) return false;
      void list
        .idsInRange(0, list.total - 1)
        .then((ids) => setSelection((latest) => selectAll(latest, ids)));
    },
    open: (event) => {
      if (!isListOrBody(event.target) || !isCursorShown) return false;
      setFocusRequest('heading');
    },
    back: () => {
      if (detailRef.current?.contains(document.activeElement)) backToList();
      else if (isMulti(selection)) select(cursor, false);
      else if (search.text) setSearch((current) => ({ ...current, text: '' }));
      else backToList();
    },
    'status:inbox': () => applyStatus('inbox'),
    'status:toread': () => applyStatus('toread'),
    'status:reading': () => applyStatus('reading'),
    'status:read': () => applyStatus('read'),
    'status:archived': () => applyStatus('archived'),
    star: () => toggleStar(),
    archiveRest: () => archiveRest(),
    undo: () => void actions.undo(),
    redo: () => void actions.redo(),
    tag: () => {
      if (!isCursorShown) return false;
      setFocusRequest('tag');
    },
    note: () => {
      if (!cursor || !isCursorShown || isMulti(selection)) return false;
      setWritingNoteFor(cursor);
      setFocusRequest('note');
      // Until the note can take them (the paper or its note is loading), typed keys are its words.
      const editor = noteRef.current;
      if (!typeAhead.current && !(editor?.isConnected && !editor.disabled)) {
        typeAhead.current = { paperId: cursor, keys: new TypeAhead(() => setFocusRequest(null)) };
      }
    },
    openArxiv: () => {
      if (!cursor || !isCursorShown || isMulti(selection) || cursor.startsWith('local:'))
        return false;
      stores.backend.openExternal(`https://arxiv.org/abs/${cursor}`);
    },
    search: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    help: () => setIsHelpOpen(true),
    toggleSidebar: () => layoutStore.toggleSidebar(),
    acceptTag: () => {
      const tag = cursor && !isMulti(selection) ? discoveryStore.offerFor(cursor) : null;
      if (!cursor || !tag) return false;
      void actions.tagPapers([cursor], tag);
    },
    cite: () => {
      const ids = targetIds();
      if (ids.length === 0) return false;
      void copyCitation(stores.backend.api, ids);
    },
  });

  // Where a search looks (the scope's own name, even under a saved search's name).
  // (A search typed in Today looks in the view underneath it.)
  const scopeTitle =
    route.today && !searchText
      ? 'Today'
      : route.tag
        ? `Tag: ${route.tag}`
        : route.day
          ? formatPeriodTitle(route.day)
          : route.view === 'inbox' && route.sort === 'foryou'
            ? 'For you'
            : VIEW_LABELS[route.view];
  const title = route.notes ? 'All notes' : openSaved ? openSaved.name : scopeTitle;
  const allNotes = useAllNotes(route.notes ? searchText : null);
  const selectedIds = [...selection.ids];
  const exportChoices = (): ExportChoice[] => {
    const choices: ExportChoice[] = [];
    if (selectedIds.length > 1) {
      choices.push({
        label: `The ${formatCount(selectedIds.length)} selected papers`,
        scope: { ids: selectedIds },
      });
    }
    if (searchText) {
      choices.push({
        label: `Search results for “${searchText}”`,
        scope: search.everywhere
          ? { query: searchText }
          : {
              query: searchWithin(searchText, route.day).text,
              view: route.view,
              ...(route.tag ? { tag: route.tag } : {}),
              ...(searchWithin(searchText, route.day).day
                ? { day: searchWithin(searchText, route.day).day }
                : {}),
            },
      });
    }
    if (route.view !== 'all' || route.tag || route.day) {
      choices.push({
        label: `This list: ${title}`,
        scope: {
          ...(route.view !== 'all' ? { view: route.view } : {}),
          ...(route.tag ? { tag: route.tag } : {}),
          ...(route.day ? { day: route.day } : {}),
        },
      });
    }
    choices.push({ label: 'The whole library', scope: {} });
    return choices;
  };
  const selectedSummaries = isMulti(selection)
    ? selectedIds
        .map((id) => list.rowAt(list.indexOf(id)))
        .filter((p): p is PaperSummary => p !== undefined)
    : [];
  const { data: counts } = useResource(stores.counts);

  return (
    <div className="app" {...appProps}>
      <Sidebar
        route={route}
        onNavigate={navigate}
        actions={actions}
        footer={sidebarFooter}
        onOpenDialog={setDialog}
        activeSavedSearch={openSaved?.id ?? null}
        onOpenSavedSearch={openSavedSearch}
      />
      <main id={LIST_PANE_ID} className="list-pane" aria-label={`${title} list`}>
        <ListHeader
          start={<SidebarToggle layout={layout} />}
          title={title}
          total={route.notes ? (allNotes?.total ?? null) : snapshot.total}
          selectedCount={selection.ids.size}
          sort={route.sort}
          onSort={(sort) => navigate({ sort })}
          isSearching={searchText !== ''}
          hasOwnOrder={route.today || route.notes}
          search={
            <>
              <SearchBox
                value={search.text}
                inputRef={searchRef}
                onChange={(text) => setSearch((current) => ({ ...current, text }))}
                onLeave={() => {
                  backToList();
                  if (!cursor && list.rowAt(0)) select(list.rowAt(0)!.id);
                }}
              />
              {searchText && !route.notes && (
                <SearchScope
                  total={snapshot.total}
                  totalInLibrary={snapshot.totalInLibrary}
                  scopeLabel={scopeTitle}
                  everywhere={search.everywhere}
                  onEverywhere={(everywhere) =>
                    setSearch((current) => ({ ...current, everywhere }))
                  }
                  warnings={snapshot.warnings}
                  partial={snapshot.partial}
                />
              )}
              {searchText && !openSaved && !route.notes && (
                <button
                  type="button"
                  className="link-button save-search-button"
                  onClick={() =>
                    setSearchToSave(
                      search.everywhere || route.today
                        ? { query: searchText, view: 'all', tag: null }
                        : {
                            query: searchWithin(searchText, route.day).text,
                            view: route.view,
                            tag: route.tag,
                          },
                    )
                  }
                >
                  Save search…
                </button>
              )}
            </>
          }
        />
        {route.today && !searchText && (
          <TodayBar since={todaySince} today={snapshot.today} onArchiveRest={archiveRest} />
        )}
        {route.sort === 'foryou' && !searchText && snapshot.forYouNeeds && (
          <p className="for-you-needs" role="status">
            {snapshot.forYouNeeds}
          </p>
        )}
        <SampleBanner onRemove={actions.removeSamples} />
        {route.notes ? (
          <AllNotesList state={allNotes} cursor={cursor} onOpen={(id) => select(id, false)} />
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
      <section ref={detailRef} className="detail-pane" aria-label="Paper details">
        {isMulti(selection) ? (
          <BulkPanel
            ids={selectedIds}
            summaries={selectedSummaries}
            actions={actions}
            onClear={() => select(cursor, false)}
            tagInputRef={tagInputRef}
            onLeave={backToList}
          />
        ) : cursor ? (
          <MemoPaperDetail
            key={cursor}
            summary={cursorSummary}
            paper={paper}
            error={paperError}
            actions={actions}
            headingRef={headingRef}
            tagInputRef={tagInputRef}
            noteEditorRef={noteRef}
            isWritingNote={writingNoteFor === cursor}
            onWritingNoteChange={onWritingNoteChange}
            onLeave={backToList}
            onOpenPaper={select}
            searchText={searchText}
          />
        ) : (
          <NothingSelected total={snapshot.total} />
        )}
      </section>
      <PaneControls layout={layout} />
      <HelpOverlay open={isHelpOpen} onClose={() => setIsHelpOpen(false)} />
      <AddPaperDialog
        open={dialog === 'add'}
        onClose={() => setDialog(null)}
        onAdded={(result) => {
          toasts.show(
            result.added
              ? `Added “${result.paper.title}”`
              : `“${result.paper.title}” is already in the library`,
          );
          setRoute((current) => ({ ...current, view: 'all', tag: null, day: null, today: false }));
          setSelection(selectOne(result.paper.id));
        }}
      />
      <ImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} />
      <ExportDialog
        open={dialog === 'export'}
        onClose={() => setDialog(null)}
        choices={exportChoices()}
      />
      <BackupsDialog open={dialog === 'backups'} onClose={() => setDialog(null)} />
      <ReadingDialog open={dialog === 'reading'} onClose={() => setDialog(null)} />
      <SaveSearchDialog
        key={searchToSave ? JSON.stringify(searchToSave) : 'closed'}
        open={searchToSave !== null}
        search={searchToSave}
        onClose={() => setSearchToSave(null)}
        onSaved={(saved) => {
          setSavedSearch(saved);
          toasts.show(`Saved the search “${saved.name}”`);
        }}
      />
      <DaysDialog
        open={dialog === 'days'}
        onClose={() => setDialog(null)}
        onOpenPeriod={(day) => navigate({ view: 'all', tag: null, day })}
      />
    </div>
  );
}

function NothingSelected({ total }: { total: number | null }) {
  if (!total) return <div className="detail-empty" />;
  return (
    <div className="detail-empty">
      <p className="detail-empty-title">No paper selected</p>
      <p>
        Pick one from the list, or press <kbd>j</kbd> to start. <kbd>?</kbd> shows every shortcut.
      </p>
      <p className="detail-empty-keys">
        {(['toread', 'reading', 'read', 'archived'] as const).map((status, i) => (
          <span key={status}>
            <kbd>{i + 2}</kbd> {STATUS_LABELS[status]}
          </span>
        ))}
      </p>
    </div>
  );
}

function isInDetail(event: KeyboardEvent): boolean {
  return event.target instanceof Element && event.target.closest('.detail-pane') !== null;
}

function isListOrBody(target: EventTarget | null): boolean {
  return (
    target === document.body ||
    (target instanceof Element && target.closest('[role="grid"]') !== null)
  );
}
