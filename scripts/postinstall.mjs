// After `npm install`: say, once, whether the desktop app can run here.
// better-sqlite3 is built for Node by its own install step (tests, CLI, browser mode use it).
import electronBinary from './electron-binary.cjs';

const { findElectronBinary } = electronBinary;

if (findElectronBinary()) {
  console.log('papershelf: Electron is installed; `npm start` opens the desktop app.');
} else {
  console.log(
    'papershelf: the Electron binary is not installed (it could not be downloaded); `npm start` runs browser mode.',
  );
}
