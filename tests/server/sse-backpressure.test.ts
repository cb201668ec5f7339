import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_SSE_BACKLOG_BYTES } from '../../src/main/server';
import { startBrowserMode } from './helpers';

/**
 * The events stream respects back-pressure: a client that stops reading is
 * cut off once its backlog passes a bound, instead of the server buffering
 * every event for it; a client that reads keeps getting events.
 */
let mode: Awaited<ReturnType<typeof startBrowserMode>>;
beforeAll(async () => {
  mode = await startBrowserMode();
});
afterAll(async () => {
  await mode.close();
});

const FLOOD_BYTES = 40 * 1024 * 1024;
const paperIds = Array.from({ length: 400 }, (_, i) => `2501.${String(i).padStart(5, '0')}`);

/** A raw client that sends the request, then reads nothing until told to. */
async function stalledClient(): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port: mode.server.port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    `GET /api/events?token=${encodeURIComponent(mode.server.token)} HTTP/1.1\r\nHost: 127.0.0.1:${mode.server.port}\r\n\r\n`,
  );
  // The server's first bytes: the stream is open and registered.
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.pause();
  return socket;
}

/** A client that reads, and says when a text has arrived. */
async function readingClient(): Promise<{
  until: (text: string) => Promise<void>;
  close: () => void;
}> {
  let received = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const req = http.get({
    host: '127.0.0.1',
    port: mode.server.port,
    path: `/api/events?token=${encodeURIComponent(mode.server.token)}`,
    agent: false,
  });
  await new Promise<void>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        // Only the tail matters for what comes next; the flood is not kept.
        received = (received + chunk).slice(-4096);
        resolve();
        for (const w of [...waiters]) {
          if (received.includes(w.text)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
        }
      });
    });
  });
  return {
    until: (text) => new Promise<void>((resolve) => waiters.push({ text, resolve })),
    close: () => req.destroy(),
  };
}

it('cuts off an events client that does not read, and keeps serving one that does', async () => {
  const slow = await stalledClient();
  const fast = await readingClient();
  const frame = JSON.stringify({ type: 'library-changed', scope: 'papers', paperIds }).length;
  const perChunk = Math.ceil((256 * 1024) / frame);
  // Chunks of events, with the event loop free between them (as between real events).
  for (let sent = 0; sent < FLOOD_BYTES; sent += perChunk * frame) {
    for (let i = 0; i < perChunk; i += 1) {
      mode.service.events.emit({ type: 'library-changed', scope: 'papers', paperIds });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const last = fast.until('data: {"type":"library-changed","scope":"tags"}');
  mode.service.events.emit({ type: 'library-changed', scope: 'tags' });

  // The stalled client reads now: it gets what was queued before it was cut
  // off (its bound plus what the kernel held), then the end of the stream.
  let received = 0;
  const ended = await new Promise<boolean>((resolve) => {
    slow.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > FLOOD_BYTES / 2) resolve(false); // it was sent everything
    });
    slow.once('close', () => resolve(true));
    slow.resume();
  });
  slow.destroy();
  expect(ended).toBe(true);
  expect(received).toBeLessThan(FLOOD_BYTES / 2);
  expect(received).toBeGreaterThan(MAX_SSE_BACKLOG_BYTES / 2);

  // The reading client was never cut off: it gets the last event too.
  await last;
  fast.close();
});
