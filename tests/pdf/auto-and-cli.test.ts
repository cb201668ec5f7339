import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './helpers/cli';
import { makePdf } from './helpers/make-pdf';
import { startPdfServer, type PdfServer } from './helpers/pdf-server';
import { filesUnder, pdfPath, pdfService, recordEvents, SAMPLE } from './helpers/service';
import { tempDir } from '../helpers/library';

let server: PdfServer;
let pdf: Buffer;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  server = await startPdfServer();
  pdf = await makePdf();
  for (const id of SAMPLE) server.behave(id, { kind: 'pdf', bytes: pdf });
});
afterAll(() => server.close());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const requestsFor = (id: string) => server.requests.filter((r) => r.id === id).length;

describe('the "download when moved to To read or Reading" setting', () => {
  it('queues a paper moved to To read or Reading, only while the setting is on', async () => {
    const t = await pdfService(server);
    cleanups.push(t.cleanup);
    const { service } = t;
    const rec = recordEvents(service);
    const [off, on, reading, read] = SAMPLE;
    const before = new Map(SAMPLE.map((id) => [id, requestsFor(id)]));

    // Off (the default): moving a paper fetches nothing.
    await service.api.setStatus({ ids: [off], status: 'toread' });
    await service.api.updateSettings({ changes: { autoDownloadPdfs: true } });
    await service.api.setStatus({ ids: [read], status: 'read' });
    await service.api.setStatus({ ids: [on], status: 'toread' });
    await service.api.setStatus({ ids: [reading], status: 'reading' });

    const downloads = await Promise.all([rec.finished(on), rec.finished(reading)]);
    expect(downloads.map((d) => [d.state, d.auto])).toEqual([
      ['done', true],
      ['done', true],
    ]);
    // Checks run in order, so by now the earlier moves were looked at too.
    expect(requestsFor(off) - before.get(off)!).toBe(0);
    expect(requestsFor(read) - before.get(read)!).toBe(0);
    expect(fs.existsSync(pdfPath(t.file, on))).toBe(true);

    // Removing the PDF sticks: starring the paper (no status change) does not bring it back.
    await service.api.removePdfs({ ids: [on] });
    await service.api.setStarred({ ids: [on], starred: true });
    await service.api.setStatus({ ids: [off], status: 'reading' }); // a fresh move, as a marker
    expect((await rec.finished(off)).state).toBe('done');
    expect(fs.existsSync(pdfPath(t.file, on))).toBe(false);
    expect(requestsFor(on) - before.get(on)!).toBe(1);
  });
});

describe('papershelf pdf', () => {
  async function library() {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const env = {
      ...process.env,
      PAPERSHELF_PDF_URL: server.baseUrl,
      PAPERSHELF_PDF_INTERVAL_MS: '0',
      PAPERSHELF_AUTO_SYNC: '0',
    };
    const file = path.join(dir, 'library.sqlite');
    const cli = (args: string[]) => runCliCaptured([...args, '--library', file], env);
    return { file, cli };
  }

  it('downloads a paper, prints the path with --open, lists and removes', async () => {
    const { file, cli } = await library();
    const id = SAMPLE[0];
    const first = await cli(['pdf', id]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/saved\s+10\.\d kB/);

    const open = await cli(['pdf', id, '--open']);
    expect(open.code).toBe(0);
    expect(open.stdout.trim()).toBe(pdfPath(file, id));

    const list = await cli(['pdf', '--list', '--json']);
    const listed = JSON.parse(list.stdout) as {
      pdfs: Array<{ id: string; sizeBytes: number }>;
      usage: { pdfCount: number };
    };
    expect(listed.pdfs).toEqual([{ id, sizeBytes: pdf.length, path: pdfPath(file, id) }]);
    expect(listed.usage.pdfCount).toBe(1);

    const removed = await cli(['pdf', '--remove', id]);
    expect(removed.stdout).toMatch(/Removed 1 PDF/);
    expect(filesUnder(file)).toEqual([]);
  });

  it('downloads a whole view with --status', async () => {
    const { file, cli } = await library();
    const ids = [SAMPLE[1], SAMPLE[2]];
    for (const id of ids) {
      expect((await cli(['set', id, '--status', 'toread'])).code).toBe(0);
    }
    const run = await cli(['pdf', '--status', 'toread', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const outcomes = JSON.parse(run.stdout) as Array<{ id: string; state: string }>;
    expect(outcomes.map((o) => [o.id, o.state]).sort()).toEqual(
      ids.map((id) => [id, 'saved']).sort(),
    );
    expect(filesUnder(file)).toEqual(ids.map((id) => `${id}.pdf`).sort());
  });

  it('fails with one clear line and a non-zero exit', async () => {
    const { cli } = await library();
    server.behave('2403.18955', { kind: 'status', status: 404 });
    const missing = await cli(['pdf', '2403.18955']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/papershelf: 2403\.18955: arXiv has no PDF/);

    const unknown = await cli(['pdf', '9999.99999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No paper 9999\.99999/);

    const usage = await cli(['pdf']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Give paper ids, or --status/);
  });
});
