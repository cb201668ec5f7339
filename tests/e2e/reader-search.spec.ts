import { expect, test } from './fixtures';
import { callApi, Reader } from './reader-page';

test.describe('search', () => {
  test('/ focuses the search box; results come as you type, highlighted; Esc clears', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.focusList();
    await page.keyboard.press('/');
    const box = page.getByRole('searchbox', { name: 'Search' });
    await expect(box).toBeFocused();

    // A typo is forgiven.
    await page.keyboard.type('medsa');
    const scope = page.getByRole('search').locator('..').getByRole('status');
    await expect(scope).toContainText(/^\d+ results? in Inbox/);
    // Ranked: the title hit comes first.
    await expect(reader.rows().first().locator('.row-title')).toContainText('Medusa');
    await expect(reader.rows().first().locator('.row-title mark')).toHaveCount(1);

    await page.keyboard.press('Escape');
    await expect(box).toHaveValue('');
    await expect(reader.rows().first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
    await expect(page.locator('.list-count')).toHaveText('78 papers');
  });

  test('the scope follows the view, with a way to search everything', async ({ app, page }) => {
    const id = '2401.10774'; // Medusa, in the bundled sample
    await callApi(app, page, 'setStatus', { ids: [id], status: 'read' });
    await app.open(page);
    const reader = new Reader(page);
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('Medusa');
    const scope = page.getByRole('search').locator('..').getByRole('status');
    await expect(scope).toContainText('0 results in Inbox');
    await expect(page.getByText('No matches')).toBeVisible();
    await page.getByRole('button', { name: '1 more in all papers' }).click();
    await expect(scope).toContainText('1 result in all papers');
    await expect(reader.row(/Medusa/)).toBeVisible();
    // Results are papers like any other: open one and triage it.
    await reader.row(/Medusa/).click();
    await expect(reader.heading()).toContainText('Medusa');
  });

  test('the details mark what the search matched in the title and the abstract', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await page.getByRole('searchbox', { name: 'Search' }).fill('medusa speculative');
    await reader.row(/Medusa/).click();
    const details = page.getByRole('region', { name: 'Paper details' });
    await expect(reader.heading().locator('mark')).toHaveText(['Medusa']);
    const abstract = details.locator('.abstract');
    await expect(abstract.locator('mark').first()).toHaveText(/^speculative$/i);
    // Clearing the search clears the marks; the text is unchanged.
    const before = await abstract.innerText();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect(abstract.locator('mark')).toHaveCount(0);
    expect((await abstract.innerText()).replace(/\s+/g, ' ')).toBe(before.replace(/\s+/g, ' '));
  });
});

test.describe('search: partial matches', () => {
  test('says when no paper has every word, and names each result’s missing words', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await page.getByRole('searchbox', { name: 'Search' }).fill('blood sugar prediction from diet');
    const scope = page.getByRole('search').locator('..').getByRole('status');
    await expect(scope).toContainText(
      'No paper matches every word — showing papers that match 3 of 4',
    );
    const first = reader.rows().first();
    await expect(first.locator('.row-title')).toContainText('GlucoLens');
    await expect(first.locator('.row-missing')).toHaveText('Missing: sugar');
    await page.screenshot({ path: test.info().outputPath('partial-matches.png') });
  });
});
