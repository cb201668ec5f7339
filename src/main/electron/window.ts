import path from 'node:path';
import { app, BrowserWindow, ipcMain, nativeTheme } from 'electron';
import { IPC } from '../../shared/bridge';
import { APP_ENTRY_URL, rendererSource, SECURE_WEB_PREFERENCES } from './security-rules';
import { setAppLocation } from './security';

/** The main window: locked-down webPreferences, and a close that waits for note flushes. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Papershelf',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17181c' : '#ffffff',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: path.join(__dirname, '../preload/index.js'),
    },
  });
  win.once('ready-to-show', () => win.show());

  let closeConfirmed = false;
  win.on('close', (event) => {
    if (closeConfirmed) return;
    event.preventDefault();
    const finish = () => {
      closeConfirmed = true;
      clearTimeout(timer);
      ipcMain.removeListener(IPC.closeReady, onReady);
      if (!win.isDestroyed()) win.close();
    };
    const onReady = (e: Electron.IpcMainEvent) => {
      if (e.sender === win.webContents) finish();
    };
    // Give the renderer a moment to save a note being typed; never hang the quit.
    const timer = setTimeout(finish, 2000);
    ipcMain.on(IPC.closeReady, onReady);
    win.webContents.send(IPC.beforeClose);
  });

  // The dev server only in an unpackaged app; otherwise app://papershelf/, never a file: URL.
  const source = rendererSource(process.env, app.isPackaged);
  setAppLocation(source);
  void win.loadURL(source.kind === 'dev' ? source.url : APP_ENTRY_URL);
  return win;
}
