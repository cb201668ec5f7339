import { describe, expect, it } from 'vitest';
import * as m from '../../src/renderer/src/state/layout';

describe('pane layout', () => {
  it('gives every window from 800 to 2560 px a detail pane of at least its minimum', () => {
    for (let width = 800; width <= 2560; width += 20) {
      for (const isOverlayOpen of [false, true]) {
        for (const prefs of [
          m.DEFAULT_LAYOUT,
          { sidebarWidth: m.SIDEBAR_MAX, listShare: 0.95, isSidebarCollapsed: false },
        ]) {
          const layout = m.paneLayout(prefs, width, isOverlayOpen);
          const docked = layout.sidebar === 'docked' ? layout.sidebarWidth : 0;
          expect(docked + layout.listWidth + layout.detailWidth).toBe(width);
          expect(layout.detailWidth).toBeGreaterThanOrEqual(m.DETAIL_MIN);
          expect(layout.listWidth).toBeGreaterThanOrEqual(m.LIST_MIN);
        }
      }
    }
  });

  it('docks the sidebar in a wide window and opens it over the list in a narrow one', () => {
    expect(m.paneLayout(m.DEFAULT_LAYOUT, 1400, false).sidebar).toBe('docked');
    expect(m.paneLayout(m.DEFAULT_LAYOUT, 900, false).sidebar).toBe('hidden');
    expect(m.paneLayout(m.DEFAULT_LAYOUT, 900, true).sidebar).toBe('overlay');
    const collapsed = m.updateLayout(m.DEFAULT_LAYOUT, { type: 'toggleSidebar' });
    expect(m.paneLayout(collapsed, 1400, false).sidebar).toBe('hidden');
  });

  it('keeps a dragged list width as a share, clamped to what the window allows', () => {
    const layout = m.paneLayout(m.DEFAULT_LAYOUT, 1400, false);
    const wider = m.updateLayout(m.DEFAULT_LAYOUT, {
      type: 'listWidth',
      width: layout.listWidth + 100,
      layout,
    });
    expect(m.paneLayout(wider, 1400, false).listWidth).toBe(layout.listWidth + 100);
    const tooWide = m.updateLayout(m.DEFAULT_LAYOUT, { type: 'listWidth', width: 5000, layout });
    expect(m.paneLayout(tooWide, 1400, false).detailWidth).toBe(m.DETAIL_MIN);
  });

  it('reads stored prefs defensively', () => {
    expect(m.parseLayout(null)).toEqual(m.DEFAULT_LAYOUT);
    expect(m.parseLayout('{not json')).toEqual(m.DEFAULT_LAYOUT);
    expect(m.parseLayout('"text"')).toEqual(m.DEFAULT_LAYOUT);
    expect(m.parseLayout('{"sidebarWidth": 9999, "listShare": "x"}')).toEqual({
      ...m.DEFAULT_LAYOUT,
      sidebarWidth: m.SIDEBAR_MAX,
    });
    expect(
      m.parseLayout('{"sidebarWidth": 250, "listShare": 0.5, "isSidebarCollapsed": true}'),
    ).toEqual({ sidebarWidth: 250, listShare: 0.5, isSidebarCollapsed: true });
  });
});
