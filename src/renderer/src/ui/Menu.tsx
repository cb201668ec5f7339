import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A row of colour choices under the items (menuitemradio). */
export interface MenuSwatch {
  color: string;
  label: string;
  isChecked: boolean;
  onSelect: () => void;
}

/**
 * A button that opens a small menu (WAI-ARIA menu button): arrows move, Enter
 * picks, Escape or a click elsewhere closes and focus returns to the button.
 * `swatches` render below the items as a row of colour choices.
 */
export function MenuButton({
  label,
  icon,
  items,
  swatches,
  swatchesLabel,
  className,
}: {
  label: string;
  icon: ReactNode;
  items: MenuItem[];
  swatches?: MenuSwatch[];
  swatchesLabel?: string;
  className?: string;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number; host: HTMLElement } | null>(
    null,
  );
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = (refocus = true) => {
    setIsOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  useLayoutEffect(() => {
    if (!isOpen || !buttonRef.current) return;
    const rect = buttonRef.current.getBoundingClientRect();
    const width = 200;
    setPosition({
      top: Math.min(rect.bottom + 4, window.innerHeight - 260),
      left: Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8)),
      host: menuHost(buttonRef.current),
    });
  }, [isOpen]);

  useEffect(() => {
    if (!isOpen) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        setIsOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [isOpen, position]);

  const onMenuKey = (event: React.KeyboardEvent) => {
    const items = [
      ...(menuRef.current?.querySelectorAll<HTMLElement>(
        '[role="menuitem"], [role="menuitemradio"]',
      ) ?? []),
    ];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className ?? 'icon-button'}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        onClick={() => setIsOpen((open) => !open)}
      >
        {icon}
      </button>
      {/* In the button's landmark, not its toolbar: a toolbar with a backdrop filter would
          otherwise hold the fixed menu (and scroll sideways to it); staying inside the
          landmark keeps the menu where a screen reader's landmark navigation expects it. */}
      {isOpen &&
        position &&
        createPortal(
          <div
            ref={menuRef}
            id={menuId}
            role="menu"
            aria-label={label}
            className="menu"
            style={{ top: position.top, left: position.left }}
            onKeyDown={onMenuKey}
          >
            {items.map((item) => (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                className={item.danger ? 'menu-item danger' : 'menu-item'}
                onClick={() => {
                  // Back to the button first: a dialog the item opens returns focus there.
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            ))}
            {swatches && (
              <div className="menu-swatches" role="group" aria-label={swatchesLabel}>
                {swatches.map((swatch) => (
                  <button
                    key={swatch.color}
                    type="button"
                    role="menuitemradio"
                    aria-checked={swatch.isChecked}
                    aria-label={swatch.label}
                    className="swatch"
                    style={{ background: swatch.color }}
                    onClick={() => {
                      close();
                      swatch.onSelect();
                    }}
                  />
                ))}
              </div>
            )}
          </div>,
          position.host,
        )}
    </>
  );
}

const LANDMARKS =
  'main, nav, aside, [role="main"], [role="navigation"], [role="complementary"], [role="region"], section[aria-label], section[aria-labelledby]';

/** Where an open menu is rendered: the landmark that holds its button, else the body. */
function menuHost(button: HTMLElement | null): HTMLElement {
  return button?.closest<HTMLElement>(LANDMARKS) ?? document.body;
}
