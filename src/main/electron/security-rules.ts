/**
 * The desktop shell's security rules as pure functions (no electron import), so
 * they can be tested with hostile input in plain Node. security.ts applies them.
 *
 * The stance: the renderer is an untrusted web page that happens to be ours.
 * It gets no Node, no new windows, no navigation away from the app, no device
 * or permission prompts, and only one way out: an http(s) link handed to the
 * OS browser after it has been parsed and checked here.
 */

import { APP_CSP } from '../../shared/csp';

/** webPreferences for every window. */
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
  safeDialogs: true,
  // Off: Chromium's spellchecker downloads dictionaries from Google's servers.
  spellcheck: false,
} as const;

/**
 * The packaged renderer is served from the app's own scheme, `app://papershelf/`
 * (protocol.handle in security.ts), never from `file://`: a file: page may read
 * other local files, and with the grantFileProtocolExtraPrivileges fuse off it
 * would lose what it relies on anyway. A standard, secure scheme gives the page
 * an origin of its own for CSP 'self' and the rules below.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'papershelf';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** What the scheme may do: be a normal secure origin. No CSP bypass, no service workers, no CORS. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
} as const;

/**
 * The renderer's path (`/assets/x.js`) asked for with an `app:` request, or
 * null when the request is not for our scheme and host (another host, user
 * info, a port). Files are then looked up inside the renderer folder, which
 * refuses `..`, encoded separators and symlinks out (util/static-files.ts).
 */
export function appRequestPath(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.pathname === '' ? '/' : url.pathname;
}

export type RendererSource = { kind: 'dev'; url: string } | { kind: 'app' };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the window loads the renderer from. The dev server's URL
 * ($ELECTRON_RENDERER_URL, set by `electron-vite dev`) counts only in an
 * unpackaged app, and only as an http(s) address on this machine: in an
 * installed app that variable would let anyone who can set the environment
 * point the window, with its privileged bridge, at a page of their choosing.
 */
export function rendererSource(env: NodeJS.ProcessEnv, isPackaged: boolean): RendererSource {
  const raw = env.ELECTRON_RENDERER_URL?.trim();
  if (isPackaged || !raw) return { kind: 'app' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'app' };
  }
  const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
  if (!isHttp || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) {
    return { kind: 'app' };
  }
  return { kind: 'dev', url: url.toString() };
}

/** The renderer's CSP (shared with browser mode). */
export const DESKTOP_CSP = APP_CSP;

/**
 * What is wrong with a Content-Security-Policy, by our rules: scripts only from
 * 'self' (no eval, no inline, no remote or scheme sources), no plugins, no
 * <base> hijack. Empty when it is fine. Used on every CSP we ship (desktop
 * header, index.html meta, browser mode).
 */
export function cspProblems(csp: string): string[] {
  const directives = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name)
      directives.set(
        name.toLowerCase(),
        values.map((v) => v.toLowerCase()),
      );
  }
  const problems: string[] = [];
  const scripts = directives.get('script-src') ?? directives.get('default-src');
  if (!scripts) problems.push('no script-src (nor default-src): scripts from anywhere');
  for (const source of scripts ?? []) {
    if (source === "'self'" || source === "'none'" || source === "'wasm-unsafe-eval'") continue;
    problems.push(`script-src allows ${source}`);
  }
  if (!directives.has('script-src') && directives.get('default-src')?.includes("'unsafe-inline'")) {
    problems.push("default-src allows 'unsafe-inline' scripts");
  }
  if (directives.get('object-src')?.join(' ') !== "'none'")
    problems.push("object-src is not 'none'");
  if (directives.get('base-uri')?.join(' ') !== "'none'") problems.push("base-uri is not 'none'");
  for (const [name, values] of directives) {
    if (values.includes("'unsafe-eval'")) problems.push(`${name} allows 'unsafe-eval'`);
  }
  return problems;
}

/**
 * Control, format (bidi overrides, zero-width), separator and filler
 * characters: never in a link we open, since they hide what the link really is.
 */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x0020], // C0 controls and space
  [0x007f, 0x00a0], // DEL, C1 controls, no-break space
  [0x00ad, 0x00ad], // soft hyphen
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x2000, 0x200f], // spaces, zero-width, LRM/RLM
  [0x2028, 0x202f], // line/paragraph separators, bidi embeddings and overrides
  [0x205f, 0x206f], // math space, invisible operators, bidi isolates
  [0x3000, 0x3000], // ideographic space
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // byte order mark
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff0, 0xfffb], // specials, interlinear annotations
  [0xe0000, 0xe007f], // tags
];

function hasInvisible(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to)) return true;
  }
  return false;
}

/**
 * A link the OS browser may open: an absolute http(s) URL with a host and no
 * credentials, written without hidden characters. Everything else
 * (`javascript:`, `file:`, `data:`, UNC and relative paths, odd schemes,
 * `user:pass@`, spoofing characters) is refused with null.
 */
export function parseExternalUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  if (hasInvisible(raw) || raw.includes('\\')) return null;
  // Only the two schemes, spelled out: no scheme-relative `//host`, no `http:host`.
  if (!/^https?:\/\/[^/]/i.test(raw)) return null;
  // No user-info at all, not even an empty one (`https://:@host`, `https://arxiv.org@evil`).
  if (/^https?:\/\/[^/?#]*@/i.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '' || url.hostname === '.' || url.hostname.endsWith('..')) return null;
  return url;
}

/**
 * Where the app's own page lives: the dev server's origin in development, or
 * the packaged entry page on the app's scheme. Null until the window is
 * created: then nothing is trusted.
 */
export type AppLocation = { kind: 'dev'; origin: string } | { kind: 'app' };

/** The AppLocation a window loading from `source` trusts. */
export function appLocationOf(source: RendererSource): AppLocation {
  return source.kind === 'dev' ? { kind: 'dev', origin: new URL(source.url).origin } : source;
}

/** Is this URL the app itself? Only the entry page (any query or #route), never another file. */
export function isAppUrl(raw: unknown, app: AppLocation | null): boolean {
  if (app === null || typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (app.kind === 'dev') {
    return (
      url.origin !== 'null' &&
      url.origin === app.origin &&
      url.username === '' &&
      url.password === ''
    );
  }
  const path = appRequestPath(raw);
  return path === '/' || path === '/index.html';
}

/** IPC is accepted only from our own top-level page: not a subframe, not another page. */
export function isTrustedIpcSender(
  frame: { url: string; parent: unknown } | null | undefined,
  app: AppLocation | null,
): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, app);
}

export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

/**
 * A navigation of the app's window (a link without target, a redirect,
 * `location = ...`): only within the app. A plain web link is handed to the OS
 * browser instead, so clicking one never replaces the app with a web page.
 */
export function decideNavigation(url: unknown, app: AppLocation | null): NavigationDecision {
  if (isAppUrl(url, app)) return 'allow';
  return parseExternalUrl(url) ? 'open-externally' : 'deny';
}

/** Redirects and subframe navigations are never turned into OS-browser tabs. */
export function decideRedirect(url: unknown, app: AppLocation | null): NavigationDecision {
  return isAppUrl(url, app) ? 'allow' : 'deny';
}

/**
 * Permission requests and checks. Only writing to the clipboard (a "copy
 * citation" button) is allowed, and only for the app's own top-level page;
 * camera, microphone, notifications, geolocation, devices... are all denied.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  isMainFrame: boolean | undefined,
  app: AppLocation | null,
): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  return isMainFrame !== false && isAppUrl(requestingUrl, app);
}
