import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startServer, type BrowserServer } from '../../src/main/server';
import type { Service } from '../../src/main/service';
import { tempDir, tempService } from '../helpers/library';

export const SECRET = 'THE-SECRET-OUTSIDE-THE-RENDERER';

/**
 * A real browser-mode server on 127.0.0.1 (port 0) with a real service, and a
 * small stand-in renderer folder. A secret file sits next to that folder (and
 * a symlink inside it points out), so path traversal has something to find.
 */
export async function startBrowserMode(): Promise<{
  server: BrowserServer;
  service: Service;
  rendererDir: string;
  close: () => Promise<void>;
}> {
  const { service, cleanup: closeService } = await tempService();
  const { dir, cleanup } = tempDir('papershelf-renderer-');
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Papershelf</title>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  try {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  } catch {
    // no symlinks on this file system: that case is simply not exercised
  }
  const server = await startServer({ service, port: 0, rendererDir });
  return {
    server,
    service,
    rendererDir,
    close: async () => {
      await server.close();
      await closeService();
      cleanup();
    },
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A raw HTTP request (unlike fetch, it may send any Host, Origin and path,
 * exactly as given, the way an attacker's client would).
 */
export function request(
  server: BrowserServer,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: string | Buffer;
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** An API call the way the app's own page makes it. */
export function api(
  server: BrowserServer,
  method: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return request(server, {
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      'content-type': 'application/json',
      'x-papershelf-token': server.token,
      ...headers,
    },
    body: JSON.stringify(input),
  });
}
