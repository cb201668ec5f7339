import { useSyncExternalStore } from 'react';

/**
 * Short messages at the bottom of the window: confirmations with an Undo,
 * and errors. Errors stay until dismissed; the rest leave after a few seconds.
 */
export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

type Listener = () => void;

class ToastStore {
  private toasts: Toast[] = [];
  private listeners = new Set<Listener>();
  private nextId = 1;

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.toasts;

  show(message: string, options: { kind?: Toast['kind']; action?: Toast['action'] } = {}): number {
    const toast: Toast = {
      id: this.nextId++,
      message,
      kind: options.kind ?? 'info',
      action: options.action,
    };
    this.toasts = [...this.toasts.slice(-3), toast];
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

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

export const toasts = new ToastStore();

export function Toasts() {
  const list = useSyncExternalStore(toasts.subscribe, toasts.getSnapshot);
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {list.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
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
  );
}
