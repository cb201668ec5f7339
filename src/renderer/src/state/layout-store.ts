import { useSyncExternalStore } from 'react';
import {
  parseLayout,
  paneLayout,
  updateLayout,
  type LayoutChange,
  type LayoutPrefs,
  type PaneLayout,
} from './layout';

const LAYOUT_KEY = 'papershelf.layout';

/**
 * The pane layout for this window: the person's choice (kept in localStorage,
 * so it survives reloads and restarts on this computer), the window's width,
 * and whether the sidebar is open over the list in a narrow window (not kept:
 * it is a moment's glance, like a menu).
 */
class LayoutStore {
  private prefs: LayoutPrefs = parseLayout(readStored());
  private windowWidth = typeof window === 'undefined' ? 1400 : window.innerWidth;
  private isOverlayOpen = false;
  private snapshot: PaneLayout & { prefs: LayoutPrefs } = this.compute();
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) window.addEventListener('resize', this.onResize);
    this.listeners.add(listener);
    this.onResize();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) window.removeEventListener('resize', this.onResize);
    };
  };

  getSnapshot = (): PaneLayout & { prefs: LayoutPrefs } => this.snapshot;

  /** Apply a change; `persist` is false while a drag is under way (one write when it ends). */
  change(change: LayoutChange, persist = true): void {
    this.prefs = updateLayout(this.prefs, change);
    if (persist) writeStored(this.prefs);
    this.emit();
  }

  /** The sidebar key and button: dock/undock in a wide window, open/close over the list in a narrow one. */
  toggleSidebar(): void {
    if (this.snapshot.isNarrow) this.setOverlayOpen(!this.isOverlayOpen);
    else this.change({ type: 'toggleSidebar' });
  }

  setOverlayOpen(isOpen: boolean): void {
    if (this.isOverlayOpen === isOpen) return;
    this.isOverlayOpen = isOpen;
    this.emit();
  }

  persist(): void {
    writeStored(this.prefs);
  }

  private onResize = (): void => {
    if (window.innerWidth === this.windowWidth) return;
    this.windowWidth = window.innerWidth;
    this.emit();
  };

  private compute(): PaneLayout & { prefs: LayoutPrefs } {
    return { ...paneLayout(this.prefs, this.windowWidth, this.isOverlayOpen), prefs: this.prefs };
  }

  private emit(): void {
    this.snapshot = this.compute();
    for (const listener of this.listeners) listener();
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(LAYOUT_KEY);
  } catch {
    return null;
  }
}

function writeStored(prefs: LayoutPrefs): void {
  try {
    localStorage.setItem(LAYOUT_KEY, JSON.stringify(prefs));
  } catch {
    // Storage can be unavailable (private windows): the layout still applies for this session.
  }
}

export const layoutStore = new LayoutStore();

export function useLayout(): PaneLayout & { prefs: LayoutPrefs } {
  return useSyncExternalStore(layoutStore.subscribe, layoutStore.getSnapshot);
}
