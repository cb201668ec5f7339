import { expect, test } from './fixtures';
import { callApi, Reader } from './reader-page';

/** Browse any day: "All days" opens any featured day, its week or its month; a date field any day. */
async function count(
  app: Parameters<typeof callApi>[0],
  page: Parameters<typeof callApi>[1],
  day: string,
) {
  const result = await callApi<{ total: number }>(app, page, 'listPapers', { view: 'all', day });
  return result.total;
}

test('All days opens a day, a week and a month, and the date field any day', async ({
  app,
  page,
}) => {
  await app.open(page);
  const reader = new Reader(page);
  const heading = page.getByRole('heading', { level: 1 });
  const openDays = async () => {
    await reader.nav.getByRole('button', { name: 'All days…' }).click();
    const dialog = page.getByRole('dialog', { name: 'All days' });
    await expect(dialog).toBeVisible();
    return dialog;
  };

  // A day.
  let dialog = await openDays();
  const month = dialog.getByRole('region', { name: 'November 2025' });
  await expect(month.getByRole('button', { name: /^Nov 12, 2025, 16 papers$/ })).toBeVisible();
  await month.getByRole('button', { name: /^Nov 12, 2025/ }).click();
  await expect(dialog).toBeHidden();
  await expect(heading).toHaveText('Featured Nov 12, 2025');
  await expect(reader.rows()).toHaveCount(await count(app, page, '2025-11-12'));
  expect(page.url()).toContain('day=2025-11-12');

  // Its week (Monday to Sunday).
  dialog = await openDays();
  await dialog.getByRole('button', { name: 'Week of Nov 10, 2025' }).click();
  await expect(heading).toHaveText('Week of Nov 10, 2025');
  await expect(page.locator('.list-count')).toHaveText(
    `${await count(app, page, '2025-11-10..2025-11-16')} papers`,
  );
  // The range survives a reload (it is in the address).
  await page.reload();
  await expect(heading).toHaveText('Week of Nov 10, 2025');

  // Its month.
  dialog = await openDays();
  await dialog.getByRole('button', { name: /^November 2025/ }).click();
  await expect(heading).toHaveText('November 2025');
  await expect(page.locator('.list-count')).toHaveText(
    `${await count(app, page, '2025-11-01..2025-11-30')} papers`,
  );

  // Searching within a week searches those days only.
  await page.goto(`${app.url}#view=all&day=2025-11-10..2025-11-11`);
  await expect(heading).toHaveText('Nov 10, 2025 – Nov 11, 2025');
  await page.getByRole('searchbox', { name: 'Search' }).fill('model');
  await expect(page.getByRole('status').filter({ hasText: /results? in Nov 10/ })).toBeVisible();
  const shown = await reader
    .rows()
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paper-id')));
  const inRange = new Set(
    (
      await callApi<{ papers: Array<{ id: string }> }>(app, page, 'listPapers', {
        view: 'all',
        day: '2025-11-10..2025-11-11',
        limit: 500,
      })
    ).papers.map((p) => p.id),
  );
  expect(shown.length).toBeGreaterThan(0);
  for (const id of shown) expect(inRange.has(id!)).toBe(true);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');

  // Any day, from the date field.
  dialog = await openDays();
  await dialog.getByLabel('Go to a day').fill('2025-11-13');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(heading).toHaveText('Featured Nov 13, 2025');
  await expect(reader.rows()).toHaveCount(await count(app, page, '2025-11-13'));
});
