import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { Reader } from './reader-page';

async function openLibraryMenu(reader: Reader, item: string): Promise<void> {
  await reader.nav.getByRole('button', { name: 'Library menu' }).click();
  await reader.page.getByRole('menuitem', { name: item }).click();
}

test('export the selected papers as BibTeX', async ({ app, page }) => {
  await app.open(page);
  const reader = new Reader(page);
  await reader.rows().first().click();
  await reader
    .rows()
    .nth(1)
    .click({ modifiers: ['ControlOrMeta'] });
  await openLibraryMenu(reader, 'Export…');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: 'The 2 selected papers' })).toBeChecked();
  await dialog.getByRole('radio', { name: /BibTeX/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.bib$/);
  const content = fs.readFileSync((await download.path())!, 'utf8');
  expect(content.match(/^@\w+\{/gm)).toHaveLength(2);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 2 papers' })).toBeVisible();
});

test('export the selected papers as a Markdown vault: a zip of one folder, a note per paper', async ({
  app,
  page,
}) => {
  await app.open(page);
  const reader = new Reader(page);
  const titles = [
    await reader.rows().first().locator('.row-title').innerText(),
    await reader.rows().nth(1).locator('.row-title').innerText(),
  ];
  await reader.rows().first().click();
  await reader
    .rows()
    .nth(1)
    .click({ modifiers: ['ControlOrMeta'] });
  await openLibraryMenu(reader, 'Export…');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /Markdown vault/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const names = Object.keys(files);
  expect(names).toHaveLength(2);
  const folder = download.suggestedFilename().replace(/\.zip$/, '');
  for (const name of names) expect(name).toMatch(new RegExp(`^${folder}/[^/]+\\.md$`));
  const contents = names.map((name) => strFromU8(files[name]));
  for (const title of titles) expect(contents.some((text) => text.includes(title))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 2 papers' })).toBeVisible();
});

test('import a BibTeX file', async ({ app, page }) => {
  const file = path.join(app.dir, 'refs.bib');
  fs.writeFileSync(
    file,
    '@article{vaswani2017,\n  title = {Attention Is All You Need},\n  author = {Vaswani, Ashish and Shazeer, Noam},\n  year = {2017},\n  eprint = {1706.03762},\n  archivePrefix = {arXiv}\n}\n',
  );
  await app.open(page);
  const reader = new Reader(page);
  await reader.expectViewCount('All', 78);
  await openLibraryMenu(reader, 'Import…');
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('File').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toContainText('1 new');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await reader.expectViewCount('All', 79);
});

test("a backup's feed address and sync interval are offered, and applied only when asked", async ({
  app,
  page,
}) => {
  const file = path.join(app.dir, 'other-backup.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      format: 'papershelf-backup',
      version: 1,
      complete: true,
      papers: [],
      settings: { feedUrl: 'http://feed.example/', syncIntervalHours: 3 },
    }),
  );
  await app.open(page);
  const reader = new Reader(page);
  await openLibraryMenu(reader, 'Import…');
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('File').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByText('Feed address: http://feed.example/')).toBeVisible();
  await expect(dialog.getByText('Sync interval: every 3 h')).toBeVisible();
  // Not applied by the import itself.
  // What the library holds, asked the way the page asks.
  const settings = () =>
    page.evaluate(
      (token) =>
        fetch('/api/getSettings', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-papershelf-token': token },
          body: '{}',
        }).then((r) => r.json() as Promise<{ value: { feedUrl: string | null } }>),
      app.token,
    );
  expect((await settings()).value.feedUrl).toBeNull();
  await dialog.getByRole('button', { name: 'Apply these settings' }).click();
  await expect(dialog.getByText('Settings applied.')).toBeVisible();
  expect((await settings()).value).toMatchObject({
    feedUrl: 'http://feed.example/',
    syncIntervalHours: 3,
  });
});

test('a bad paper id is refused in the Add paper dialog, which stays open', async ({
  app,
  page,
}) => {
  await app.open(page);
  const reader = new Reader(page);
  await openLibraryMenu(reader, 'Add paper…');
  const dialog = page.getByRole('dialog', { name: 'Add paper' });
  await dialog.getByLabel('arXiv id or link').fill('not a paper');
  await dialog.getByRole('button', { name: 'Add paper' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(dialog.getByLabel('arXiv id or link')).toHaveValue('not a paper');
});

test('back up, change something, restore the backup', async ({ app, page }) => {
  await app.open(page);
  const reader = new Reader(page);
  await openLibraryMenu(reader, 'Backups…');
  let dialog = page.getByRole('dialog', { name: 'Backups' });
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  const backups = dialog.getByRole('list', { name: 'Backups' });
  await expect(backups.getByText('Made by you')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Done' }).click();

  await reader.focusList();
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await reader.expectViewCount('Starred', 1);

  await openLibraryMenu(reader, 'Backups…');
  dialog = page.getByRole('dialog', { name: 'Backups' });
  await dialog
    .getByRole('listitem')
    .filter({ hasText: 'Made by you' })
    .getByRole('button', { name: 'Restore…' })
    .click();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await reader.expectViewCount('Starred', 0);
  await expect(reader.list).toBeVisible();
});
