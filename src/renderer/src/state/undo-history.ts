/**
 * Undo and redo, as plain data. `done` holds the changes that can be undone
 * (newest last), `undone` the ones that can be redone (most recently undone
 * last). Entries are whatever the caller keeps per change; this module only
 * orders them.
 *
 * Undoing takes time (the service is asked), and the user may act meanwhile.
 * `epoch` counts new changes: an undo that finishes after a new change was
 * made cannot be redone any more (the new change ended that branch), as in
 * every editor.
 */
export interface UndoHistory<T> {
  done: readonly T[];
  undone: readonly T[];
  epoch: number;
}

/** How many changes are kept; the oldest beyond this are forgotten. */
export const MAX_UNDO = 100;

export function emptyHistory<T>(): UndoHistory<T> {
  return { done: [], undone: [], epoch: 0 };
}

/** A new change: it can be undone, and nothing undone before it can be redone. */
export function record<T>(history: UndoHistory<T>, entry: T, limit = MAX_UNDO): UndoHistory<T> {
  const done = [...history.done, entry];
  return {
    done: done.length > limit ? done.slice(done.length - limit) : done,
    undone: [],
    epoch: history.epoch + 1,
  };
}

/** Take the newest change to undo it; null when there is none. */
export function takeUndo<T>(
  history: UndoHistory<T>,
): { entry: T; history: UndoHistory<T>; epoch: number } | null {
  const entry = history.done.at(-1);
  if (entry === undefined) return null;
  return { entry, history: { ...history, done: history.done.slice(0, -1) }, epoch: history.epoch };
}

/**
 * An undo finished: `inverse` (what redoes it) becomes redoable, unless a new
 * change was recorded since the undo began (`epoch` from takeUndo).
 */
export function undoFinished<T>(
  history: UndoHistory<T>,
  inverse: T,
  epoch: number,
): UndoHistory<T> {
  if (history.epoch !== epoch) return history;
  return { ...history, undone: [...history.undone, inverse] };
}

/** Take the most recently undone change to redo it; null when there is none. */
export function takeRedo<T>(
  history: UndoHistory<T>,
): { entry: T; history: UndoHistory<T>; epoch: number } | null {
  const entry = history.undone.at(-1);
  if (entry === undefined) return null;
  return {
    entry,
    history: { ...history, undone: history.undone.slice(0, -1) },
    epoch: history.epoch,
  };
}

/** A redo finished: the change (`again`) can be undone once more; what is left to redo stays. */
export function redoFinished<T>(
  history: UndoHistory<T>,
  again: T,
  limit = MAX_UNDO,
): UndoHistory<T> {
  const done = [...history.done, again];
  return { ...history, done: done.length > limit ? done.slice(done.length - limit) : done };
}

/** Forget entries (a change that failed, so there is nothing to undo). */
export function forget<T>(history: UndoHistory<T>, isGone: (entry: T) => boolean): UndoHistory<T> {
  const done = history.done.filter((e) => !isGone(e));
  const undone = history.undone.filter((e) => !isGone(e));
  if (done.length === history.done.length && undone.length === history.undone.length) {
    return history;
  }
  return { ...history, done, undone };
}

export function canUndo<T>(history: UndoHistory<T>): boolean {
  return history.done.length > 0;
}

export function canRedo<T>(history: UndoHistory<T>): boolean {
  return history.undone.length > 0;
}
