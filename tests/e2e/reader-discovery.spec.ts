import { expect, test } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/** Sample papers by topic (see tests/discovery/sample-quality.test.ts). */
const MEDUSA = '2401.10774';
const RASD = '2503.03434';
const SPECULATIVE = ['2401.10774', '2506.04708', '2402.14160', '2504.05598'];
const PRUNING = ['2509.22299', '2409.06211', '2509.14230', '2409.13199'];
const UNRELATED = ['2509.01202', '2402.01502', '2306.00833', '2503.03935'];

test.describe('discovery', () => {
  test('the details list papers like this one, each with why; one opens with a click', async ({
    app,
    page,
  }) => {
    await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
    const reader = new Reader(page);
    await expect(reader.heading()).toContainText('Medusa');
    const related = reader.details.getByRole('region', { name: 'More like this' });
    const items = related.getByRole('listitem');
    await expect(items.first()).toBeVisible();
    expect(await items.count()).toBeLessThanOrEqual(8);
    await expect(items.first()).toContainText(/Shared terms: /);
    // Speculative decoding papers come before anything else.
    await expect(related).toContainText('RASD: Retrieval-Augmented Speculative Decoding');

    await related.getByRole('button', { name: /^RASD/ }).click();
    await expect(reader.heading()).toContainText('RASD');
  });

  test('For you says what it needs, then ranks by the user’s stars; y adds a suggested tag', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.navItem('For you').click();
    await expect(page.getByRole('heading', { level: 1, name: 'For you' })).toBeVisible();
    await expect(reader.navItem('For you')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status').filter({ hasText: /3 more papers/ })).toBeVisible();

    // Triage elsewhere (another door): the view follows without a reload.
    await callApi(app, page, 'setStarred', { ids: PRUNING, starred: true });
    await callApi(app, page, 'setStatus', { ids: UNRELATED, status: 'archived' });
    await expect(page.getByRole('status').filter({ hasText: /3 more papers/ })).toBeHidden();
    await expect(reader.rows().first().locator('.row-because')).toContainText(
      /Like \d+ papers? you starred: /,
    );
    const top = await reader.rows().locator('.row-title').allTextContents();
    expect(top.slice(0, 6).filter((t) => /prun/i.test(t)).length).toBeGreaterThanOrEqual(4);

    // The For you sort is offered in every view.
    await reader.navItem(/^All \d/).click();
    await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'For you' });
    await expect(reader.rows().first().locator('.row-because')).toBeVisible();

    // A tag with 4 papers is suggested on a paper like them, and y takes it.
    await callApi(app, page, 'tagPapers', { ids: SPECULATIVE, tag: 'spec-decoding' });
    await page.goto(`${app.url}#view=all&paper=${RASD}`);
    await expect(reader.heading()).toContainText('RASD');
    const suggestion = reader.details.getByRole('button', {
      name: /^Add suggested tag spec-decoding/,
    });
    await expect(suggestion).toBeVisible();
    await reader.focusList();
    await reader.press('y');
    await expect(
      reader.details.getByRole('list', { name: 'Tags on this paper' }).getByText('spec-decoding'),
    ).toBeVisible();
    await expect(suggestion).toBeHidden();
    const tagged = await listIds(app, page, { tag: 'spec-decoding' });
    expect(tagged.map((p) => p.id)).toContain(RASD);
  });
});
