import { useCallback, useSyncExternalStore } from 'react';
import type { LibraryApi } from '../../../shared/api';
import type { Note } from '../../../shared/domain';
import { errorMessage } from '../lib/errors';

/**
 * Notes being written, outside React, so no keystroke is lost when the paper
 * changes, the editor unmounts or the window closes.
 *
 * - A draft saves AUTOSAVE_MS after typing stops, on blur, on paper switch and
 *   before close (flush/flushAll).
 * - A failed save keeps the text and the error; the next edit or Retry saves again.
 * - "Newest wins": what the service said is kept with the moment it was read
 *   (a sequence number taken when the request started); an older read never
 *   replaces a newer save, so the editor never jumps back to stale text.
 */
export const AUTOSAVE_MS = 700;

export type NoteState = 'clean' | 'dirty' | 'saving' | 'error';

export interface NoteView {
  text: string;
  state: NoteState;
  error: string | null;
  /** When the stored note was last changed (null: no note). */
  updatedAt: string | null;
  /** Saved from this window during this session (so "Saved" can be said). */
  savedHere: boolean;
  /** Whether the service's note is known yet. */
  isLoaded: boolean;
}

interface Known {
  markdown: string;
  updatedAt: string | null;
  seq: number;
}

interface Draft {
  text: string;
  state: 'dirty' | 'saving' | 'error';
  error: string | null;
  timer: ReturnType<typeof setTimeout> | null;
  saving: Promise<void> | null;
}

let sequence = 0;
/** Take before sending a read; pass to `observe` with its answer. */
export function nextSeq(): number {
  sequence += 1;
  return sequence;
}

const EMPTY_VIEW: NoteView = {
  text: '',
  state: 'clean',
  error: null,
  updatedAt: null,
  savedHere: false,
  isLoaded: false,
};

export class NotesStore {
  private known = new Map<string, Known>();
  private drafts = new Map<string, Draft>();
  private savedHere = new Set<string>();
  private views = new Map<string, NoteView>();
  /** Text typed for a note before the note was known (see `append`), and the read that brings it. */
  private pending = new Map<string, { text: string; loading: Promise<void>; isSending: boolean }>();
  private listeners = new Set<() => void>();

  constructor(
    private readonly api: LibraryApi,
    private readonly onBackgroundError: (paperId: string, message: string) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(id: string): void {
    this.views.delete(id);
    for (const listener of this.listeners) listener();
  }

  view(id: string): NoteView {
    let view = this.views.get(id);
    if (!view) {
      const known = this.known.get(id);
      const draft = this.drafts.get(id);
      view =
        known || draft
          ? {
              text: draft?.text ?? known?.markdown ?? '',
              state: draft?.state ?? 'clean',
              error: draft?.error ?? null,
              updatedAt: known?.updatedAt ?? null,
              savedHere: this.savedHere.has(id),
              isLoaded: known !== undefined,
            }
          : EMPTY_VIEW;
      this.views.set(id, view);
    }
    return view;
  }

  /** What a read of the paper said about its note; `seq` from nextSeq() before the read. */
  observe(id: string, note: Note | null, seq: number): void {
    const known = this.known.get(id);
    if (known && known.seq > seq) return;
    const markdown = note?.markdown ?? '';
    const updatedAt = note?.updatedAt ?? null;
    if (known && known.markdown === markdown && known.updatedAt === updatedAt) {
      known.seq = seq;
    } else {
      this.known.set(id, { markdown, updatedAt, seq });
      this.changed(id);
    }
    const pending = this.pending.get(id);
    if (pending && !pending.isSending) {
      this.pending.delete(id);
      this.edit(id, this.view(id).text + pending.text);
    }
  }

  /**
   * Add text at the end of a note, even one not read yet: words typed after N
   * while the paper was still loading. Once the note is read they follow it, as
   * a draft that saves like any edit; a flush before then (another paper, the
   * window closing) has the service append them in one request.
   */
  append(id: string, text: string): void {
    if (text === '') return;
    if (this.known.has(id)) {
      this.edit(id, this.view(id).text + text);
      return;
    }
    const pending = this.pending.get(id);
    if (pending) {
      pending.text += text;
      return;
    }
    const seq = nextSeq();
    const loading = this.api.getNote({ id }).then(
      (note) => this.observe(id, note, seq),
      // Not read: the service appends the words instead.
      () => void this.sendPending(id),
    );
    this.pending.set(id, { text, loading, isSending: false });
  }

  /** The service appends what was typed ahead (nothing is lost if the page goes away next). */
  private sendPending(id: string): Promise<void> {
    const pending = this.pending.get(id);
    if (!pending || pending.text === '') return pending?.loading ?? Promise.resolve();
    const text = pending.text;
    pending.text = '';
    pending.isSending = true;
    const sent = this.api.appendToNote({ id, markdown: text }).then(
      (note) => {
        this.savedHere.add(id);
        pending.isSending = false;
        // Anything typed meanwhile follows the note as a draft.
        this.observe(id, note, nextSeq());
      },
      (error: unknown) => {
        // Kept, to go with the note once it is read (or with the next flush), and said.
        pending.isSending = false;
        pending.text = text + pending.text;
        this.onBackgroundError(id, errorMessage(error));
      },
    );
    pending.loading = Promise.all([pending.loading, sent]).then(() => undefined);
    return pending.loading;
  }

  edit(id: string, text: string): void {
    let draft = this.drafts.get(id);
    const stored = this.known.get(id)?.markdown ?? '';
    if (!draft) {
      if (text === stored) return;
      draft = { text, state: 'dirty', error: null, timer: null, saving: null };
      this.drafts.set(id, draft);
    }
    draft.text = text;
    if (draft.state !== 'saving') {
      draft.state = 'dirty';
      draft.error = null;
    }
    this.schedule(id, draft);
    this.changed(id);
  }

  private schedule(id: string, draft: Draft): void {
    if (draft.timer) clearTimeout(draft.timer);
    draft.timer = setTimeout(() => {
      draft.timer = null;
      void this.flush(id);
    }, AUTOSAVE_MS);
  }

  hasUnsaved(id?: string): boolean {
    if (id) return this.drafts.has(id) || this.pending.has(id);
    return this.drafts.size > 0 || this.pending.size > 0;
  }

  /** Save now, and wait until the draft is stored (or has failed). */
  async flush(id: string): Promise<void> {
    await this.sendPending(id);
    // A few rounds at most: each round either saves, waits for a save, or stops on an error.
    for (let round = 0; round < 5; round++) {
      const draft = this.drafts.get(id);
      if (!draft || draft.state === 'error') return;
      if (draft.timer) {
        clearTimeout(draft.timer);
        draft.timer = null;
      }
      draft.saving ??= this.save(id, draft);
      await draft.saving;
    }
  }

  /** Retry after an error. */
  retry(id: string): Promise<void> {
    const draft = this.drafts.get(id);
    if (draft?.state === 'error') {
      draft.state = 'dirty';
      draft.error = null;
      this.changed(id);
    }
    return this.flush(id);
  }

  async flushAll(): Promise<void> {
    const ids = new Set([...this.drafts.keys(), ...this.pending.keys()]);
    await Promise.all([...ids].map((id) => this.flush(id)));
  }

  private async save(id: string, draft: Draft): Promise<void> {
    const text = draft.text;
    draft.state = 'saving';
    this.changed(id);
    try {
      const note = await this.api.saveNote({ id, markdown: text });
      this.known.set(id, {
        markdown: note?.markdown ?? '',
        updatedAt: note?.updatedAt ?? null,
        seq: nextSeq(),
      });
      this.savedHere.add(id);
      if (draft.text === text) {
        this.drafts.delete(id);
        if (draft.timer) clearTimeout(draft.timer);
      } else {
        // Typed on while saving: keep the newer text and save it too.
        draft.state = 'dirty';
        this.schedule(id, draft);
      }
    } catch (error) {
      draft.state = 'error';
      draft.error = errorMessage(error);
      this.onBackgroundError(id, draft.error);
    } finally {
      draft.saving = null;
      this.changed(id);
    }
  }
}

export function useNote(store: NotesStore, id: string): NoteView {
  const get = useCallback(() => store.view(id), [store, id]);
  return useSyncExternalStore(store.subscribe, get);
}
