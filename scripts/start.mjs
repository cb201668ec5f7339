// `npm start`: build when the sources are newer than the build, then open the
// desktop app; when the Electron binary is absent (it cannot always be
// downloaded), say so in one line and run browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import electronBinary from './electron-binary.cjs';

const { findElectronBinary } = electronBinary;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const outputs = [
    'out/main/index.js',
    'out/main/cli.js',
    'out/preload/index.js',
    'out/renderer/index.html',
  ].map((f) => path.join(root, f));
  const builtAt = outputs.every((f) => fs.existsSync(f))
    ? Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs))
    : 0;
  const sourcesAt = Math.max(
    newestMtime(path.join(root, 'src')),
    fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
  );
  if (builtAt > sourcesAt) return;
  console.log('papershelf: building…');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

buildIfNeeded();
const electron = findElectronBinary();
let child;
if (electron) {
  const native = path.join(root, 'build/native/electron/better_sqlite3.node');
  if (!fs.existsSync(native)) {
    const built = spawnSync(
      process.execPath,
      [path.join(root, 'scripts/build-native-electron.mjs')],
      { stdio: 'inherit' },
    );
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  child = spawn(electron, [root, ...args], { stdio: 'inherit' });
} else {
  console.log(
    'papershelf: the Electron binary is not installed here, so Papershelf opens in browser mode instead.',
  );
  child = spawn(process.execPath, [path.join(root, 'out/main/cli.js'), 'serve', ...args], {
    stdio: 'inherit',
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
