import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppEvent } from '../../shared/events';
import type { ErrorCode, Result } from '../../shared/errors';
import { PDF_ROUTE_PREFIX, servePdfRoute } from '../pdf/http-route';
import type { Service } from '../service';
import { readBody } from './body';
import { contentType, isKnownAssetType, lookupStatic } from '../util/static-files';
import {
  COMMON_HEADERS,
  createToken,
  DATA_CSP,
  isAllowedHost,
  isAllowedRequestSource,
  isJsonContentType,
  LOOPBACK_HOST,
  bodyLimitFor,
  MAX_EVENT_STREAMS,
  PAGE_CSP,
  tokenMatches,
} from './security';

/** Unsent event bytes one events client may have queued before it is cut off (see sendEvent). */
export const MAX_SSE_BACKLOG_BYTES = 1024 * 1024;

/**
 * Door 2, browser mode: the built renderer plus the service over HTTP.
 *   POST /api/<method>   JSON in, Result JSON out (token in the X-Papershelf-Token header)
 *   GET  /api/events     Server-Sent Events (token in the query: EventSource cannot send headers)
 *   GET  /api/pdf/<id>   a saved PDF, streamed with Range support (token in the query or header)
 *   GET  /*              static renderer files
 */

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  service: Service;
  port?: number;
  rendererDir: string | null;
  token?: string;
}

export const TOKEN_HEADER = 'x-papershelf-token';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  bad_file: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unsupported: 422,
  library_too_new: 409,
  library_damaged: 500,
  rate_limited: 503,
  network: 502,
  cancelled: 409,
  internal: 500,
};

export async function startServer(options: ServerOptions): Promise<BrowserServer> {
  const token = options.token ?? createToken();
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
    if (!isAllowedHost(req.headers.host, port)) {
      sendJson(res, 421, errorBody('unauthorized', 'Unknown host'));
      return;
    }
    // Origin-form targets only (`/path`), never `http://elsewhere/...` or `*`.
    const target = req.url ?? '';
    if (!target.startsWith('/')) {
      sendJson(res, 400, errorBody('invalid_input', 'Bad request target'));
      return;
    }
    let url: URL;
    try {
      url = new URL(`http://${LOOPBACK_HOST}:${port}${target}`);
    } catch {
      sendJson(res, 400, errorBody('invalid_input', 'Bad request target'));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url).catch((error: unknown) => {
        console.error('papershelf: API request failed', error);
        if (!res.headersSent) sendJson(res, 500, errorBody('internal', 'The request failed'));
        else res.end();
      });
      return;
    }
    serveStatic(req, res, url);
  });
  // A slow or stalled client cannot hold the server: whole request in 60 s, headers in 10 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    res.setHeader('Cache-Control', 'no-store');
    if (!isAllowedRequestSource(req.headers, port)) {
      sendJson(res, 403, errorBody('unauthorized', 'Requests from other pages are refused'));
      return;
    }
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        sendJson(res, 401, errorBody('unauthorized', 'Missing or wrong token'));
        return;
      }
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET');
        sendJson(res, 405, errorBody('invalid_input', 'Use GET for events'));
        return;
      }
      if (sseClients.size >= MAX_EVENT_STREAMS) {
        sendJson(res, 429, errorBody('rate_limited', 'Too many open event streams'));
        return;
      }
      openEventStream(req, res);
      return;
    }
    if (url.pathname.startsWith(PDF_ROUTE_PREFIX)) {
      // A saved PDF, streamed (pdf/http-route.ts); the token may ride in the query so a plain link works.
      if (!tokenMatches(url.searchParams.get('token') ?? req.headers[TOKEN_HEADER], token)) {
        sendJson(res, 401, errorBody('unauthorized', 'Missing or wrong token'));
        return;
      }
      servePdfRoute(req, res, url.pathname, options.service.lib.path);
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      sendJson(res, 401, errorBody('unauthorized', 'Missing or wrong token'));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, errorBody('invalid_input', 'Use POST for API calls'));
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      // Also stops "simple" cross-site form posts, which cannot send JSON.
      sendJson(res, 415, errorBody('invalid_input', 'API calls send application/json'));
      return;
    }
    const limit = bodyLimitFor(url.pathname.slice('/api/'.length));
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      // Answer, then drop the connection: the rest of the body is never read.
      res.setHeader('Connection', 'close');
      sendJson(res, 413, errorBody('invalid_input', `Request body is larger than ${limit} bytes`));
      res.on('finish', () => req.destroy());
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, 400, errorBody('invalid_input', 'The request body is not valid JSON'));
      return;
    }
    let method: string;
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      sendJson(res, 404, errorBody('not_found', 'Unknown API method'));
      return;
    }
    const result = await options.service.dispatch(method, input);
    sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': DATA_CSP,
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    const heartbeat = setInterval(() => sendEvent(res, ': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      sseClients.delete(res);
    });
  }

  /**
   * Back-pressure: a client that does not read (a frozen tab, a stalled
   * connection) would make the server buffer every event for it, without
   * bound. Once its unsent backlog passes MAX_SSE_BACKLOG_BYTES it is cut off;
   * an EventSource reconnects by itself when it can read again.
   */
  function sendEvent(client: http.ServerResponse, frame: string): void {
    if (client.writableLength > MAX_SSE_BACKLOG_BYTES) {
      sseClients.delete(client);
      client.destroy();
      return;
    }
    client.write(frame);
  }

  const unsubscribe = options.service.events.subscribe((event: AppEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) sendEvent(client, frame);
  });

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (!options.rendererDir) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The renderer is not built. Run `npm run build`, then start again.\n');
      return;
    }
    // The URL parser quietly resolves `/../`; a path that tried to climb is refused as sent.
    let found = hasDotSegment(req.url ?? '')
      ? ({ kind: 'forbidden' } as const)
      : lookupStatic(options.rendererDir, url.pathname);
    // Client-side routes fall back to the app shell; missing assets and escapes never do.
    if (found.kind === 'missing' && !isAssetPath(url.pathname)) {
      found = lookupStatic(options.rendererDir, '/');
    }
    if (found.kind !== 'file') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const { file } = found;
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      'Content-Type': contentType(file),
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      ...(isHtml ? { 'Content-Security-Policy': PAGE_CSP } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of sseClients) client.end();
        sseClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A request for a file the build could contain (`.js`, `.css`...), not a client-side route. */
function isAssetPath(pathname: string): boolean {
  return isKnownAssetType(pathname);
}

/** `.` or `..` as a path segment, written plainly or percent-encoded. */
function hasDotSegment(target: string): boolean {
  const pathPart = target.split(/[?#]/)[0];
  return pathPart.split(/\/|%2f|%5c|\\/i).some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

function errorBody(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Content-Security-Policy': DATA_CSP,
  });
  res.end(text);
}
