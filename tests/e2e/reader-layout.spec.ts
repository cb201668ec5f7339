import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, ROOT, test, type RunningApp } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/**
 * Any window from 800 to 2560 px: panes resize (pointer and keys, remembered),
 * the sidebar hides and shows (a key and a button), a narrow window never cuts
 * the detail pane, and list rows keep their authors and fit their content.
 * With PAPERSHELF_SCREENSHOTS=1 the screenshot set is written to
 * docs/screenshots/layout/; otherwise to the test's output.
 */
const WRITE_DOCS = process.env.PAPERSHELF_SCREENSHOTS === '1';
const MEDUSA = '2401.10774';

/** The element's box lies inside the window and is not cut by any scrolling ancestor. */
async function expectFullyVisible(page: Page, locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  // Not cut horizontally by its pane either (the pane hides what overflows it).
  const isCut = await locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    for (let node = element.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible') continue;
      const outer = node.getBoundingClientRect();
      if (rect.left < outer.left - 0.5 || rect.right > outer.right + 0.5) return true;
    }
    return element.scrollWidth > element.clientWidth + 1;
  });
  expect(isCut).toBe(false);
}

function separator(page: Page, name: string): Locator {
  return page.getByRole('separator', { name });
}

async function valueOf(locator: Locator): Promise<number> {
  return Number(await locator.getAttribute('aria-valuenow'));
}

test('a 900 × 800 window shows the whole detail pane: title, links, abstract', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(`${app.url}#view=inbox&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.heading()).toContainText('Medusa');
  await expectFullyVisible(page, reader.heading());
  await expectFullyVisible(page, reader.details.getByRole('link', { name: /arXiv/ }).first());
  await expectFullyVisible(page, reader.details.getByRole('link', { name: /Code/ }).first());
  const abstract = reader.details.locator('.abstract p').first();
  await expectFullyVisible(page, abstract);
  // The list is there beside it, each row with its authors.
  const firstRow = reader.rows().first();
  await expect(firstRow).toBeVisible();
  await expect(firstRow.locator('.row-authors')).toHaveText(/\w{3,}/);

  // 800 px too.
  await page.setViewportSize({ width: 800, height: 800 });
  await expectFullyVisible(page, reader.heading());
  await expectFullyVisible(page, reader.details.getByRole('link', { name: /Code/ }).first());
});

test('in a narrow window the sidebar opens over the list (b or the button) and closes on a pick or Esc', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await app.open(page);
  const reader = new Reader(page);
  await expect(reader.nav).toBeHidden();
  const toggle = page.getByRole('button', { name: 'Show the sidebar' });
  await toggle.click();
  await expect(reader.nav).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide the sidebar' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  // Focus went into it; picking a view closes it and shows the view.
  await expect(reader.navItem(/^All \d/)).toBeVisible();
  await reader.navItem(/^All \d/).click();
  await expect(reader.nav).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All');

  await reader.focusList();
  await reader.press('b');
  await expect(reader.nav).toBeVisible();
  await expect(reader.nav.locator(':focus')).toHaveCount(1);
  await reader.press('Escape');
  await expect(reader.nav).toBeHidden();
  await expect(reader.list).toBeFocused();
  // The detail pane kept its room all along.
  await reader.press('j');
  await expectFullyVisible(page, reader.heading());
});

test('panes resize by keyboard and by dragging, and the sizes survive a reload', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await app.open(page);
  const reader = new Reader(page);
  const listSeparator = separator(page, 'Resize the paper list');
  const sidebarSeparator = separator(page, 'Resize the sidebar');
  await expect(listSeparator).toHaveAttribute('aria-orientation', 'vertical');
  const listBefore = await valueOf(listSeparator);
  const listBox = await page.locator('#list-pane').boundingBox();
  expect(Math.round(listBox!.width)).toBe(listBefore);

  // Keys: two steps right, then Shift for a bigger one left.
  await listSeparator.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(listSeparator).toHaveAttribute('aria-valuenow', String(listBefore + 32));
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(listSeparator).toHaveAttribute('aria-valuenow', String(listBefore + 32 - 64));
  // Home/End on the separator stop at its limits and leave the list's cursor alone.
  await page.keyboard.press('Home');
  await expect(listSeparator).toHaveAttribute(
    'aria-valuenow',
    (await listSeparator.getAttribute('aria-valuemin'))!,
  );
  await expect(reader.cursorRow()).toHaveCount(0);
  await page.keyboard.press('End');
  const listMax = Number(await listSeparator.getAttribute('aria-valuemax'));
  await expect(listSeparator).toHaveAttribute('aria-valuenow', String(listMax));
  // The detail pane keeps its minimum even at the list's maximum.
  const detailBox = await reader.details.boundingBox();
  expect(detailBox!.width).toBeGreaterThanOrEqual(380);

  // Pointer: drag the sidebar's edge 60 px right.
  const sidebarBefore = await valueOf(sidebarSeparator);
  const handle = (await sidebarSeparator.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 300);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 30, handle.y + 300);
  await page.mouse.move(handle.x + handle.width / 2 + 60, handle.y + 300);
  await page.mouse.up();
  await expect(sidebarSeparator).toHaveAttribute('aria-valuenow', String(sidebarBefore + 60));
  const navBox = await reader.nav.boundingBox();
  expect(Math.round(navBox!.width)).toBe(sidebarBefore + 60);

  const listAfter = await valueOf(listSeparator);
  await page.reload();
  await expect(reader.list).toBeVisible();
  await expect(sidebarSeparator).toHaveAttribute('aria-valuenow', String(sidebarBefore + 60));
  expect(Math.abs((await valueOf(listSeparator)) - listAfter)).toBeLessThanOrEqual(1);

  // Double-click resets the sidebar.
  await sidebarSeparator.dblclick();
  await expect(sidebarSeparator).toHaveAttribute('aria-valuenow', String(sidebarBefore));
});

test('the sidebar collapses with its button and the b key, and stays so after a reload', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await app.open(page);
  const reader = new Reader(page);
  await expect(reader.nav).toBeVisible();
  const listWidth = (await page.locator('#list-pane').boundingBox())!.width;
  await page.getByRole('button', { name: 'Hide the sidebar' }).click();
  await expect(reader.nav).toBeHidden();
  await expect(separator(page, 'Resize the sidebar')).toHaveCount(0);
  // The room goes to the list and the details, not to an empty column.
  expect((await page.locator('#list-pane').boundingBox())!.x).toBe(0);
  expect((await page.locator('#list-pane').boundingBox())!.width).toBeGreaterThan(listWidth);
  await page.reload();
  await expect(reader.list).toBeVisible();
  await expect(reader.nav).toBeHidden();
  await reader.focusList();
  await reader.press('b');
  await expect(reader.nav).toBeVisible();
  await page.reload();
  await expect(reader.nav).toBeVisible();
});

test('rows keep their authors beside many tags, and fit their content', async ({ app, page }) => {
  const papers = await listIds(app, page, { view: 'inbox' });
  const first = papers[0];
  for (const tag of ['reading-group/weekly', 'llm/inference/speculative', 'to-present']) {
    await callApi(app, page, 'tagPapers', { ids: [first.id], tag });
  }
  await page.setViewportSize({ width: 900, height: 800 });
  await app.open(page);
  const reader = new Reader(page);
  const row = reader.row(first.title);
  await expect(row.locator('.tag-pill')).toHaveCount(3);
  const authors = row.locator('.row-authors');
  await expect(authors).toHaveText(/\w{3,}/);
  // The authors keep real room (not squeezed to an ellipsis by the tags).
  await expect.poll(async () => (await authors.boundingBox())?.width ?? 0).toBeGreaterThan(80);

  // A wide window: short titles fit one line, and their rows are shorter than two-line ones.
  await page.setViewportSize({ width: 1920, height: 900 });
  await expect
    .poll(async () => {
      const heights = await reader.rows().evaluateAll((rows) =>
        rows.map((r) => {
          const title = r.querySelector('.row-title')!.getBoundingClientRect().height;
          return { row: r.getBoundingClientRect().height, isOneLine: title < 25 };
        }),
      );
      const one = heights.filter((h) => h.isOneLine).map((h) => h.row);
      const two = heights.filter((h) => !h.isOneLine).map((h) => h.row);
      return one.length > 0 && two.length > 0 && Math.max(...one) < Math.min(...two);
    })
    .toBe(true);
  // No empty band: each row ends where its content does (padding aside), and the rows do not
  // overlap: each starts where the one above ended. (Polled: rows are re-measured after the resize.)
  await expect
    .poll(() =>
      reader.rows().evaluateAll((rows) => {
        const boxes = rows
          .map((r) => ({
            row: r.getBoundingClientRect(),
            main: r.querySelector('.row-main')!.getBoundingClientRect(),
          }))
          .sort((a, b) => a.row.top - b.row.top);
        const problems: string[] = [];
        boxes.forEach(({ row, main }, i) => {
          if (row.bottom - main.bottom >= 14) problems.push(`band ${i}`);
          if (i > 0 && Math.abs(row.top - boxes[i - 1].row.bottom) >= 1) problems.push(`gap ${i}`);
        });
        return problems;
      }),
    )
    .toEqual([]);
});

/** A library that looks used, so the screenshots show tags, stars, statuses and a note. */
async function furnish(app: RunningApp, page: Page): Promise<void> {
  const ids = (await listIds(app, page)).map((p) => p.id).filter((id) => id !== MEDUSA);
  await callApi(app, page, 'tagPapers', {
    ids: [MEDUSA, ...ids.slice(0, 3)],
    tag: 'llm/inference',
  });
  await callApi(app, page, 'tagPapers', { ids: [MEDUSA, ids[4]], tag: 'reading-group' });
  await callApi(app, page, 'setStarred', { ids: [MEDUSA, ids[2]], starred: true });
  await callApi(app, page, 'setStatus', { ids: ids.slice(10, 20), status: 'read' });
  await callApi(app, page, 'saveNote', {
    id: MEDUSA,
    markdown: '## Why it matters\n\nSeveral tokens per step, **no draft model**.\n',
  });
}

test('screenshot set: 900, 1400 and 1920 px, light and dark', async ({ app, page }) => {
  test.setTimeout(90_000);
  await furnish(app, page);
  const reader = new Reader(page);
  for (const width of [900, 1400, 1920]) {
    await page.setViewportSize({ width, height: width === 900 ? 800 : 960 });
    await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
    await expect(reader.heading()).toContainText('Medusa');
    await expect(reader.details.getByRole('document', { name: 'Note preview' })).toBeVisible();
    await expectFullyVisible(page, reader.heading());
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await shoot(page, `layout-${width}-${scheme}.png`);
    }
  }
  // The new surfaces, at 1400 px in light and at 900 px in dark.
  for (const [width, scheme] of [
    [1400, 'light'],
    [900, 'dark'],
  ] as const) {
    await page.setViewportSize({ width, height: 860 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
    await expect(reader.heading()).toContainText('Medusa');
    await page.getByRole('button', { name: 'Search syntax' }).click();
    await expect(page.getByRole('dialog', { name: 'Search syntax' })).toBeVisible();
    await shoot(page, `search-help-${width}-${scheme}.png`);
    await page.keyboard.press('Escape');
    await reader.details.getByRole('button', { name: 'Cite: copy a citation' }).click();
    await expect(page.getByRole('menu', { name: 'Cite: copy a citation' })).toBeVisible();
    await shoot(page, `cite-menu-${width}-${scheme}.png`);
    await page.keyboard.press('Escape');
    if (width < 1000) {
      await page.getByRole('button', { name: 'Show the sidebar' }).click();
      await expect(reader.nav).toBeVisible();
      await shoot(page, `sidebar-over-list-${width}-${scheme}.png`);
    }
    await reader.nav.getByRole('button', { name: 'All days…' }).click();
    await expect(page.getByRole('dialog', { name: 'All days' }).getByRole('region')).toHaveCount(1);
    await shoot(page, `all-days-${width}-${scheme}.png`);
    await page.keyboard.press('Escape');
  }
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: WRITE_DOCS
      ? path.join(ROOT, 'docs/screenshots/layout', name)
      : test.info().outputPath(name),
  });
}
