/**
 * The reader's pane layout, as pure functions: what the person chose (pane
 * widths, a collapsed sidebar) and what a window of a given width can give
 * them. Kept free of the DOM so the rules are tested directly; the store in
 * layout-store.ts persists the choice and tracks the window.
 */

export interface LayoutPrefs {
  /** The sidebar's width in CSS pixels. */
  sidebarWidth: number;
  /** The list's share of the room left beside the sidebar (0..1), so it scales with the window. */
  listShare: number;
  isSidebarCollapsed: boolean;
}

export const SIDEBAR_MIN = 180;
export const SIDEBAR_MAX = 360;
export const LIST_MIN = 300;
export const DETAIL_MIN = 380;
/**
 * Below this window width the sidebar no longer docks beside the list: it would
 * squeeze the detail pane under its minimum. It opens over the list instead.
 */
export const NARROW_WIDTH = 1000;

export const DEFAULT_LAYOUT: LayoutPrefs = {
  sidebarWidth: 232,
  listShare: 5 / 11,
  isSidebarCollapsed: false,
};

export type SidebarMode = 'docked' | 'overlay' | 'hidden';

/** What the window shows: the sidebar's mode and every pane's width in pixels. */
export interface PaneLayout {
  isNarrow: boolean;
  sidebar: SidebarMode;
  sidebarWidth: number;
  /** The widest the sidebar may be at this window width (a wide sidebar gives way to the panes). */
  sidebarMax: number;
  listWidth: number;
  detailWidth: number;
  /** The list's allowed range at this window width (for the separator's aria-valuemin/max). */
  listMin: number;
  listMax: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Prefs read back from storage (or anywhere untrusted): anything odd falls back to the default. */
export function parseLayout(text: string | null): LayoutPrefs {
  if (!text) return DEFAULT_LAYOUT;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_LAYOUT;
  const value = raw as Record<string, unknown>;
  const number = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  return {
    sidebarWidth: Math.round(
      clamp(number(value.sidebarWidth, DEFAULT_LAYOUT.sidebarWidth), SIDEBAR_MIN, SIDEBAR_MAX),
    ),
    listShare: clamp(number(value.listShare, DEFAULT_LAYOUT.listShare), 0.05, 0.95),
    isSidebarCollapsed: value.isSidebarCollapsed === true,
  };
}

/**
 * The panes for a window `windowWidth` pixels wide. The detail pane always
 * keeps at least DETAIL_MIN (so a title or an abstract is never cut off): a
 * narrow window takes the sidebar out of the row first, then shrinks the list
 * to LIST_MIN; only a window narrower than both minimums squeezes them evenly.
 */
export function paneLayout(
  prefs: LayoutPrefs,
  windowWidth: number,
  isOverlayOpen: boolean,
): PaneLayout {
  const isNarrow = windowWidth < NARROW_WIDTH;
  const sidebarMax = Math.max(
    SIDEBAR_MIN,
    Math.min(SIDEBAR_MAX, windowWidth - LIST_MIN - DETAIL_MIN),
  );
  const sidebarWidth = clamp(prefs.sidebarWidth, SIDEBAR_MIN, sidebarMax);
  const sidebar: SidebarMode = isNarrow
    ? isOverlayOpen
      ? 'overlay'
      : 'hidden'
    : prefs.isSidebarCollapsed
      ? 'hidden'
      : 'docked';
  const room = Math.max(0, windowWidth - (sidebar === 'docked' ? sidebarWidth : 0));
  if (room < LIST_MIN + DETAIL_MIN) {
    const listWidth = Math.floor((room * LIST_MIN) / (LIST_MIN + DETAIL_MIN));
    return {
      isNarrow,
      sidebar,
      sidebarWidth,
      sidebarMax,
      listWidth,
      detailWidth: room - listWidth,
      listMin: listWidth,
      listMax: listWidth,
    };
  }
  const listMax = room - DETAIL_MIN;
  const listWidth = Math.round(clamp(prefs.listShare * room, LIST_MIN, listMax));
  return {
    isNarrow,
    sidebar,
    sidebarWidth,
    sidebarMax,
    listWidth,
    detailWidth: room - listWidth,
    listMin: LIST_MIN,
    listMax,
  };
}

export type LayoutChange =
  | { type: 'sidebarWidth'; width: number }
  /** The list's new width in pixels, at the layout it was dragged in. */
  | { type: 'listWidth'; width: number; layout: PaneLayout }
  | { type: 'toggleSidebar' }
  | { type: 'reset' };

export function updateLayout(prefs: LayoutPrefs, change: LayoutChange): LayoutPrefs {
  switch (change.type) {
    case 'sidebarWidth':
      return {
        ...prefs,
        sidebarWidth: Math.round(clamp(change.width, SIDEBAR_MIN, SIDEBAR_MAX)),
      };
    case 'listWidth': {
      const { layout } = change;
      const room = layout.listWidth + layout.detailWidth;
      if (room <= 0) return prefs;
      const width = clamp(change.width, layout.listMin, layout.listMax);
      return { ...prefs, listShare: width / room };
    }
    case 'toggleSidebar':
      return { ...prefs, isSidebarCollapsed: !prefs.isSidebarCollapsed };
    case 'reset':
      return { ...DEFAULT_LAYOUT, isSidebarCollapsed: prefs.isSidebarCollapsed };
    default: {
      const never: never = change;
      return never;
    }
  }
}
