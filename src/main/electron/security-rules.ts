/**
 * The desktop shell's security rules as pure functions (no electron import), so
 * they can be tested with hostile input in plain Node. security.ts applies them.
 */

/** webPreferences for every window: the renderer is an untrusted web page. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: true,
} as const;

/** The renderer's CSP: our own scripts only; no eval, no remote code. */
export const DESKTOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "form-action 'none'",
].join('; ');

/**
 * A link the OS browser may open: an absolute http(s) URL with a host and no
 * credentials. Everything else (javascript:, file:, data:, UNC paths, relative
 * paths, odd schemes) is refused.
 */
export function parseExternalUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  if (/[\u0000-\u001f\u007f\s]/.test(raw)) return null; // eslint-disable-line no-control-regex -- reject control chars
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '') return null;
  return url;
}

/** Is this URL the app itself (the dev server or the packaged file)? */
export function isAppUrl(raw: string, appOrigin: string | null): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (appOrigin !== null) return url.origin === appOrigin;
  return url.protocol === 'file:';
}
