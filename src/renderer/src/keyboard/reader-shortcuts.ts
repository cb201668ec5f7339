import { useEffect } from 'react';
import type { ReadingStatus } from '../../../shared/domain';
import { copyCitation } from '../detail/cite';
import type { Actions } from '../state/actions';
import { discoveryStore } from '../state/discovery-store';
import { layoutStore } from '../state/layout-store';
import type { ReaderStore } from '../state/reader-store';
import type { ReaderState } from '../state/reader';
import { isMulti } from '../state/selection';
import type { Stores } from '../state/stores';
import { useShortcuts, type ShortcutHandlers } from './use-shortcuts';

export interface Reader {
  stores: Stores;
  actions: Actions;
  reader: ReaderStore;
}

/** Triage from the keyboard and the Today bar: the selection, and the cursor follows. */
export function triage({ stores, actions, reader }: Reader) {
  const { list } = stores;
  return {
    applyStatus(status: ReadingStatus): void {
      const ids = reader.targetIds();
      if (ids.length === 0) return;
      void actions.setStatus(ids, status, reader.followCursor(ids));
    },
    toggleStar(): void {
      const ids = reader.targetIds();
      if (ids.length === 0) return;
      const loaded = ids.map((id) => list.rowAt(list.indexOf(id))).filter((p) => p !== undefined);
      const isAllStarred = loaded.length > 0 && loaded.every((p) => p.starred);
      void actions.setStarred(ids, !isAllStarred, reader.followCursor(ids));
    },
    /** Today: archive everything that is neither a pick nor rising (undoable, like any bulk change). */
    archiveRest(): boolean {
      const rest = list.getSnapshot().today?.restIds ?? [];
      if (!reader.getSnapshot().route.today || rest.length === 0) return false;
      void actions.setStatus(rest, 'archived', reader.followCursor(rest));
      return true;
    },
  };
}

/** The reader's keys (keyboard/bindings.ts), each a call on the reader store or the actions. */
export function readerShortcuts(context: Reader): ShortcutHandlers {
  const { stores, actions, reader } = context;
  const { list } = stores;
  const { elements } = reader;
  const triaged = triage(context);
  const state = () => reader.getSnapshot();
  const single = () => {
    const { selection } = state();
    return selection.cursor && reader.isCursorShown() && !isMulti(selection)
      ? selection.cursor
      : null;
  };
  const backToList = reader.focusList;
  return {
    next: (event) => (event.key === 'ArrowDown' && isInDetail(event) ? false : reader.move(1)),
    previous: (event) => (event.key === 'ArrowUp' && isInDetail(event) ? false : reader.move(-1)),
    extendNext: () => reader.move(1, true),
    extendPrevious: () => reader.move(-1, true),
    first: (event) => (isInDetail(event) ? false : reader.move(0, false, 0)),
    last: (event) => (isInDetail(event) ? false : reader.move(0, false, list.total - 1)),
    // Elsewhere (the details, the sidebar) Ctrl/Cmd+A keeps selecting text.
    selectAll: (event) => isListOrBody(event.target) && reader.selectAllShown(),
    open: (event) => {
      if (!isListOrBody(event.target) || !reader.isCursorShown()) return false;
      reader.requestFocus('heading');
    },
    back: () => {
      const { selection, search } = state();
      if (elements.detail.current?.contains(document.activeElement)) backToList();
      else if (isMulti(selection)) reader.select(selection.cursor, false);
      else if (search.text) reader.setSearch({ text: '' });
      else backToList();
    },
    'status:inbox': () => triaged.applyStatus('inbox'),
    'status:toread': () => triaged.applyStatus('toread'),
    'status:reading': () => triaged.applyStatus('reading'),
    'status:read': () => triaged.applyStatus('read'),
    'status:archived': () => triaged.applyStatus('archived'),
    star: () => triaged.toggleStar(),
    archiveRest: () => triaged.archiveRest(),
    undo: () => void actions.undo(),
    redo: () => void actions.redo(),
    tag: () => {
      if (!reader.isCursorShown()) return false;
      reader.requestFocus('tag');
    },
    note: () => {
      const id = single();
      if (!id) return false;
      reader.writeNote(id);
    },
    openArxiv: () => {
      const id = single();
      if (!id || id.startsWith('local:')) return false;
      stores.backend.openExternal(`https://arxiv.org/abs/${id}`);
    },
    search: () => {
      elements.search.current?.focus();
      elements.search.current?.select();
    },
    help: () => reader.openDialog('help'),
    toggleSidebar: () => layoutStore.toggleSidebar(),
    acceptTag: () => {
      const { selection } = state();
      const { cursor } = selection;
      const tag = cursor && !isMulti(selection) ? discoveryStore.offerFor(cursor) : null;
      if (!cursor || !tag) return false;
      void actions.tagPapers([cursor], tag);
    },
    cite: () => {
      const ids = reader.targetIds();
      if (ids.length === 0) return false;
      void copyCitation(stores.backend.api, ids);
    },
  };
}

export function useReaderShortcuts(context: Reader): void {
  useShortcuts(readerShortcuts(context));
}

/**
 * Keys like T and N ask for a field that may render only after this update:
 * focus it once it exists (the paper arriving, the note opening for writing
 * and the selection may bring it, so each runs this again).
 */
export function useFocusRequest(reader: ReaderStore, state: ReaderState, paper: unknown): void {
  const { focusRequest: request, writingNoteFor, selection } = state;
  useEffect(() => {
    if (!request) return;
    const { elements } = reader;
    const target =
      request === 'note'
        ? elements.note.current
        : request === 'tag'
          ? elements.tagInput.current
          : elements.heading.current;
    const focus = (el: HTMLElement) => {
      focusField(el);
      reader.focusDone();
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
  }, [reader, request, writingNoteFor, paper, selection]);
}

function focusField(el: HTMLElement): void {
  el.focus();
  if (el instanceof HTMLTextAreaElement) {
    // A note continues: the cursor goes after the last character, and the end shows.
    const end = el.value.length;
    el.setSelectionRange(end, end);
    el.scrollTop = el.scrollHeight;
  }
  el.scrollIntoView({ block: 'nearest' });
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
