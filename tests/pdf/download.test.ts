import fs from 'node:fs';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from './helpers/make-pdf';
import { startPdfServer, type PdfServer } from './helpers/pdf-server';
import { filesUnder, pdfPath, pdfService, recordEvents, SAMPLE } from './helpers/service';

let server: PdfServer;
let pdf: Buffer;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  server = await startPdfServer();
  pdf = await makePdf();
});
afterAll(() => server.close());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A port nothing listens on (fetch refuses "bad ports" like 9, so it must be a real one). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function setup(env: NodeJS.ProcessEnv = {}) {
  const t = await pdfService(server, env);
  cleanups.push(t.cleanup);
  return { ...t, rec: recordEvents(t.service) };
}

describe('saving a PDF', () => {
  it('downloads, verifies and keeps the PDF beside the library, then reads it back', async () => {
    const id = SAMPLE[0];
    server.behave(id, { kind: 'pdf', bytes: pdf });
    const { service, file, rec } = await setup();

    const result = await service.api.downloadPdfs({ ids: [id] });
    expect(result).toEqual({ queued: [id], alreadyCached: [], unavailable: [] });
    const done = await rec.finished(id);
    expect(done).toMatchObject({ state: 'done', receivedBytes: pdf.length, error: null });

    expect(fs.readFileSync(pdfPath(file, id)).equals(pdf)).toBe(true);
    expect(filesUnder(file)).toEqual([`${id}.pdf`]); // no partial or lock files left
    expect(rec.events).toContainEqual({ type: 'pdf-cache-changed', ids: [id], cached: true });
    expect(await service.api.listCachedPdfs({})).toEqual({ ids: [id] });
    const [status] = (await service.api.getPdfStatus({ ids: [id] })).papers;
    expect(status).toMatchObject({ id, cached: true, readable: true, sizeBytes: pdf.length });

    // Read back in chunks, as the reader does.
    const parts: Buffer[] = [];
    for (let offset = 0; ;) {
      const chunk = await service.api.readPdf({ id, offset, length: 4000 });
      expect(chunk.size).toBe(pdf.length);
      if (chunk.data === '') break;
      parts.push(Buffer.from(chunk.data, 'base64'));
      offset += 4000;
    }
    expect(Buffer.concat(parts).equals(pdf)).toBe(true);

    // A second request is a no-op.
    expect(await service.api.downloadPdfs({ ids: [id] })).toEqual({
      queued: [],
      alreadyCached: [id],
      unavailable: [],
    });
  });

  it('reports progress while bytes arrive', async () => {
    const id = SAMPLE[1];
    let release: () => void = () => undefined;
    server.behave(id, {
      kind: 'gate',
      bytes: pdf,
      at: 4096,
      release: new Promise((resolve) => (release = resolve)),
    });
    const { service, rec } = await setup();
    await service.api.downloadPdfs({ ids: [id] });

    // Half-way: the server holds the rest until a progress event shows the first part.
    const midway = await rec.until(
      (e) => e.type === 'pdf-download' && e.download.id === id && e.download.receivedBytes >= 4096,
    );
    expect(midway).toMatchObject({
      download: { state: 'downloading', totalBytes: pdf.length, receivedBytes: 4096 },
    });
    const statusMidway = (await service.api.getPdfDownloads({})).downloads[0];
    expect(statusMidway).toMatchObject({ id, state: 'downloading' });
    release();

    const done = await rec.finished(id);
    expect(done.state).toBe('done');
    const received = rec.downloads(id).map((d) => d.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b)); // never goes backwards
    expect(received.at(-1)).toBe(pdf.length);
    expect(rec.downloads(id).map((d) => d.state)).toEqual(
      expect.arrayContaining(['queued', 'downloading', 'done']),
    );
  });

  it('rejects a web page (HTML) and leaves nothing behind', async () => {
    const id = SAMPLE[2];
    server.behave(id, { kind: 'html' });
    const { service, file, rec } = await setup();
    await service.api.downloadPdfs({ ids: [id] });
    const failed = await rec.finished(id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({
      code: 'bad_file',
      message: expect.stringMatching(/web page/),
    });
    expect(filesUnder(file)).toEqual([]);
    expect((await service.api.getPdfStatus({ ids: [id] })).papers[0].cached).toBe(false);
  });

  it('rejects HTML sent as application/pdf by its first bytes', async () => {
    const id = SAMPLE[2];
    server.behave(id, { kind: 'html', contentType: 'application/pdf' });
    const { service, file, rec } = await setup();
    await service.api.downloadPdfs({ ids: [id] });
    const failed = await rec.finished(id);
    expect(failed.error).toMatchObject({
      code: 'bad_file',
      message: expect.stringMatching(/not send a PDF/),
    });
    expect(filesUnder(file)).toEqual([]);
  });

  it('reports a 404 as "no PDF" without retrying', async () => {
    const id = SAMPLE[3];
    server.behave(id, { kind: 'status', status: 404 });
    const before = server.requests.filter((r) => r.id === id).length;
    const { service, file, rec } = await setup();
    await service.api.downloadPdfs({ ids: [id] });
    const failed = await rec.finished(id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed.error).toMatchObject({ code: 'not_found', message: expect.stringContaining(id) });
    expect(server.requests.filter((r) => r.id === id).length - before).toBe(1);
    expect(filesUnder(file)).toEqual([]);
  });

  it('discards a transfer that keeps being cut short', async () => {
    const id = SAMPLE[0];
    server.behave(id, { kind: 'truncate', bytes: pdf, at: Math.floor(pdf.length / 2) });
    const before = server.requests.filter((r) => r.id === id).length;
    const { service, file, rec } = await setup();
    await service.api.downloadPdfs({ ids: [id] });
    const failed = await rec.finished(id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({
      code: 'network',
      message: expect.stringMatching(/cut short/),
    });
    // Retried (with Range, from the bytes on disk), then given up when no new bytes came.
    const sent = server.requests.filter((r) => r.id === id).slice(before);
    expect(sent.length).toBeGreaterThan(1);
    expect(
      sent
        .slice(1)
        .every((r) => r.range === `bytes=${Math.floor(pdf.length / 2)}-` || r.range === null),
    ).toBe(true);
    expect(filesUnder(file)).toEqual([]);
    expect(fs.existsSync(pdfPath(file, id))).toBe(false);
  });

  it('refuses a PDF above the size cap', async () => {
    const id = SAMPLE[1];
    server.behave(id, { kind: 'pdf', bytes: pdf });
    const { service, file, rec } = await setup({ PAPERSHELF_PDF_MAX_BYTES: '5000' });
    await service.api.downloadPdfs({ ids: [id] });
    const failed = await rec.finished(id);
    expect(failed.error).toMatchObject({
      code: 'bad_file',
      message: expect.stringMatching(/limit/),
    });
    expect(filesUnder(file)).toEqual([]);
  });

  it('says "offline" when the PDF server cannot be reached', async () => {
    const port = await closedPort();
    const { service, rec } = await setup({ PAPERSHELF_PDF_URL: `http://127.0.0.1:${port}/pdf` });
    await service.api.downloadPdfs({ ids: [SAMPLE[0]] });
    const failed = await rec.finished(SAMPLE[0]);
    expect(failed.error).toMatchObject({
      code: 'network',
      message: expect.stringMatching(/offline/),
    });
  });

  it('checks its input and says which papers have no PDF', async () => {
    const { service } = await setup();
    await expect(service.api.downloadPdfs({ ids: ['9999.99999'] })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(service.api.downloadPdfs({})).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      service.api.downloadPdfs({ ids: [SAMPLE[0]], view: 'toread' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(service.api.readPdf({ id: SAMPLE[0] })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(service.api.setPdfPosition({ id: SAMPLE[0], page: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

describe('managing saved PDFs', () => {
  it('removes a saved PDF in one action and reports the space used', async () => {
    const ids = [SAMPLE[0], SAMPLE[1]];
    for (const id of ids) server.behave(id, { kind: 'pdf', bytes: pdf });
    const { service, file, rec } = await setup();
    await service.api.downloadPdfs({ ids });
    await Promise.all(ids.map((id) => rec.finished(id)));

    const usage = await service.api.getStorageUsage({});
    expect(usage).toMatchObject({ pdfCount: 2, pdfBytes: 2 * pdf.length, partialBytes: 0 });
    expect(usage.libraryBytes).toBeGreaterThan(0);
    expect(usage.totalBytes).toBe(usage.libraryBytes + usage.pdfBytes);

    expect(await service.api.removePdfs({ ids: [ids[0]] })).toEqual({
      removed: 1,
      freedBytes: pdf.length,
    });
    expect(rec.events).toContainEqual({ type: 'pdf-cache-changed', ids: [ids[0]], cached: false });
    expect(filesUnder(file)).toEqual([`${ids[1]}.pdf`]);
    expect((await service.api.getStorageUsage({})).pdfCount).toBe(1);
    // The paper itself stays in the library.
    expect((await service.api.getPaper({ id: ids[0] })).id).toBe(ids[0]);
  });

  it('downloads a whole view, one request at a time and politely spaced', async () => {
    const ids = [SAMPLE[0], SAMPLE[1], SAMPLE[2]];
    for (const id of ids) server.behave(id, { kind: 'pdf', bytes: pdf });
    const { service, rec } = await setup({ PAPERSHELF_PDF_INTERVAL_MS: '150' });
    await service.api.setStatus({ ids, status: 'toread' });
    const start = server.requests.length;
    const result = await service.api.downloadPdfs({ view: 'toread' });
    expect([...result.queued].sort()).toEqual([...ids].sort());
    const done = await Promise.all(ids.map((id) => rec.finished(id)));
    expect(server.requests.slice(start)).toHaveLength(3);
    // Each request waited its turn: starts at least the interval apart (the
    // pacing clock; the server's arrival times carry scheduling jitter).
    const starts = done.map((d) => Date.parse(d.startedAt!)).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i += 1) {
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(148);
    }
    // One at a time: each started after the previous one had finished.
    const byStart = [...done].sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!));
    for (let i = 1; i < byStart.length; i += 1) {
      expect(Date.parse(byStart[i].startedAt!)).toBeGreaterThanOrEqual(
        Date.parse(byStart[i - 1].finishedAt!),
      );
    }
  });

  it('remembers the last page read', async () => {
    const { service } = await setup();
    expect((await service.api.getPdfStatus({ ids: [SAMPLE[0]] })).papers[0].lastPage).toBeNull();
    await service.api.setPdfPosition({ id: SAMPLE[0], page: 7 });
    await service.api.setPdfPosition({ id: SAMPLE[1], page: 2 });
    const papers = (await service.api.getPdfStatus({ ids: [SAMPLE[0], SAMPLE[1]] })).papers;
    expect(papers.map((p) => p.lastPage)).toEqual([7, 2]);
  });

  it('fetches a PDF to read without keeping it, and keeps it later without a second download', async () => {
    const id = SAMPLE[3];
    server.behave(id, { kind: 'pdf', bytes: pdf });
    const { service, file, rec } = await setup();
    await service.api.downloadPdfs({ ids: [id], keep: false });
    expect((await rec.finished(id)).state).toBe('done');
    const [status] = (await service.api.getPdfStatus({ ids: [id] })).papers;
    expect(status).toMatchObject({ cached: false, readable: true });
    expect((await service.api.listCachedPdfs({})).ids).toEqual([]);
    expect(Buffer.from((await service.api.readPdf({ id })).data, 'base64').equals(pdf)).toBe(true);

    const requests = server.requests.length;
    expect(await service.api.downloadPdfs({ ids: [id] })).toMatchObject({ alreadyCached: [id] });
    expect(server.requests.length).toBe(requests);
    expect(fs.readFileSync(pdfPath(file, id)).equals(pdf)).toBe(true);
    expect(rec.events).toContainEqual({ type: 'pdf-cache-changed', ids: [id], cached: true });
  });

  it('cancels a running download and removes its partial file', async () => {
    const id = SAMPLE[2];
    server.behave(id, { kind: 'stall', bytes: pdf, at: 3000 });
    const { service, file, rec } = await setup();
    await service.api.downloadPdfs({ ids: [id] });
    await rec.until(
      (e) => e.type === 'pdf-download' && e.download.id === id && e.download.receivedBytes >= 3000,
    );
    expect(await service.api.cancelPdfDownloads({ ids: [id] })).toEqual({ cancelled: 1 });
    expect((await rec.finished(id)).state).toBe('cancelled');
    expect(filesUnder(file)).toEqual([]);
  });
});
