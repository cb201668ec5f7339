/**
 * Keys typed after a key that opens a field (N for the note) but before that
 * field can take them: the paper or its note is still loading, so the editor
 * is not there yet, or is disabled. Without this the typed letters would fall
 * to the shortcuts (s stars, a archives…) and the words would be lost.
 *
 * While it listens it keeps printable keys, Enter and Backspace, in order, and
 * hides them from every other listener (capture phase, on the window). Keys
 * with Ctrl, Meta or Alt, arrows, Tab and Escape pass through; Escape also
 * calls `onEscape`. `take()` stops listening and returns the text.
 */
export class TypeAhead {
  private text = '';
  private isListening = true;

  constructor(private readonly onEscape: () => void) {
    window.addEventListener('keydown', this.onKey, true);
  }

  private onKey = (event: KeyboardEvent): void => {
    if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      this.onEscape();
      return;
    }
    if (event.key === 'Enter') this.text += '\n';
    else if (event.key === 'Backspace') this.text = [...this.text].slice(0, -1).join('');
    else if ([...event.key].length === 1) this.text += event.key;
    else return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  /** Stop listening; what was typed, in order (empty if nothing). */
  take(): string {
    if (this.isListening) {
      window.removeEventListener('keydown', this.onKey, true);
      this.isListening = false;
    }
    const text = this.text;
    this.text = '';
    return text;
  }
}
