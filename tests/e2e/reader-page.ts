import { spawn } from 'node:child_process';
import { expect, type Locator, type Page } from '@playwright/test';
import { CLI } from './fixtures';

/** The reader's panes, found the way a person (or a screen reader) finds them. */
export class Reader {
  readonly nav: Locator;
  readonly list: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Library' });
    this.list = page.getByRole('grid', { name: 'Papers' });
    this.details = page.getByRole('region', { name: 'Paper details' });
  }

  /** A sidebar entry (view, tag or day) by its visible name. */
  navItem(name: string | RegExp): Locator {
    return this.nav.getByRole('button', {
      name,
      exact: typeof name === 'string' ? true : undefined,
    });
  }

  /** The number shown next to a view in the sidebar. */
  async viewCount(view: string): Promise<number> {
    const text = await this.nav
      .getByRole('list', { name: 'Views' })
      .getByRole('button', { name: new RegExp(`^${view}\\b`) })
      .locator('.nav-count')
      .textContent();
    return Number((text ?? '').replace(/[^0-9]/g, ''));
  }

  async expectViewCount(view: string, count: number): Promise<void> {
    await expect.poll(() => this.viewCount(view)).toBe(count);
  }

  rows(): Locator {
    return this.list.getByRole('row').and(this.page.locator('[data-paper-id]'));
  }

  row(title: string | RegExp): Locator {
    return this.rows().filter({ hasText: title });
  }

  /** The paper under the keyboard cursor. */
  cursorRow(): Locator {
    return this.list.locator('[data-cursor="true"]');
  }

  async cursorId(): Promise<string | null> {
    return this.cursorRow().getAttribute('data-paper-id');
  }

  heading(): Locator {
    return this.details.getByRole('heading', { level: 2 });
  }

  /** Press a key with focus on the list, as a keyboard user would. */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async focusList(): Promise<void> {
    await this.list.focus();
  }
}

/**
 * Run the built CLI on the app's library without blocking this process (a
 * local feed server in the test must keep answering while it runs).
 */
export async function runCli(
  libraryPath: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args, '--library', libraryPath], {
    env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { status, stdout, stderr };
}

/** Ask the running app's service directly (over its HTTP door), to check what the UI did. */
export async function callApi<T>(
  app: { origin: string; token: string },
  page: Page,
  method: string,
  input: unknown = {},
): Promise<T> {
  const response = await page.request.post(`${app.origin}/api/${method}`, {
    data: input,
    headers: { 'X-Papershelf-Token': app.token, Origin: app.origin },
  });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method} failed: ${body.error?.message}`);
  return body.value;
}

/** Every paper of a view (or a tag), as the service lists them. */
export async function listIds(
  app: { origin: string; token: string },
  page: Page,
  filter: { view?: string; tag?: string } = {},
): Promise<Array<{ id: string; title: string }>> {
  const result = await callApi<{ papers: Array<{ id: string; title: string }> }>(
    app,
    page,
    'listPapers',
    { view: 'all', limit: 5000, ...filter },
  );
  return result.papers;
}
