import { createRef, useSyncExternalStore } from 'react';
import type { SavedSearch } from '../../../shared/api';
import type { SearchToSave } from '../daily/SaveSearchDialog';
import { TypeAhead } from '../keyboard/type-ahead';
import type { PaperListHandle } from '../list/PaperList';
import type { Actions } from './actions';
import { layoutStore } from './layout-store';
import { queryKey } from './list-query';
import {
  entersToday,
  initialReaderState,
  listQueryOf,
  reduceReader,
  type FocusTarget,
  type ReaderAction,
  type ReaderDialog,
  type ReaderSearch,
  type ReaderState,
} from './reader';
import { formatRoute, type Route } from './route';
import { actionableIds } from './selection';
import type { Stores } from './stores';

/** Where the reader keeps the place it is at (the URL hash, so a reload comes back to it). */
export interface ReaderPlace {
  read(): string;
  replace(hash: string): void;
}

const windowPlace: ReaderPlace = {
  read: () => window.location.hash,
  replace: (hash) => window.history.replaceState(null, '', hash),
};

/**
 * The reader's state, owned outside React: route, selection, search, the Today
 * visit, dialogs and focus requests, changed only through the pure transitions
 * of reader.ts. What a change sets off happens here, once, whoever asked for
 * it: the list follows the route and the search, the URL keeps the place, a
 * paper left has its note saved, entering Today asks for a new visit, words
 * typed ahead of the note reach it. Components read it with {@link useReader}.
 */
export class ReaderStore {
  private state: ReaderState;
  private readonly listeners = new Set<() => void>();
  /** What is typed after N while the note cannot take it yet; it goes to that paper's note. */
  private typeAhead: { paperId: string; keys: TypeAhead } | null = null;
  /** Answers to an older Today visit are ignored. */
  private todayVisit = 0;
  /** The list query whose rows the selection last followed (see connect). */
  private settledFor: string | null;

  /** The elements keys move to or act on; the panes attach them. */
  readonly elements = {
    list: createRef<PaperListHandle>(),
    search: createRef<HTMLInputElement>(),
    detail: createRef<HTMLElement>(),
    heading: createRef<HTMLHeadingElement>(),
    tagInput: createRef<HTMLInputElement>(),
    note: createRef<HTMLTextAreaElement>(),
  };

  constructor(
    private readonly stores: Stores,
    private readonly actions: Pick<Actions, 'openToday'>,
    initialRoute: Route,
    private readonly place: ReaderPlace = windowPlace,
  ) {
    this.state = initialReaderState(initialRoute);
    // The query the page opened with counts as settled, so a paper opened from the URL stays selected.
    this.settledFor = queryKey(stores.list.getSnapshot().query);
    if (initialRoute.today) this.openToday();
    this.followState(this.state);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReaderState => this.state;

  dispatch = (action: ReaderAction): void => {
    const before = this.state;
    const next = reduceReader(before, action);
    if (next === before) return;
    this.state = next;
    this.afterChange(before, next);
    for (const listener of this.listeners) listener();
  };

  /**
   * Keys act only on what the list shows: when a search, filter or view change
   * hides the selected paper, the selection moves to the first paper shown (or
   * to none), once the new query's rows are in. Returns the release.
   */
  connect(): () => void {
    const { list } = this.stores;
    const follow = () => {
      const { rowsFor } = list.getSnapshot();
      if (rowsFor === null || rowsFor === this.settledFor) return;
      this.settledFor = rowsFor;
      this.dispatch({
        type: 'keepShown',
        isShown: (id) => list.shows(id),
        firstShown: list.rowAt(0)?.id ?? null,
      });
    };
    const unsubscribe = list.subscribe(follow);
    follow();
    return () => {
      unsubscribe();
      this.handOverTypeAhead();
    };
  }

  // --- Where the reader is -------------------------------------------------

  navigate = (change: Partial<Route>): void => {
    this.dispatch({ type: 'navigate', change });
    layoutStore.setOverlayOpen(false);
  };

  openSavedSearch = (saved: SavedSearch): void => {
    this.dispatch({ type: 'openSavedSearch', saved });
    layoutStore.setOverlayOpen(false);
  };

  setSearch = (change: Partial<ReaderSearch>): void => this.dispatch({ type: 'search', change });

  openDialog = (dialog: ReaderDialog): void => this.dispatch({ type: 'openDialog', dialog });

  closeDialog = (dialog: ReaderDialog): void => this.dispatch({ type: 'closeDialog', dialog });

  askToSave = (search: SearchToSave): void => this.dispatch({ type: 'askToSave', search });

  /** Back to the list (Esc from the details, leaving the search box). */
  focusList = (): void => this.elements.list.current?.focus();

  // --- Selection ------------------------------------------------------------

  /** Select one paper (or none), scrolling the list to it. */
  select = (id: string | null, scroll = true): void => {
    this.dispatch({ type: 'select', id });
    if (id && scroll) {
      const index = this.stores.list.indexOf(id);
      if (index >= 0) this.elements.list.current?.scrollToIndex(index);
    }
  };

  /** A click on a row: Ctrl/Cmd toggles it, Shift extends from the anchor, else it alone. */
  pick = (index: number, id: string, modifiers: { toggle: boolean; extend: boolean }): void => {
    const { list } = this.stores;
    if (modifiers.toggle) {
      this.dispatch({ type: 'toggle', id });
    } else if (modifiers.extend) {
      const { anchor } = this.state.selection;
      const anchorIndex = anchor ? list.indexOf(anchor) : -1;
      if (anchorIndex < 0) {
        this.dispatch({ type: 'select', id });
        return;
      }
      void list
        .idsInRange(anchorIndex, index)
        .then((rangeIds) => this.dispatch({ type: 'extend', id, rangeIds }));
    } else {
      this.dispatch({ type: 'select', id });
    }
  };

  /** Move by `delta` rows, or to row `to` (Home, End); `extend` grows the selection. */
  move = (delta: number, extend = false, to?: number): void => {
    const { list } = this.stores;
    const total = list.total;
    // Rows of the previous search, still on screen until the new answer: not the list to act on.
    if (total === 0 || !list.isCurrent) return;
    const { cursor, anchor } = this.state.selection;
    const from = cursor ? list.indexOf(cursor) : -1;
    to ??= from < 0 ? (delta > 0 ? 0 : total - 1) : Math.max(0, Math.min(total - 1, from + delta));
    const row = list.rowAt(to);
    this.elements.list.current?.scrollToIndex(to);
    if (!row) {
      // Far in a long list (End at 50,000 papers): the row is not loaded yet. Ask
      // for its id, so one press selects it.
      if (extend) return;
      const key = queryKey(list.getSnapshot().query);
      void list.idsInRange(to, to).then(([id]) => {
        if (id && key === queryKey(list.getSnapshot().query)) this.select(id, false);
      });
      return;
    }
    if (extend && from >= 0) {
      const anchorIndex = anchor ? list.indexOf(anchor) : from;
      void list
        .idsInRange(anchorIndex < 0 ? from : anchorIndex, to)
        .then((rangeIds) => this.dispatch({ type: 'extend', id: row.id, rangeIds }));
    } else {
      this.select(row.id);
    }
  };

  /** Ctrl/Cmd+A: every paper of the list. False when the list has none to select. */
  selectAllShown = (): boolean => {
    const { list } = this.stores;
    if (list.total === 0 || !list.isCurrent) return false;
    void list
      .idsInRange(0, list.total - 1)
      .then((ids) => this.dispatch({ type: 'selectAll', ids }));
    return true;
  };

  /** What a key changes: the selection, only while the list shows it. */
  targetIds = (): string[] =>
    actionableIds(this.state.selection, (id) => this.stores.list.shows(id));

  isCursorShown = (): boolean => {
    const { cursor } = this.state.selection;
    return cursor !== null && this.stores.list.shows(cursor);
  };

  /**
   * Triage: papers that leave the view take the cursor with them, to the paper
   * now in their place. Call before the change; run the answer once it is applied.
   */
  followCursor = (ids: string[]): (() => void) => {
    const { list } = this.stores;
    const { cursor } = this.state.selection;
    const firstIndex = Math.min(...ids.map((id) => list.indexOf(id)).filter((i) => i >= 0));
    return () => {
      if (cursor && list.indexOf(cursor) < 0 && Number.isFinite(firstIndex)) {
        this.select(list.rowAt(Math.min(firstIndex, list.total - 1))?.id ?? null);
      }
    };
  };

  // --- Focus requests ---------------------------------------------------------

  requestFocus = (target: FocusTarget): void => this.dispatch({ type: 'requestFocus', target });

  focusDone = (): void => this.dispatch({ type: 'focusDone' });

  setWritingNote = (id: string | null): void => this.dispatch({ type: 'writeNote', id });

  /**
   * N: write in this paper's note. Until the note can take them (the paper or
   * its note is loading), typed keys are its words.
   */
  writeNote = (paperId: string): void => {
    const editor = this.elements.note.current;
    const isReady = editor?.isConnected && !editor.disabled;
    this.dispatch({ type: 'writeNote', id: paperId });
    this.requestFocus('note');
    if (!this.typeAhead && !isReady) {
      this.typeAhead = { paperId, keys: new TypeAhead(this.focusDone) };
    }
  };

  // --- What a change sets off -------------------------------------------------

  private afterChange(before: ReaderState, next: ReaderState): void {
    if (entersToday(before, next)) this.openToday();
    else if (!next.route.today) this.todayVisit++;
    this.followState(next);
    // Words typed after N reach the note they were meant for, whatever happens meanwhile
    // (the editor takes focus, Esc, another paper): before the note is saved on leaving.
    const pending = this.typeAhead;
    if (pending && (next.focusRequest !== 'note' || next.selection.cursor !== pending.paperId)) {
      this.handOverTypeAhead();
    }
    // Leaving a paper saves its note.
    const previous = before.selection.cursor;
    if (previous && previous !== next.selection.cursor) void this.stores.notes.flush(previous);
  }

  /** The list shows the route and the search; the URL keeps the place and the open paper. */
  private followState(state: ReaderState): void {
    const query = listQueryOf(state);
    if (query) this.stores.list.setQuery(query);
    const hash = formatRoute({ ...state.route, paper: state.selection.cursor });
    if (hash !== this.place.read()) this.place.replace(hash);
  }

  private handOverTypeAhead(): void {
    const pending = this.typeAhead;
    this.typeAhead = null;
    if (pending) this.stores.notes.append(pending.paperId, pending.keys.take());
  }

  /** One visit per entry into Today: its moment comes from openToday. */
  private openToday(): void {
    const visit = ++this.todayVisit;
    void this.actions.openToday().then((since) => {
      if (since !== null && visit === this.todayVisit)
        this.dispatch({ type: 'todayOpened', since });
    });
  }
}

export function useReader(reader: ReaderStore): ReaderState {
  return useSyncExternalStore(reader.subscribe, reader.getSnapshot);
}
