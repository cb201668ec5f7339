import { API_METHODS, type ApiMethod, type LibraryApi } from '../../../shared/api';
import { ApiError, type Result } from '../../../shared/errors';
import type { AppEvent } from '../../../shared/events';

/**
 * The renderer's one way to the service. The desktop app goes through the
 * preload bridge (IPC); browser mode goes over HTTP with the per-run token.
 * Either way the rest of the renderer sees the same LibraryApi.
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

function desktopBackend(): Backend {
  const bridge = window.papershelf!;
  const api = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      async (input: unknown) =>
        unwrap(await (bridge.api[method] as (i: unknown) => Promise<Result<unknown>>)(input)),
    ]),
  ) as LibraryApi;
  return {
    api,
    kind: 'desktop',
    subscribe: (listener) => bridge.onEvent(listener),
    openExternal: (url) => void bridge.openExternal(url),
    onBeforeClose: (flush) => bridge.onBeforeClose(flush),
  };
}

const TOKEN_KEY = 'papershelf.token';

/** The token arrives in the URL once; it is kept for this tab only and removed from the address bar. */
function browserToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    );
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function browserBackend(): Backend {
  const token = browserToken();
  async function call(method: ApiMethod, input: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      throw new ApiError({
        code: 'network',
        message: 'Papershelf is not running (the local server did not answer)',
      });
    }
    let body: Result<unknown>;
    try {
      body = (await response.json()) as Result<unknown>;
    } catch {
      throw new ApiError({
        code: 'internal',
        message: `The local server answered ${response.status}`,
      });
    }
    return unwrap(body);
  }
  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, (input: unknown) => call(method, input)]),
  ) as LibraryApi;

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
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    onBeforeClose(flush) {
      // pagehide fires on reload and tab close; the request is sent with keepalive semantics by fetch.
      window.addEventListener('pagehide', () => void flush());
    },
  };
}

let backend: Backend | null = null;

export function getBackend(): Backend {
  backend ??= window.papershelf ? desktopBackend() : browserBackend();
  return backend;
}
