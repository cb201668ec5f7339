import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupLocation, changedMarkerPath, listBackupFiles } from '../../src/main/backup/files';
import { createBackupManager } from '../../src/main/backup/manager';
import { openLibrary } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { createService } from '../../src/main/service';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/library';
import { makePdf } from '../pdf/helpers/make-pdf';
import { startPdfServer, type PdfServer } from '../pdf/helpers/pdf-server';
import { pdfPath, recordEvents, SAMPLE } from '../pdf/helpers/service';

/** What the library says about its reader stays theirs: 0700 folders, 0600 files. */
const { dir, cleanup } = tempDir('papershelf-private-');
let server: PdfServer;
beforeAll(async () => {
  server = await startPdfServer();
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const posix = process.platform !== 'win32';
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe.runIf(posix)('file modes on POSIX', () => {
  it('creates the library folder 0700 and the library, its -wal/-shm, backups and PDFs 0600', async () => {
    const previous = process.umask(0o022); // the usual umask, which would give 0755/0644
    try {
      const folder = path.join(dir, 'modes', 'deeper');
      const library = path.join(folder, 'library.sqlite');
      const service = await createService({
        path: library,
        env: {
          ...process.env,
          PAPERSHELF_PDF_URL: server.baseUrl,
          PAPERSHELF_PDF_INTERVAL_MS: '0',
        },
      });
      try {
        expect(mode(path.join(dir, 'modes'))).toBe(0o700);
        expect(mode(folder)).toBe(0o700);
        for (const suffix of ['', '-wal', '-shm']) expect(mode(`${library}${suffix}`)).toBe(0o600);

        const backup = await service.api.createBackup({});
        expect(mode(path.dirname(backup.path))).toBe(0o700);
        expect(mode(backup.path)).toBe(0o600);

        const id = SAMPLE[0];
        server.behave(id, { kind: 'pdf', bytes: await makePdf() });
        const events = recordEvents(service);
        await service.api.downloadPdfs({ ids: [id] });
        expect(await events.finished(id)).toMatchObject({ state: 'done' });
        expect(mode(path.dirname(pdfPath(library, id)))).toBe(0o700);
        expect(mode(pdfPath(library, id))).toBe(0o600);

        // A restore's undo point and the library it leaves are private too.
        const { undo } = await service.api.restoreBackup({ file: backup.file });
        expect(mode(undo.path)).toBe(0o600);
        expect(mode(library)).toBe(0o600);
      } finally {
        await service.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('makes an existing library that others could read private when it opens', async () => {
    const library = path.join(dir, 'loose', 'library.sqlite');
    await (await createService({ path: library })).close();
    fs.chmodSync(library, 0o644);
    await (await createService({ path: library })).close();
    expect(mode(library)).toBe(0o600);
  });

  it('an offline restore puts a private file in place', async () => {
    const library = path.join(dir, 'offline', 'library.sqlite');
    await (await createService({ path: library })).close();
    expect((await cli(['backup', '--library', library])).code).toBe(0);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${library}${suffix}`, { force: true });
    expect((await cli(['restore', '--library', library])).code).toBe(0);
    expect(mode(library)).toBe(0o600);
  });
});

/** A library changed since its last backup, with no backup today: the next start takes the daily one. */
async function dailyDue(name: string): Promise<string> {
  const library = path.join(dir, name, 'library.sqlite');
  await (await createService({ path: library })).close();
  const location = backupLocation(library);
  fs.rmSync(location.folder, { recursive: true, force: true });
  fs.mkdirSync(location.folder);
  fs.writeFileSync(changedMarkerPath(location), `${new Date().toISOString()}\n`);
  return library;
}

const dailies = (library: string) =>
  listBackupFiles(backupLocation(library)).filter((b) => b.reason === 'daily');

describe('the daily backup', () => {
  it('three connections checking together make one daily backup', async () => {
    const library = await dailyDue('three-in-one');
    // Each with its own connection and backup manager, as three processes have;
    // all three look at once, before any has finished its copy.
    const libs = [];
    for (let i = 0; i < 3; i += 1)
      libs.push(await openLibrary({ policy: backupOpeningPolicy, path: library }));
    try {
      const managers = libs.map((lib) => createBackupManager({ lib, keep: async () => 5 }));
      const made = await Promise.all(managers.map((m) => m.runDailyIfDue()));
      expect(made.filter((b) => b !== null)).toHaveLength(1);
      await Promise.all(managers.map((m) => m.close()));
    } finally {
      for (const lib of libs) await lib.close();
    }
    expect(dailies(library)).toHaveLength(1);
    expect(fs.existsSync(path.join(path.dirname(library), 'backups', '.library.daily.lock'))).toBe(
      false,
    );
  });

  it('a lock left by a process that died does not stop the daily backup', async () => {
    const library = await dailyDue('stale-lock');
    // A pid that is not running: the lock of a crashed process.
    fs.writeFileSync(
      path.join(path.dirname(library), 'backups', '.library.daily.lock'),
      `2147483646\n${new Date().toISOString()}\n`,
    );
    await (await createService({ path: library })).close();
    expect(dailies(library)).toHaveLength(1);
  });
});
