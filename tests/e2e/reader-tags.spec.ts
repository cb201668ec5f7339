import type { Page } from '@playwright/test';
import { expect, test, type RunningApp } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

function listPapers(app: RunningApp, page: Page, args: string[] = []) {
  return listIds(app, page, args[0] === '--tag' ? { tag: args[1] } : {});
}

/** Tag papers through the service (setup, not what is being tested). */
async function tag(app: RunningApp, page: Page, ids: string[], name: string): Promise<void> {
  await callApi(app, page, 'tagPapers', { ids, tag: name });
}

test.describe('tags', () => {
  test('create a tag, assign it to two papers in one bulk action, filter by it', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    const [first, second] = await reader.rows().locator('.row-title').allTextContents();

    await reader.row(first).click();
    await reader.row(second).click({ modifiers: ['ControlOrMeta'] });
    await expect(reader.details.getByRole('heading', { name: '2 papers selected' })).toBeVisible();

    const addTag = reader.details.getByRole('combobox', { name: 'Add tag' });
    await addTag.fill('must-read');
    await expect(
      reader.details.getByRole('option', { name: 'Create tag “must-read”' }),
    ).toBeVisible();
    await addTag.press('Enter');

    const tagItem = reader.navItem(/^must-read\b/);
    await expect(tagItem).toContainText('2');
    const tagged = await listPapers(app, page, ['--tag', 'must-read']);
    expect(tagged.map((p) => p.title).sort()).toEqual([first, second].sort());

    await tagItem.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tag: must-read' })).toBeVisible();
    await expect(reader.rows()).toHaveCount(2);
    await expect(reader.row(first)).toBeVisible();
    await expect(reader.row(second)).toBeVisible();
    // Each row shows its tag.
    await expect(reader.row(first).locator('.tag-pill')).toHaveText('must-read');
  });

  test('autocomplete offers existing tags', async ({ app, page }) => {
    const [paper] = await listPapers(app, page);
    await tag(app, page, [paper.id], 'reinforcement learning');
    await app.open(page);
    const reader = new Reader(page);
    await reader.rows().nth(1).click();
    const addTag = reader.details.getByRole('combobox', { name: 'Add tag' });
    await addTag.fill('reinf');
    // The best match is highlighted as you type: Enter takes it.
    await expect(
      reader.details.getByRole('option', { name: 'reinforcement learning', selected: true }),
    ).toBeVisible();
    await addTag.press('Enter');
    await expect(reader.details.getByRole('list', { name: 'Tags on this paper' })).toContainText(
      'reinforcement learning',
    );
    await expect(reader.navItem(/^reinforcement learning\b/)).toContainText('2');
  });

  test('rename and merge tags', async ({ app, page }) => {
    const [a, b, c] = await listPapers(app, page);
    await tag(app, page, [a.id], 'alpha');
    await tag(app, page, [b.id, c.id], 'beta');
    await app.open(page);
    const reader = new Reader(page);

    await renameTag(reader, 'alpha', 'gamma');
    await expect(reader.navItem(/^gamma\b/)).toContainText('1');
    await expect(reader.navItem(/^alpha\b/)).toHaveCount(0);

    // Merge: renaming onto an existing name (any case) asks first.
    await renameTag(reader, 'gamma', 'BETA');
    const dialog = page.getByRole('dialog', { name: 'Merge tags?' });
    await expect(dialog).toContainText('“gamma”');
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await expect(reader.navItem(/^beta\b/)).toContainText('3');
    await expect(reader.navItem(/^gamma\b/)).toHaveCount(0);
    expect((await listPapers(app, page, ['--tag', 'beta'])).map((p) => p.id).sort()).toEqual(
      [a.id, b.id, c.id].sort(),
    );
  });

  test('nested tags show under their parent; recolour', async ({ app, page }) => {
    const [a] = await listPapers(app, page);
    await tag(app, page, [a.id], 'ml/pruning');
    await tag(app, page, [a.id], 'ml/quantization');
    await app.open(page);
    const reader = new Reader(page);
    const parent = reader.nav.locator('li', { has: page.getByRole('button', { name: /^ml$/ }) });
    await expect(
      parent.locator('.nested').getByRole('button', { name: /^pruning\b/ }),
    ).toBeVisible();
    await expect(
      parent.locator('.nested').getByRole('button', { name: /^quantization\b/ }),
    ).toBeVisible();
    // The parent filters by every child.
    await reader.navItem(/^ml$/).click();
    await expect(reader.rows()).toHaveCount(1);

    await openTagActions(reader, 'ml/pruning').then((menu) =>
      menu.getByRole('menuitemradio', { name: 'Colour #10b981' }).click(),
    );
    await expect(reader.navItem(/^pruning\b/).locator('.tag-dot')).toHaveCSS(
      'background-color',
      'rgb(16, 185, 129)',
    );
  });

  test('delete a tag, then undo', async ({ app, page }) => {
    const [a, b] = await listPapers(app, page);
    await tag(app, page, [a.id, b.id], 'doomed');
    await app.open(page);
    const reader = new Reader(page);
    await (
      await openTagActions(reader, 'doomed')
    )
      .getByRole('menuitem', { name: 'Delete' })
      .click();
    await expect(reader.navItem(/^doomed\b/)).toHaveCount(0);
    expect(await listPapers(app, page, ['--tag', 'doomed'])).toHaveLength(0);
    const toast = page
      .getByRole('region', { name: 'Notifications' })
      .locator('.toast')
      .filter({ hasText: 'Deleted tag “doomed”' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(reader.navItem(/^doomed\b/)).toContainText('2');
    expect(await listPapers(app, page, ['--tag', 'doomed'])).toHaveLength(2);
  });
});

async function openTagActions(reader: Reader, tag: string) {
  await reader.nav.getByRole('button', { name: `Actions for tag ${tag}` }).click();
  return reader.page.getByRole('menu', { name: `Actions for tag ${tag}` });
}

async function renameTag(reader: Reader, from: string, to: string) {
  await (await openTagActions(reader, from)).getByRole('menuitem', { name: 'Rename…' }).click();
  const field = reader.nav.getByRole('textbox', { name: 'Tag name' });
  await field.fill(to);
  await field.press('Enter');
}
