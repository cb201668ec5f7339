import { useSyncExternalStore } from 'react';
import { Dialog } from './Dialog';

/**
 * "Are you sure?" for the few actions big enough to ask first (a bulk change of
 * more than BULK_CONFIRM_OVER papers). `ask` resolves true on confirm, false
 * on Cancel, Escape or a click outside.
 */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

class ConfirmStore {
  private pending: Pending | null = null;
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.pending;

  ask(request: ConfirmRequest): Promise<boolean> {
    // One question at a time: a new one answers the old one "no".
    this.pending?.resolve(false);
    return new Promise((resolve) => {
      this.pending = { ...request, resolve };
      this.emit();
    });
  }

  answer(confirmed: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    pending.resolve(confirmed);
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

export const confirmations = new ConfirmStore();

export function ConfirmHost() {
  const pending = useSyncExternalStore(confirmations.subscribe, confirmations.getSnapshot);
  return (
    <Dialog
      title={pending?.title ?? ''}
      open={pending !== null}
      onClose={() => confirmations.answer(false)}
      className="confirm"
    >
      {pending && (
        <>
          <p className="dialog-text">{pending.message}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => confirmations.answer(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button primary"
              data-autofocus=""
              onClick={() => confirmations.answer(true)}
            >
              {pending.confirmLabel}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
