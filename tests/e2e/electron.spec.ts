import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, test, expect } from '@playwright/test';
import { ROOT } from './fixtures';
import { createRequire } from 'node:module';

// The same lookup as scripts/start.mjs (a CommonJS helper shared with the scripts).
const { findElectronBinary } = createRequire(__filename)('../../scripts/electron-binary.cjs') as {
  findElectronBinary: () => string | null;
};
const binary = findElectronBinary();
if (!binary) {
  console.warn(
    'papershelf e2e: SKIPPED the Electron smoke test: the Electron binary is not installed (it cannot be downloaded here).',
  );
}

/**
 * The desktop shell, end to end. The Electron binary cannot be downloaded on
 * every machine (the project's CI has none); then this test says so and skips.
 */
test.describe('desktop app (Electron)', () => {
  test.skip(
    !binary,
    'Electron binary is not installed here (it cannot be downloaded); desktop smoke test skipped',
  );

  test('opens a locked-down window on the sample library', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, '--library', path.join(dir, 'library.sqlite')],
      env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0' },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('navigation', { name: 'Library' })).toBeVisible();
      const exposed = await window.evaluate(() => ({
        bridge: typeof (window as unknown as { papershelf?: unknown }).papershelf,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
