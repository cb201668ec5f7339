/**
 * Imported first by the Electron entry: every rule that keeps the renderer a
 * harmless web page, applied to every webContents and session the app ever
 * creates. The decisions live in security-rules.ts (plain functions, tested
 * with hostile input); this file only wires them to Electron.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, session, shell, type Session, type WebContents } from 'electron';
import {
  decideNavigation,
  decideRedirect,
  DESKTOP_CSP,
  isPermissionAllowed,
  isTrustedIpcSender,
  parseExternalUrl,
  type AppLocation,
} from './security-rules';

// Every renderer sandboxed, whatever a window's webPreferences say. Must run before `ready`.
app.enableSandbox();

/** Until the window says where the app is, nothing is trusted. */
let appLocation: AppLocation | null = null;

/**
 * The dev server's origin in development; null means the packaged page,
 * `../renderer/index.html` next to this bundle (the window loads that file).
 */
export function setAppOrigin(origin: string | null): void {
  appLocation = origin
    ? { kind: 'dev', origin: new URL(origin).origin }
    : {
        kind: 'file',
        entry: pathToFileURL(path.join(__dirname, '../renderer/index.html')).href,
        caseInsensitive: process.platform === 'win32' || process.platform === 'darwin',
      };
}

export function openExternalSafely(raw: unknown): boolean {
  const url = parseExternalUrl(raw);
  if (!url) return false;
  void shell.openExternal(url.toString());
  return true;
}

/** IPC is accepted only from our own top-level page. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
): boolean {
  return isTrustedIpcSender(frame, appLocation);
}

function harden(contents: WebContents): void {
  // window.open and target=_blank: never a new Electron window; a web link goes to the OS browser.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, appLocation);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') openExternalSafely(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // will-navigate decides for the page itself
    if (decideRedirect(event.url, appLocation) !== 'allow') event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (decideRedirect(event.url, appLocation) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

const hardenedSessions = new WeakSet<Session>();

function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, appLocation),
    );
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, appLocation),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // The packaged page also carries the CSP in a meta tag (file: responses have
  // no headers); this covers the dev server and anything else loaded over http.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
}

app.on('web-contents-created', (_event, contents) => harden(contents));
app.on('session-created', hardenSession);
void app.whenReady().then(() => hardenSession(session.defaultSession));
