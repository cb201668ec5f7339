import { errorMessage } from '../lib/errors';
import { toasts } from '../ui/toasts';
import {
  emptyHistory,
  forget,
  record,
  redoFinished,
  takeRedo,
  takeUndo,
  undoFinished,
  type UndoHistory,
} from './undo-history';

/**
 * A change the user made, that can be reversed. `revert` asks the service to
 * put things back and resolves to the change that reverses the reversal (so
 * undo gives redo, and redo gives undo again).
 */
export interface Change {
  /** What the change did, as the toast says it: "Archived · 3 papers". */
  label: string;
  revert(): Promise<Change>;
}

interface Entry {
  /** Settles when the service has answered: null when the change failed (nothing to undo). */
  change: Promise<Change | null>;
}

/** Said with every undoable change, for whoever cannot see the toast's button. */
const UNDO_HINT = 'Press U to undo.';

/**
 * The reader's undo history (Ctrl/Cmd+Z, `u`, a toast's Undo) on the pure
 * {@link UndoHistory}. Undo and redo run one at a time, in the order they were
 * asked for, each after the change it reverses has reached the service.
 */
export class UndoStore {
  private history: UndoHistory<Entry> = emptyHistory();
  private queue: Promise<void> = Promise.resolve();

  /** A change just made; it is announced (with its Undo) once the service has it. */
  record(change: Promise<Change | null>): Promise<boolean> {
    const entry: Entry = { change };
    this.history = record(this.history, entry);
    return change.then((settled) => {
      if (!settled) {
        this.history = forget(this.history, (e) => e === entry);
        return false;
      }
      this.tell(settled.label, 'Undo');
      return true;
    });
  }

  undo(): Promise<void> {
    return this.enqueue(() => this.step('undo'));
  }

  redo(): Promise<void> {
    return this.enqueue(() => this.step('redo'));
  }

  private enqueue(run: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  private async step(direction: 'undo' | 'redo'): Promise<void> {
    const taken = direction === 'undo' ? takeUndo(this.history) : takeRedo(this.history);
    if (!taken) {
      toasts.show(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo', { key: 'undo' });
      return;
    }
    this.history = taken.history;
    const change = await taken.entry.change;
    // The change itself failed: there is nothing to reverse; take the one before.
    if (!change) return this.step(direction);
    try {
      const reversed = await change.revert();
      const entry: Entry = { change: Promise.resolve(reversed) };
      if (direction === 'undo') {
        this.history = undoFinished(this.history, entry, taken.epoch);
        this.tell(`Undone: ${change.label}`, 'Redo');
      } else {
        this.history = redoFinished(this.history, entry);
        this.tell(reversed.label, 'Undo');
      }
    } catch (error) {
      toasts.error(`Could not ${direction} “${change.label}”: ${errorMessage(error)}`);
    }
  }

  /** One toast for the latest change, with the button that reverses it. */
  private tell(message: string, button: 'Undo' | 'Redo'): void {
    toasts.show(message, {
      key: 'undo',
      action: { label: button, run: () => void (button === 'Undo' ? this.undo() : this.redo()) },
      announce:
        button === 'Undo' ? `${message}. ${UNDO_HINT}` : `${message}. Press Shift+Ctrl+Z to redo.`,
    });
  }
}
