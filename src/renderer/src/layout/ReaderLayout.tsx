import { useEffect, type CSSProperties } from 'react';
import { DEFAULT_LAYOUT, SIDEBAR_MIN, type PaneLayout } from '../state/layout';
import { layoutStore, useLayout } from '../state/layout-store';
import { Icon } from '../ui/Icon';
import { PaneSeparator } from './PaneSeparator';

export const SIDEBAR_ID = 'sidebar';
export const LIST_PANE_ID = 'list-pane';

/**
 * The reader's pane layout, applied to the `.app` grid: spread the returned
 * props on it. The panes' widths come from the layout store; the sidebar
 * docks, hides, or (in a narrow window) opens over the list.
 */
export function useReaderLayout(): {
  layout: PaneLayout;
  appProps: { style: CSSProperties; 'data-sidebar': PaneLayout['sidebar'] };
} {
  const layout = useLayout();
  return {
    layout,
    appProps: {
      style: {
        gridTemplateColumns: `${layout.sidebar === 'docked' ? layout.sidebarWidth : 0}px ${layout.listWidth}px minmax(0, 1fr)`,
        ['--sidebar-width' as string]: `${layout.sidebarWidth}px`,
      },
      'data-sidebar': layout.sidebar,
    },
  };
}

/** The draggable dividers, and the scrim that closes a sidebar opened over the list. */
export function PaneControls({ layout }: { layout: PaneLayout }) {
  const isOverlay = layout.sidebar === 'overlay';
  useOverlayDismissal(isOverlay);
  const sidebarShown = layout.sidebar === 'docked' ? layout.sidebarWidth : 0;
  return (
    <>
      {/* A landmark of their own: the dividers sit between the panes they resize. */}
      <div className="pane-separators" role="region" aria-label="Pane sizes">
        {layout.sidebar === 'docked' && (
          <PaneSeparator
            label="Resize the sidebar"
            controls={SIDEBAR_ID}
            left={layout.sidebarWidth}
            value={layout.sidebarWidth}
            min={SIDEBAR_MIN}
            max={layout.sidebarMax}
            onChange={(width) => layoutStore.change({ type: 'sidebarWidth', width }, false)}
            onCommit={() => layoutStore.persist()}
            onReset={() =>
              layoutStore.change({ type: 'sidebarWidth', width: DEFAULT_LAYOUT.sidebarWidth })
            }
          />
        )}
        {layout.listMax > layout.listMin && (
          <PaneSeparator
            label="Resize the paper list"
            controls={LIST_PANE_ID}
            left={sidebarShown + layout.listWidth}
            value={layout.listWidth}
            min={layout.listMin}
            max={layout.listMax}
            onChange={(width) => layoutStore.change({ type: 'listWidth', width, layout }, false)}
            onCommit={() => layoutStore.persist()}
            onReset={() =>
              layoutStore.change({
                type: 'listWidth',
                width: DEFAULT_LAYOUT.listShare * (layout.listWidth + layout.detailWidth),
                layout,
              })
            }
          />
        )}
      </div>
      {isOverlay && (
        <div
          className="sidebar-scrim"
          aria-hidden="true"
          onPointerDown={() => layoutStore.setOverlayOpen(false)}
        />
      )}
    </>
  );
}

/** Show or hide the sidebar (the `b` key does the same). */
export function SidebarToggle({ layout }: { layout: PaneLayout }) {
  const isShown = layout.sidebar !== 'hidden';
  return (
    <button
      type="button"
      className="icon-button sidebar-toggle"
      aria-label={isShown ? 'Hide the sidebar' : 'Show the sidebar'}
      aria-expanded={isShown}
      aria-controls={SIDEBAR_ID}
      title={`${isShown ? 'Hide' : 'Show'} the sidebar (b)`}
      onClick={() => layoutStore.toggleSidebar()}
    >
      <Icon name="sidebar" />
    </button>
  );
}

/**
 * A sidebar open over the list behaves like a menu: focus goes into it, and
 * Esc closes it (focus back on the list); picking a view closes it too (the
 * reader's navigate does that).
 */
function useOverlayDismissal(isOverlay: boolean): void {
  useEffect(() => {
    if (!isOverlay) return;
    const sidebar = document.getElementById(SIDEBAR_ID);
    const current =
      sidebar?.querySelector<HTMLElement>('[aria-current="page"]') ??
      sidebar?.querySelector<HTMLElement>('button');
    current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('dialog[open], [role="menu"]')) return;
      event.preventDefault();
      layoutStore.setOverlayOpen(false);
      document.querySelector<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
    };
    // Capture: before the reader's own Esc (which would only leave the field).
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [isOverlay]);
}
