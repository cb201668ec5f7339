import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { Reader, runCli } from './reader-page';

const DAY = '2025-11-18';
const ID = '2511.00001';
const TITLE =
  'Attention <script>window.__pwned=1</script> is <img src=x onerror="window.__pwned=2"> all';

/** A feed day whose text fields all carry markup, as a hostile or broken feed might send. */
function hostileItem() {
  return {
    paper: {
      id: ID,
      title: TITLE,
      summary:
        'We show <b>bold</b> claims.\n<img src=x onerror="window.__pwned=3;alert(3)">\nand\nmore <script>alert(4)</script>.',
      authors: [
        { _id: 'a1', name: '<img src=x onerror="window.__pwned=5">Mallory', hidden: false },
        { _id: 'a2', name: 'Hidden <b>Author</b>', hidden: true },
        { _id: 'a3', name: 'Alice <script>alert(6)</script>', hidden: false },
      ],
      publishedAt: '2025-11-17T12:00:00.000Z',
      upvotes: 7,
      ai_summary: '<iframe src="javascript:alert(7)"></iframe> summary',
      ai_keywords: ['<svg onload=alert(8)>'],
      githubRepo: 'javascript:alert(9)',
      githubStars: 3,
      projectPage: 'file:///etc/passwd',
    },
    title: TITLE,
    numComments: 1,
  };
}

test('feed text with markup renders inert: no script runs, no dialog opens', async ({
  app,
  page,
}) => {
  const feed = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isFirstPage = (url.searchParams.get('p') ?? '0') === '0';
    const body = url.searchParams.get('date') === DAY && isFirstPage ? [hostileItem()] : [];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const source = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
  try {
    const synced = await runCli(app.libraryPath, [
      'sync',
      '--from',
      DAY,
      '--to',
      DAY,
      '--source',
      source,
    ]);
    expect(synced.status, synced.stderr).toBe(0);
  } finally {
    feed.close();
  }

  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await app.open(page);
  const reader = new Reader(page);
  const row = reader.list.locator(`[data-paper-id="${ID}"]`);
  await expect(row.locator('.row-title')).toHaveText(TITLE);
  await row.click();

  await expect(reader.heading()).toHaveText(TITLE);
  await expect(reader.details.locator('.paper-authors')).toHaveText(
    '<img src=x onerror="window.__pwned=5">Mallory, Alice <script>alert(6)</script>',
  );
  await expect(reader.details.getByText('Hidden <b>Author</b>')).toHaveCount(0);
  await expect(reader.details.locator('.abstract')).toContainText(
    'We show <b>bold</b> claims. <img src=x onerror="window.__pwned=3;alert(3)"> and more',
  );
  await expect(reader.details.locator('.ai-summary')).toContainText('<iframe');
  // Nothing from the feed became an element.
  await expect(
    page.locator(
      '.paper img, .paper script, .paper iframe, .paper svg:not(.icon), .row img, .row script',
    ),
  ).toHaveCount(0);
  await expect(page.locator('[onerror], [onload]')).toHaveCount(0);
  // Only http(s) links are offered: the javascript: repo and file: page are dropped.
  const links = reader.details.getByRole('list', { name: 'Links' });
  await expect(links.getByRole('link', { name: 'arXiv' })).toHaveAttribute(
    'href',
    `https://arxiv.org/abs/${ID}`,
  );
  await expect(links.getByRole('link', { name: 'Code' })).toHaveCount(0);
  await expect(links.getByRole('link', { name: 'Project page' })).toHaveCount(0);

  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
});
