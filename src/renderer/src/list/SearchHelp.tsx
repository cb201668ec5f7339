import { useEffect, useId, useRef, useState } from 'react';
import { SEARCH_SYNTAX, SEARCH_SYNTAX_EXAMPLE } from '../../../shared/search-syntax';
import { Icon } from '../ui/Icon';

/**
 * The query syntax, one click from the search box (the same list
 * `papershelf search --help` prints). A non-modal popover: Esc or a click
 * elsewhere closes it; "Try it" puts the worked example in the box.
 */
export function SearchHelp({ onTry }: { onTry: (query: string) => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const popoverId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !rootRef.current?.contains(event.target)) {
        setIsOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const close = () => {
    setIsOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="search-help" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="icon-button small"
        aria-label="Search syntax"
        aria-expanded={isOpen}
        aria-controls={popoverId}
        title="Search syntax"
        onClick={() => setIsOpen((open) => !open)}
      >
        <Icon name="help" size={15} />
      </button>
      {isOpen && (
        <div
          id={popoverId}
          role="dialog"
          aria-label="Search syntax"
          className="search-help-popover"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            // Handled here: the reader's own Esc (clear the search) must not run too.
            event.preventDefault();
            event.stopPropagation();
            close();
          }}
        >
          <p className="search-help-intro">Words and filters combine; every part must match.</p>
          <table className="search-help-table">
            <tbody>
              {SEARCH_SYNTAX.map((entry) => (
                <tr key={entry.example}>
                  <td>
                    <code>{entry.example}</code>
                  </td>
                  <td>{entry.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="search-help-example">
            <code>{SEARCH_SYNTAX_EXAMPLE}</code>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                onTry(SEARCH_SYNTAX_EXAMPLE);
                setIsOpen(false);
              }}
            >
              Try it
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
