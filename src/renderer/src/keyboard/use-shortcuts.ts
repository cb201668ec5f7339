import { useEffect, useRef } from 'react';
import { actionFor, type Action } from './bindings';

export type ShortcutHandlers = Partial<Record<Action, (event: KeyboardEvent) => boolean | void>>;

/**
 * One keydown listener for the whole window, dispatching through the bindings
 * table. Keys typed in a field, or while a dialog or menu is open, are left
 * alone (Escape in a field is the field's own business). A handler that
 * returns false declines the key, so the browser's default runs.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (isTypingTarget(event.target)) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('dialog[open], [role="menu"]')) return;
      const action = actionFor(event);
      if (!action) return;
      const handler = ref.current[action];
      if (!handler) return;
      if (handler(event) === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Typing in a field (or a menu, or a dialog) is never a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(
      target.type,
    );
  }
  return false;
}
