import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryApi } from '../../src/shared/api';
import { tempService } from '../helpers/library';
import * as notes from '../../src/renderer/src/state/notes-store';

const SPAR = '2412.11605';
const MEDUSA = '2401.10774';

let api: LibraryApi;
let cleanup: () => Promise<void>;
let errors: string[];

beforeEach(async () => {
  const made = await tempService();
  api = made.service.api;
  cleanup = made.cleanup;
  errors = [];
});
afterEach(() => cleanup());

describe('text typed before the note is known (N, then typing at once)', () => {
  it('follows the stored note once it is read, and is saved by flush', async () => {
    await api.saveNote({ id: SPAR, markdown: 'First thoughts.' });
    const store = new notes.NotesStore(api, (_id, message) => errors.push(message));
    store.append(SPAR, ' More');
    store.append(SPAR, ' words.');
    expect(store.view(SPAR).isLoaded).toBe(false);
    expect(store.hasUnsaved(SPAR)).toBe(true);
    await store.flush(SPAR);
    expect((await api.getNote({ id: SPAR }))?.markdown).toBe('First thoughts. More words.');
    expect(store.view(SPAR)).toMatchObject({ text: 'First thoughts. More words.', state: 'clean' });
    expect(store.hasUnsaved()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('starts a new note, and flushAll saves every note typed ahead', async () => {
    const store = new notes.NotesStore(api, (_id, message) => errors.push(message));
    store.append(SPAR, 'switching');
    store.append(MEDUSA, 'closing');
    await store.flushAll();
    expect((await api.getNote({ id: SPAR }))?.markdown).toBe('switching');
    expect((await api.getNote({ id: MEDUSA }))?.markdown).toBe('closing');
  });

  it('goes after what the editor already holds when the note is known', async () => {
    const store = new notes.NotesStore(api, (_id, message) => errors.push(message));
    store.observe(SPAR, null, notes.nextSeq());
    store.edit(SPAR, 'Draft');
    store.append(SPAR, ', continued');
    expect(store.view(SPAR).text).toBe('Draft, continued');
    await store.flush(SPAR);
    expect((await api.getNote({ id: SPAR }))?.markdown).toBe('Draft, continued');
  });

  it('words for a paper that is gone are kept unsaved, and the error is said', async () => {
    const store = new notes.NotesStore(api, (_id, message) => errors.push(message));
    store.append('2999.99999', 'typed for a paper that is gone');
    await store.flush('2999.99999');
    expect(store.hasUnsaved('2999.99999')).toBe(true);
    expect(errors).toEqual([expect.stringMatching(/No paper 2999.99999/)]);
  });
});

describe('appendToNote (the service)', () => {
  it('adds to the stored note, or starts one, in one step', async () => {
    expect((await api.appendToNote({ id: SPAR, markdown: 'one' }))?.markdown).toBe('one');
    expect((await api.appendToNote({ id: SPAR, markdown: ' two' }))?.markdown).toBe('one two');
    expect((await api.getNote({ id: SPAR }))?.markdown).toBe('one two');
    expect(await api.appendToNote({ id: MEDUSA, markdown: '  ' })).toBeNull();
    expect(await api.getNote({ id: MEDUSA })).toBeNull();
  });

  it('refuses a note that would grow past the limit, and an unknown paper, changing nothing', async () => {
    await api.saveNote({ id: SPAR, markdown: 'x'.repeat(999_999) });
    await expect(api.appendToNote({ id: SPAR, markdown: 'yy' })).rejects.toThrow(/1,000,000/);
    expect((await api.getNote({ id: SPAR }))?.markdown).toHaveLength(999_999);
    await expect(api.appendToNote({ id: '2999.99999', markdown: 'z' })).rejects.toThrow(/No paper/);
  });
});

describe('typed ahead, then flushed before the note was read', () => {
  it('is appended by the service to what is stored, not written over it', async () => {
    await api.saveNote({ id: SPAR, markdown: 'Stored.' });
    const store = new notes.NotesStore(api, (_id, message) => errors.push(message));
    store.append(SPAR, ' Typed ahead.');
    // flush at once: the page may be going away before any read comes back.
    const flushing = store.flushAll();
    expect(store.hasUnsaved(SPAR)).toBe(true);
    await flushing;
    expect((await api.getNote({ id: SPAR }))?.markdown).toBe('Stored. Typed ahead.');
    expect(store.view(SPAR).text).toBe('Stored. Typed ahead.');
    expect(store.hasUnsaved()).toBe(false);
    expect(errors).toEqual([]);
  });
});
