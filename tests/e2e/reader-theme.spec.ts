import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, test, type RunningApp } from './fixtures';
import { Reader } from './reader-page';

/**
 * Themes: the system's by default, a toggle that overrides it (kept in the
 * `theme` setting). With PAPERSHELF_SCREENSHOTS=1 the screenshots shown in the
 * README are written to docs/screenshots/; otherwise to the test's output.
 */
const WRITE_DOCS = process.env.PAPERSHELF_SCREENSHOTS === '1';
const MEDUSA = '2401.10774';

async function background(page: Page): Promise<string> {
  // Source text: the page's globals are not in the node project's types.
  return (await page.evaluate('getComputedStyle(document.body).backgroundColor')) as string;
}

/** A library that looks used: tags, stars, statuses and a note (set through the API, in bulk). */
async function furnish(app: RunningApp, page: Page): Promise<void> {
  const call = async (method: string, data: unknown) => {
    const response = await page.request.post(`${app.origin}/api/${method}`, {
      data,
      headers: { 'X-Papershelf-Token': app.token, Origin: app.origin },
    });
    const body = await response.json();
    expect(body.ok, JSON.stringify(body)).toBe(true);
    return body.value;
  };
  const { papers } = (await call('listPapers', { view: 'all', limit: 100 })) as {
    papers: Array<{ id: string }>;
  };
  const ids = papers.map((p) => p.id).filter((id) => id !== MEDUSA);
  await call('tagPapers', { ids: [MEDUSA, ...ids.slice(6, 9)], tag: 'reading-group' });
  await call('tagPapers', { ids: [MEDUSA, ...ids.slice(1, 4)], tag: 'llm/inference' });
  await call('tagPapers', { ids: ids.slice(4, 6), tag: 'agents' });
  await call('setStarred', { ids: [MEDUSA, ...ids.slice(4, 6)], starred: true });
  await call('setStatus', { ids: ids.slice(20, 30), status: 'read' });
  await call('setStatus', { ids: ids.slice(30, 34), status: 'toread' });
  await call('saveNote', {
    id: MEDUSA,
    markdown:
      '## Why it matters\n\nExtra decoding heads predict several tokens at once; **no draft model** needed.\n\n- Try the tree attention from §3\n- Compare with [EAGLE](https://arxiv.org/abs/2401.15077)\n',
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = WRITE_DOCS
    ? path.join(ROOT, 'docs/screenshots', name)
    : test.info().outputPath(name);
  await page.screenshot({ path: file });
}

test('light and dark themes follow the system; the toggle overrides it and is kept', async ({
  app,
  page,
}) => {
  await furnish(app, page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${app.url}#view=inbox&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.heading()).toContainText('Medusa');
  await expect(reader.details.getByRole('document', { name: 'Note preview' })).toBeVisible();
  await expect(reader.rows().first()).toBeVisible();
  expect(await background(page)).toBe('rgb(255, 255, 255)');
  await shoot(page, 'reader-light.png');

  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page)).toBe('rgb(23, 24, 28)');
  await shoot(page, 'reader-dark.png');

  // The toggle cycles system → light → dark → system.
  const toggle = reader.nav.getByRole('button', { name: /Change theme/ });
  await expect(toggle).toHaveAccessibleName(/follows the system/);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/Theme: light/);
  expect(await background(page)).toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(reader.nav.getByRole('button', { name: /Theme: light/ })).toBeVisible();
  expect(await background(page)).toBe('rgb(255, 255, 255)');
  await reader.nav.getByRole('button', { name: /Change theme/ }).click();
  await expect(reader.nav.getByRole('button', { name: /Theme: dark/ })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe('rgb(23, 24, 28)');
  const settings = await page.request.post(`${app.origin}/api/getSettings`, {
    data: {},
    headers: { 'X-Papershelf-Token': app.token, Origin: app.origin },
  });
  expect((await settings.json()).value.theme).toBe('dark');
});

test('screenshots: search, bulk selection and the shortcuts overlay', async ({ app, page }) => {
  await furnish(app, page);
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open(page);
  const reader = new Reader(page);
  await page.getByRole('searchbox', { name: 'Search' }).fill('decoding');
  await expect(reader.rows().first().locator('mark').first()).toBeVisible();
  await reader.rows().first().click();
  await reader
    .rows()
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await expect(reader.details.getByRole('heading', { name: '3 papers selected' })).toBeVisible();
  await shoot(page, 'reader-search.png');
  await reader.focusList();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await shoot(page, 'reader-shortcuts.png');
});
