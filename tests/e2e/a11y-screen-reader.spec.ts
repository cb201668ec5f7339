import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, listIds, Reader } from './reader-page';

/**
 * What a screen reader gets, read from the accessibility tree (ARIA snapshots
 * and role queries), not from the pixels: the list is a grid that exposes the
 * selected paper and the keyboard cursor, every button has a name, and the
 * number of search results is a polite status beside the list header.
 */
const MEDUSA = '2401.10774';

async function expectEveryButtonNamed(scope: Locator): Promise<number> {
  const buttons = await scope.getByRole('button').all();
  for (const button of buttons) await expect(button).toHaveAccessibleName(/\S/);
  return buttons.length;
}

test('the list is a grid: the selected papers and the keyboard cursor are exposed', async ({
  app,
  page,
}) => {
  const total = (await listIds(app, page, { view: 'inbox' })).length;
  await app.open(page);
  const reader = new Reader(page);
  await expect(reader.list).toHaveAttribute('aria-rowcount', String(total));
  await expect(reader.list).toHaveAttribute('aria-multiselectable', 'true');
  await expect(reader.list).not.toHaveAttribute('aria-activedescendant', /./);

  // The keyboard cursor is the grid's active descendant, and the selected row says so.
  await reader.focusList();
  await reader.press('j');
  const first = reader.rows().first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(reader.list).toHaveAttribute(
    'aria-activedescendant',
    (await first.getAttribute('id'))!,
  );
  await expect(reader.list).toBeFocused();
  await expect(reader.list).toMatchAriaSnapshot(`
    - grid "Papers":
      - rowgroup:
        - row /Medusa. Simple LLM Inference/ [selected]:
          - gridcell
        - row /ST-Raptor/:
          - gridcell
  `);

  await reader.press('j');
  const second = reader.rows().nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(first).toHaveAttribute('aria-selected', 'false');
  await expect(reader.list).toHaveAttribute(
    'aria-activedescendant',
    (await second.getAttribute('id'))!,
  );
  await expect(second).toHaveAttribute('aria-rowindex', '2');

  // A range: three rows selected, each exposed as such.
  await reader
    .rows()
    .nth(3)
    .click({ modifiers: ['Shift'] });
  await expect(reader.list.getByRole('row', { selected: true })).toHaveCount(3);
  await expect(reader.details.getByRole('heading', { name: '3 papers selected' })).toBeVisible();
});

test('every button has a name, icon-only ones included', async ({ app, page }) => {
  const [other] = (await listIds(app, page)).filter((p) => p.id !== MEDUSA);
  await callApi(app, page, 'tagPapers', { ids: [MEDUSA, other.id], tag: 'agents' });
  await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.heading()).toContainText('Medusa');

  await expect(reader.nav).toMatchAriaSnapshot(`
    - navigation "Library":
      - button "Library menu"
      - button /Change theme/
      - region "Tags":
        - heading "Tags" [level=2]
        - button "New tag"
        - list:
          - listitem:
            - button /^agents/
            - button "Actions for tag agents"
  `);
  await expect(
    reader.details.getByRole('region', { name: 'Paper tags' }).getByRole('button'),
  ).toHaveAccessibleName('Remove tag agents');
  expect(await expectEveryButtonNamed(page.locator('body'))).toBeGreaterThan(20);

  // Dialogs: the × is "Close".
  await reader.focusList();
  await reader.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('button')).toHaveAccessibleName('Close');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // The bulk panel and a toast (with its ×, "Dismiss").
  await reader
    .rows()
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await expect(reader.details.getByRole('heading', { name: /papers selected/ })).toBeVisible();
  expect(await expectEveryButtonNamed(reader.details)).toBeGreaterThan(3);
  await reader.nav.getByRole('button', { name: 'Actions for tag agents' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const toast = page.getByRole('region', { name: 'Notifications' });
  await expect(toast.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  await expectEveryButtonNamed(toast);
});

test('the number of search results is a polite status beside the list header', async ({
  app,
  page,
}) => {
  await app.open(page);
  const reader = new Reader(page);
  const list = page.getByRole('main');
  await expect(list.getByRole('status').filter({ hasText: / results? in / })).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Search' }).fill('decoding');
  await expect(reader.rows().first().locator('mark').first()).toBeVisible();
  // The count alone is read (atomic), and it matches the rows the grid exposes.
  const status = list.getByRole('status').filter({ hasText: / results? in / });
  await expect(status).toHaveText(/^\d+ results in Inbox$/);
  await expect(status).toHaveAttribute('aria-atomic', 'true');
  await expect(status).toHaveAttribute('aria-busy', 'false');
  const count = Number((await status.textContent())!.split(' ')[0]);
  expect(count).toBeGreaterThan(1);
  await expect(reader.list).toHaveAttribute('aria-rowcount', String(count));
  await expect(list).toMatchAriaSnapshot(`
    - search "Papers":
      - searchbox "Search"
    - status: /\\d+ results in Inbox/
    - button "Search all papers"
    - heading "Inbox" [level=1]
  `);

  await page.getByRole('searchbox', { name: 'Search' }).fill('zzzqqq xqxqxq');
  await expect(status).toHaveText('0 results in Inbox');
  await expect(reader.list).toHaveAttribute('aria-rowcount', '0');

  // Without a search the list's own count is the polite region.
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await expect(status).toHaveCount(0);
  await expect(list.locator('.list-count[aria-live="polite"]')).toHaveText(/^\d+ papers$/);
});

test("a note's headings continue the page outline, whatever level they start at", async ({
  app,
  page,
}) => {
  await callApi(app, page, 'saveNote', {
    id: MEDUSA,
    markdown: '## Why it matters\n\nText.\n\n### Details\n\nMore.\n',
  });
  await page.goto(`${app.url}#view=all&paper=${MEDUSA}`);
  const reader = new Reader(page);
  await expect(reader.details.getByRole('document', { name: 'Note preview' })).toMatchAriaSnapshot(`
    - document "Note preview":
      - heading "Why it matters" [level=4]
      - paragraph: Text.
      - heading "Details" [level=5]
      - paragraph: More.
  `);
});
