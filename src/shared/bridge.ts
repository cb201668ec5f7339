import type { ApiInput, ApiMethod, ApiOutput } from './api';
import type { AppEvent } from './events';
import type { Result } from './errors';

/**
 * What the desktop preload exposes as `window.papershelf`: one object derived
 * from the contract. Results come back as data; the renderer's client unwraps them.
 */
export type BridgeApi = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>;
};

export interface PapershelfBridge {
  api: BridgeApi;
  /** Subscribe to main-process events; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Open an http(s) link in the system browser (main validates it again). */
  openExternal(url: string): Promise<Result<null>>;
  /** Called before the window closes so unsaved notes can be flushed. */
  onBeforeClose(flush: () => Promise<void>): void;
}

export const IPC = {
  api: 'papershelf:api',
  event: 'papershelf:event',
  openExternal: 'papershelf:open-external',
  beforeClose: 'papershelf:before-close',
  closeReady: 'papershelf:close-ready',
} as const;
