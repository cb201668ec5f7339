// Security first: its handlers must exist before any window or webContents does.
import './security';
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { resolveLibraryPath } from '../db/paths';
import { createService, type Service } from '../service';
import { electronNativeBinding } from './native';
import { wireIpc } from './ipc';
import { createMainWindow } from './window';

/** Door 1, the desktop app. This file only wires modules together. */
app.setName('Papershelf');

if (!app.requestSingleInstanceLock()) app.quit();

let service: Service | null = null;

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
    service = await createService({ path: libraryPath, nativeBinding: electronNativeBinding() });
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
  void service.close().finally(() => app.quit());
});
