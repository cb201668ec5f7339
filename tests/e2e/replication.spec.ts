import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test } from '@playwright/test';
import { checkAxe } from './axe';
import { CLI, expect, startApp } from './fixtures';

/**
 * Several devices, as the sidebar shows them: a library linked to a relay (the
 * built CLI's `relay` and `link`) says it is connected and when it last
 * exchanged; with the relay gone it says offline, and how many changes wait.
 */
const TOKEN = 'e2e-relay-token-123';

async function startRelay(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [CLI, 'relay', '--port', '0', '--data', dataDir, '--token', TOKEN],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
  });
  const m = /^Papershelf relay at (ws:\/\/127\.0\.0\.1:\d+) token /.exec(line);
  if (!m) throw new Error(`unexpected first line: ${line}`);
  return { child, url: m[1] };
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    test.describe.configure({ timeout: 120_000 });

    test('the sidebar shows connected, then offline with changes waiting', async ({ page }) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-e2e-relay-'));
      const relay = await startRelay(path.join(dir, 'relay'));
      const library = path.join(dir, 'library.sqlite');
      try {
        const linked = spawnSync(
          process.execPath,
          [CLI, 'link', relay.url, '--token', TOKEN, '--library', library],
          { encoding: 'utf8' },
        );
        expect(linked.status, linked.stderr).toBe(0);
        const { app, stop } = await startApp({ libraryPath: library });
        try {
          await app.open(page);
          const line = page.getByRole('region', { name: 'Devices' }).getByRole('status');
          await expect(line).toHaveText('Devices: connected; last exchange just now.');
          await checkAxe(page, 'devices: connected');

          relay.child.kill('SIGKILL');
          await expect(line).toHaveText('Devices: offline; last exchange just now.');
          const headers = { 'X-Papershelf-Token': app.token, Origin: app.origin };
          const list = await page.request.post(`${app.origin}/api/listPapers`, {
            data: { view: 'all', limit: 1 },
            headers,
          });
          const id = ((await list.json()) as { value: { papers: Array<{ id: string }> } }).value
            .papers[0].id;
          await page.request.post(`${app.origin}/api/setStarred`, {
            data: { ids: [id], starred: true },
            headers,
          });
          await expect(line).toHaveText(
            'Devices: offline, 1 change waiting; last exchange just now.',
          );
          await checkAxe(page, 'devices: offline');
        } finally {
          await stop();
        }
      } finally {
        relay.child.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
