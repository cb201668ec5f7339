import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'out/main/cli.js');

export interface RunningApp {
  /** The URL printed by `papershelf serve`, token included. */
  url: string;
  origin: string;
  token: string;
  libraryPath: string;
  dir: string;
  /** Run the built CLI against the same library. */
  cli(args: string[]): { status: number | null; stdout: string; stderr: string };
  /** Open the app in the page and wait until the paper list is ready. */
  open(page: Page): Promise<void>;
}

/** Start `papershelf serve` on a fresh library; resolves once it printed its URL. */
export async function startApp(
  options: { libraryPath?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{
  app: RunningApp;
  stop: () => Promise<void>;
}> {
  if (!fs.existsSync(CLI)) throw new Error('The app is not built: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-e2e-'));
  const libraryPath = options.libraryPath ?? path.join(dir, 'library.sqlite');
  const env = {
    ...process.env,
    PAPERSHELF_AUTO_SYNC: '0',
    PAPERSHELF_FEED_URL: 'http://127.0.0.1:9/',
    ...options.env,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--library', libraryPath],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const match = /^Papershelf is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/.exec(
    firstLine,
  );
  if (!match) throw new Error(`Unexpected first line from serve: ${firstLine}`);
  const url = match[1];
  const app: RunningApp = {
    url,
    origin: new URL(url).origin,
    token: match[3],
    libraryPath,
    dir,
    cli(args) {
      const result = spawnSync(process.execPath, [CLI, ...args, '--library', libraryPath], {
        env,
        encoding: 'utf8',
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    async open(page) {
      await page.goto(url);
      await expect(
        page.getByRole('list', { name: 'Papers' }).or(page.getByRole('grid', { name: 'Papers' })),
      ).toBeVisible();
    },
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { app, stop };
}

/** Every test gets its own server on its own fresh library (with the bundled sample). */
export const test = base.extend<{ app: RunningApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  app: async ({}, use) => {
    const { app, stop } = await startApp();
    await use(app);
    await stop();
  },
});

export { expect };
