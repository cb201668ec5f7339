import { afterEach, describe, expect, it } from 'vitest';
import type { SavedSearch } from '../../src/shared/api';
import type { Backend } from '../../src/renderer/src/api/client';
import { createActions } from '../../src/renderer/src/state/actions';
import {
  entersToday,
  exportChoicesOf,
  initialReaderState,
  listQueryOf,
  openSavedOf,
  reduceReader,
  scopeTitleOf,
  searchToSaveOf,
  titleOf,
  type ReaderAction,
  type ReaderState,
} from '../../src/renderer/src/state/reader';
import { ReaderStore, type ReaderPlace } from '../../src/renderer/src/state/reader-store';
import { DEFAULT_ROUTE, parseRoute, type Route } from '../../src/renderer/src/state/route';
import { createStores, type Stores } from '../../src/renderer/src/state/stores';
import { tempService } from '../helpers/library';

const SPAR = '2412.11605';
const MEDUSA = '2401.10774';

function at(route: Partial<Route> = {}): ReaderState {
  return initialReaderState({ ...DEFAULT_ROUTE, ...route });
}

function run(state: ReaderState, ...actions: ReaderAction[]): ReaderState {
  return actions.reduce(reduceReader, state);
}

const saved: SavedSearch = {
  id: 7,
  name: 'Speculative decoding',
  query: 'speculative',
  view: 'toread',
  tag: null,
  position: 0,
  count: 3,
};

describe('the reader store: pure transitions', () => {
  it('starts where the URL points, with its paper selected', () => {
    const state = initialReaderState(parseRoute(`#view=toread&paper=${SPAR}`));
    expect(state.route.view).toBe('toread');
    expect(state.selection).toMatchObject({ cursor: SPAR, anchor: SPAR });
    expect([...state.selection.ids]).toEqual([SPAR]);
    expect(listQueryOf(state)).toEqual({
      view: 'toread',
      tag: null,
      day: null,
      sort: 'featured',
      search: null,
      today: null,
    });
  });

  it('navigating to a place clears the selection, leaves Today and its saved search', () => {
    const inToday = run(
      at({ today: true, paper: SPAR }),
      { type: 'todayOpened', since: '2025-11-13T08:00:00.000Z' },
      { type: 'searchSaved', saved },
    );
    expect(inToday.todaySince).toBe('2025-11-13T08:00:00.000Z');
    const tagged = run(inToday, { type: 'navigate', change: { view: 'all', tag: 'ml' } });
    expect(tagged.route).toMatchObject({ view: 'all', tag: 'ml', today: false });
    expect(tagged.selection.cursor).toBeNull();
    expect(tagged.savedSearch).toBeNull();
    expect(tagged.todaySince).toBeNull();
    expect(scopeTitleOf(tagged)).toBe('Tag: ml');
  });

  it('a new sort stays in Today, in the same visit; entering Today again is a new one', () => {
    const inToday = run(at({ today: true }), { type: 'todayOpened', since: 'T1' });
    const sorted = run(inToday, { type: 'navigate', change: { sort: 'added' } });
    expect(sorted.route).toMatchObject({ today: true, sort: 'added' });
    expect(sorted.todaySince).toBe('T1');
    expect(entersToday(inToday, sorted)).toBe(false);

    const inbox = run(sorted, { type: 'navigate', change: { view: 'inbox' } });
    const again = run(inbox, { type: 'navigate', change: { today: true } });
    expect(entersToday(inbox, again)).toBe(true);
    expect(again.todaySince).toBeNull();
    // Today waits for its moment rather than show another list meanwhile.
    expect(listQueryOf(again)).toBeNull();
    expect(listQueryOf(run(again, { type: 'todayOpened', since: 'T2' }))?.today).toBe('T2');
    // An answer that arrives after leaving Today changes nothing.
    expect(run(inbox, { type: 'todayOpened', since: 'T3' })).toBe(inbox);
  });

  it('entering Today clears the search text (it shows what arrived), keeping the scope choice', () => {
    const searching = run(at(), { type: 'search', change: { text: 'moe', everywhere: true } });
    const today = run(searching, { type: 'navigate', change: { today: true } });
    expect(today.search).toEqual({ text: '', everywhere: true });
    expect(scopeTitleOf(today)).toBe('Today');
    // A search typed in Today looks in the view underneath it.
    const typed = run(today, { type: 'search', change: { text: 'moe' } });
    expect(scopeTitleOf(typed)).toBe('Inbox');
    expect(searchToSaveOf(typed)).toEqual({ query: 'moe', view: 'all', tag: null });
  });

  it('selects one, toggles, extends from the anchor, selects all and keeps what is shown', () => {
    let state = run(at(), { type: 'select', id: SPAR });
    expect(state.selection.cursor).toBe(SPAR);
    state = run(state, { type: 'toggle', id: MEDUSA });
    expect([...state.selection.ids].sort()).toEqual([MEDUSA, SPAR].sort());
    expect(state.selection.cursor).toBe(MEDUSA);
    state = run(state, { type: 'extend', id: 'c', rangeIds: [MEDUSA, 'b', 'c'] });
    expect(state.selection).toMatchObject({ cursor: 'c', anchor: MEDUSA });
    expect([...state.selection.ids]).toEqual([MEDUSA, 'b', 'c']);
    state = run(state, { type: 'selectAll', ids: ['a', 'b', 'c', 'd'] });
    expect(state.selection).toMatchObject({ cursor: 'c', anchor: 'a' });
    expect(state.selection.ids.size).toBe(4);
    // Nothing to select: the same state, so nothing re-renders.
    expect(run(state, { type: 'selectAll', ids: [] })).toBe(state);
    state = run(state, {
      type: 'keepShown',
      isShown: (id) => id !== 'c',
      firstShown: 'a',
    });
    expect(state.selection.cursor).toBe('a');
    expect([...state.selection.ids]).toEqual(['a']);
  });

  it('search: the list gets the trimmed text; an unchanged search is the same state', () => {
    const state = run(at({ view: 'toread' }), { type: 'search', change: { text: '  moe ' } });
    expect(listQueryOf(state)?.search).toEqual({ text: 'moe', everywhere: false });
    expect(run(state, { type: 'search', change: { text: '  moe ' } })).toBe(state);
    const everywhere = run(state, { type: 'search', change: { everywhere: true } });
    expect(listQueryOf(everywhere)?.search).toEqual({ text: 'moe', everywhere: true });
    expect(listQueryOf(run(everywhere, { type: 'search', change: { text: ' ' } }))?.search).toBe(
      null,
    );
  });

  it('a saved search is open while the box shows its query in its scope', () => {
    const open = run(at({ today: true }), { type: 'openSavedSearch', saved });
    expect(open.route).toMatchObject({ view: 'toread', tag: null, day: null, today: false });
    expect(open.search).toEqual({ text: 'speculative', everywhere: false });
    expect(openSavedOf(open)).toBe(saved);
    expect(titleOf(open)).toBe('Speculative decoding');
    const edited = run(open, { type: 'search', change: { text: 'speculative decoding' } });
    expect(openSavedOf(edited)).toBeNull();
    expect(titleOf(edited)).toBe('To read');
    const everywhere = run(open, { type: 'search', change: { everywhere: true } });
    expect(openSavedOf(everywhere)).toBeNull();
  });

  it('dialogs: one at a time, and closing one does not close another', () => {
    const add = run(at(), { type: 'openDialog', dialog: 'add' });
    expect(add.dialog).toBe('add');
    expect(run(add, { type: 'closeDialog', dialog: 'export' })).toBe(add);
    expect(run(add, { type: 'closeDialog', dialog: 'add' }).dialog).toBeNull();
    const help = run(add, { type: 'openDialog', dialog: 'help' });
    expect(help.dialog).toBe('help');

    const searching = run(at({ view: 'all', day: '2025-11-10..2025-11-16' }), {
      type: 'search',
      change: { text: 'moe' },
    });
    const toSave = searchToSaveOf(searching);
    // A range of days is part of the query (the search service's own spelling).
    expect(toSave).toEqual({ query: 'moe day:2025-11-10..2025-11-16', view: 'all', tag: null });
    const asking = run(searching, { type: 'askToSave', search: toSave });
    expect(asking.searchToSave).toEqual(toSave);
    const done = run(asking, { type: 'closeSaveSearch' }, { type: 'searchSaved', saved });
    expect(done.searchToSave).toBeNull();
    expect(done.savedSearch).toBe(saved);
  });

  it('a focus request lasts until done, and ends when the cursor moves to another paper', () => {
    const on = run(at({ paper: SPAR }), { type: 'writeNote', id: SPAR });
    expect(on.writingNoteFor).toBe(SPAR);
    const asked = run(on, { type: 'requestFocus', target: 'note' });
    expect(asked.focusRequest).toBe('note');
    expect(run(asked, { type: 'focusDone' }).focusRequest).toBeNull();
    // The same paper again (a search that keeps it) keeps the request.
    expect(run(asked, { type: 'search', change: { text: 'x' } }).focusRequest).toBe('note');
    const moved = run(asked, { type: 'select', id: MEDUSA });
    expect(moved.focusRequest).toBeNull();
    expect(moved.writingNoteFor).toBe(SPAR);
    expect(run(moved, { type: 'focusDone' })).toBe(moved);
  });

  it('offers export scopes from the most specific: selection, search, this list, everything', () => {
    const state = run(
      at({ view: 'toread', tag: 'ml' }),
      { type: 'select', id: SPAR },
      { type: 'toggle', id: MEDUSA },
      { type: 'search', change: { text: 'moe' } },
    );
    expect(exportChoicesOf(state)).toEqual([
      { label: 'The 2 selected papers', scope: { ids: [SPAR, MEDUSA] } },
      { label: 'Search results for “moe”', scope: { query: 'moe', view: 'toread', tag: 'ml' } },
      { label: 'This list: Tag: ml', scope: { view: 'toread', tag: 'ml' } },
      { label: 'The whole library', scope: {} },
    ]);
    expect(exportChoicesOf(at({ view: 'all' }))).toEqual([
      { label: 'The whole library', scope: {} },
    ]);
  });
});

describe('the reader store over a real service', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });

  async function open(route: Partial<Route> = {}) {
    const made = await tempService();
    cleanup = made.cleanup;
    const backend: Backend = {
      api: made.service.api,
      subscribe: (listener) => made.service.events.subscribe(listener),
      openExternal: () => {},
      onBeforeClose: () => {},
      kind: 'browser',
    };
    const initial = { ...DEFAULT_ROUTE, ...route };
    const stores = createStores(backend, { ...initial, search: null, today: null });
    const place = {
      hash: '',
      read: () => place.hash,
      replace: (hash: string) => void (place.hash = hash),
    };
    const reader = new ReaderStore(
      stores,
      createActions(stores),
      initial,
      place satisfies ReaderPlace,
    );
    return { stores, reader, place, api: made.service.api };
  }

  function until(
    store: { subscribe(l: () => void): () => void },
    ok: () => boolean,
  ): Promise<void> {
    return new Promise((resolve) => {
      if (ok()) return resolve();
      const stop = store.subscribe(() => {
        if (ok()) {
          stop();
          resolve();
        }
      });
    });
  }

  const rowsIn = (stores: Stores) => () => stores.list.isCurrent && stores.list.total > 0;

  it('the list follows the route and the search; the URL keeps the place and the paper', async () => {
    const { stores, reader, place } = await open();
    await until(stores.list, rowsIn(stores));
    reader.navigate({ sort: 'added' });
    expect(stores.list.getSnapshot().query).toMatchObject({ view: 'inbox', sort: 'added' });
    reader.select(SPAR);
    expect(place.hash).toBe(`#view=inbox&sort=added&paper=${SPAR}`);
    reader.setSearch({ text: 'speculative' });
    expect(stores.list.getSnapshot().query.search).toEqual({
      text: 'speculative',
      everywhere: false,
    });
  });

  it('entering Today opens one visit, then lists what arrived since its moment', async () => {
    const { stores, reader, api, place } = await open();
    const before = await api.getTodaySummary({});
    expect(before.lastVisitAt).toBeNull();
    reader.navigate({ today: true });
    expect(listQueryOf(reader.getSnapshot())).toBeNull();
    await until(reader, () => reader.getSnapshot().todaySince !== null);
    const { todaySince } = reader.getSnapshot();
    expect(stores.list.getSnapshot().query.today).toBe(todaySince);
    expect((await api.getTodaySummary({})).lastVisitAt).not.toBeNull();
    expect(place.hash).toBe('#view=inbox&today=1');
    await until(stores.list, rowsIn(stores));
    expect(stores.list.total).toBeGreaterThan(0);
  });

  it('when a search hides the selected paper, the selection moves to the first one shown', async () => {
    const { stores, reader } = await open();
    const release = reader.connect();
    try {
      await until(stores.list, rowsIn(stores));
      reader.select(SPAR);
      reader.setSearch({ text: 'medusa' });
      await until(reader, () => reader.getSnapshot().selection.cursor !== SPAR);
      const { cursor } = reader.getSnapshot().selection;
      expect(cursor).toBe(stores.list.rowAt(0)?.id);
      expect(stores.list.shows(cursor!)).toBe(true);
    } finally {
      release();
    }
  });
});
