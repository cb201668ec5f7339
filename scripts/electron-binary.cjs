// Where the Electron binary is, or null when it is not installed. This looks at
// the files the electron package leaves behind instead of `require('electron')`,
// which would try to download the binary (and fail, slowly, without a network).
// CommonJS so that scripts (.mjs) and tests (TypeScript) can both load it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function findElectronBinary(env = process.env) {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const full = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : path.join(pkgDir, 'dist', relative);
  return fs.existsSync(full) ? full : null;
}

module.exports = { findElectronBinary };
