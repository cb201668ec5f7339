import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedPdfRedirect, MAX_PDF_REDIRECTS } from '../../src/main/pdf/redirects';
import { makePdf } from './helpers/make-pdf';
import { pdfPath, recordEvents, SAMPLE } from './helpers/service';
import { tempService } from '../helpers/library';

/**
 * A redirect is what an answer says: data. PDF downloads follow one only to
 * arXiv's hosts or the configured PDF source, never to another host (loopback
 * or the local network included) nor a non-http(s) URL.
 */
describe('which redirects a PDF download may follow', () => {
  const base = 'http://127.0.0.1:8123/pdf';
  it.each([
    ['https://arxiv.org/pdf/2501.00001v2', true],
    ['https://export.arxiv.org/pdf/2501.00001', true],
    ['http://127.0.0.1:8123/pdf/2501.00001v2', true], // the configured source itself
    ['http://127.0.0.1:8124/pdf/2501.00001', false], // another port: another service
    ['http://localhost:8123/pdf/x', false],
    ['http://127.0.0.1/admin', false],
    ['http://169.254.169.254/latest/meta-data', false],
    ['http://arxiv.org/pdf/x', false], // arXiv, but not over https
    ['https://arxiv.org:8443/pdf/x', false],
    ['https://arxiv.org.evil.example/pdf/x', false],
    ['https://evilarxiv.org/pdf/x', false],
    ['https://user:pw@arxiv.org/pdf/x', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:application/pdf;base64,JVBERi0=', false],
    ['not a url', false],
  ])('%s -> %s', (target, allowed) => {
    expect(isAllowedPdfRedirect(target, base)).toBe(allowed);
  });
});

let source: http.Server;
let elsewhere: http.Server;
let sourceUrl: string;
let elsewhereUrl: string;
let elsewhereHits = 0;
let pdf: Buffer;
const cleanups: Array<() => Promise<void>> = [];

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  pdf = await makePdf();
  // Another service on loopback that a redirect must never reach.
  elsewhere = http.createServer((_req, res) => {
    elsewhereHits += 1;
    res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
  });
  elsewhereUrl = await listen(elsewhere);
  source = http.createServer((req, res) => {
    const id = decodeURIComponent((req.url ?? '').replace(/^\/pdf\//, ''));
    const to = (location: string) => res.writeHead(302, { location }).end();
    if (id === SAMPLE[0]) return to(`${elsewhereUrl}/secret.pdf`);
    if (id === SAMPLE[1]) return to('file:///etc/passwd');
    if (id === SAMPLE[2]) return to(`/pdf/${SAMPLE[2]}v2`); // same source: followed
    if (id === `${SAMPLE[2]}v2`) {
      return res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    }
    if (id === SAMPLE[3]) return to(`/pdf/${SAMPLE[3]}`); // round and round
    res.writeHead(404).end();
  });
  sourceUrl = `${await listen(source)}/pdf`;
});
afterAll(async () => {
  await new Promise((resolve) => source.close(resolve));
  await new Promise((resolve) => elsewhere.close(resolve));
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function download(id: string) {
  const t = await tempService({
    env: { ...process.env, PAPERSHELF_PDF_URL: sourceUrl, PAPERSHELF_PDF_INTERVAL_MS: '0' },
  });
  cleanups.push(t.cleanup);
  const rec = recordEvents(t.service);
  await t.service.api.downloadPdfs({ ids: [id] });
  return { done: await rec.finished(id), file: pdfPath(t.file, id) };
}

describe('a PDF download that is redirected', () => {
  it('is not sent on to another service on loopback', async () => {
    const { done, file } = await download(SAMPLE[0]);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(
      /redirected to http:\/\/127\.0\.0\.1:\d+\/secret\.pdf, which is neither arXiv nor the configured PDF source/,
    );
    expect(elsewhereHits).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('is not sent to a file: URL', async () => {
    const { done } = await download(SAMPLE[1]);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/redirected to file:\/\/\/etc\/passwd/);
  });

  it('follows a redirect within the configured source', async () => {
    const { done, file } = await download(SAMPLE[2]);
    expect(done.state).toBe('done');
    expect(fs.readFileSync(file).equals(pdf)).toBe(true);
  });

  it(`stops after ${MAX_PDF_REDIRECTS} redirects`, async () => {
    const { done } = await download(SAMPLE[3]);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/redirected to/);
  });
});
