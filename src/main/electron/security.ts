/**
 * Imported first by the Electron entry: every rule that keeps the renderer a
 * harmless web page, applied to every webContents the app ever creates.
 */
import { app, session, shell, type WebContents } from 'electron';
import { DESKTOP_CSP, isAppUrl, parseExternalUrl } from './security-rules';

let appOrigin: string | null = null;

/** The dev server's origin in development; null means the packaged file:// page. */
export function setAppOrigin(origin: string | null): void {
  appOrigin = origin;
}

export function openExternalSafely(raw: unknown): boolean {
  const url = parseExternalUrl(raw);
  if (!url) return false;
  void shell.openExternal(url.toString());
  return true;
}

/** IPC is accepted only from our own top-level page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, appOrigin);
}

function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-frame-navigate', (event) => blockForeign(event, event.url));
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

app.on('web-contents-created', (_event, contents) => harden(contents));

app.whenReady().then(() => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [DESKTOP_CSP],
      },
    });
  });
});
