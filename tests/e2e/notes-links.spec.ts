import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { checkAxe } from './axe';
import { expect, test, type RunningApp } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/** Notes that connect (issue 18): `[[` links, Linked from, math, in a real Chromium. */

async function noteOf(app: RunningApp, page: Page, id: string): Promise<string | null> {
  const note = await callApi<{ markdown: string } | null>(app, page, 'getNote', { id });
  return note?.markdown ?? null;
}

/** Two sample papers: one to write in, one to link to (a title word that finds it). */
async function twoPapers(app: RunningApp, page: Page) {
  const papers = await listIds(app, page);
  const target = papers.find((p) => /speculative/i.test(p.title)) ?? papers[5];
  const source = papers.find((p) => p.id !== target.id)!;
  const word = /speculative/i.test(target.title) ? 'speculative' : target.title.split(' ')[0];
  return { source, target, word };
}

async function openPaper(page: Page, reader: Reader, id: string) {
  await page.goto(`${page.url().split('#')[0]}#view=all&paper=${encodeURIComponent(id)}`);
  await page.reload();
  await expect(reader.heading()).toBeVisible();
}

test.describe('notes that connect', () => {
  test('typing [[ offers papers by title; Enter inserts the id, Escape closes', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    const { source, target, word } = await twoPapers(app, page);
    await openPaper(page, reader, source.id);
    await expect(reader.heading()).toHaveText(source.title);
    await page.keyboard.press('n');
    const editor = reader.details.getByRole('textbox', { name: 'Notes' });
    await expect(editor).toBeFocused();
    await page.keyboard.type(`Builds on [[${word}`);
    const list = reader.details.getByRole('listbox', { name: 'Link to a paper' });
    await expect(list).toBeVisible();
    const option = list.getByRole('option', { name: new RegExp(escape(target.title)) });
    await expect(option).toBeVisible();
    // The editor keeps focus and points at the highlighted option.
    await expect(editor).toBeFocused();
    await expect(editor).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!);
    const first = list.getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(editor).toHaveAttribute(
      'aria-activedescendant',
      (await first.getAttribute('id'))!,
    );
    await checkAxe(page, 'note editor with link suggestions');
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkAxe(page, 'note editor with link suggestions, dark');

    // Arrow to the target, Enter inserts its id.
    const options = await list.getByRole('option').allTextContents();
    const index = options.findIndex((text) => text.includes(target.title));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    // Frames can come late on a busy machine: hold them back until the words after the
    // link are typed, so a caret placed "a frame later" would land inside them.
    await page.evaluate(() => {
      const held: FrameRequestCallback[] = [];
      const original = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (callback) => (held.push(callback), held.length);
      (window as unknown as { releaseFrames: () => void }).releaseFrames = () => {
        window.requestAnimationFrame = original;
        for (const callback of held.splice(0)) original(callback);
      };
    });
    await page.keyboard.press('Enter');
    await expect(list).toBeHidden();
    await expect(editor).toHaveValue(`Builds on [[${target.id}]]`);
    await page.keyboard.type(' for speed.');
    await page.evaluate(() => (window as unknown as { releaseFrames: () => void }).releaseFrames());
    await expect(editor).toHaveValue(`Builds on [[${target.id}]] for speed.`);
    await expect
      .poll(() => noteOf(app, page, source.id))
      .toBe(`Builds on [[${target.id}]] for speed.`);

    // Escape closes the list and leaves the text (and the editor) as they are.
    await page.keyboard.type(` Also [[${word}`);
    await expect(list).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await expect(editor).toBeFocused();
    await expect(editor).toHaveValue(`Builds on [[${target.id}]] for speed. Also [[${word}`);
  });

  test('[[ before any letter offers the papers most like this one; typing narrows by title', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    const { target, word } = await twoPapers(app, page);
    const related = await callApi<Array<{ paper: { id: string; title: string } }>>(
      app,
      page,
      'relatedPapers',
      { id: target.id, limit: 8 },
    );
    expect(related.length).toBeGreaterThan(0);
    await openPaper(page, reader, target.id);
    await page.keyboard.press('n');
    const editor = reader.details.getByRole('textbox', { name: 'Notes' });
    await expect(editor).toBeFocused();
    await page.keyboard.type('See [[');
    const list = reader.details.getByRole('listbox', { name: 'Link to a paper' });
    await expect(list).toBeVisible();
    await expect(list.getByRole('option').locator('.link-suggestion-id')).toHaveText(
      related.map((r) => r.paper.id),
    );
    // The editor sits low in the details: the pane scrolls so the whole list shows.
    await expect(list.getByRole('option').last()).toBeInViewport();
    await expect(editor).toBeFocused();
    // Never the paper itself; a letter typed turns the list into a search by title.
    await expect(list.getByRole('option', { name: new RegExp(escape(target.id)) })).toHaveCount(0);
    await page.keyboard.type(word);
    await expect(list.getByRole('option').first()).toContainText(new RegExp(word, 'i'));
    await page.keyboard.press('Enter');
    await expect(editor).toHaveValue(/^See \[\[[^\]]+\]\]$/);
  });

  test('a link shows the title and opens the paper; the paper lists it under Linked from', async ({
    app,
    page,
  }) => {
    await app.open(page);
    const reader = new Reader(page);
    const { source, target } = await twoPapers(app, page);
    await callApi(app, page, 'saveNote', {
      id: source.id,
      markdown: `First thought. Compare with [[${target.id}]] on speed. And [[2501.99999|a missing one]].\n\n\`[[${target.id}]]\` in code is not a link.`,
    });
    await openPaper(page, reader, source.id);
    const preview = reader.details.getByRole('document', { name: 'Note preview' });
    const link = preview.getByRole('link', { name: target.title });
    await expect(link).toBeVisible();
    await expect(preview.locator('code')).toHaveText(`[[${target.id}]]`);
    // A paper the library lacks is marked and can be added.
    await expect(
      preview.getByRole('link', { name: 'a missing one (not in your library)' }),
    ).toBeVisible();
    await expect(
      reader.details.getByRole('button', { name: 'Add 2501.99999 to library' }),
    ).toBeVisible();
    await checkAxe(page, 'note preview with paper links');
    // Following the missing link adds nothing by itself: it brings the focus to its button.
    await preview.getByRole('link', { name: 'a missing one (not in your library)' }).click();
    const add = reader.details.getByRole('button', { name: 'Add 2501.99999 to library' });
    await expect(add).toBeFocused();
    await expect(page.getByText(/Could not add 2501\.99999|Added/)).toHaveCount(0);
    // Offline here (the feed address answers nothing): the add is tried and says why it failed.
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^Could not add 2501\.99999/)).toBeVisible();

    // Enter on the link opens the linked paper in the details.
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(reader.heading()).toHaveText(target.title);
    const linkedFrom = reader.details.getByRole('region', { name: 'Linked from' });
    await expect(linkedFrom).toBeVisible();
    await expect(linkedFrom.getByRole('button', { name: source.title })).toBeVisible();
    await expect(linkedFrom).toContainText(`Compare with ${target.id} on speed.`);
    await checkAxe(page, 'details with Linked from');
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkAxe(page, 'details with Linked from, dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // And back, by the backlink.
    await linkedFrom.getByRole('button', { name: source.title }).click();
    await expect(reader.heading()).toHaveText(source.title);
  });

  test('math renders through KaTeX, in notes and abstracts, and hostile TeX stays inert', async ({
    app,
    page,
  }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await app.open(page);
    const reader = new Reader(page);
    const { source } = await twoPapers(app, page);
    // A paper whose abstract carries LaTeX (as the feed's often do), via a backup import.
    const backup = await callApi<{ content: string }>(app, page, 'exportPapers', {
      format: 'json',
      scope: { ids: [source.id] },
    });
    const data = JSON.parse(backup.content) as { papers: Array<Record<string, unknown>> };
    data.papers[0] = {
      ...data.papers[0],
      id: '2501.00042',
      title: 'Math in the abstract',
      abstract: 'We reach $\\mathcal{O}(n^2)$ time <b>and</b> cost $5 or $6 per run.',
      note: [
        'Energy $E = mc^2$ and a sum:',
        '$$\\sum_{i=1}^{n} x_i$$',
        'Bad: $\\href{javascript:window.__pwned=1}{click me}$ and $\\url{javascript:window.__pwned=2}$',
        'Style: $\\htmlStyle{position:fixed;inset:0}{x}$ <span data-math-slot="guess-0"></span>',
        `Label: [[${source.id}|<img src=x onerror="window.__pwned=5"> "quoted"]]`,
      ].join('\n\n'),
    };
    await callApi(app, page, 'importFile', {
      fileName: 'math.json',
      content: JSON.stringify(data),
    });
    await openPaper(page, reader, '2501.00042');

    const abstract = reader.details.locator('.abstract');
    await expect(abstract.locator('.katex')).toHaveCount(1);
    await expect(abstract.locator('math annotation')).toHaveText('\\mathcal{O}(n^2)');
    // Money is not math, and markup in the feed's text stays text.
    await expect(abstract).toContainText('<b>and</b> cost $5 or $6 per run.');

    const preview = reader.details.getByRole('document', { name: 'Note preview' });
    await expect(preview.locator('.katex')).toHaveCount(5);
    await expect(preview.locator('.katex-display')).toHaveCount(1);
    await expect(preview.locator('math annotation').first()).toHaveText('E = mc^2');
    // A link's label is text, whatever it holds.
    await expect(preview.getByRole('link')).toHaveText([
      '<img src=x onerror="window.__pwned=5"> "quoted"',
    ]);
    await expect(preview.locator('img')).toHaveCount(0);
    // trust: false — no link from TeX, no style of the author's, nothing runs.
    await expect(preview.locator('a:not([data-paper-link])')).toHaveCount(0);
    await expect(
      preview.locator('[href]:not([data-paper-link]), [onerror], [onclick], script, iframe'),
    ).toHaveCount(0);
    await expect(preview.locator('[style*="fixed"]')).toHaveCount(0);
    await expect(preview).toContainText('click me');
    await checkAxe(page, 'note and abstract with math');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('All notes lists papers with a note, the latest edit first, and searches them', async ({
  app,
  page,
}) => {
  await app.open(page);
  const reader = new Reader(page);
  const papers = await listIds(app, page);
  const [older, newer] = [papers[2], papers[4]];
  await callApi(app, page, 'saveNote', {
    id: older.id,
    markdown: 'Older thoughts on quokkas.\nMore.',
  });
  await callApi(app, page, 'saveNote', { id: newer.id, markdown: '# Newer\nAbout wombats.' });
  await reader.navItem('All notes').click();
  const list = page.getByRole('list', { name: 'All notes' });
  await expect(list.getByRole('button')).toHaveCount(2);
  await expect(list.getByRole('button').first()).toContainText(newer.title);
  await expect(list.getByRole('button').first()).toContainText('# Newer About wombats.');
  await expect(list.getByRole('button').nth(1)).toContainText('Older thoughts on quokkas. More.');
  await checkAxe(page, 'All notes');
  // The keyboard moves through the notes and opens each paper.
  await list.getByRole('button').first().focus();
  await page.keyboard.press('j');
  await expect(list.getByRole('button').nth(1)).toBeFocused();
  await expect(reader.heading()).toHaveText(older.title);
  await page.keyboard.press('ArrowUp');
  await expect(reader.heading()).toHaveText(newer.title);

  await page.getByRole('searchbox', { name: 'Search' }).fill('quokkas');
  await expect(list.getByRole('button')).toHaveCount(1);
  await list.getByRole('button').first().click();
  await expect(reader.heading()).toHaveText(older.title);
});

test('the import dialog brings back notes edited in a vault folder', async ({ app, page }) => {
  await app.open(page);
  const reader = new Reader(page);
  const papers = await listIds(app, page);
  const paper = papers[1];
  await callApi(app, page, 'saveNote', { id: paper.id, markdown: 'Written in the app.' });
  const vault = path.join(app.dir, 'vault');
  const exported = app.cli(['export', '--format', 'markdown', '--out', vault]);
  expect(exported.status, exported.stderr).toBe(0);
  const file = fs
    .readdirSync(vault)
    .map((name) => path.join(vault, name))
    .find((f) => fs.readFileSync(f, 'utf8').includes('Written in the app.'))!;
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace('Written in the app.', 'Rewritten in Obsidian.'),
  );

  await reader.nav.getByRole('button', { name: 'Library menu' }).click();
  await page.getByRole('menuitem', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Vault folder').setInputFiles(vault);
  await dialog.getByRole('button', { name: 'Update notes from the vault' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    '78 files read: 1 notes updated, 77 unchanged',
  );
  await checkAxe(page, 'import dialog after a vault import');
  await expect
    .poll(() => callApi<{ markdown: string } | null>(app, page, 'getNote', { id: paper.id }))
    .toMatchObject({ markdown: 'Rewritten in Obsidian.' });
});
