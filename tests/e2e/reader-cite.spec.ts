import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, Reader } from './reader-page';

/**
 * Cite: `c` (and the Cite menu in the details) copies a citation of the
 * selected papers — BibTeX, or a formatted reference in the CSL style last
 * chosen. (The year rule, the arXiv id's when the feed's date is over a year
 * off, has its table test in tests/io/cite.test.ts.)
 */
const MEDUSA = '2401.10774';

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test('c copies BibTeX of the paper; the Cite menu copies a formatted reference, and c remembers it', async ({
  app,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.heading()).toContainText('Medusa');
  await reader.focusList();
  await reader.press('c');
  await expect(page.getByRole('status').filter({ hasText: 'Copied BibTeX' })).toBeVisible();
  const bibtex = await clipboard(page);
  expect(bibtex).toMatch(/^@misc\{cai2024medusa,/);
  expect(bibtex).toContain(`eprint        = {${MEDUSA}}`);
  expect(bibtex).toContain('year          = {2024}');

  // The menu: APA, which `c` then repeats.
  await reader.details.getByRole('button', { name: 'Cite: copy a citation' }).click();
  await page.getByRole('menuitem', { name: 'APA' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied APA reference' })).toBeVisible();
  expect(await clipboard(page)).toMatch(/^Cai, T\., Li, Y\., .*\(2024\)\. Medusa/);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await reader.focusList();
  await reader.press('j');
  await expect(reader.heading()).not.toContainText('Medusa');
  const next = (await reader.heading().textContent())!;
  await reader.press('c');
  await expect.poll(() => clipboard(page)).toContain(next.slice(0, 30));
  expect(await clipboard(page)).not.toMatch(/^@misc/);
  await reader.details.getByRole('button', { name: 'Cite: copy a citation' }).click();
  await expect(page.getByRole('menuitem', { name: 'APA (c)' })).toBeVisible();
  await page.keyboard.press('Escape');
});

test('c copies every selected paper', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  const { papers } = await callApi<{ papers: Array<{ id: string; title: string }> }>(
    app,
    page,
    'listPapers',
    { view: 'all', limit: 3 },
  );
  const two = papers.filter((p) => p.id !== MEDUSA).slice(0, 2);
  await app.open(page);
  const reader = new Reader(page);
  await reader.row(two[0].title).click();
  await reader.row(two[1].title).click({ modifiers: ['ControlOrMeta'] });
  await expect(reader.details.getByRole('heading', { name: '2 papers selected' })).toBeVisible();
  await reader.focusList();
  await reader.press('c');
  await expect(page.getByRole('status').filter({ hasText: 'for 2 papers' })).toBeVisible();
  const text = await clipboard(page);
  expect(text.match(/^@misc\{/gm)).toHaveLength(2);
  for (const p of two) expect(text).toContain(`eprint        = {${p.id}}`);
});
