import type { ApiMethod, LibraryApi } from '../../../shared/api';
import { ApiError, type Result } from '../../../shared/errors';
import type { AppEvent } from '../../../shared/events';
import { access } from './access';

/**
 * The renderer's one way to the service. The desktop app goes through the
 * preload bridge (IPC); browser mode goes over HTTP with the per-run token.
 * Either way the rest of the renderer sees the same LibraryApi.
 *
 * The API object is a Proxy over method names rather than a map built from the
 * contract's schemas: importing those would pull zod into the renderer bundle
 * (a third of its size) only to list names the service validates anyway. An
 * unknown name fails as a typed `not_found` error from the service.
 */
export interface Backend {
  api: LibraryApi;
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** Open an http(s) link outside the app (system browser / new tab). */
  openExternal(url: string): void;
  /** Register a flush to run before the window closes or the page unloads. */
  onBeforeClose(flush: () => Promise<void>): void;
  kind: 'desktop' | 'browser';
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

function apiProxy(call: (method: ApiMethod, input: unknown) => Promise<unknown>): LibraryApi {
  const cache = new Map<string, (input: unknown) => Promise<unknown>>();
  return new Proxy({} as LibraryApi, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      let fn = cache.get(name);
      if (!fn) {
        fn = (input: unknown) => call(name as ApiMethod, input);
        cache.set(name, fn);
      }
      return fn;
    },
  });
}

/** Only http(s) links ever leave the app; anything else (javascript:, file:, data:) is dropped. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function desktopBackend(): Backend {
  const bridge = window.papershelf!;
  const api = apiProxy(async (method, input) => {
    const fn = bridge.api[method] as ((i: unknown) => Promise<Result<unknown>>) | undefined;
    if (!fn) throw new ApiError({ code: 'not_found', message: `Unknown API method “${method}”` });
    return unwrap(await fn(input ?? {}));
  });
  return {
    api,
    kind: 'desktop',
    subscribe: (listener) => bridge.onEvent(listener),
    openExternal: (url) => {
      const safe = safeExternalUrl(url);
      if (safe) void bridge.openExternal(safe);
    },
    onBeforeClose: (flush) => bridge.onBeforeClose(flush),
  };
}

const TOKEN_KEY = 'papershelf.token';

/**
 * The token arrives in the URL and is removed from the address bar. It is kept
 * for this origin (127.0.0.1 and the port `serve` keeps across restarts, like
 * the token itself), so a bookmark of the app without it keeps working.
 */
function browserToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    keepToken(fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    );
    return fromUrl;
  }
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function keepToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage unavailable (a private window): the token still works in this page.
  }
}

/**
 * Browsers cap the bodies of requests that may outlive the page (`keepalive`)
 * at 64 KiB in total; stay under it with room for headers.
 */
const KEEPALIVE_MAX_BYTES = 60_000;

function browserBackend(): Backend {
  const token = browserToken();
  // Set while the page is going away: requests made then must survive the unload.
  let isUnloading = false;

  async function call(method: ApiMethod, input: unknown): Promise<unknown> {
    const body = JSON.stringify(input ?? {});
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': token },
        body,
        keepalive: isUnloading && body.length < KEEPALIVE_MAX_BYTES,
      });
    } catch {
      throw new ApiError({
        code: 'network',
        message: 'Papershelf is not running (the local server did not answer)',
      });
    }
    if (response.status === 401) {
      // A missing, old or mistyped token: forget it, and show where the right link is.
      keepToken(null);
      access.refuse();
    }
    let result: Result<unknown>;
    try {
      result = (await response.json()) as Result<unknown>;
    } catch {
      throw new ApiError({
        code: 'internal',
        message: `The local server answered ${response.status}`,
      });
    }
    return unwrap(result);
  }
  const api = apiProxy(call);

  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      let event: AppEvent;
      try {
        event = JSON.parse(message.data as string) as AppEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    };
  };
  return {
    api,
    kind: 'browser',
    subscribe(listener) {
      listeners.add(listener);
      ensureSource();
      return () => listeners.delete(listener);
    },
    openExternal(url) {
      const safe = safeExternalUrl(url);
      if (safe) window.open(safe, '_blank', 'noopener,noreferrer');
    },
    onBeforeClose(flush) {
      // Hidden first (tab switch, close, reload), then pagehide on the way out.
      // Requests sent from here use keepalive so the unload does not cancel them.
      const run = () => {
        isUnloading = true;
        void flush().finally(() => {
          isUnloading = false;
        });
      };
      window.addEventListener('pagehide', run);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') run();
      });
    },
  };
}

let backend: Backend | null = null;

export function getBackend(): Backend {
  backend ??= window.papershelf ? desktopBackend() : browserBackend();
  return backend;
}
