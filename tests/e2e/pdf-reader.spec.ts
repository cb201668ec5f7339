import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { FINDABLE, makePdf, PAGE_COUNT } from '../pdf/helpers/make-pdf';
import { startPdfServer, type PdfServer } from '../pdf/helpers/pdf-server';
import { ROOT, startApp, type RunningApp } from './fixtures';

/**
 * The in-app PDF reader, in browser mode: a PDF made by the test is served by
 * a local stand-in for arxiv.org, saved for offline, then read beside the notes.
 */
const PAPER = '2401.10774';
const TITLE = /Medusa: Simple LLM Inference Acceleration/;
const RENDER_TIMEOUT = 30_000;

const test = base.extend<{ pdfServer: PdfServer; app: RunningApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  pdfServer: async ({}, use) => {
    const server = await startPdfServer();
    server.behave(PAPER, { kind: 'pdf', bytes: await makePdf({ title: 'Medusa test paper' }) });
    await use(server);
    await server.close();
  },
  app: async ({ pdfServer }, use) => {
    const { app, stop } = await startApp({
      env: { PAPERSHELF_PDF_URL: pdfServer.baseUrl, PAPERSHELF_PDF_INTERVAL_MS: '0' },
    });
    await use(app);
    await stop();
  },
});

// Each test loads pdf.js, its worker and fonts at least once: slow on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

async function openPaper(app: RunningApp, page: Page) {
  await app.open(page);
  await page.getByRole('grid', { name: 'Papers' }).getByText(TITLE).first().click();
  const details = page.getByRole('region', { name: 'Paper details' });
  await expect(details.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
  return details;
}

async function call<T>(app: RunningApp, page: Page, method: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${app.origin}/api/${method}`, {
    data: input,
    headers: { 'X-Papershelf-Token': app.token },
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  expect(body.ok).toBe(true);
  return body.value;
}

async function lastPageSaved(app: RunningApp, page: Page): Promise<number | null> {
  const { papers } = await call<{ papers: Array<{ lastPage: number | null }> }>(
    app,
    page,
    'getPdfStatus',
    { ids: [PAPER] },
  );
  return papers[0].lastPage;
}

/** Save through the API (the UI path has its own test) and wait until it is kept. */
async function saveThroughApi(app: RunningApp, page: Page): Promise<void> {
  await call(app, page, 'downloadPdfs', { ids: [PAPER] });
  await expect
    .poll(async () => {
      const { ids } = await call<{ ids: string[] }>(app, page, 'listCachedPdfs', {});
      return ids;
    })
    .toEqual([PAPER]);
}

/** Open reading mode and wait for a page to be drawn with its text layer. */
async function openReader(details: Locator, page: Page): Promise<Locator> {
  await details
    .getByRole('region', { name: 'PDF' })
    .getByRole('button', { name: 'Read PDF' })
    .click();
  const reading = page.getByRole('dialog', { name: /Reading: Medusa/ });
  await expect(reading).toBeVisible();
  // The first render loads pdf.js, its worker and fonts: slow on a busy machine.
  await expect(reading.locator('.page .textLayer').first()).toContainText(/Page \d of 4/, {
    timeout: RENDER_TIMEOUT,
  });
  return reading;
}

/**
 * With PAPERSHELF_SCREENSHOTS=1 the screenshots in docs/screenshots/ are
 * refreshed; otherwise they go to the test's output, so runs leave the tree clean.
 */
function shotPath(name: string): string {
  return process.env.PAPERSHELF_SCREENSHOTS === '1'
    ? path.join(ROOT, 'docs/screenshots', name)
    : test.info().outputPath(name);
}

/** Console errors and uncaught exceptions: a CSP violation shows up here. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test('saves a PDF for offline and reads it: pages, keys, zoom and fit width', async ({
  app,
  page,
}) => {
  const errors = collectErrors(page);
  const details = await openPaper(app, page);
  const pdf = details.getByRole('region', { name: 'PDF' });
  await expect(pdf.getByRole('status')).toHaveText('Not saved on this computer');
  await pdf.getByRole('button', { name: 'Save PDF for offline' }).click();
  await expect(pdf.getByRole('status')).toHaveText(/Available offline · 10\.\d kB/);
  // The list marks the paper as available offline.
  const row = page.locator(`[data-paper-id="${PAPER}"]`);
  await expect(row.getByTitle('PDF available offline')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Offline PDFs' })).toContainText('· 1 PDF');
  await page.screenshot({ path: shotPath('pdf-detail.png') });

  const reading = await openReader(details, page);
  const pageBox = reading.getByRole('textbox', { name: 'Page number' });
  await expect(reading.locator('.pdf-page-count')).toHaveText(`of ${PAGE_COUNT}`);
  await expect(pageBox).toHaveValue('1');
  await expect(reading.locator('.page[data-page-number="1"] canvas')).toBeVisible();

  // Navigate: a button, keys, the page box.
  await reading.getByRole('button', { name: 'Next page' }).click();
  await expect(pageBox).toHaveValue('2');
  await reading.getByRole('document', { name: 'PDF pages' }).focus();
  await page.keyboard.press('k');
  await expect(pageBox).toHaveValue('1');
  await page.keyboard.press('End');
  await expect(pageBox).toHaveValue(String(PAGE_COUNT));
  await pageBox.fill('2');
  await pageBox.press('Enter');
  await expect(pageBox).toHaveValue('2');

  // Zoom, then fit the width again.
  const zoom = reading.locator('.pdf-zoom');
  const fitted = await zoom.textContent();
  await reading.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom).not.toHaveText(fitted!);
  const fit = reading.getByRole('button', { name: 'Fit width' });
  await expect(fit).toHaveAttribute('aria-pressed', 'false');
  await fit.click();
  await expect(zoom).toHaveText(fitted!);
  await expect(fit).toHaveAttribute('aria-pressed', 'true');

  // Escape goes back to the library; the library's keys work again.
  await reading.getByRole('document', { name: 'PDF pages' }).focus();
  await page.keyboard.press('Escape');
  await expect(reading).toBeHidden();
  // pdf.js's stylesheet stays inside the reader: none of its global rules reach the app.
  // (A string: this file is type-checked without the DOM library.)
  const leaked = await page.evaluate(
    "['--page-border', '--outline-color'].map((p) => getComputedStyle(document.documentElement).getPropertyValue(p)).join('')",
  );
  expect(leaked).toBe('');
  expect(errors).toEqual([]);
});

test('finds text inside the PDF', async ({ app, page }) => {
  const errors = collectErrors(page);
  await saveThroughApi(app, page);
  const reading = await openReader(await openPaper(app, page), page);
  const pageBox = reading.getByRole('textbox', { name: 'Page number' });
  const find = reading.getByRole('searchbox', { name: 'Find in PDF' });
  await find.fill(FINDABLE.word.toLowerCase());
  // The match is on page 3: the reader goes there and highlights it.
  await expect(reading.locator('.pdf-find-status')).toHaveText('1 of 1', {
    timeout: RENDER_TIMEOUT,
  });
  await expect(pageBox).toHaveValue(String(FINDABLE.page));
  await expect(reading.locator('.textLayer .highlight.selected')).toHaveText(FINDABLE.word);
  // Every other line of every page: 4 × 40 − 1 matches, counted from where the reader is.
  await find.fill('attention heads prune');
  const status = reading.locator('.pdf-find-status');
  await expect(status).toHaveText(/^\d+ of 159$/, { timeout: RENDER_TIMEOUT });
  const current = Number((await status.textContent())!.split(' ')[0]);
  await find.press('Enter');
  await expect(status).toHaveText(`${current + 1} of 159`);
  await find.fill('no such words here');
  await expect(reading.locator('.pdf-find-status')).toHaveText('No matches');
  expect(errors).toEqual([]);
});

test('reads beside the notes, and reopens at the last page after a reload', async ({
  app,
  page,
}) => {
  const errors = collectErrors(page);
  await saveThroughApi(app, page);
  const reading = await openReader(await openPaper(app, page), page);
  const pageBox = reading.getByRole('textbox', { name: 'Page number' });

  // Write in the note beside the PDF; it autosaves like anywhere else.
  const notes = reading.getByRole('complementary', { name: 'Notes beside the PDF' });
  const editor = notes.getByRole('textbox', { name: 'Notes' });
  await editor.fill('Medusa: the Marmalade result is on page 3.');
  await expect(notes.getByRole('status')).toHaveText(/Saved/);

  // The divider resizes from the keyboard too.
  const divider = reading.getByRole('separator', { name: 'Resize the PDF and the notes' });
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await divider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before - 2));
  await page.keyboard.press('ArrowRight');

  await reading.getByRole('document', { name: 'PDF pages' }).focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(pageBox).toHaveValue('3');
  await expect(reading.locator('.page[data-page-number="3"] .textLayer')).toContainText(
    FINDABLE.word,
    { timeout: RENDER_TIMEOUT },
  );
  await page.screenshot({ path: shotPath('pdf-reader.png') });

  // The page is remembered in the library, and the reader reopens there after a reload.
  await expect.poll(() => lastPageSaved(app, page)).toBe(3);
  await page.keyboard.press('Escape');
  await expect(reading).toBeHidden();
  await page.reload();
  const details = page.getByRole('region', { name: 'Paper details' });
  await expect(details.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
  const reopened = await openReader(details, page);
  await expect(reopened.getByRole('textbox', { name: 'Page number' })).toHaveValue('3');
  await expect(reopened.getByRole('complementary', { name: 'Notes beside the PDF' })).toContainText(
    'Marmalade result is on page 3',
  );
  expect(errors).toEqual([]);
});

test('reads a paper that is not saved, without keeping it, and never runs its scripts', async ({
  app,
  page,
  pdfServer,
}) => {
  // A PDF that tries to run JavaScript when opened and from a link.
  pdfServer.behave(PAPER, {
    kind: 'pdf',
    bytes: await makePdf({ title: 'Medusa test paper', withScripts: true }),
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const errors = collectErrors(page);
  const details = await openPaper(app, page);
  const pdf = details.getByRole('region', { name: 'PDF' });
  const reading = await openReader(details, page);
  await expect(reading.getByRole('textbox', { name: 'Page number' })).toHaveValue('1');
  expect(pdfServer.requests.filter((r) => r.id === PAPER)).toHaveLength(1);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (globalThis as { pwned?: boolean }).pwned)).toBeUndefined();

  await page.keyboard.press('Escape');
  await expect(reading).toBeHidden();
  // Fetched to read, not kept: still not saved, and not marked in the list.
  await expect(pdf.getByRole('status')).toHaveText('Not saved on this computer');
  await expect(
    page.locator(`[data-paper-id="${PAPER}"]`).getByTitle('PDF available offline'),
  ).toHaveCount(0);
  // "Save PDF for offline" now keeps the copy already fetched: no second request.
  await pdf.getByRole('button', { name: 'Save PDF for offline' }).click();
  await expect(pdf.getByRole('status')).toHaveText(/Available offline/);
  expect(pdfServer.requests.filter((r) => r.id === PAPER)).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('saves the PDFs of a selection in bulk and shows the space used', async ({
  app,
  page,
  pdfServer,
}) => {
  await app.open(page);
  const rows = page.locator('[data-paper-id]');
  await rows.filter({ hasText: TITLE }).first().click();
  // The row under it, whichever paper that is.
  const other = rows.nth(1);
  const second = (await other.getAttribute('data-paper-id'))!;
  expect(second).not.toBe(PAPER);
  pdfServer.behave(second, { kind: 'pdf', bytes: await makePdf({ title: 'Second paper' }) });
  await other.click({ modifiers: ['ControlOrMeta'] });
  const details = page.getByRole('region', { name: 'Paper details' });
  const bulk = details.getByRole('region', { name: 'PDFs' });
  await expect(bulk.getByRole('status')).toHaveText('0 of 2 available offline');
  await bulk.getByRole('button', { name: 'Save PDFs for offline' }).click();
  await expect(bulk.getByRole('status')).toHaveText('2 of 2 available offline');
  await expect(
    page.locator(`[data-paper-id="${PAPER}"]`).getByTitle('PDF available offline'),
  ).toBeVisible();
  const panel = page.getByRole('region', { name: 'Offline PDFs' });
  await expect(panel).toContainText(/On disk: [\d.]+ [kM]B · 2 PDFs/);

  await bulk.getByRole('button', { name: 'Remove saved PDFs' }).click();
  await expect(bulk.getByRole('status')).toHaveText('0 of 2 available offline');
  await expect(panel).toContainText(/· 0 PDFs/);
});

test('with the setting on, moving a paper to To read saves its PDF', async ({ app, page }) => {
  await app.open(page);
  const panel = page.getByRole('region', { name: 'Offline PDFs' });
  const auto = panel.getByRole('checkbox', { name: /Save PDFs of papers moved to To read/ });
  await expect(auto).not.toBeChecked();
  await auto.check();
  await expect(auto).toBeChecked();
  const row = page.locator(`[data-paper-id="${PAPER}"]`);
  await row.click();
  const details = page.getByRole('region', { name: 'Paper details' });
  await expect(details.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
  await page.getByRole('grid', { name: 'Papers' }).focus();
  await page.keyboard.press('2'); // To read
  await page
    .getByRole('button', { name: /^To read/ })
    .first()
    .click();
  await expect(
    page.locator(`[data-paper-id="${PAPER}"]`).getByTitle('PDF available offline'),
  ).toBeVisible();
  await expect(panel).toContainText('· 1 PDF');
});
