import type { SavedSearch } from '../../../shared/api';
import { VIEW_LABELS } from '../../../shared/domain';
import type { SearchToSave } from '../daily/SaveSearchDialog';
import type { ExportChoice } from '../dialogs/ExportDialog';
import type { LibraryDialog } from '../sidebar/Sidebar';
import { formatCount, formatPeriodTitle } from '../lib/format';
import type { ListQuery } from './list-query';
import { searchWithin } from './paper-list-store';
import type { Route } from './route';
import { extendTo, keepShown, selectAll, selectOne, toggleOne, type Selection } from './selection';

/**
 * The reader's state as plain data, and every way it changes: where the user
 * is (the route), what is selected, the search, the Today visit, the saved
 * search in the box, the open dialog and which field a key asked to focus. The
 * reader store (reader-store.ts) holds one of these; this module has no side
 * effects, so each transition is a plain function to test.
 */
export type ReaderDialog = LibraryDialog | 'help';

/** A field a key asks for; it may render only after the change that asked. */
export type FocusTarget = 'note' | 'tag' | 'heading';

export interface ReaderSearch {
  text: string;
  everywhere: boolean;
}

export interface ReaderState {
  route: Route;
  selection: Selection;
  search: ReaderSearch;
  /** The Today view covers from the last visit: the moment openToday answered for this entry. */
  todaySince: string | null;
  /** The saved search last opened or saved (it is "open" while the box shows it, see openSavedOf). */
  savedSearch: SavedSearch | null;
  dialog: ReaderDialog | null;
  /** The search the Save search dialog is naming, while it is open. */
  searchToSave: SearchToSave | null;
  /** Which paper's note is open for writing (a new paper starts in preview). */
  writingNoteFor: string | null;
  focusRequest: FocusTarget | null;
}

export type ReaderAction =
  | { type: 'navigate'; change: Partial<Route> }
  | { type: 'openSavedSearch'; saved: SavedSearch }
  | { type: 'paperAdded'; id: string }
  | { type: 'select'; id: string | null }
  | { type: 'toggle'; id: string }
  | { type: 'extend'; id: string; rangeIds: string[] }
  | { type: 'selectAll'; ids: readonly string[] }
  | { type: 'keepShown'; isShown: (id: string) => boolean; firstShown: string | null }
  | { type: 'search'; change: Partial<ReaderSearch> }
  | { type: 'todayOpened'; since: string }
  | { type: 'openDialog'; dialog: ReaderDialog }
  | { type: 'closeDialog'; dialog: ReaderDialog }
  | { type: 'askToSave'; search: SearchToSave }
  | { type: 'closeSaveSearch' }
  | { type: 'searchSaved'; saved: SavedSearch }
  | { type: 'writeNote'; id: string | null }
  | { type: 'requestFocus'; target: FocusTarget }
  | { type: 'focusDone' };

export function initialReaderState(route: Route): ReaderState {
  return {
    route,
    selection: selectOne(route.paper),
    search: { text: '', everywhere: false },
    todaySince: null,
    savedSearch: null,
    dialog: null,
    searchToSave: null,
    writingNoteFor: null,
    focusRequest: null,
  };
}

/**
 * The next state; the same object when nothing changed. A focus request is for
 * the paper it was asked on: moving to another paper ends it (else N on one
 * paper would focus the next one's note when it loads, and keys typed there
 * as shortcuts would land in it).
 */
export function reduceReader(state: ReaderState, action: ReaderAction): ReaderState {
  const next = transition(state, action);
  return next.focusRequest && next.selection.cursor !== state.selection.cursor
    ? { ...next, focusRequest: null }
    : next;
}

function transition(state: ReaderState, action: ReaderAction): ReaderState {
  switch (action.type) {
    case 'navigate': {
      const { change } = action;
      // Another place (a view, a tag, a day) leaves Today; a new sort does not.
      const isElsewhere = Boolean(change.view || change.tag || change.day);
      const route: Route = {
        ...state.route,
        ...(isElsewhere ? { today: false } : {}),
        // Any other place leaves All notes.
        ...(isElsewhere || change.today ? { notes: false } : {}),
        ...change,
      };
      const next: ReaderState = { ...state, route, selection: selectOne(null) };
      if (isElsewhere || change.today) next.savedSearch = null;
      // Today shows what arrived, not a search within it.
      if (change.today && state.search.text) next.search = { ...state.search, text: '' };
      return withTodayVisit(state, next);
    }
    case 'openSavedSearch': {
      const { saved } = action;
      const route: Route = {
        ...state.route,
        today: false,
        notes: false,
        view: saved.view,
        tag: saved.tag,
      };
      return withTodayVisit(state, {
        ...state,
        route: { ...route, day: null },
        selection: selectOne(null),
        search: { text: saved.query, everywhere: false },
        savedSearch: saved,
      });
    }
    case 'paperAdded': {
      const route: Route = {
        ...state.route,
        view: 'all',
        tag: null,
        day: null,
        today: false,
        notes: false,
      };
      return withTodayVisit(state, { ...state, route, selection: selectOne(action.id) });
    }
    case 'select':
      return { ...state, selection: selectOne(action.id) };
    case 'toggle':
      return { ...state, selection: toggleOne(state.selection, action.id) };
    case 'extend':
      return { ...state, selection: extendTo(state.selection, action.id, action.rangeIds) };
    case 'selectAll':
      return withSelection(state, selectAll(state.selection, action.ids));
    case 'keepShown':
      return withSelection(state, keepShown(state.selection, action.isShown, action.firstShown));
    case 'search': {
      const search = { ...state.search, ...action.change };
      if (search.text === state.search.text && search.everywhere === state.search.everywhere) {
        return state;
      }
      return { ...state, search };
    }
    case 'todayOpened':
      return state.route.today ? { ...state, todaySince: action.since } : state;
    case 'openDialog':
      return { ...state, dialog: action.dialog };
    case 'closeDialog':
      return state.dialog === action.dialog ? { ...state, dialog: null } : state;
    case 'askToSave':
      return { ...state, searchToSave: action.search };
    case 'closeSaveSearch':
      return state.searchToSave ? { ...state, searchToSave: null } : state;
    case 'searchSaved':
      return { ...state, savedSearch: action.saved };
    case 'writeNote':
      return state.writingNoteFor === action.id ? state : { ...state, writingNoteFor: action.id };
    case 'requestFocus':
      return { ...state, focusRequest: action.target };
    case 'focusDone':
      return state.focusRequest ? { ...state, focusRequest: null } : state;
  }
}

function withSelection(state: ReaderState, selection: Selection): ReaderState {
  return selection === state.selection ? state : { ...state, selection };
}

/**
 * The Today visit lasts while the route stays in Today: entering it (again)
 * is a new visit with a moment of its own (openToday answers it), leaving it
 * ends the visit.
 */
function withTodayVisit(before: ReaderState, next: ReaderState): ReaderState {
  const isSameVisit = before.route.today && next.route.today;
  return isSameVisit || next.todaySince === null ? next : { ...next, todaySince: null };
}

/** Whether this change starts a Today visit (the store then asks openToday once). */
export function entersToday(before: ReaderState, next: ReaderState): boolean {
  return next.route.today && !before.route.today;
}

/**
 * What the list shows for this state; null while Today waits for its moment
 * (openToday) rather than show another list meanwhile.
 */
export function listQueryOf(state: ReaderState): ListQuery | null {
  const { route, search, todaySince } = state;
  if (route.today && !todaySince) return null;
  const text = search.text.trim();
  return {
    view: route.view,
    tag: route.tag,
    day: route.day,
    sort: route.sort,
    search: text ? { text, everywhere: search.everywhere } : null,
    today: route.today ? todaySince : null,
  };
}

/** The search text as the list uses it. */
export function searchTextOf(state: ReaderState): string {
  return state.search.text.trim();
}

/** A saved search is "open" while its query and scope are what the list shows. */
export function openSavedOf(state: ReaderState): SavedSearch | null {
  const { savedSearch, route, search } = state;
  return savedSearch &&
    searchTextOf(state) === savedSearch.query &&
    !search.everywhere &&
    !route.today &&
    route.view === savedSearch.view &&
    route.tag === savedSearch.tag &&
    !route.day
    ? savedSearch
    : null;
}

/**
 * Where a search looks (the scope's own name, even under a saved search's
 * name). A search typed in Today looks in the view underneath it.
 */
export function scopeTitleOf(state: ReaderState): string {
  const { route } = state;
  if (route.today && !searchTextOf(state)) return 'Today';
  if (route.tag) return `Tag: ${route.tag}`;
  if (route.day) return formatPeriodTitle(route.day);
  if (route.view === 'inbox' && route.sort === 'foryou') return 'For you';
  return VIEW_LABELS[route.view];
}

/** The list's title: the open saved search's name, or the scope's. */
export function titleOf(state: ReaderState): string {
  if (state.route.notes) return 'All notes';
  return openSavedOf(state)?.name ?? scopeTitleOf(state);
}

/** What Save search… keeps for the search in the box. */
export function searchToSaveOf(state: ReaderState): SearchToSave {
  const { route, search } = state;
  const text = searchTextOf(state);
  return search.everywhere || route.today
    ? { query: text, view: 'all', tag: null }
    : { query: searchWithin(text, route.day).text, view: route.view, tag: route.tag };
}

/** The Export dialog's scopes, most specific first: selection, search, this list, everything. */
export function exportChoicesOf(state: ReaderState): ExportChoice[] {
  const { route, search, selection } = state;
  const text = searchTextOf(state);
  const choices: ExportChoice[] = [];
  const selectedIds = [...selection.ids];
  if (selectedIds.length > 1) {
    choices.push({
      label: `The ${formatCount(selectedIds.length)} selected papers`,
      scope: { ids: selectedIds },
    });
  }
  if (text) {
    const within = searchWithin(text, route.day);
    choices.push({
      label: `Search results for “${text}”`,
      scope: search.everywhere
        ? { query: text }
        : {
            query: within.text,
            view: route.view,
            ...(route.tag ? { tag: route.tag } : {}),
            ...(within.day ? { day: within.day } : {}),
          },
    });
  }
  if (route.view !== 'all' || route.tag || route.day) {
    choices.push({
      label: `This list: ${titleOf(state)}`,
      scope: {
        ...(route.view !== 'all' ? { view: route.view } : {}),
        ...(route.tag ? { tag: route.tag } : {}),
        ...(route.day ? { day: route.day } : {}),
      },
    });
  }
  choices.push({ label: 'The whole library', scope: {} });
  return choices;
}
