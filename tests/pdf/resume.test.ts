import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createService } from '../../src/main/service';
import { tempDir } from '../helpers/library';
import { runCliCaptured } from './helpers/cli';
import { makePdf } from './helpers/make-pdf';
import { DEFAULT_ETAG, startPdfServer, type PdfServer } from './helpers/pdf-server';
import { filesUnder, pdfPath, recordEvents, SAMPLE } from './helpers/service';

const ROOT = path.resolve(__dirname, '../..');
let server: PdfServer;
let pdf: Buffer;

beforeAll(async () => {
  server = await startPdfServer();
  pdf = await makePdf();
});
afterAll(() => server.close());

function envFor(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PAPERSHELF_PDF_URL: server.baseUrl,
    PAPERSHELF_PDF_INTERVAL_MS: '0',
    PAPERSHELF_AUTO_SYNC: '0',
  };
}

it('resumes with HTTP Range after the downloading process is killed', async () => {
  const id = SAMPLE[0];
  const { dir, cleanup } = tempDir();
  try {
    const library = path.join(dir, 'library.sqlite');
    server.behave(id, { kind: 'stall', bytes: pdf, at: 4096 });
    const before = server.requests.length;

    // A real process downloading with the real downloader, killed without warning mid-way.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, 'helpers/download-child.ts'),
        library,
        id,
        server.baseUrl,
      ],
      { cwd: ROOT, env: envFor(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // A progress event comes after its bytes were written to the .part file.
        if (/"receivedBytes":4096/.test(stdout)) resolve();
      });
      child.once('exit', () => reject(new Error(`the child exited early: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const partial = filesUnder(library);
    expect(partial).toContain(`.partial/${id}.pdf.part`);
    expect(fs.existsSync(pdfPath(library, id))).toBe(false); // never taken for a saved PDF
    const onDisk = fs.statSync(path.join(dir, 'pdfs', '.partial', `${id}.pdf.part`)).size;
    expect(onDisk).toBe(4096);

    // Run again: it asks only for the rest, guarded by If-Range.
    server.behave(id, { kind: 'pdf', bytes: pdf });
    const run = await runCliCaptured(['pdf', id, '--library', library], envFor());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${id.replace('.', '\\.')}\\s+saved`));
    const sent = server.requests.slice(before).filter((r) => r.id === id);
    expect(sent.at(-1)).toMatchObject({ range: 'bytes=4096-', ifRange: DEFAULT_ETAG });
    expect(fs.readFileSync(pdfPath(library, id)).equals(pdf)).toBe(true);
    expect(filesUnder(library)).toEqual([`${id}.pdf`]); // lock, meta and part are gone
  } finally {
    cleanup();
  }
});

it('keeps the partial file when the app closes mid-download, and resumes next time', async () => {
  const id = SAMPLE[1];
  const { dir, cleanup } = tempDir();
  try {
    const library = path.join(dir, 'library.sqlite');
    server.behave(id, { kind: 'stall', bytes: pdf, at: 5000 });
    const first = await createService({ path: library, env: envFor() });
    const rec = recordEvents(first);
    await first.api.downloadPdfs({ ids: [id] });
    await rec.until(
      (e) => e.type === 'pdf-download' && e.download.id === id && e.download.receivedBytes >= 5000,
    );
    await first.close();
    expect(rec.downloads(id).at(-1)?.state).toBe('interrupted');
    expect(filesUnder(library)).toEqual([`.partial/${id}.pdf.json`, `.partial/${id}.pdf.part`]);

    server.behave(id, { kind: 'pdf', bytes: pdf });
    const second = await createService({ path: library, env: envFor() });
    try {
      const rec2 = recordEvents(second);
      await second.api.downloadPdfs({ ids: [id] });
      const done = await rec2.finished(id);
      expect(done).toMatchObject({ state: 'done', resumedFromBytes: 5000 });
      expect(fs.readFileSync(pdfPath(library, id)).equals(pdf)).toBe(true);
    } finally {
      await second.close();
    }
  } finally {
    cleanup();
  }
});

it('starts over when the file changed on the server since the partial download', async () => {
  const id = SAMPLE[2];
  const { dir, cleanup } = tempDir();
  try {
    const library = path.join(dir, 'library.sqlite');
    const old = await makePdf({ title: 'Version one' });
    server.behave(id, { kind: 'stall', bytes: old, at: 3000, etag: '"old"' });
    const first = await createService({ path: library, env: envFor() });
    const rec = recordEvents(first);
    await first.api.downloadPdfs({ ids: [id] });
    await rec.until(
      (e) => e.type === 'pdf-download' && e.download.id === id && e.download.receivedBytes >= 3000,
    );
    await first.close();

    // A new version (new ETag): the server ignores the stale range and sends it all.
    server.behave(id, { kind: 'pdf', bytes: pdf, etag: '"new"' });
    const second = await createService({ path: library, env: envFor() });
    try {
      const rec2 = recordEvents(second);
      await second.api.downloadPdfs({ ids: [id] });
      expect(await rec2.finished(id)).toMatchObject({ state: 'done', resumedFromBytes: 0 });
      expect(server.requests.filter((r) => r.id === id).at(-1)).toMatchObject({
        range: 'bytes=3000-',
        ifRange: '"old"',
      });
      expect(fs.readFileSync(pdfPath(library, id)).equals(pdf)).toBe(true);
    } finally {
      await second.close();
    }
  } finally {
    cleanup();
  }
});
