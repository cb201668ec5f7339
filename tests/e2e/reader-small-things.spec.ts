import { expect, test } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/**
 * Small things done right: Enter in the tag field takes the highlighted
 * suggestion (Shift+Enter the literal text), the search box explains its
 * syntax, counts are exact, and the sample banner can always be closed.
 */
test('Enter in the tag field takes the highlighted suggestion; Shift+Enter creates the typed tag', async ({
  app,
  page,
}) => {
  const [a, b] = await listIds(app, page);
  await callApi(app, page, 'tagPapers', { ids: [a.id], tag: 'llm/inference' });
  await callApi(app, page, 'tagPapers', { ids: [a.id], tag: 'llm' });
  await page.goto(`${app.url}#view=all&paper=${b.id}`);
  const reader = new Reader(page);
  const onPaper = reader.details.getByRole('list', { name: 'Tags on this paper' });
  const field = reader.details.getByRole('combobox', { name: 'Add tag' });

  // Part of a name: the matching tag is highlighted, and Enter takes it.
  await field.fill('infer');
  await expect(
    reader.details.getByRole('option', { name: 'llm/inference', selected: true }),
  ).toBeVisible();
  // Arrow keys move the highlight from there: down to "Create tag …" and back.
  const suggestions = reader.details.getByRole('listbox', { name: 'Tag suggestions' });
  await field.press('ArrowDown');
  await expect(suggestions.getByRole('option', { selected: true })).toHaveText(
    'Create tag “infer”',
  );
  await field.press('ArrowUp');
  await expect(suggestions.getByRole('option', { selected: true })).toHaveText('llm/inference');
  await field.press('Enter');
  await expect(onPaper).toContainText('llm/inference');
  await expect(field).toHaveValue('');

  // An exact name comes first, ahead of its children.
  await field.fill('LLM');
  await expect(reader.details.getByRole('option', { name: 'llm', selected: true })).toBeVisible();
  await field.press('Enter');
  await expect(onPaper.getByRole('listitem').filter({ hasText: /^llm×?$/ })).toHaveCount(1);

  // Shift+Enter creates the text as typed, even though "inf" matches a tag.
  await field.fill('inf');
  await field.press('Shift+Enter');
  await expect(onPaper).toContainText('inf');
  await expect(reader.navItem(/^inf\b/)).toBeVisible();
  const tags = await callApi<Array<{ name: string }>>(app, page, 'listTags', {});
  expect(tags.map((t) => t.name).sort()).toEqual(['inf', 'llm', 'llm/inference']);
});

test('the search box explains its syntax, and Try it runs the example', async ({ app, page }) => {
  await app.open(page);
  const help = page.getByRole('button', { name: 'Search syntax' });
  await expect(help).toHaveAttribute('aria-expanded', 'false');
  await help.click();
  const popover = page.getByRole('dialog', { name: 'Search syntax' });
  await expect(popover).toBeVisible();
  for (const example of [
    'tag:pruning',
    'author:vempala',
    'is:starred',
    'year:2024',
    '"exact phrase"',
  ]) {
    await expect(popover.getByText(example, { exact: true })).toBeVisible();
  }
  // The same list as `papershelf search --help`.
  const cliHelp = app.cli(['search', '--help']);
  expect(cliHelp.stdout).toContain('author:vempala');
  expect(cliHelp.stdout).toContain('a word of an author’s name');
  await expect(popover).toContainText('a word of an author’s name');

  // Esc closes it (and leaves the search alone); a click elsewhere too.
  await popover.getByRole('button', { name: 'Try it' }).focus();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(help).toBeFocused();
  await help.click();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(popover).toBeHidden();

  await help.click();
  await popover.getByRole('button', { name: 'Try it' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(/tag:llm -is:read/);
  await expect(popover).toBeHidden();
});

test('counts are exact, with thousands separators', async ({ app, page }) => {
  await app.open(page);
  const reader = new Reader(page);
  // Select every paper: the list says how many exactly.
  await reader.focusList();
  await reader.press('j');
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.locator('.list-count')).toContainText('78 selected');
  await expect(reader.details.getByRole('heading', { name: '78 papers selected' })).toBeVisible();
  // (Large numbers: tests/renderer/format.test.ts — 50,000 is never "50K".)
});

test('the sample banner closes even after a sample paper was used, and stays closed', async ({
  app,
  page,
}) => {
  const [a] = await listIds(app, page);
  await callApi(app, page, 'setStarred', { ids: [a.id], starred: true });
  await app.open(page);
  const banner = page.getByRole('note', { name: 'Sample papers' });
  await banner.getByRole('button', { name: 'Remove samples' }).click();
  // The starred one is kept, so the banner would stay; it can be closed.
  await expect(banner).toContainText('This is 1 sample paper');
  await banner.getByRole('button', { name: 'Close this note' }).click();
  await expect(banner).toBeHidden();
  await page.reload();
  await expect(new Reader(page).rows().first()).toBeVisible();
  await expect(banner).toBeHidden();
});
