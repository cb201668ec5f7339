import path from 'node:path';
import { BrowserWindow, ipcMain, nativeTheme } from 'electron';
import { IPC } from '../../shared/bridge';
import { SECURE_WEB_PREFERENCES } from './security-rules';
import { setAppOrigin } from './security';

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

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) {
    setAppOrigin(new URL(devUrl).origin);
    void win.loadURL(devUrl);
  } else {
    setAppOrigin(null);
    void win.loadFile(path.join(__dirname, '../renderer/index.html'));
  }
  return win;
}
