import { BrowserWindow, ipcMain } from 'electron';
import { IPC } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import type { Service } from '../service';
import { isTrustedSender, openExternalSafely } from './security';

const untrusted: Result<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'IPC is accepted only from the app window' },
};

/** Door 1: the service over IPC, checked per sender; events forwarded to every window. */
export function wireIpc(service: Service): () => void {
  ipcMain.handle(IPC.api, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return untrusted;
    if (typeof method !== 'string')
      return { ok: false, error: { code: 'invalid_input', message: 'Bad method' } };
    return service.dispatch(method, input);
  });
  ipcMain.handle(IPC.openExternal, (event, url: unknown): Result<null> => {
    if (!isTrustedSender(event.senderFrame)) return untrusted;
    return openExternalSafely(url)
      ? { ok: true, value: null }
      : {
          ok: false,
          error: { code: 'invalid_input', message: 'Only http(s) links can be opened' },
        };
  });
  const unsubscribe = service.events.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(IPC.event, event);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC.api);
    ipcMain.removeHandler(IPC.openExternal);
  };
}
