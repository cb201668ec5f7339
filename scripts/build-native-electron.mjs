// Builds better-sqlite3 for Electron's ABI into build/native/electron/, leaving
// node_modules' Node build untouched (tests, CLI and browser mode need that one).
// The desktop app loads this copy through better-sqlite3's `nativeBinding`
// option (src/main/electron/native.ts); electron-builder ships it as an extra
// resource. Needs Electron's headers, so it needs network access to their host.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const outDir = path.join(root, 'build', 'native', 'electron');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-native-'));
fs.cpSync(sqliteDir, work, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
});
console.log(`papershelf: building better-sqlite3 for Electron ${electronVersion}…`);
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
const result = spawnSync(
  process.execPath,
  [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
);
if (result.status !== 0) {
  console.error(
    'papershelf: could not build better-sqlite3 for Electron (are Electron headers reachable?)',
  );
  process.exit(result.status ?? 1);
}
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(
  path.join(work, 'build', 'Release', 'better_sqlite3.node'),
  path.join(outDir, 'better_sqlite3.node'),
);
fs.rmSync(work, { recursive: true, force: true });
console.log(`papershelf: wrote ${path.relative(root, path.join(outDir, 'better_sqlite3.node'))}`);
