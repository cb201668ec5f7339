import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, Reader } from './reader-page';

/**
 * Motion, zoom and the keyboard: prefers-reduced-motion stops every transition
 * and animation; at 200% zoom the reader's content can be reached and is never
 * cut off; with the keyboard alone every stop shows a focus ring and Tab never
 * gets stuck.
 */
const MEDUSA = '2401.10774';

/** Every element's transition and animation durations that are not zero. */
async function movingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const moving: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      const durations = `${style.transitionDuration}, ${style.animationDuration}`;
      if (durations.split(', ').some((d) => parseFloat(d) > 0)) {
        moving.push(`${el.tagName.toLowerCase()}.${el.className}: ${durations}`);
      }
    }
    return moving;
  });
}

/** The sync progress bar's transition (the element exists only during a sync, so a probe). */
async function progressTransition(page: Page): Promise<string> {
  return page.evaluate(() => {
    const probe = document.createElement('div');
    probe.className = 'progress';
    probe.innerHTML = '<div class="progress-bar"></div>';
    document.body.append(probe);
    const duration = getComputedStyle(probe.firstElementChild!).transitionDuration;
    probe.remove();
    return duration;
  });
}

test('prefers-reduced-motion turns off transitions and animations', async ({ app, page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.heading()).toContainText('Medusa');
  expect(await progressTransition(page)).toBe('0.3s');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await progressTransition(page)).toBe('0s');
  expect(await movingElements(page)).toEqual([]);
  await reader.focusList();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await movingElements(page)).toEqual([]);
});

/**
 * Ancestors that hide content that overflows them (overflow hidden or clip and
 * more content than room): what they cut off, no one can scroll to.
 */
async function clippingAncestors(target: Locator): Promise<string[]> {
  return target.evaluate((el) => {
    const found: string[] = [];
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      const hides = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
      const cutX = hides(style.overflowX) && node.scrollWidth > node.clientWidth + 1;
      const cutY = hides(style.overflowY) && node.scrollHeight > node.clientHeight + 1;
      if (cutX || cutY) {
        found.push(
          `${node.tagName.toLowerCase()}.${node.className} (${cutX ? 'width' : 'height'}: ` +
            `${cutX ? node.scrollWidth : node.scrollHeight} > ${cutX ? node.clientWidth : node.clientHeight})`,
        );
      }
    }
    return found;
  });
}

test.describe('at 200% zoom (1280 × 860 window: 640 × 430 CSS px)', () => {
  test.use({ viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 });

  test('every pane and its main controls can be reached, none cut off', async ({ app, page }) => {
    await callApi(app, page, 'tagPapers', { ids: [MEDUSA], tag: 'agents' });
    await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
    const reader = new Reader(page);
    await expect(reader.heading()).toContainText('Medusa');
    expect(await page.evaluate(() => window.innerWidth)).toBe(640);

    // In a window this narrow the sidebar is hidden and opens over the list: open it by
    // keyboard-reachable button, check its controls, and close it again.
    await page.getByRole('button', { name: 'Show the sidebar' }).click();
    const sidebarTargets: Array<[string, Locator]> = [
      ['library menu', reader.nav.getByRole('button', { name: 'Library menu' })],
      ['a tag', reader.navItem(/^agents\b/)],
      ['sync', reader.nav.getByRole('button', { name: 'Sync now' })],
    ];
    for (const [name, target] of sidebarTargets) {
      expect(await clippingAncestors(target), `${name} is inside a box that cuts it off`).toEqual(
        [],
      );
      await target.scrollIntoViewIfNeeded();
      await expect(target, `${name} can be scrolled into view`).toBeInViewport();
    }
    await page.keyboard.press('Escape');
    await expect(reader.nav.getByRole('button', { name: 'Library menu' })).toBeHidden();

    const targets: Array<[string, Locator]> = [
      ['search', page.getByRole('searchbox', { name: 'Search' })],
      ['sort', page.getByRole('combobox', { name: 'Sort' })],
      ['first paper', reader.rows().first()],
      ['paper title', reader.heading()],
      ['status', reader.details.getByRole('combobox', { name: 'Status' })],
      ['star', reader.details.getByRole('button', { name: 'Star', exact: true })],
      ['add tag', reader.details.getByRole('combobox', { name: 'Add tag' })],
      ['abstract', reader.details.getByRole('heading', { name: 'Abstract' })],
      ['notes', reader.details.getByRole('textbox', { name: 'Notes' })],
    ];
    for (const [name, target] of targets) {
      expect(await clippingAncestors(target), `${name} is inside a box that cuts it off`).toEqual(
        [],
      );
      await target.scrollIntoViewIfNeeded();
      await expect(target, `${name} can be scrolled into view`).toBeInViewport();
    }

    // Scrolled back home, the narrow layout still shows the paper's title in full: the
    // detail pane is never pushed out of a narrow window.
    await reader.heading().evaluate((heading) => {
      for (let node = heading.parentElement; node; node = node.parentElement) {
        node.scrollTo({ left: 0, top: 0 });
      }
    });
    await expect(reader.heading()).toBeInViewport({ ratio: 0.9 });
  });
});

/** What has focus, and whether it shows a ring (an outline, a box shadow or a focus-coloured border). */
async function focusStop(page: Page): Promise<{ id: string; hasRing: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const hasOutline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const hasShadow = style.boxShadow !== 'none';
    // A field may show focus as its border turning the focus colour.
    const probe = document.createElement('span');
    probe.style.color = 'var(--focus)';
    document.body.append(probe);
    const focusColor = getComputedStyle(probe).color;
    probe.remove();
    const hasFocusBorder =
      parseFloat(style.borderTopWidth) >= 1 && style.borderTopColor === focusColor;
    const label =
      el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? el.tagName;
    // A number per element, kept across calls, tells a stop seen before from a new one.
    const registry = window as unknown as {
      focusStops?: { ids: WeakMap<Element, number>; next: number };
    };
    registry.focusStops ??= { ids: new WeakMap(), next: 0 };
    const stops = registry.focusStops;
    if (!stops.ids.has(el)) stops.ids.set(el, stops.next++);
    return {
      id: `${el.tagName.toLowerCase()}#${stops.ids.get(el)} “${label}”`,
      hasRing: hasOutline || hasShadow || hasFocusBorder,
    };
  });
}

test('with the keyboard alone: every stop shows a focus ring and Tab goes all the way round', async ({
  app,
  page,
}) => {
  // A full round of Tab presses, each read back from the page: slow on a busy machine.
  test.setTimeout(120_000);
  await callApi(app, page, 'tagPapers', { ids: [MEDUSA], tag: 'agents' });
  await callApi(app, page, 'saveNote', { id: MEDUSA, markdown: 'A [link](https://example.org)' });
  await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.heading()).toContainText('Medusa');

  const stops: string[] = [];
  const withoutRing: string[] = [];
  let first: string | null = null;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page);
    if (!stop) continue;
    if (stop.id === first) break;
    first ??= stop.id;
    stops.push(stop.id);
    if (!stop.hasRing) withoutRing.push(stop.id);
  }
  // Back at the first stop: nothing held focus on the way.
  expect(stops.length).toBeLessThan(200);
  expect(stops.length).toBeGreaterThan(20);
  expect(stops.some((s) => s.includes('Papers'))).toBe(true);
  expect(stops.some((s) => s.includes('Notes') || s.includes('Note preview'))).toBe(true);
  expect(withoutRing).toEqual([]);

  // A menu and a dialog, by keyboard: the menu items show the ring, and Escape leaves both.
  await reader.nav.getByRole('button', { name: 'Library menu' }).focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitem', { name: 'Add paper…' });
  await expect(item).toBeFocused();
  expect((await focusStop(page))?.hasRing).toBe(true);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add paper' });
  await expect(dialog).toBeVisible();
  // Tab stays in the modal, except for the step out to the browser itself (no stop on the page).
  let dialogStops = 0;
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page);
    if (!stop) continue;
    dialogStops++;
    await expect(dialog.locator(':focus')).toHaveCount(1);
    expect(stop.hasRing, `${stop.id} shows a ring`).toBe(true);
  }
  expect(dialogStops).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Tab');
  expect(await focusStop(page)).not.toBeNull();
  await expect(dialog.locator(':focus')).toHaveCount(0);
});
