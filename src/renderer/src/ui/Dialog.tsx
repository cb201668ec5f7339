import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: the browser traps focus and closes on Escape.
 * Opening focuses the dialog's first field (or the element marked
 * `data-autofocus`), not its close button, so Enter submits what was typed;
 * closing puts focus back where it was. `onClose` fires however it closes.
 */
export function Dialog({
  title,
  open,
  onClose,
  children,
  className,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      firstFocus(dialog)?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-label={title}
      onClose={() => {
        const target = returnTo.current;
        returnTo.current = null;
        onClose();
        // The element that opened the dialog, if it is still there; else the paper list.
        if (target?.isConnected && target !== document.body) target.focus();
        else document.querySelector<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
      }}
      onCancel={(event) => {
        // Escape always closes, even when a field inside has handled the key.
        event.preventDefault();
        ref.current?.close();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === ref.current) ref.current.close();
      }}
    >
      {open && (
        <div className="dialog-body">
          <header className="dialog-header">
            <h2>{title}</h2>
            <button
              type="button"
              className="icon-button"
              aria-label="Close"
              data-dialog-close=""
              onClick={() => ref.current?.close()}
            >
              ×
            </button>
          </header>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** Where focus goes when a dialog opens: a marked element, the first field, else the first button after the close one. */
function firstFocus(dialog: HTMLDialogElement): HTMLElement | null {
  const enabled = ':not([disabled]):not([type="hidden"])';
  return (
    dialog.querySelector<HTMLElement>(`[data-autofocus]${enabled}`) ??
    dialog.querySelector<HTMLElement>(`input${enabled}, select${enabled}, textarea${enabled}`) ??
    dialog.querySelector<HTMLElement>(`button:not([data-dialog-close])${enabled}, [href]`) ??
    dialog.querySelector<HTMLElement>('[data-dialog-close]')
  );
}
