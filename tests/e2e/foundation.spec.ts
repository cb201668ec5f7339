import { test, expect } from './fixtures';

test.describe('browser mode', () => {
  test('refuses API calls without the token', async ({ app, request }) => {
    const noToken = await request.post(`${app.origin}/api/listPapers`, { data: {} });
    expect(noToken.status()).toBe(401);
    const wrongToken = await request.post(`${app.origin}/api/listPapers`, {
      data: {},
      headers: { 'X-Papershelf-Token': 'x'.repeat(app.token.length) },
    });
    expect(wrongToken.status()).toBe(401);
    const events = await request.get(`${app.origin}/api/events`);
    expect(events.status()).toBe(401);
    const ok = await request.post(`${app.origin}/api/getLibraryInfo`, {
      data: {},
      headers: { 'X-Papershelf-Token': app.token },
    });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).value.paperCount).toBe(78);
  });

  test('loads in Chromium and shows the sample papers', async ({ app, page }) => {
    await app.open(page);
    const nav = page.getByRole('navigation', { name: 'Library' });
    await expect(nav).toBeVisible();
    // The list is virtualized (only rows near the screen exist): open the feed day SPaR is on.
    await nav.getByRole('button', { name: /Nov 10/ }).click();
    await expect(
      page.getByText('SPaR: Self-Play with Tree-Search Refinement', { exact: false }).first(),
    ).toBeVisible();
  });

  test('a status change made in the page is visible through the CLI', async ({ app, page }) => {
    await app.open(page);
    const before = JSON.parse(app.cli(['show', '2412.11605', '--json']).stdout);
    expect(before.status).toBe('inbox');
    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('button', { name: /Nov 10/ })
      .click();
    await page
      .getByText('SPaR: Self-Play with Tree-Search Refinement', { exact: false })
      .first()
      .click();
    const details = page.getByRole('region', { name: 'Paper details' });
    await expect(details.getByRole('heading', { name: /SPaR/ })).toBeVisible();
    await details.getByLabel('Status').selectOption('reading');
    await expect
      .poll(() => JSON.parse(app.cli(['show', '2412.11605', '--json']).stdout).status)
      .toBe('reading');
  });
});
