/**
 * Imported first by the Electron entry: every rule that keeps the renderer a
 * harmless web page, applied to every webContents and session the app ever
 * creates. The decisions live in security-rules.ts (plain functions, tested
 * with hostile input); this file only wires them to Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, protocol, session, shell, type Session, type WebContents } from 'electron';
import { contentType, lookupStatic } from '../util/static-files';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appLocationOf,
  appRequestPath,
  decideNavigation,
  decideRedirect,
  DESKTOP_CSP,
  isPermissionAllowed,
  isTrustedIpcSender,
  parseExternalUrl,
  type AppLocation,
  type RendererSource,
} from './security-rules';

// Every renderer sandboxed, whatever a window's webPreferences say. Must run before `ready`.
app.enableSandbox();
// The renderer's own scheme (see APP_SCHEME); also before `ready`.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

/** Until the window says where the app is, nothing is trusted. */
let appLocation: AppLocation | null = null;

/** Called by the window with where it loads the renderer from. */
export function setAppLocation(source: RendererSource): void {
  appLocation = appLocationOf(source);
}

/** The built renderer, next to this bundle (inside app.asar when packaged). */
const RENDERER_DIR = path.join(__dirname, '../renderer');

/**
 * `app://papershelf/<path>`: files of the built renderer only, read-only
 * (GET/HEAD), with the app's CSP on every answer; `..`, encoded separators and
 * symlinks out of the folder are refused, like browser mode's static files.
 */
async function serveAppRequest(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405 });
  }
  const urlPath = appRequestPath(request.url);
  const found = urlPath === null ? null : lookupStatic(RENDERER_DIR, urlPath);
  if (!found || found.kind !== 'file') return new Response(null, { status: 404 });
  const body = request.method === 'HEAD' ? null : await fs.promises.readFile(found.file);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': contentType(found.file),
      'Content-Security-Policy': DESKTOP_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
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
  // The packaged page gets the CSP from serveAppRequest (and its meta tag);
  // this covers the dev server and anything else loaded over http.
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
void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, serveAppRequest);
});
