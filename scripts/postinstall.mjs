// After `npm install`: say, once, whether the desktop app can run here.
// better-sqlite3 is built for Node by its own install step (tests, CLI, browser mode use it).
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
let electronPath = null;
try {
  electronPath = require('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath === 'string' && fs.existsSync(electronPath)) {
  console.log('papershelf: Electron is installed; `npm start` opens the desktop app.');
} else {
  console.log(
    'papershelf: the Electron binary is not installed (it could not be downloaded); `npm start` will run browser mode.',
  );
}
