import { describe, expect, it } from 'vitest';
import * as bindings from '../../src/renderer/src/keyboard/bindings';
import type { KeyPress as Key } from '../../src/renderer/src/keyboard/bindings';
import * as sel from '../../src/renderer/src/state/selection';
import * as undo from '../../src/renderer/src/state/undo-history';
import type { UndoHistory as History } from '../../src/renderer/src/state/undo-history';

/** Undo one step the way the store does: take, then finish with the inverse. */
function undoOnce(h: History<string>): History<string> {
  const taken = undo.takeUndo(h)!;
  return undo.undoFinished(taken.history, `undo(${taken.entry})`, taken.epoch);
}

describe('undo history', () => {
  it('undoes the newest change first, then the one before, and redoes in reverse', () => {
    let h = undo.emptyHistory<string>();
    expect(undo.canUndo(h)).toBe(false);
    for (const change of ['a', 'b', 'c']) h = undo.record(h, change);
    const first = undo.takeUndo(h)!;
    expect(first.entry).toBe('c');
    h = undo.undoFinished(first.history, '~c', first.epoch);
    const second = undo.takeUndo(h)!;
    expect(second.entry).toBe('b');
    h = undo.undoFinished(second.history, '~b', second.epoch);
    expect(h.done).toEqual(['a']);
    expect(h.undone).toEqual(['~c', '~b']);
    // Redo takes the most recently undone first.
    const redo = undo.takeRedo(h)!;
    expect(redo.entry).toBe('~b');
    h = undo.redoFinished(redo.history, 'b2');
    expect(h.done).toEqual(['a', 'b2']);
    expect(h.undone).toEqual(['~c']);
    expect(undo.canRedo(h)).toBe(true);
  });

  it('a new change ends what could be redone', () => {
    let h = undo.record(undo.record(undo.emptyHistory<string>(), 'a'), 'b');
    h = undoOnce(h);
    expect(undo.canRedo(h)).toBe(true);
    h = undo.record(h, 'c');
    expect(undo.canRedo(h)).toBe(false);
    expect(h.done).toEqual(['a', 'c']);
  });

  it('an undo that finishes after a new change was made cannot be redone', () => {
    let h = undo.record(undo.record(undo.emptyHistory<string>(), 'a'), 'b');
    const taken = undo.takeUndo(h)!;
    h = undo.record(taken.history, 'c'); // the user acted while the undo ran
    h = undo.undoFinished(h, '~b', taken.epoch);
    expect(h.undone).toEqual([]);
    expect(h.done).toEqual(['a', 'c']);
  });

  it('keeps at most the limit, forgetting the oldest', () => {
    let h = undo.emptyHistory<number>();
    for (let i = 0; i < undo.MAX_UNDO + 5; i++) h = undo.record(h, i);
    expect(h.done).toHaveLength(undo.MAX_UNDO);
    expect(h.done[0]).toBe(5);
    expect(undo.record(undo.record(undo.emptyHistory<number>(), 1, 1), 2, 1).done).toEqual([2]);
  });

  it('nothing to undo or redo gives null; a failed change is forgotten', () => {
    const empty = undo.emptyHistory<string>();
    expect(undo.takeUndo(empty)).toBeNull();
    expect(undo.takeRedo(empty)).toBeNull();
    const h = undo.record(undo.record(empty, 'a'), 'failed');
    const after = undo.forget(h, (e) => e === 'failed');
    expect(after.done).toEqual(['a']);
    expect(undo.forget(after, () => false)).toBe(after);
  });
});

describe('the selection follows what the list shows', () => {
  const shown = (ids: string[]) => (id: string) => ids.includes(id);

  it('a hidden cursor moves to the first paper shown, or to none', () => {
    const s = sel.selectOne('hidden');
    expect(sel.keepShown(s, shown(['x', 'y']), 'x')).toEqual(sel.selectOne('x'));
    expect(sel.keepShown(s, shown([]), null)).toEqual(sel.selectOne(null));
  });

  it('a shown cursor stays, and the selection keeps only papers still shown', () => {
    const s = sel.selectOne('a');
    expect(sel.keepShown(s, shown(['a', 'b']), 'b')).toBe(s);
    const multi = sel.toggleOne(sel.toggleOne(sel.selectOne('a'), 'b'), 'c');
    const kept = sel.keepShown(multi, shown(['a', 'c']), 'a');
    expect(kept.cursor).toBe('c');
    expect([...kept.ids].sort()).toEqual(['a', 'c']);
  });

  it('no cursor: nothing is selected afterwards either', () => {
    const none = sel.selectOne(null);
    expect(sel.keepShown(none, shown(['a']), 'a')).toBe(none);
  });

  it('keys act only on a cursor the list shows', () => {
    const s = sel.selectOne('hidden');
    expect(sel.actionableIds(s, shown(['a']))).toEqual([]);
    expect(sel.actionableIds(sel.selectOne('a'), shown(['a']))).toEqual(['a']);
    const all = sel.selectAll(sel.selectOne('a'), ['a', 'b', 'c']);
    expect(sel.actionableIds(all, shown(['a']))).toEqual(['a', 'b', 'c']);
    expect(sel.actionableIds(sel.selectOne(null), shown(['a']))).toEqual([]);
  });
});

describe('undo and redo keys', () => {
  const press = (key: string, mods: Partial<Key> = {}): Key => ({
    key,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });

  it('u, Ctrl+Z and Cmd+Z undo; Ctrl/Cmd+Shift+Z and Ctrl+Y redo', () => {
    expect(bindings.actionFor(press('u'))).toBe('undo');
    expect(bindings.actionFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(bindings.actionFor(press('z', { metaKey: true }))).toBe('undo');
    expect(bindings.actionFor(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(bindings.actionFor(press('z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(bindings.actionFor(press('y', { ctrlKey: true }))).toBe('redo');
    // Other modified keys stay the browser's.
    expect(bindings.actionFor(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(bindings.actionFor(press('y', { metaKey: true }))).toBeNull();
    expect(bindings.actionFor(press('s', { ctrlKey: true }))).toBeNull();
  });
});
