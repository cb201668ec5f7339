import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { generateFeed } from '../../bench/sync-feed';
import { openLibrary } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { createIngester } from '../../src/main/library/ingest-repo';
import { parseFeedItem, type FeedPaper } from '../../src/main/library/feed-paper';
import { expect, startApp, test } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/**
 * Trust at the keyboard: keys act only on the papers the list shows, every
 * change can be undone (and redone), big bulk changes ask first, `n` continues
 * a note, dialogs take focus and give it back, toasts stay out of the way, and a
 * screen reader hears what each change did.
 */

// Each test walks a whole flow (many keys, each checked against the service): on a
// machine shared with other work, give them room beyond the default 45 s.
test.describe.configure({ timeout: 120_000 });

interface Summary {
  id: string;
  title: string;
  status: string;
}

async function papers(app: { origin: string; token: string }, page: Page, view = 'all') {
  const result = await callApi<{ total: number; papers: Summary[] }>(app, page, 'listPapers', {
    view,
    limit: 5000,
  });
  return result.papers;
}

/** The polite live region: what a screen reader says after a change. */
function announcement(page: Page) {
  return page.locator('.visually-hidden[aria-live="polite"]');
}

test.describe('keys act only on what the list shows', () => {
  test('a search that hides the selected paper moves the selection; ↓ then 4 marks the visible paper', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    const all = await papers(app, page);
    await reader.focusList();
    await reader.press('j');
    const hidden = await reader.cursorId();
    expect(hidden).not.toBeNull();
    const hiddenTitle = all.find((p) => p.id === hidden)!.title;
    // An exact phrase from another paper's title: the selected one drops out of the list.
    const target = all.find((p) => p.id !== hidden && !hiddenTitle.includes(p.title))!;
    await reader.press('/');
    await page.keyboard.type(`"${target.title}"`);
    await expect(reader.list.locator(`[data-paper-id="${hidden}"]`)).toHaveCount(0);
    await expect(reader.row(target.title)).toBeVisible();

    // The selection moved to the first paper shown; the details follow.
    const first = await reader.rows().first().getAttribute('data-paper-id');
    await expect(reader.cursorRow()).toHaveAttribute('data-paper-id', first!);
    await expect(reader.heading()).not.toHaveText(hiddenTitle);

    await reader.press('ArrowDown'); // from the search box into the results
    await reader.press('4');
    await expect
      .poll(async () => (await papers(app, page, 'read')).map((p) => p.id))
      .toEqual([first]);
    const after = await callApi<{ status: string }>(app, page, 'getPaper', { id: hidden });
    expect(after.status).toBe('inbox');
  });

  test('a search that shows nothing empties the details, and triage keys change nothing', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.focusList();
    await reader.press('j');
    const selected = await reader.cursorId();
    await reader.press('/');
    await page.keyboard.type('qqxqzzyv');
    await expect(reader.rows()).toHaveCount(0);
    await expect(reader.details.getByRole('heading', { level: 2 })).toHaveCount(0);
    await reader.press('Enter');
    for (const key of ['4', '5', 's', 'ArrowDown', '3']) await reader.press(key);
    // Clear the search: the list is back, and nothing was changed.
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect(reader.rows().first()).toBeVisible();
    const paper = await callApi<{ status: string; starred: boolean }>(app, page, 'getPaper', {
      id: selected,
    });
    expect(paper).toMatchObject({ status: 'inbox', starred: false });
    expect((await papers(app, page, 'inbox')).length).toBe(78);
  });
});

test.describe('undo', () => {
  test('a bulk action is undone with Ctrl+Z, redone with Ctrl+Shift+Z, undone again with u', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.focusList();
    await reader.press('j');
    await reader.press('Shift+ArrowDown');
    await reader.press('Shift+ArrowDown');
    await expect(reader.list.locator('[aria-selected="true"]')).toHaveCount(3);
    const chosen = await reader.list
      .locator('[aria-selected="true"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paper-id')));
    await reader.press('5');
    const toasts = page.getByRole('region', { name: 'Notifications' });
    await expect(toasts).toContainText('Archived · 3 papers');
    // Said politely, with how to undo it.
    await expect(announcement(page)).toMatchAriaSnapshot(
      '- status: Archived · 3 papers. Press U to undo.',
    );
    await reader.expectViewCount('Archived', 3);
    await reader.expectViewCount('Inbox', 75);

    await reader.press('Control+z');
    await reader.expectViewCount('Archived', 0);
    await reader.expectViewCount('Inbox', 78);
    await expect(toasts).toContainText('Undone: Archived · 3 papers');
    // Put back exactly: status and when it was set.
    for (const id of chosen) {
      const paper = await callApi<{ status: string; statusChangedAt: string | null }>(
        app,
        page,
        'getPaper',
        { id },
      );
      expect(paper).toMatchObject({ status: 'inbox', statusChangedAt: null });
    }
    // The papers are back in the list.
    for (const id of chosen) {
      await expect(reader.list.locator(`[data-paper-id="${id}"]`)).toHaveCount(1);
    }

    await reader.press('Control+Shift+z');
    await reader.expectViewCount('Archived', 3);
    expect((await papers(app, page, 'archived')).map((p) => p.id).sort()).toEqual(
      [...chosen].sort(),
    );
    await reader.press('u');
    await reader.expectViewCount('Archived', 0);
  });

  test('several changes undo newest first; the toast’s Undo button works too', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.focusList();
    await reader.press('j');
    const first = await reader.cursorId();
    await reader.press('s'); // star
    await reader.expectViewCount('Starred', 1);
    await reader.press('2'); // to read: leaves the Inbox, the cursor moves on
    await reader.expectViewCount('To read', 1);
    const second = await reader.cursorId();
    expect(second).not.toBe(first);
    await reader.press('4');
    await reader.expectViewCount('Read', 1);

    const toasts = page.getByRole('region', { name: 'Notifications' });
    await toasts.getByRole('button', { name: 'Undo' }).click();
    await reader.expectViewCount('Read', 0);
    await reader.expectViewCount('To read', 1);
    await reader.press('u');
    await reader.expectViewCount('To read', 0);
    await reader.expectViewCount('Starred', 1);
    await reader.press('u');
    await reader.expectViewCount('Starred', 0);
    await reader.press('u');
    await expect(toasts).toContainText('Nothing to undo');
    await reader.expectViewCount('Inbox', 78);
  });

  test('tagging a paper and removing the samples are undone too', async ({ app, page }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.focusList();
    await reader.press('j');
    const id = await reader.cursorId();
    await reader.press('t');
    await page.keyboard.type('undo-me');
    await page.keyboard.press('Shift+Enter');
    await expect(reader.navItem(/^undo-me\b/)).toBeVisible();
    await reader.focusList();
    await reader.press('Control+z');
    // The tag this change created goes with it.
    await expect(reader.navItem(/^undo-me\b/)).toHaveCount(0);
    const paper = await callApi<{ tags: string[] }>(app, page, 'getPaper', { id });
    expect(paper.tags).toEqual([]);

    await page.getByRole('button', { name: 'Remove samples' }).click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
      'Removed 78 sample papers',
    );
    await expect.poll(async () => (await papers(app, page)).length).toBe(0);
    await page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect.poll(async () => (await papers(app, page)).length).toBe(78);
    await reader.expectViewCount('Inbox', 78);
  });
});

test('renaming a tag, and merging two, are undone', async ({ app, page }) => {
  const [a, b] = await listIds(app, page);
  await callApi(app, page, 'tagPapers', { ids: [a.id], tag: 'alpha' });
  await callApi(app, page, 'tagPapers', { ids: [a.id, b.id], tag: 'beta' });
  await app.open(page);
  const reader = new Reader(page);
  const rename = async (from: string, to: string) => {
    await reader.nav.getByRole('button', { name: `Actions for tag ${from}` }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    await page.getByRole('textbox', { name: 'Tag name' }).fill(to);
    await page.keyboard.press('Enter');
  };
  await rename('alpha', 'gamma');
  await expect(reader.navItem(/^gamma\b/)).toBeVisible();
  await reader.focusList();
  await reader.press('u');
  await expect(reader.navItem(/^alpha\b/)).toBeVisible();
  await expect(reader.navItem(/^gamma\b/)).toHaveCount(0);

  await rename('beta', 'alpha');
  await page
    .getByRole('dialog', { name: 'Merge tags?' })
    .getByRole('button', { name: 'Merge' })
    .click();
  await expect(reader.navItem(/^beta\b/)).toHaveCount(0);
  await expect(reader.navItem(/^alpha\b/)).toContainText('2');
  await reader.focusList();
  await reader.press('Control+z');
  await expect(reader.navItem(/^beta\b/)).toContainText('2');
  await expect(reader.navItem(/^alpha\b/)).toContainText('1');
  const tags = await callApi<Array<{ name: string; count: number }>>(app, page, 'listTags');
  expect(tags.map((t) => [t.name, t.count])).toEqual([
    ['alpha', 1],
    ['beta', 2],
  ]);
});

test('n continues an existing note: the cursor goes to the end', async ({ app, page }) => {
  const [paper] = await listIds(app, page);
  await callApi(app, page, 'saveNote', { id: paper.id, markdown: 'First thought.\n\nSecond line' });
  await app.open(page);
  const reader = new Reader(page);
  await reader.row(paper.title).click();
  await expect(reader.heading()).toHaveText(paper.title);
  await reader.focusList();
  await reader.press('n');
  const editor = reader.details.getByRole('textbox', { name: 'Notes' });
  await expect(editor).toBeFocused();
  await expect(editor).toBeInViewport();
  const caret = await editor.evaluate((el: HTMLTextAreaElement) => [
    el.selectionStart,
    el.selectionEnd,
    el.value.length,
  ]);
  expect(caret[0]).toBe(caret[2]);
  expect(caret[1]).toBe(caret[2]);
  await page.keyboard.type(' and a third.');
  await expect(editor).toHaveValue('First thought.\n\nSecond line and a third.');
  // Typing on across several autosaves loses and reorders nothing.
  const more = '\nMore: ' + 'abcdefghij'.repeat(12);
  await page.keyboard.type(more, { delay: 20 });
  const expected = `First thought.\n\nSecond line and a third.${more}`;
  await expect(editor).toHaveValue(expected);
  await reader.press('Escape');
  await expect
    .poll(
      async () =>
        (await callApi<{ markdown: string } | null>(app, page, 'getNote', { id: paper.id }))
          ?.markdown,
    )
    .toBe(expected);
});

test.describe('dialogs and toasts', () => {
  test('Add paper: focus in the field, Enter submits, Esc closes and focus goes back', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    const menu = reader.nav.getByRole('button', { name: 'Library menu' });
    await menu.click();
    await page.getByRole('menuitem', { name: 'Add paper…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add paper' });
    const field = dialog.getByRole('textbox', { name: 'arXiv id or link' });
    await expect(field).toBeFocused();
    await page.keyboard.type('2509.04664');
    await page.keyboard.press('Enter');
    // Submitted (the test's feed cannot be reached): the dialog stays with the id and says why.
    await expect(dialog.getByRole('alert')).toBeVisible();
    await expect(field).toHaveValue('2509.04664');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(menu).toBeFocused();

    // The shortcut sheet too: Esc closes it and focus returns to the list.
    await reader.focusList();
    await reader.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
    await expect(reader.list).toBeFocused();
  });

  test('every library dialog takes focus (not its close button), closes on Esc, gives focus back', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    const menu = reader.nav.getByRole('button', { name: 'Library menu' });
    for (const [item, title] of [
      ['Import…', 'Import'],
      ['Export…', 'Export'],
      ['Backups…', 'Backups'],
    ]) {
      await menu.click();
      await page.getByRole('menuitem', { name: item }).click();
      const dialog = page.getByRole('dialog', { name: title });
      await expect(dialog).toBeVisible();
      // Focus is inside, on its first field or action, not on Close.
      await expect
        .poll(() =>
          dialog.evaluate(
            (el) =>
              el.contains(document.activeElement) &&
              document.activeElement?.getAttribute('aria-label') !== 'Close',
          ),
        )
        .toBe(true);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(menu).toBeFocused();
    }

    // Merging two tags asks first; Esc cancels, nothing merges.
    const [a, b] = await listIds(app, page);
    await callApi(app, page, 'tagPapers', { ids: [a.id], tag: 'alpha' });
    await callApi(app, page, 'tagPapers', { ids: [b.id], tag: 'beta' });
    await expect(reader.navItem(/^beta\b/)).toBeVisible();
    await reader.nav.getByRole('button', { name: 'Actions for tag beta' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    await page.getByRole('textbox', { name: 'Tag name' }).fill('alpha');
    await page.keyboard.press('Enter');
    const merge = page.getByRole('dialog', { name: 'Merge tags?' });
    await expect(merge).toBeVisible();
    await expect(merge.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(merge).toBeHidden();
    await expect(reader.navItem(/^beta\b/)).toBeVisible();
  });

  test('toasts stack in one corner, at most three, never over the Read PDF button', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    // Every change fails: each press leaves an error toast, which stays until dismissed.
    await page.route('**/api/setStarred', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'disk is full' } }),
      }),
    );
    await reader.focusList();
    await reader.press('j');
    const readPdf = reader.details.getByRole('button', { name: 'Read PDF' });
    await expect(readPdf).toBeVisible();
    for (let i = 0; i < 5; i++) {
      await reader.press('s');
      await expect(
        page.getByRole('alert').filter({ hasText: 'disk is full' }).first(),
      ).toBeVisible();
    }
    const toasts = page.getByRole('region', { name: 'Notifications' }).locator('.toast');
    await expect(toasts).toHaveCount(3);
    const button = (await readPdf.boundingBox())!;
    for (const toast of await toasts.all()) {
      const box = (await toast.boundingBox())!;
      const overlaps =
        box.x < button.x + button.width &&
        button.x < box.x + box.width &&
        box.y < button.y + button.height &&
        button.y < box.y + box.height;
      expect(overlaps).toBe(false);
    }
    await page.screenshot({ path: test.info().outputPath('toasts.png') });
  });
});

/** A library of `count` generated feed papers (no sample), written through the real ingester. */
async function bigLibrary(count: number): Promise<{ file: string; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-big-'));
  const file = path.join(dir, 'library.sqlite');
  const perDay = 50;
  const feed = generateFeed(Math.ceil(count / perDay), perDay, '2023-01-02');
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: file });
  try {
    const ingester = createIngester(lib.sqlite);
    const now = new Date().toISOString();
    for (const day of feed.days) {
      const papers: FeedPaper[] = [];
      for (const item of JSON.parse(feed.bodies.get(day) ?? '[]') as unknown[]) {
        const parsed = parseFeedItem(item);
        if (parsed.ok) papers.push(parsed.paper);
      }
      ingester.ingestDay({ day, papers, skipped: 0 }, { source: 'feed', markSynced: true, now });
    }
  } finally {
    await lib.close();
  }
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('50,000 papers: Home and End select in one press; archiving them all asks first, and is undone', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const library = await bigLibrary(50_000);
  const { app, stop } = await startApp({ libraryPath: library.file });
  try {
    await app.open(page);
    const reader = new Reader(page);
    // The sidebar abbreviates big counts: ask the service, from the page (whose fetch
    // retries a kept-alive connection the server closed while a long change ran).
    const counts = () =>
      page.evaluate(
        async ({ origin, token }) => {
          const response = await fetch(`${origin}/api/getCounts`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': token },
            body: '{}',
          });
          const body = (await response.json()) as { value: { views: Record<string, number> } };
          return body.value.views;
        },
        { origin: app.origin, token: app.token },
      );
    expect((await counts()).inbox).toBe(50_000);
    const last = await callApi<{ papers: Summary[] }>(app, page, 'listPapers', {
      view: 'inbox',
      offset: 49_999,
      limit: 1,
    });
    await reader.focusList();
    await reader.press('End');
    await expect(reader.heading()).toHaveText(last.papers[0].title);
    await expect(reader.cursorRow()).toHaveAttribute('data-paper-id', last.papers[0].id);
    await reader.press('Home');
    const first = await callApi<{ papers: Summary[] }>(app, page, 'listPapers', {
      view: 'inbox',
      limit: 1,
    });
    await expect(reader.heading()).toHaveText(first.papers[0].title);

    await reader.press('Control+a');
    // Every id of the list is fetched (10 pages of 5,000): give it time on a busy machine.
    await expect(reader.details).toContainText(/50,?000 papers selected/, { timeout: 60_000 });
    await reader.press('5');
    const ask = page.getByRole('dialog', { name: 'Archive 50,000 papers?' });
    await expect(ask).toBeVisible();
    await expect(ask.getByRole('button', { name: 'Archive 50,000 papers' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(ask).toBeHidden();
    await expect(reader.list).toBeFocused();
    expect((await counts()).archived).toBe(0);

    await reader.press('5');
    await expect(ask).toBeVisible();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await counts()).archived, { timeout: 30_000 }).toBe(50_000);
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
      'Archived · 50,000 papers',
    );
    await reader.press('Control+z');
    await expect.poll(async () => (await counts()).archived, { timeout: 30_000 }).toBe(0);
    expect((await counts()).inbox).toBe(50_000);
    await expect(reader.rows().first()).toBeVisible();
  } finally {
    await stop();
    library.cleanup();
  }
});
