import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspProblems } from '../../src/main/electron/security-rules';
import { MAX_BODY_BYTES, PAGE_CSP } from '../../src/main/server/security';
import { api, request, SECRET, startBrowserMode } from './helpers';

let mode: Awaited<ReturnType<typeof startBrowserMode>>;
beforeAll(async () => {
  mode = await startBrowserMode();
});
afterAll(async () => {
  await mode.close();
});

const corsHeaders = (headers: http.IncomingHttpHeaders) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('browser mode: where it listens', () => {
  it('binds 127.0.0.1 only', async () => {
    expect(mode.server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${mode.server.port}/\\?token=`),
    );
    // Every other address of this machine refuses the connection.
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => a !== undefined && a.address !== '127.0.0.1')
      .map((a) => a.address);
    for (const address of [...new Set(others)]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: mode.server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });
});

describe('browser mode: the token', () => {
  it('is required on every API call', async () => {
    const good = await api(mode.server, 'getLibraryInfo', {});
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ ok: true });

    const wrongSameLength = mode.server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of [
      undefined,
      '',
      'wrong',
      wrongSameLength,
      `${mode.server.token}x`,
      mode.server.token.slice(1),
      mode.server.token.toLowerCase(),
    ]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== undefined) headers['x-papershelf-token'] = token;
      const reply = await request(mode.server, {
        method: 'POST',
        path: '/api/getLibraryInfo',
        headers,
        body: '{}',
      });
      expect(reply.status, String(token)).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    // In the query it is only good for event streams and PDF links, not for API calls.
    const inQuery = await request(mode.server, {
      method: 'POST',
      path: `/api/getLibraryInfo?token=${mode.server.token}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(inQuery.status).toBe(401);
  });

  it('is checked before anything else happens: a write without it changes nothing', async () => {
    const page = JSON.parse((await api(mode.server, 'listPapers', { limit: 1 })).body) as {
      value: { papers: Array<{ id: string }> };
    };
    const id = page.value.papers[0].id;
    const reply = await request(mode.server, {
      method: 'POST',
      path: '/api/saveNote',
      headers: { 'content-type': 'application/json', 'x-papershelf-token': 'nope' },
      body: JSON.stringify({ id, markdown: 'written by an intruder' }),
    });
    expect(reply.status).toBe(401);
    expect(await mode.service.api.getNote({ id })).toBeNull();
  });

  it('is required on the event stream, which then carries events', async () => {
    for (const path of ['/api/events', '/api/events?token=', '/api/events?token=wrong']) {
      expect((await request(mode.server, { path })).status, path).toBe(401);
    }
    const events = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: mode.server.port,
          path: `/api/events?token=${encodeURIComponent(mode.server.token)}`,
          agent: false,
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          expect(corsHeaders(res.headers)).toEqual([]);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes(': connected') && !text.includes('data:')) {
              void api(mode.server, 'createTag', { name: `sse-${Date.now()}` });
            }
            if (text.includes('"library-changed"')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
    });
    expect(events).toMatch(/data: \{"type":"library-changed","scope":"tags"\}/);
  });
});

describe('browser mode: DNS rebinding', () => {
  it('refuses any Host but 127.0.0.1:<port> and localhost:<port>', async () => {
    const port = mode.server.port;
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `localhost.:${port}`,
      `[::1]:${port}`,
      `127.0.0.1:${port}.evil.example`,
      `127.1:${port}`,
      `0.0.0.0:${port}`,
    ]) {
      for (const path of ['/', '/api/getLibraryInfo', `/api/events?token=${mode.server.token}`]) {
        const reply = await request(mode.server, {
          method: path === '/api/getLibraryInfo' ? 'POST' : 'GET',
          path,
          headers: {
            host,
            'content-type': 'application/json',
            'x-papershelf-token': mode.server.token,
          },
          body: path === '/api/getLibraryInfo' ? '{}' : undefined,
        });
        expect(reply.status, `${host} ${path}`).toBe(421);
      }
    }
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.1:${port}`]) {
      expect((await api(mode.server, 'getLibraryInfo', {}, { host })).status, host).toBe(200);
    }
  });

  it('refuses absolute-form and odd request targets', async () => {
    for (const path of ['http://evil.example/api/getLibraryInfo', '*']) {
      const reply = await request(mode.server, { method: 'OPTIONS', path });
      expect(reply.status, path).toBe(400);
    }
  });
});

describe('browser mode: other pages', () => {
  it('sends no CORS headers, ever', async () => {
    const preflight = await request(mode.server, {
      method: 'OPTIONS',
      path: '/api/saveNote',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-papershelf-token',
      },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(corsHeaders(preflight.headers)).toEqual([]);
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${mode.server.port}`]) {
      const reply = await api(mode.server, 'getLibraryInfo', {}, { origin });
      expect(corsHeaders(reply.headers), origin).toEqual([]);
      const page = await request(mode.server, { path: '/', headers: { origin } });
      expect(corsHeaders(page.headers), origin).toEqual([]);
    }
  });

  it('refuses API calls from another origin or site, even with the token', async () => {
    const port = mode.server.port;
    const refused: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `http://127.0.0.1:${port + 1}` },
      { origin: `http://localhost:${port}.evil.example` },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of refused) {
      const reply = await api(mode.server, 'getLibraryInfo', {}, headers);
      expect(reply.status, JSON.stringify(headers)).toBe(403);
    }
    const allowed: Array<Record<string, string>> = [
      { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' },
      { origin: `http://localhost:${port}` },
      {},
    ];
    for (const headers of allowed) {
      expect((await api(mode.server, 'getLibraryInfo', {}, headers)).status).toBe(200);
    }
  });

  it('only takes JSON: form posts and other types are refused', async () => {
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json-seq',
      'application/json; charset=latin1',
      'text/json',
    ]) {
      const headers: Record<string, string> = { 'x-papershelf-token': mode.server.token };
      if (type) headers['content-type'] = type;
      const reply = await request(mode.server, {
        method: 'POST',
        path: '/api/getLibraryInfo',
        headers,
        body: '{}',
      });
      expect(reply.status, String(type)).toBe(415);
    }
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
    ]) {
      expect(
        (await api(mode.server, 'getLibraryInfo', {}, { 'content-type': type })).status,
        type,
      ).toBe(200);
    }
  });
});

describe('browser mode: the page', () => {
  it('carries a strict CSP (no eval, no remote scripts), also on client-side routes', async () => {
    for (const path of ['/', '/index.html', '/paper/2509.04664', '/?token=x']) {
      const reply = await request(mode.server, { path });
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-security-policy'], path).toBe(PAGE_CSP);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(cspProblems(PAGE_CSP)).toEqual([]);
    expect(PAGE_CSP).not.toMatch(/unsafe-eval/);
    // API answers are data: a sandboxed, nothing-allowed policy.
    const data = await api(mode.server, 'getLibraryInfo', {});
    expect(data.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(data.headers['cache-control']).toBe('no-store');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/../../../../../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets%5c..%5c..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/%00',
      '/index.html%00.js',
      '/assets/link.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%',
    ]) {
      const reply = await request(mode.server, { path });
      expect(reply.body, path).not.toContain(SECRET);
      expect(reply.body, path).not.toMatch(/root:/);
      expect([400, 404], path).toContain(reply.status);
    }
    // An unknown route is just the app shell.
    const route = await request(mode.server, { path: '//etc/passwd' });
    expect(route.body).toBe('<!doctype html><title>Papershelf</title>');
    // A real asset is served, with its type.
    const asset = await request(mode.server, { path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await request(mode.server, { path: '/assets/missing.js' })).status).toBe(404);
    expect((await request(mode.server, { method: 'POST', path: '/index.html' })).status).toBe(405);
  });
});

describe('browser mode: bodies', () => {
  it('lets importFile carry a file larger than the ordinary limit', async () => {
    // A 9 MB id list with one bad line: it must reach the importer (a typed bad_file), not be cut off (413).
    const content = `${'2509.04664\n'.repeat(Math.ceil((MAX_BODY_BYTES + 1024 * 1024) / 11))}not an id\n`;
    const reply = await request(mode.server, {
      method: 'POST',
      path: '/api/importFile',
      headers: { 'content-type': 'application/json', 'x-papershelf-token': mode.server.token },
      body: JSON.stringify({ fileName: 'ids.txt', content, format: 'ids' }),
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'bad_file' } });
  });

  it('refuses an oversized body by its declared length, and closes the connection', async () => {
    const reply = await request(mode.server, {
      method: 'POST',
      path: '/api/getLibraryInfo',
      headers: {
        'content-type': 'application/json',
        'x-papershelf-token': mode.server.token,
        'content-length': MAX_BODY_BYTES + 1,
      },
      body: '{}',
    });
    // Answered from the declared length alone, before any of the body is read.
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses an oversized body sent without a length (chunked)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: mode.server.port,
          method: 'POST',
          path: '/api/saveNote',
          agent: false,
          headers: {
            host: `127.0.0.1:${mode.server.port}`,
            'content-type': 'application/json',
            'x-papershelf-token': mode.server.token,
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
      );
      const chunk = Buffer.alloc(256 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_BODY_BYTES + chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('answers bad JSON and bad method names with typed errors and keeps serving', async () => {
    const badJson = await request(mode.server, {
      method: 'POST',
      path: '/api/getLibraryInfo',
      headers: { 'content-type': 'application/json', 'x-papershelf-token': mode.server.token },
      body: '{"unterminated": ',
    });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const method of ['%E0%A4%A', '__proto__', 'constructor', 'nope', '..%2fgetLibraryInfo']) {
      const reply = await api(mode.server, method, {});
      expect(reply.status, method).toBe(404);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    const get = await request(mode.server, {
      path: '/api/getLibraryInfo',
      headers: { 'x-papershelf-token': mode.server.token },
    });
    expect(get.status).toBe(405);
    // Raw garbage on a socket: the server answers it and lives on.
    await new Promise<void>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: mode.server.port }, () => {
        socket.end('GARBAGE \u0000\u0001 NOT HTTP\r\n\r\n');
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    expect((await api(mode.server, 'getLibraryInfo', {})).status).toBe(200);
  });
});
