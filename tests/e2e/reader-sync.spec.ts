import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as base, expect, startApp } from './fixtures';
import { Reader } from './reader-page';

/**
 * A local Daily Papers feed that holds every request until the test lets it
 * answer, so the UI can be seen mid-sync. Each day gets one new paper.
 */
class HeldFeed {
  private held: Array<() => void> = [];
  private isOpen = false;
  readonly server: http.Server;

  constructor() {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const day = url.searchParams.get('date') ?? '';
      const page = url.searchParams.get('p') ?? '0';
      const answer = () => {
        const n = day.replace(/-/g, '').slice(2);
        const body =
          page === '0' && /^\d{4}-\d{2}-\d{2}$/.test(day)
            ? [{ paper: { id: `2601.${n.slice(2)}`, title: `Feed paper of ${day}`, upvotes: 1 } }]
            : [];
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (this.isOpen) answer();
      else this.held.push(answer);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  release(): void {
    this.isOpen = true;
    for (const answer of this.held.splice(0)) answer();
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}

const test = base.extend<{ feed: HeldFeed }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  feed: async ({}, use) => {
    const feed = new HeldFeed();
    await use(feed);
    feed.close();
  },
});

test('offline: Sync now against an unreachable feed says so calmly', async ({ page }) => {
  // `.invalid` never resolves: exactly what a machine without a network sees.
  const { app, stop } = await startApp({ env: { PAPERSHELF_FEED_URL: 'http://feed.invalid/' } });
  try {
    await app.open(page);
    const reader = new Reader(page);
    const sync = reader.nav.getByRole('region', { name: 'Sync' });
    await expect(sync).toContainText('Never synced');
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByRole('status')).toContainText('Offline');
    // The library keeps working.
    await reader.focusList();
    await page.keyboard.press('j');
    await page.keyboard.press('3');
    await reader.expectViewCount('Reading', 1);
  } finally {
    await stop();
  }
});

test('Sync now shows progress, then when the library last synced', async ({ page, feed }) => {
  const source = await feed.listen();
  const { app, stop } = await startApp({ env: { PAPERSHELF_FEED_URL: source } });
  try {
    await app.open(page);
    const reader = new Reader(page);
    const sync = reader.nav.getByRole('region', { name: 'Sync' });
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible();
    await expect(sync.getByRole('status')).toContainText(/Syncing… Day 1 of \d+/);
    await expect(sync.getByRole('button', { name: 'Cancel' })).toBeVisible();

    feed.release();
    await expect(sync).toContainText('Synced just now');
    await expect(sync.getByRole('progressbar')).toHaveCount(0);
    await expect.poll(() => reader.viewCount('Inbox')).toBeGreaterThan(78);
    await expect(
      reader
        .rows()
        .filter({ hasText: /^.*Feed paper of/ })
        .first(),
    ).toBeVisible();
  } finally {
    await stop();
  }
});

test('a running sync can be cancelled', async ({ page, feed }) => {
  const source = await feed.listen();
  const { app, stop } = await startApp({ env: { PAPERSHELF_FEED_URL: source } });
  try {
    await app.open(page);
    const sync = page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('region', { name: 'Sync' });
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByRole('progressbar')).toBeVisible();
    await sync.getByRole('button', { name: 'Cancel' }).click();
    await expect(sync.getByRole('progressbar')).toHaveCount(0);
    await expect(sync.getByRole('button', { name: 'Sync now' })).toBeVisible();
  } finally {
    await stop();
  }
});

test('a status reply that arrives after the final event does not bring the sync back', async ({
  page,
  feed,
}) => {
  const source = await feed.listen();
  const { app, stop } = await startApp({ env: { PAPERSHELF_FEED_URL: source } });
  try {
    await app.open(page);
    const reader = new Reader(page);
    const sync = reader.nav.getByRole('region', { name: 'Sync' });
    // The status the reader asks for after starting is read while the run is on
    // (the feed holds every request), and handed to the page only after the run ended.
    let staleRead!: (running: boolean) => void;
    const staleReadDone = new Promise<boolean>((resolve) => (staleRead = resolve));
    let deliver!: () => void;
    const delivered = new Promise<void>((resolve) => (deliver = resolve));
    await page.route('**/api/getSyncStatus', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { value: { running: boolean } };
      staleRead(body.value.running);
      await delivered;
      await route.fulfill({ response });
    });
    const click = sync.getByRole('button', { name: 'Sync now' }).click();
    // Something shows at once.
    await expect(sync.getByRole('status')).toContainText(/Starting sync…|Syncing…/);
    await click;
    expect(await staleReadDone).toBe(true);

    feed.release();
    await expect(sync).toContainText('Synced just now');
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
      /Sync finished: \d+ new papers/,
    );
    // Now the old "running" reply lands.
    const staleLanded = page.waitForResponse('**/api/getSyncStatus');
    deliver();
    await staleLanded;
    // Let the page handle it: two frames after the response, the store has set (or dropped) it.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await expect(sync).toContainText('Synced just now');
    await expect(sync.getByRole('progressbar')).toHaveCount(0);
    await expect(sync.getByRole('button', { name: 'Sync now' })).toBeVisible();
  } finally {
    await stop();
  }
});

test('each click on Sync now against an unreachable feed says so, with the reason', async ({
  page,
}) => {
  // `.invalid` never resolves: what a machine without a network sees.
  const { app, stop } = await startApp({ env: { PAPERSHELF_FEED_URL: 'http://feed.invalid/' } });
  try {
    await app.open(page);
    const sync = page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('region', { name: 'Sync' });
    const told = page
      .getByRole('region', { name: 'Notifications' })
      .locator('.toast')
      .filter({ hasText: /^Offline: / });
    for (let click = 0; click < 3; click++) {
      await sync.getByRole('button', { name: 'Sync now' }).click();
      await expect(told).toHaveCount(1);
      await expect(page.locator('.visually-hidden[aria-live="polite"]')).toContainText('Offline: ');
      await told.getByRole('button', { name: 'Dismiss' }).click();
      await expect(told).toHaveCount(0);
    }
    await expect(sync.getByRole('status')).toContainText('Offline.');
  } finally {
    await stop();
  }
});
