import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpGet } from '../../src/main/io/http';
import { BaseUrlError, normalizeBaseUrl } from '../../src/main/net/base-url';
import {
  classifyFetchFailure,
  classifyStatus,
  fetchErrorCodes,
  isOfflineError,
} from '../../src/main/net/errors';
import { requestSignal, sleep } from '../../src/main/net/sleep';
import { USER_AGENT, userAgent } from '../../src/main/net/user-agent';
import { createFeedClient } from '../../src/main/sync/feed-client';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback server; `handler` may leave a request unanswered. */
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('net: one reading of a failed request', () => {
  it.each([
    [200, null],
    [204, null],
    [304, null],
    [400, 'http'],
    [404, 'http'],
    [408, 'server'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ] as const)('status %d is %s', (status, kind) => {
    expect(classifyStatus(status)).toBe(kind);
  });

  it('a refused connection is offline; a cancel or timeout says so first', async () => {
    const url = await closedPort();
    const error = await fetch(url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(fetchErrorCodes(error)).toContain('ECONNREFUSED');
    expect(isOfflineError(error)).toBe(true);
    expect(classifyFetchFailure(error, {})).toBe('offline');
    expect(classifyFetchFailure(error, { timedOut: true })).toBe('timeout');
    expect(classifyFetchFailure(error, { cancelled: true, timedOut: true })).toBe('cancelled');
    expect(classifyFetchFailure(new Error('socket hang up'), {})).toBe('network');
  });

  it('a request that gets no answer is cut off by its own timer, not the caller', async () => {
    const url = await serve(() => undefined); // never answers
    const request = requestSignal(20);
    await expect(fetch(url, { signal: request.signal })).rejects.toThrow();
    expect(request.timedOut()).toBe(true);
    request.dispose();
  });

  it('a wait ends the moment the caller cancels', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal, () => new Error('stopped'));
    controller.abort();
    await expect(waiting).rejects.toThrow('stopped');
  });

  it('base addresses are http(s), without query, fragment or trailing slash', () => {
    expect(normalizeBaseUrl(' https://huggingface.co/ ')).toBe('https://huggingface.co');
    expect(normalizeBaseUrl('http://127.0.0.1:8080/mirror/?x=1#y')).toBe(
      'http://127.0.0.1:8080/mirror',
    );
    expect(() => normalizeBaseUrl('file:///etc/passwd')).toThrow(BaseUrlError);
    expect(() => normalizeBaseUrl('not a url', 'The feed address')).toThrow(
      /The feed address “not a url” is not a URL/,
    );
  });

  it('the feed client and the lookups send the one User-Agent', async () => {
    const agents: Array<string | undefined> = [];
    const url = await serve((req, res) => {
      agents.push(req.headers['user-agent']);
      res.setHeader('content-type', 'application/json');
      res.end('[]');
    });
    await createFeedClient({ baseUrl: url, userAgent: userAgent() }).fetchDay('2025-11-10');
    await httpGet(`${url}/api/papers/2509.04664`, { service: 'Hugging Face' });
    expect(USER_AGENT).toMatch(/^Papershelf\/\d+\.\d+\.\d+ \(\+https:\/\//);
    expect(agents).toEqual([USER_AGENT, USER_AGENT]);
  });
});
