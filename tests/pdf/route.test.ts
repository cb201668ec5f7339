import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange } from '../../src/main/pdf/http-route';
import { startServer, type BrowserServer } from '../../src/main/server';
import { makePdf } from './helpers/make-pdf';
import { startPdfServer, type PdfServer } from './helpers/pdf-server';
import { pdfService, recordEvents, SAMPLE } from './helpers/service';

/** A raw request, so the Host header and odd paths go out exactly as written. */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let pdfServer: PdfServer;
let browser: BrowserServer;
let pdf: Buffer;
let cleanup: () => Promise<void>;
const id = SAMPLE[0];

beforeAll(async () => {
  pdfServer = await startPdfServer();
  pdf = await makePdf();
  pdfServer.behave(id, { kind: 'pdf', bytes: pdf });
  const t = await pdfService(pdfServer);
  const rec = recordEvents(t.service);
  await t.service.api.downloadPdfs({ ids: [id] });
  await rec.finished(id);
  browser = await startServer({ service: t.service, port: 0, rendererDir: null });
  cleanup = async () => {
    await browser.close();
    await t.cleanup();
    await pdfServer.close();
  };
});
afterAll(() => cleanup());

describe('GET /api/pdf/<id> (browser mode)', () => {
  it('streams a saved PDF with the token', async () => {
    const res = await get(browser.port, `/api/pdf/${id}?token=${browser.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.equals(pdf)).toBe(true);
  });

  it('serves byte ranges (pdf.js and browsers ask for them)', async () => {
    const res = await get(browser.port, `/api/pdf/${id}`, {
      'X-Papershelf-Token': browser.token,
      Range: 'bytes=100-199',
    });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-199/${pdf.length}`);
    expect(res.body.equals(pdf.subarray(100, 200))).toBe(true);
    const past = await get(browser.port, `/api/pdf/${id}?token=${browser.token}`, {
      Range: `bytes=${pdf.length}-`,
    });
    expect(past.status).toBe(416);
  });

  it('refuses a missing or wrong token, a foreign Host, bad ids and unsaved papers', async () => {
    expect((await get(browser.port, `/api/pdf/${id}`)).status).toBe(401);
    const wrong = 'x'.repeat(browser.token.length);
    expect((await get(browser.port, `/api/pdf/${id}?token=${wrong}`)).status).toBe(401);
    const rebound = await get(browser.port, `/api/pdf/${id}?token=${browser.token}`, {
      Host: 'evil.example:80',
    });
    expect(rebound.status).toBe(421);
    const t = `?token=${browser.token}`;
    expect((await get(browser.port, `/api/pdf/..%2F..%2Fetc%2Fpasswd${t}`)).status).toBe(400);
    expect((await get(browser.port, `/api/pdf/%E0%A4%A${t}`)).status).toBe(400);
    const unsaved = await get(browser.port, `/api/pdf/${SAMPLE[1]}${t}`);
    expect(unsaved.status).toBe(404);
    expect(JSON.parse(unsaved.body.toString())).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('parseRange', () => {
  it('reads one range and ignores what it cannot serve', () => {
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(parseRange('bytes=50-10', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
  });
});
