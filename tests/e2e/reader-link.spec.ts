import { expect, test } from './fixtures';
import { Reader } from './reader-page';

/**
 * Browser mode's link: once opened, the app works from a bookmark without the
 * token (kept for this origin); a missing or wrong token shows a page that
 * says where the link is, and never the token itself.
 */
test('a missing or wrong token shows where to find the link, without leaking it', async ({
  app,
  page,
}) => {
  for (const url of [`${app.origin}/`, `${app.origin}/?token=wrong#view=all`]) {
    await page.goto(url);
    await expect(
      page.getByRole('heading', { name: 'Open Papershelf with its link' }),
    ).toBeVisible();
    await expect(page.getByText('papershelf serve', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('.serve.json')).toBeVisible();
    expect(await page.content()).not.toContain(app.token);
    await expect(page.getByRole('grid', { name: 'Papers' })).toHaveCount(0);
  }
  await page.screenshot({ path: test.info().outputPath('link-needed.png') });
});

test('after the link was opened once, the bare address (a bookmark) opens the app', async ({
  app,
  page,
}) => {
  await app.open(page);
  // The token left the address bar.
  expect(page.url()).not.toContain(app.token);
  await page.goto(`${app.origin}/#view=all`);
  const reader = new Reader(page);
  await expect(reader.list).toBeVisible();
  await expect(reader.rows().first()).toBeVisible();
  // A wrong token in a later link is refused, and forgotten.
  await page.goto(`${app.origin}/?token=${'x'.repeat(43)}`);
  await expect(page.getByRole('heading', { name: 'Open Papershelf with its link' })).toBeVisible();
  await page.goto(app.url);
  await expect(reader.rows().first()).toBeVisible();
});
