import type { Locator, Page } from '@playwright/test';
import { makePdf } from '../pdf/helpers/make-pdf';
import { startPdfServer } from '../pdf/helpers/pdf-server';
import { checkAxe, type Allowed } from './axe';
import { arrangeToday } from './daily-page';
import { expect, startApp, test, type RunningApp } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/**
 * axe-core (WCAG 2.1 A/AA and best practices) over every main state of the
 * reader, in the light and the dark theme (the system's, as the app follows it
 * when no theme is forced), and with the high-contrast preference. No serious
 * or critical finding anywhere; moderate ones only where listed below.
 */
const MEDUSA = '2401.10774';

// Each test has its own server and library: they can share the workers.
test.describe.configure({ mode: 'parallel' });

/** Moderate findings kept on purpose, with the reason. */
const ALLOWED: Allowed = {};

/** A used library: tags (one to merge into), stars, statuses and a note with a link. */
async function furnish(app: RunningApp, page: Page): Promise<void> {
  const ids = (await listIds(app, page)).map((p) => p.id).filter((id) => id !== MEDUSA);
  await callApi(app, page, 'tagPapers', {
    ids: [MEDUSA, ...ids.slice(1, 4)],
    tag: 'llm/inference',
  });
  await callApi(app, page, 'tagPapers', { ids: ids.slice(4, 6), tag: 'agents' });
  await callApi(app, page, 'tagPapers', { ids: ids.slice(6, 8), tag: 'agent' });
  await callApi(app, page, 'setStarred', { ids: [MEDUSA, ...ids.slice(4, 6)], starred: true });
  await callApi(app, page, 'setStatus', { ids: ids.slice(20, 30), status: 'read' });
  await callApi(app, page, 'setStatus', { ids: ids.slice(30, 34), status: 'toread' });
  await callApi(app, page, 'setStatus', { ids: ids.slice(34, 36), status: 'reading' });
  await callApi(app, page, 'setStatus', { ids: ids.slice(36, 38), status: 'archived' });
  await callApi(app, page, 'saveNote', {
    id: MEDUSA,
    markdown:
      '## Why it matters\n\nExtra heads predict several tokens; **no draft model**.\n\n- Tree attention, §3\n- Compare with [EAGLE](https://arxiv.org/abs/2401.15077)\n\n`code` and > a quote\n',
  });
}

async function openLibraryMenuItem(page: Page, item: string): Promise<void> {
  const reader = new Reader(page);
  await reader.nav.getByRole('button', { name: 'Library menu' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function closeDialog(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

/** The list and the details (note preview and editor), running axe in each. */
async function checkEveryState(app: RunningApp, page: Page): Promise<void> {
  await furnish(app, page);
  await app.open(page);
  const reader = new Reader(page);
  await expect(reader.rows().first()).toBeVisible();
  await checkAxe(page, 'list, nothing selected', { allowed: ALLOWED });

  await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
  await expect(reader.heading()).toContainText('Medusa');
  await expect(reader.details.getByRole('document', { name: 'Note preview' })).toBeVisible();
  await expect(reader.row(/Medusa/)).toHaveAttribute('aria-selected', 'true');
  await expect(reader.details.getByRole('region', { name: 'More like this' })).toBeVisible();
  await checkAxe(page, 'detail with notes preview', { allowed: ALLOWED });

  await reader.details.getByRole('button', { name: 'Write' }).click();
  await expect(reader.details.getByRole('textbox', { name: 'Notes' })).toBeVisible();
  await checkAxe(page, 'detail writing a note', { allowed: ALLOWED });
  await page.keyboard.press('Escape');

  await reader.navItem(/^Archived\b/).click();
  await expect(reader.rows().first()).toBeVisible();
  await checkAxe(page, 'archived view', { allowed: ALLOWED });

  // For you: the Inbox ranked by the user's signals, a reason under each row; a suggested tag.
  await reader.navItem('For you').click();
  await expect(reader.rows().first().locator('.row-because')).toBeVisible();
  await reader.rows().first().click();
  await expect(reader.details.getByRole('region', { name: 'More like this' })).toBeVisible();
  await checkAxe(page, 'for you view', { allowed: ALLOWED });
}

/** Search results, a selection of several papers, and a search that finds nothing. */
async function checkSearchStates(app: RunningApp, page: Page): Promise<void> {
  await furnish(app, page);
  await page.goto(`${app.url}#view=all`);
  const reader = new Reader(page);
  await expect(reader.rows().first()).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('decoding');
  await expect(reader.rows().first().locator('mark').first()).toBeVisible();
  await checkAxe(page, 'search results', { allowed: ALLOWED });

  await reader.rows().first().click();
  await reader
    .rows()
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await expect(reader.details.getByRole('heading', { name: '3 papers selected' })).toBeVisible();
  await checkAxe(page, 'bulk selection', { allowed: ALLOWED });

  await search.fill('zzzqqq xqxqxq');
  await expect(page.locator('.empty-state')).toBeVisible();
  await checkAxe(page, 'search with no results', { allowed: ALLOWED });
  await search.fill('');
}

/**
 * The Today view (badge, picks and rising rows, its bar and digest menu), a
 * paper's upvotes sparkline, the save-search dialog and a saved search open in
 * the sidebar with its menu.
 */
async function checkDailyStates(app: RunningApp, page: Page): Promise<void> {
  await furnish(app, page);
  await app.open(page);
  const { rising } = await arrangeToday(app, page);
  await page.reload();
  const reader = new Reader(page);
  await expect(reader.nav.getByRole('button', { name: /^Today \d+ new papers$/ })).toBeVisible();
  await checkAxe(page, 'sidebar with the Today badge', { allowed: ALLOWED });

  await reader.nav.getByRole('button', { name: /^Today\b/ }).click();
  await expect(reader.rows().first()).toContainText('Pick');
  await checkAxe(page, 'Today view', { allowed: ALLOWED });
  await page.getByRole('button', { name: 'Digest' }).click();
  await expect(page.getByRole('menu', { name: 'Digest' })).toBeVisible();
  await checkAxe(page, 'Today digest menu', { allowed: ALLOWED });
  await page.keyboard.press('Escape');

  await page.goto(`${app.url}#view=all&paper=${rising.id}`);
  await expect(reader.details.getByRole('img', { name: /^Upvotes over time/ })).toBeVisible();
  await checkAxe(page, 'detail with the upvotes sparkline', { allowed: ALLOWED });

  await page.getByRole('searchbox', { name: 'Search' }).fill('decoding');
  await expect(reader.rows().first().locator('mark').first()).toBeVisible();
  await page.getByRole('button', { name: 'Save search…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save search' });
  await expect(dialog).toBeVisible();
  await checkAxe(page, 'save search dialog', { allowed: ALLOWED });
  await dialog.getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(dialog).toBeHidden();
  await reader.nav.getByRole('button', { name: 'Actions for saved search decoding' }).click();
  await expect(page.getByRole('menu', { name: 'Actions for saved search decoding' })).toBeVisible();
  await checkAxe(page, 'saved search open, with its menu', { allowed: ALLOWED });
}

/** The menus, every dialog and the shortcut sheet, each checked while open. */
async function checkEveryDialog(app: RunningApp, page: Page): Promise<void> {
  await furnish(app, page);
  await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.heading()).toContainText('Medusa');

  await reader.nav.getByRole('button', { name: 'Library menu' }).click();
  await expect(page.getByRole('menu', { name: 'Library menu' })).toBeVisible();
  await checkAxe(page, 'library menu open', { allowed: ALLOWED });
  await page.keyboard.press('Escape');

  await openLibraryMenuItem(page, 'Add paper…');
  const add = page.getByRole('dialog', { name: 'Add paper' });
  await add.getByRole('textbox').fill('not an id');
  await add.getByRole('button', { name: 'Add paper' }).click();
  await expect(add.getByRole('alert')).toBeVisible();
  await checkAxe(page, 'add paper dialog (with an error)', { allowed: ALLOWED });
  await closeDialog(page, 'Add paper');

  await openLibraryMenuItem(page, 'Import…');
  await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible();
  await checkAxe(page, 'import dialog', { allowed: ALLOWED });
  await closeDialog(page, 'Import');

  await openLibraryMenuItem(page, 'Export…');
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
  await checkAxe(page, 'export dialog', { allowed: ALLOWED });
  await closeDialog(page, 'Export');

  await openLibraryMenuItem(page, 'Backups…');
  const backups = page.getByRole('dialog', { name: 'Backups' });
  await backups.getByRole('button', { name: /Back up now/ }).click();
  await backups.getByRole('button', { name: 'Restore…' }).first().click();
  await expect(backups.getByText('Replace the library with this backup?')).toBeVisible();
  await checkAxe(page, 'backups dialog (confirming a restore)', { allowed: ALLOWED });
  await closeDialog(page, 'Backups');

  await reader.nav.getByRole('button', { name: 'Actions for tag agent', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const field = reader.nav.getByRole('textbox', { name: 'Tag name' });
  await field.fill('agents');
  await field.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Merge tags?' })).toBeVisible();
  await checkAxe(page, 'tag merge dialog', { allowed: ALLOWED });
  await closeDialog(page, 'Merge tags?');

  await reader.focusList();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await checkAxe(page, 'shortcut sheet', { allowed: ALLOWED });
}

/**
 * The contrast of a field's edge with its own fill and with what is around it
 * (WCAG 1.4.11 asks 3:1 for what identifies a control). Colours are opaque
 * rgb() here except fills, which are looked up through transparent ancestors.
 */
async function edgeContrast(field: Locator): Promise<{ inside: number; outside: number }> {
  return field.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const fill = (node: Element | null): number[] => {
      for (let at = node; at; at = at.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(at).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const edge = rgb(getComputedStyle(el).borderTopColor);
    return { inside: ratio(edge, fill(el)), outside: ratio(edge, fill(el.parentElement)) };
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    // axe takes seconds per state on a busy two-core machine.
    test.describe.configure({ timeout: 300_000 });

    test('the list and details pass axe', async ({ app, page }) => {
      await checkEveryState(app, page);
    });

    test('search results and a selection pass axe', async ({ app, page }) => {
      await checkSearchStates(app, page);
    });

    test('the menus, dialogs and shortcut sheet pass axe', async ({ app, page }) => {
      await checkEveryDialog(app, page);
    });

    test('Today, the sparkline and saved searches pass axe', async ({ app, page }) => {
      await checkDailyStates(app, page);
    });

    test('with prefers-contrast: more, the list and detail pass axe', async ({ app, page }) => {
      await page.emulateMedia({ contrast: 'more' });
      await furnish(app, page);
      await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
      const reader = new Reader(page);
      await expect(reader.details.getByRole('document', { name: 'Note preview' })).toBeVisible();
      // The stronger palette is in force: secondary text (--text-3) is near the body text.
      await expect(reader.nav.getByRole('heading', { name: 'Tags' })).toHaveCSS(
        'color',
        colorScheme === 'light' ? 'rgb(69, 74, 82)' : 'rgb(195, 198, 204)',
      );
      await checkAxe(page, 'high contrast: list and detail', { allowed: ALLOWED });
      await page.getByRole('searchbox', { name: 'Search' }).fill('decoding');
      await expect(reader.rows().first().locator('mark').first()).toBeVisible();
      await checkAxe(page, 'high contrast: search results', { allowed: ALLOWED });
      await reader.focusList();
      await page.keyboard.press('?');
      await checkAxe(page, 'high contrast: shortcut sheet', { allowed: ALLOWED });
    });

    test('text fields and selects have edges of 3:1', async ({ app, page }) => {
      await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
      const reader = new Reader(page);
      await expect(reader.heading()).toContainText('Medusa');
      const fields: Array<[string, Locator]> = [
        ['search', page.getByRole('searchbox', { name: 'Search' })],
        ['sort', page.getByRole('combobox', { name: 'Sort' })],
        ['status', reader.details.getByRole('combobox', { name: 'Status' })],
        ['add tag', reader.details.getByRole('combobox', { name: 'Add tag' })],
        ['notes', reader.details.getByRole('textbox', { name: 'Notes' })],
      ];
      for (const [name, field] of fields) {
        const { inside, outside } = await edgeContrast(field);
        expect(inside, `${name}: edge against its fill`).toBeGreaterThanOrEqual(3);
        expect(outside, `${name}: edge against the pane`).toBeGreaterThanOrEqual(3);
      }
    });

    test('with forced colours, the selection stays visible and axe passes', async ({
      app,
      page,
    }) => {
      await page.emulateMedia({ forcedColors: 'active' });
      await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
      const reader = new Reader(page);
      await expect(reader.heading()).toContainText('Medusa');
      // Backgrounds are gone in forced colours: the selected row is outlined instead.
      const cell = reader.row(/Medusa/).getByRole('gridcell');
      await expect(cell).toHaveCSS('outline-style', 'solid');
      await expect(reader.rows().nth(1).getByRole('gridcell')).toHaveCSS('outline-style', 'none');
      await expect(reader.navItem(/^All \d/)).toHaveCSS('outline-style', 'solid');
      await expect(reader.row(/Medusa/).locator('.inbox-dot')).not.toHaveCSS(
        'background-color',
        'rgba(0, 0, 0, 0)',
      );
      await checkAxe(page, 'forced colours: list and detail', { allowed: ALLOWED });
      await page.screenshot({ path: test.info().outputPath('forced-colors.png') });
    });

    test('the PDF reader passes axe', async ({ page }) => {
      const server = await startPdfServer();
      server.behave(MEDUSA, { kind: 'pdf', bytes: await makePdf({ title: 'Medusa test paper' }) });
      const { app, stop } = await startApp({
        env: { PAPERSHELF_PDF_URL: server.baseUrl, PAPERSHELF_PDF_INTERVAL_MS: '0' },
      });
      try {
        await callApi(app, page, 'downloadPdfs', { ids: [MEDUSA] });
        await expect
          .poll(async () => (await callApi<{ ids: string[] }>(app, page, 'listCachedPdfs')).ids)
          .toEqual([MEDUSA]);
        await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
        const reader = new Reader(page);
        const pdf = reader.details.getByRole('region', { name: 'PDF' });
        await expect(pdf.getByRole('status')).toHaveText(/Available offline/);
        await checkAxe(page, 'detail with an offline PDF', { allowed: ALLOWED });
        await pdf.getByRole('button', { name: 'Read PDF' }).click();
        const reading = page.getByRole('dialog', { name: /Reading: Medusa/ });
        await expect(reading.locator('.page .textLayer').first()).toContainText(/Page \d of 4/, {
          timeout: 30_000,
        });
        await checkAxe(page, 'PDF reader', {
          allowed: ALLOWED,
          // pdf.js appends an empty, hidden canvas to <body> for measuring text; it is not content.
          exclude: ['.hiddenCanvasElement'],
        });
      } finally {
        await stop();
        await server.close();
      }
    });
  });
}
