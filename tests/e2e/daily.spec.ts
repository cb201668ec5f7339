import fs from 'node:fs';
import { arrangeToday } from './daily-page';
import { expect, test } from './fixtures';
import { callApi, Reader } from './reader-page';

/**
 * The daily habit in browser mode: the Today view (what arrived since the last
 * visit, picks first, then rising, then the rest that one key archives) and
 * saved searches in the sidebar.
 */
test.describe.configure({ mode: 'parallel' });

test('Today: a badge, picks then rising then the rest, Shift+A archives the rest (undoable), a digest', async ({
  app,
  page,
}) => {
  await app.open(page);
  const { pick, rising } = await arrangeToday(app, page);
  await page.reload();
  const reader = new Reader(page);
  // A first visit covers the last day: the 78 sample papers just arrived.
  const today = reader.nav.getByRole('button', { name: /^Today\b/ });
  await expect(today).toHaveAccessibleName('Today 78 new papers');

  await today.click();
  await expect(today).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main', { name: 'Today list' })).toBeVisible();
  await expect(page.getByText('1 pick for you · 1 rising · 76 more')).toBeVisible();
  // Opening Today marks the visit: nothing is new any more.
  await expect(today).toHaveAccessibleName('Today 0 new papers');
  const count = page.locator('.list-count');
  await expect(count).toHaveText('78 papers');
  await expect(reader.rows().nth(0)).toHaveAttribute('data-paper-id', pick.id);
  await expect(reader.rows().nth(0)).toContainText('Pick');
  await expect(reader.rows().nth(1)).toHaveAttribute('data-paper-id', rising.id);
  await expect(reader.rows().nth(1)).toContainText('+9 upvotes in 72 hours');

  // One key archives the rest; undo brings it back.
  await reader.focusList();
  await reader.press('Shift+A');
  await expect(count).toHaveText('2 papers');
  await expect(reader.rows()).toHaveCount(2);
  await expect(page.getByText('1 pick for you · 1 rising · 0 more')).toBeVisible();
  const archived = await callApi<{ total: number }>(app, page, 'listPapers', {
    view: 'archived',
  });
  expect(archived.total).toBe(76);
  await reader.press('u');
  await expect(count).toHaveText('78 papers');
  await expect
    .poll(
      async () =>
        (await callApi<{ total: number }>(app, page, 'listPapers', { view: 'archived' })).total,
    )
    .toBe(0);

  // The digest of the same papers, in the same order.
  await page.getByRole('button', { name: 'Digest' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Digest as Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^papershelf-digest-\d{4}-\d{2}-\d{2}\.md$/);
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  const headings = [
    ...markdown.matchAll(/^### \[.*\]\(<https:\/\/huggingface\.co\/papers\/(.+)>\)$/gm),
  ].map((m) => m[1]);
  expect(headings.slice(0, 2)).toEqual([pick.id, rising.id]);
  expect(headings).toHaveLength(78);

  // The Rising sort, in an ordinary view: the paper that grew comes first.
  await reader.navItem(/^All \d/).click();
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('rising');
  await expect(reader.rows().first()).toHaveAttribute('data-paper-id', rising.id);
  // The details draw its upvotes over time, with the numbers for a screen reader.
  await reader.rows().first().click();
  const sparkline = reader.details.getByRole('img', { name: /^Upvotes over time: from \d+/ });
  await expect(sparkline).toBeVisible();
  await expect(
    reader.details.getByRole('list', { name: 'Upvotes over time' }).getByRole('listitem'),
  ).toHaveCount(2);
});

test('saved searches: save from the search box, open, rename, reorder, delete; the CLI sees them', async ({
  app,
  page,
}) => {
  await page.goto(`${app.url}#view=all`);
  const reader = new Reader(page);
  await expect(reader.rows().first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search' });

  const save = async (query: string, name: string) => {
    await search.fill(query);
    await expect(reader.rows().first().locator('mark').first()).toBeVisible();
    await page.getByRole('button', { name: 'Save search…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save search' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Name' }).press('Enter');
    await expect(dialog).toBeHidden();
  };
  await save('decoding', 'Decoding');
  const saved = reader.nav
    .getByRole('region', { name: 'Saved searches' })
    .or(reader.nav.locator('section[aria-labelledby="saved-searches-heading"]'));
  const decodingTotal = (
    await callApi<{ total: number }>(app, page, 'search', { query: 'decoding' })
  ).total;
  await expect(
    saved.getByRole('button', { name: `Decoding ${decodingTotal} papers` }),
  ).toHaveAttribute('aria-current', 'page');
  await save('agent', 'Agents');

  // Elsewhere, then back through the sidebar: the query and its scope return.
  await reader.navItem(/^Inbox\b/).click();
  await search.fill('');
  await saved.getByRole('button', { name: /^Decoding\b/ }).click();
  await expect(search).toHaveValue('decoding');
  await expect(page.getByRole('main', { name: 'Decoding list' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'results in All' })).toHaveText(
    `${decodingTotal} results in All`,
  );

  // Live counts: starring changes nothing here, but a rename, a move and a delete show at once.
  await saved.getByRole('button', { name: 'Actions for saved search Decoding' }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const field = reader.nav.getByRole('textbox', { name: 'Saved search name' });
  await field.fill('Speculative decoding');
  await field.press('Enter');
  await saved.getByRole('button', { name: 'Actions for saved search Agents' }).click();
  await page.getByRole('menuitem', { name: 'Move up' }).click();
  const names = () => saved.locator('.nav-item .nav-label').allTextContents();
  await expect.poll(names).toEqual(['Agents', 'Speculative decoding']);
  expect(JSON.parse(app.cli(['views', '--json']).stdout)).toEqual([
    { name: 'Agents', query: 'agent', count: expect.any(Number) },
    { name: 'Speculative decoding', query: 'decoding', count: decodingTotal },
  ]);

  await saved.getByRole('button', { name: 'Actions for saved search Agents' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect.poll(names).toEqual(['Speculative decoding']);
  // Nothing lost: the toast's Undo puts it back where it was.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(names).toEqual(['Agents', 'Speculative decoding']);

  // A better query for a saved search: search, then "Search for … instead" keeps its name.
  await saved.getByRole('button', { name: /^Speculative decoding\b/ }).click();
  await search.fill('speculative decoding');
  await expect(page.getByRole('main', { name: 'All list' })).toBeVisible();
  await saved
    .getByRole('button', { name: 'Actions for saved search Speculative decoding' })
    .click();
  await page.getByRole('menuitem', { name: 'Search for “speculative decoding” instead' }).click();
  const narrower = (
    await callApi<{ total: number }>(app, page, 'search', { query: 'speculative decoding' })
  ).total;
  await expect(page.getByRole('main', { name: 'Speculative decoding list' })).toBeVisible();
  // (Its count is hidden while the focus is back on its menu button: the CLI says it.)
  await expect(saved.getByRole('button', { name: /^Speculative decoding\b/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  expect(JSON.parse(app.cli(['views', '--json']).stdout)[1]).toEqual({
    name: 'Speculative decoding',
    query: 'speculative decoding',
    count: narrower,
  });
  // The menu offers it only when the box holds another search.
  await saved
    .getByRole('button', { name: 'Actions for saved search Speculative decoding' })
    .click();
  await expect(page.getByRole('menuitem', { name: /instead$/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  // Undo puts the old query back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect
    .poll(() => JSON.parse(app.cli(['views', '--json']).stdout)[1].query)
    .toBe('decoding');
});
