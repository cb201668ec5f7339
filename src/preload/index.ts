import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, type ApiMethod } from '../shared/api';
import { IPC, type BridgeApi, type PapershelfBridge } from '../shared/bridge';
import type { AppEvent } from '../shared/events';
import type { Result } from '../shared/errors';

/**
 * The only thing the renderer sees of Electron: `window.papershelf`, one method
 * per contract method. ipcRenderer itself is never exposed.
 */
const api = Object.fromEntries(
  API_METHODS.map((method: ApiMethod) => [
    method,
    (input: unknown) => ipcRenderer.invoke(IPC.api, method, input) as Promise<Result<unknown>>,
  ]),
) as BridgeApi;

const bridge: PapershelfBridge = {
  api,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(IPC.event, handler);
    return () => ipcRenderer.removeListener(IPC.event, handler);
  },
  openExternal: (url) => ipcRenderer.invoke(IPC.openExternal, url) as Promise<Result<null>>,
  onBeforeClose(flush) {
    ipcRenderer.on(IPC.beforeClose, () => {
      void flush().finally(() => ipcRenderer.send(IPC.closeReady));
    });
  },
};

contextBridge.exposeInMainWorld('papershelf', bridge);
