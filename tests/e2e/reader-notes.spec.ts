import type { Page } from '@playwright/test';
import { expect, test, type RunningApp } from './fixtures';
import { callApi, Reader } from './reader-page';

async function noteOf(app: RunningApp, page: Page, id: string): Promise<string | null> {
  const note = await callApi<{ markdown: string } | null>(app, page, 'getNote', { id });
  return note?.markdown ?? null;
}

test.describe('notes', () => {
  test('type a note, reload, see it', async ({ app, page }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.rows().first().click();
    const id = (await reader.cursorId())!;
    await page.keyboard.press('n');
    const editor = reader.details.getByRole('textbox', { name: 'Notes' });
    await expect(editor).toBeFocused();
    await page.keyboard.type('# Reading notes\n\nThe **main** claim holds.');
    await expect(reader.details.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
    expect(await noteOf(app, page, id)).toBe('# Reading notes\n\nThe **main** claim holds.');

    await page.reload();
    await expect(reader.heading()).toBeVisible();
    const preview = reader.details.getByRole('document', { name: 'Note preview' });
    await expect(preview.getByRole('heading', { name: 'Reading notes' })).toBeVisible();
    await expect(preview.locator('strong')).toHaveText('main');
    await expect(reader.details.getByRole('status').filter({ hasText: /^Updated/ })).toBeVisible();
    // The list marks papers that have a note.
    await expect(reader.list.locator(`[data-paper-id="${id}"] .row-note`)).toBeVisible();
  });

  test('a note is saved when switching papers and when the page goes away', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.rows().first().click();
    const first = (await reader.cursorId())!;
    await page.keyboard.press('n');
    await page.keyboard.type('switching');
    // Straight to the next paper, no pause for the autosave.
    await reader.rows().nth(1).click();
    await expect.poll(() => noteOf(app, page, first)).toBe('switching');

    const second = (await reader.cursorId())!;
    await page.keyboard.press('n');
    await page.keyboard.type('closing');
    await page.goto('about:blank');
    await expect.poll(() => noteOf(app, page, second)).toBe('closing');
  });

  test('words typed after N while the paper is still loading go into its note, not to shortcuts', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.rows().first().click();
    await expect(reader.heading()).toBeVisible();
    // The next paper's record (and so its note) is held back until the words are typed.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/getPaper', async (route) => {
      await released;
      await route.continue();
    });
    await reader.rows().nth(1).click();
    const id = (await reader.cursorId())!;
    const before = await callApi<{ views: Record<string, number> }>(app, page, 'getCounts', {});
    await page.keyboard.press('n');
    // s would star and e archive: here they are letters of the note.
    await page.keyboard.type('sara read this\nstar it');
    release();
    const editor = reader.details.getByRole('textbox', { name: 'Notes' });
    await expect(editor).toBeFocused();
    await expect(editor).toHaveValue('sara read this\nstar it');
    await expect.poll(() => noteOf(app, page, id)).toBe('sara read this\nstar it');
    const after = await callApi<{ views: Record<string, number> }>(app, page, 'getCounts', {});
    expect(after.views).toEqual(before.views);
    // Typing on continues the same note.
    await page.keyboard.type('!');
    await expect.poll(() => noteOf(app, page, id)).toBe('sara read this\nstar it!');
  });

  test('a failed save keeps the text and shows the error', async ({ app, page }) => {
    await app.open(page);
    const reader = new Reader(page);
    await reader.rows().first().click();
    const id = (await reader.cursorId())!;
    await page.keyboard.press('n');
    const editor = reader.details.getByRole('textbox', { name: 'Notes' });
    // The service refuses notes over 1,000,000 characters.
    const tooLong = 'x'.repeat(1_000_001);
    await editor.fill(tooLong);
    const alert = reader.details.getByRole('alert');
    await expect(alert).toContainText('Not saved');
    await expect(alert).toContainText('1,000,000');
    await expect(editor).toHaveJSProperty('value.length', tooLong.length);
    expect(await noteOf(app, page, id)).toBeNull();

    await editor.fill('A shorter note');
    await expect(reader.details.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
    await expect(alert).toHaveCount(0);
    expect(await noteOf(app, page, id)).toBe('A shorter note');
  });

  test('the preview renders markdown but no active content', async ({ app, page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await app.open(page);
    const reader = new Reader(page);
    await reader.rows().first().click();
    await page.keyboard.press('n');
    const editor = reader.details.getByRole('textbox', { name: 'Notes' });
    await editor.fill(
      [
        '**ok** <img src=x onerror="window.__pwned=1;alert(1)">',
        '<script>window.__pwned=2</script>',
        '[bad](javascript:window.__pwned=3) [good](https://arxiv.org/)',
        '<a href="#" onclick="window.__pwned=4">click</a>',
      ].join('\n\n'),
    );
    await expect(reader.details.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
    await reader.details.getByRole('button', { name: 'Preview' }).click();
    const preview = reader.details.getByRole('document', { name: 'Note preview' });
    await expect(preview.locator('strong')).toHaveText('ok');
    await expect(preview.locator('script, [onerror], [onclick]')).toHaveCount(0);
    await expect(preview.getByRole('link', { name: 'good' })).toHaveAttribute(
      'href',
      'https://arxiv.org/',
    );
    await expect(preview.locator('a', { hasText: 'bad' })).not.toHaveAttribute('href', /.*/);
    await preview.locator('a', { hasText: 'click' }).click();
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
  });
});
