import { useSyncExternalStore } from 'react';

/**
 * Short messages in the list's bottom corner: confirmations with an Undo, and
 * errors. Errors stay until dismissed; the rest leave after a few seconds. At
 * most MAX_TOASTS are shown (the oldest go first). Each message is also said
 * once in a polite live region, for screen readers.
 */
export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
  /** A toast with a key replaces the one shown with the same key (one Undo at a time). */
  key?: string;
}

export const MAX_TOASTS = 3;

type Listener = () => void;

class ToastStore {
  private toasts: Toast[] = [];
  private listeners = new Set<Listener>();
  private nextId = 1;
  private spoken = '';

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.toasts;

  /** What the live region says now. */
  getAnnouncement = () => this.spoken;

  show(
    message: string,
    options: {
      kind?: Toast['kind'];
      action?: Toast['action'];
      key?: string;
      /** Said instead of the message (e.g. with how to undo by key). */
      announce?: string;
    } = {},
  ): number {
    const toast: Toast = {
      id: this.nextId++,
      message,
      kind: options.kind ?? 'info',
      action: options.action,
      key: options.key,
    };
    const kept = options.key ? this.toasts.filter((t) => t.key !== options.key) : this.toasts;
    this.toasts = [...kept, toast].slice(-MAX_TOASTS);
    // Errors speak through their own role="alert"; the rest through the polite region.
    if (toast.kind !== 'error') this.say(options.announce ?? message);
    this.emit();
    if (toast.kind === 'info')
      setTimeout(() => this.dismiss(toast.id), options.action ? 8000 : 4000);
    return toast.id;
  }

  error(message: string): number {
    return this.show(message, { kind: 'error' });
  }

  dismiss(id: number): void {
    if (!this.toasts.some((t) => t.id === id)) return;
    this.toasts = this.toasts.filter((t) => t.id !== id);
    this.emit();
  }

  private say(text: string): void {
    // The same words twice in a row would not be read again: vary them invisibly.
    this.spoken = this.spoken === text ? `${text}\u00a0` : text;
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

export const toasts = new ToastStore();

export function Toasts() {
  const list = useSyncExternalStore(toasts.subscribe, toasts.getSnapshot);
  const spoken = useSyncExternalStore(toasts.subscribe, toasts.getAnnouncement);
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {spoken}
      </div>
      <div className="toasts" role="region" aria-label="Notifications">
        {list.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : undefined}
          >
            <span className="toast-message">{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                className="toast-action"
                onClick={() => {
                  toast.action!.run();
                  toasts.dismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button
              type="button"
              className="toast-close"
              aria-label="Dismiss"
              onClick={() => toasts.dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
