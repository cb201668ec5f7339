import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 is compiled twice: node_modules holds Node's build (tests, CLI,
 * browser mode); scripts/build-native-electron.mjs builds Electron's ABI copy into
 * build/native/electron/, which electron-builder ships as an extra resource.
 * Returns undefined when no Electron copy exists (better-sqlite3 then loads its own).
 */
export function electronNativeBinding(): string | undefined {
  const candidates = app.isPackaged
    ? [path.join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node')];
  return candidates.find((file) => fs.existsSync(file));
}
