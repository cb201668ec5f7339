// Security first: its handlers must exist before any window or webContents does.
import './security';
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { openWithRecovery } from '../backup/damaged';
import { resolveLibraryPath } from '../db/paths';
import { createService, type Service } from '../service';
import { startSyncScheduler, type SyncScheduler } from '../sync/scheduler';
import { electronNativeBinding } from './native';
import { wireIpc } from './ipc';
import { createMainWindow } from './window';

/** Door 1, the desktop app. This file only wires modules together. */
app.setName('Papershelf');

if (!app.requestSingleInstanceLock()) app.quit();

let service: Service | null = null;
let scheduler: SyncScheduler | null = null;

function libraryArg(argv: string[]): string | undefined {
  const index = argv.indexOf('--library');
  return index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--library='))?.slice(10);
}

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(async () => {
  const libraryPath = resolveLibraryPath(libraryArg(process.argv));
  try {
    const nativeBinding = electronNativeBinding();
    // A damaged library is never replaced silently: the user is asked first.
    service = await openWithRecovery({
      libraryPath,
      nativeBinding,
      open: () => createService({ path: libraryPath, nativeBinding }),
      ask: async (damage) => {
        const { response } = await dialog.showMessageBox({
          type: 'error',
          message: 'Your Papershelf library is damaged',
          detail: `${damage.message}\n\nRestore that backup? The damaged file is kept in the backups folder.`,
          buttons: ['Restore the backup', 'Quit'],
          defaultId: 0,
          cancelId: 1,
          noLink: true,
        });
        return response === 0 ? 'restore' : 'quit';
      },
    });
  } catch (error) {
    dialog.showErrorBox(
      'Papershelf cannot open its library',
      `${error instanceof Error ? error.message : String(error)}\n\nLibrary: ${path.resolve(libraryPath)}`,
    );
    app.exit(1);
    return;
  }
  wireIpc(service);
  createMainWindow();
  // Sync on start and every `syncIntervalHours`; offline is a calm state, not an error.
  scheduler = startSyncScheduler(service);
  // A linked library replicates while the app runs; edits never wait for the network.
  service.replication.startLive();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('will-quit', (event) => {
  if (closing || !service) return;
  event.preventDefault();
  closing = true;
  scheduler?.stop();
  void service.close().finally(() => app.quit());
});
