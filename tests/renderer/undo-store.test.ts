import { describe, expect, it } from 'vitest';
import { Resource as ResourceClass } from '../../src/renderer/src/state/resource';
import { UndoStore as UndoStoreClass, type Change } from '../../src/renderer/src/state/undo-store';
import { toasts } from '../../src/renderer/src/ui/toasts';

/**
 * A value the "service" holds, and a change that sets it, reversibly: the
 * inverse puts back what was there, exactly as the reader's actions do.
 */
function counterWorld() {
  const log: string[] = [];
  let value = 0;
  function set(to: number, label: string): Promise<Change> {
    const before = value;
    value = to;
    log.push(`set ${to}`);
    return Promise.resolve({
      label,
      revert: async () => {
        value = before;
        log.push(`back ${before}`);
        return { label, revert: () => set(to, label) };
      },
    });
  }
  return { log, set, value: () => value };
}

describe('the undo store', () => {
  it('undoes newest first, one at a time, and redoes what was undone', async () => {
    const store = new UndoStoreClass();
    const world = counterWorld();
    await store.record(world.set(1, 'one'));
    await store.record(world.set(2, 'two'));
    await store.record(world.set(3, 'three'));
    // Two presses in a row: both run, in order.
    const first = store.undo();
    const second = store.undo();
    await Promise.all([first, second]);
    expect(world.value()).toBe(1);
    expect(world.log.slice(3)).toEqual(['back 2', 'back 1']);
    expect(toasts.getSnapshot().at(-1)).toMatchObject({
      message: 'Undone: two',
      action: { label: 'Redo' },
    });
    expect(toasts.getAnnouncement()).toMatch(/^Undone: two\. Press Shift\+Ctrl\+Z to redo\./);
    await store.redo();
    expect(world.value()).toBe(2);
    expect(toasts.getSnapshot().at(-1)).toMatchObject({
      message: 'two',
      action: { label: 'Undo' },
    });
    await store.undo();
    await store.undo();
    expect(world.value()).toBe(0);
    await store.undo();
    expect(toasts.getSnapshot().at(-1)?.message).toBe('Nothing to undo');
  });

  it('an undo pressed before the change reached the service waits for it', async () => {
    const store = new UndoStoreClass();
    const world = counterWorld();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const change = held.then(() => world.set(5, 'five'));
    void store.record(change);
    const undone = store.undo();
    expect(world.log).toEqual([]);
    release();
    await undone;
    expect(world.log).toEqual(['set 5', 'back 0']);
  });

  it('a change that failed leaves nothing to undo: the one before is undone', async () => {
    const store = new UndoStoreClass();
    const world = counterWorld();
    await store.record(world.set(1, 'one'));
    expect(await store.record(Promise.resolve(null))).toBe(false);
    await store.undo();
    expect(world.value()).toBe(0);
  });

  it('announces each change with how to undo it', async () => {
    const store = new UndoStoreClass();
    const world = counterWorld();
    await store.record(world.set(1, 'Archived · 3 papers'));
    expect(toasts.getAnnouncement()).toBe('Archived · 3 papers. Press U to undo.');
    // Said again when it happens again (screen readers skip an unchanged region).
    await store.record(world.set(2, 'Archived · 3 papers'));
    expect(toasts.getAnnouncement()).not.toBe('Archived · 3 papers. Press U to undo.');
    expect(toasts.getAnnouncement().trim()).toBe('Archived · 3 papers. Press U to undo.');
    // At most three toasts; one Undo at a time.
    expect(toasts.getSnapshot().length).toBeLessThanOrEqual(3);
    expect(toasts.getSnapshot().filter((t) => t.action?.label === 'Undo')).toHaveLength(1);
  });
});

describe('a resource with ordered values', () => {
  it('keeps the newest value, however late an older one arrives', () => {
    const sync = new ResourceClass<{ seq: number; running: boolean }>(
      () => Promise.resolve({ seq: 0, running: false }),
      (next, current) => next.seq < current.seq,
    );
    sync.set({ seq: 10, running: true });
    sync.set({ seq: 12, running: false }); // the final event
    sync.set({ seq: 11, running: true }); // a reply read before it
    expect(sync.getSnapshot().data).toEqual({ seq: 12, running: false });
    sync.set({ seq: 13, running: true });
    expect(sync.getSnapshot().data?.seq).toBe(13);
  });
});
