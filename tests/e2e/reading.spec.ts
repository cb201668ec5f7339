import { checkAxe } from './axe';
import { expect, test } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/** "Your reading" (issue 17, item 5): two small charts, themed, with their numbers for screen readers. */
for (const colorScheme of ['light', 'dark'] as const) {
  test(`Your reading shows papers read per week and the top tags, and passes axe (${colorScheme})`, async ({
    app,
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    const ids = (await listIds(app, page)).map((p) => p.id);
    await callApi(app, page, 'setStatus', { ids: ids.slice(0, 3), status: 'read' });
    await callApi(app, page, 'tagPapers', { ids: ids.slice(0, 4), tag: 'rl' });
    await callApi(app, page, 'tagPapers', { ids: ids.slice(0, 2), tag: 'agents' });
    await app.open(page);
    const reader = new Reader(page);
    await reader.nav.getByRole('button', { name: 'Library menu' }).click();
    await page.getByRole('menuitem', { name: 'Your reading…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your reading' });
    await expect(dialog).toBeVisible();
    await expect(
      dialog.getByRole('img', { name: /^3 papers moved to Read in the last 12 weeks/ }),
    ).toBeVisible();
    await expect(dialog.getByRole('img', { name: 'Top tags: rl (4), agents (2)' })).toBeVisible();
    // The figures, as a table, for whoever does not see the bars.
    const weeks = dialog.getByRole('table', { name: 'Papers moved to Read, per week' });
    await expect(weeks.getByRole('row')).toHaveCount(13);
    await expect(weeks.getByRole('row').last()).toContainText('3');
    await expect(
      dialog.getByRole('table', { name: 'Papers per tag' }).getByRole('row').nth(1),
    ).toHaveText('rl4');
    await expect(dialog.getByText('3 papers in Read.', { exact: false })).toBeVisible();
    await checkAxe(page, `your reading (${colorScheme})`);
    await page.screenshot({ path: test.info().outputPath(`reading-${colorScheme}.png`) });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
}
