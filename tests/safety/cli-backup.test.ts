import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/main/service';
import { cli, cliProcess } from '../helpers/cli';
import { tempDir } from '../helpers/library';
import { corruptUsedPage } from './helpers/corrupt';

/** `papershelf backup`, `backups` and `restore`, run in-process like the bin runs them. */
const { dir, cleanup } = tempDir('papershelf-cli-backup-');
afterAll(cleanup);

let counter = 0;
async function newLibrary(): Promise<{ library: string; id: string }> {
  counter += 1;
  const library = path.join(dir, `lib${counter}`, 'library.sqlite');
  const service = await createService({ path: library });
  const id = (await service.api.listPapers({ limit: 1, sort: 'title' })).papers[0].id;
  await service.close();
  return { library, id };
}

async function note(library: string, id: string): Promise<string | null> {
  const service = await createService({ path: library });
  try {
    return (await service.api.getNote({ id }))?.markdown ?? null;
  } finally {
    await service.close();
  }
}

async function setNote(library: string, id: string, text: string): Promise<void> {
  const file = path.join(dir, `note-${crypto.randomBytes(4).toString('hex')}.md`);
  fs.writeFileSync(file, text);
  const { code, stderr } = await cli(['set', id, '--note-file', file, '--library', library]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
}

describe('papershelf backup / backups / restore', () => {
  it('backs up, lists, restores by name, and undoes the restore', async () => {
    const { library, id } = await newLibrary();
    await setNote(library, id, 'first');
    const backup = await cli(['backup', '--library', library]);
    expect(backup.code).toBe(0);
    const made = /Backed up to (\S+) \(/.exec(backup.stdout)?.[1] as string;
    expect(fs.existsSync(made)).toBe(true);

    await setNote(library, id, 'second');
    const list = await cli(['backups', '--library', library]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(path.basename(made));
    expect(list.stdout).toMatch(/manual/);
    const json = JSON.parse((await cli(['backups', '--json', '--library', library])).stdout) as {
      backups: Array<{ file: string; reason: string }>;
      folder: string;
    };
    expect(json.folder).toBe(path.join(path.dirname(library), 'backups'));
    expect(json.backups.find((b) => b.reason === 'manual')?.file).toBe(path.basename(made));

    const restore = await cli(['restore', path.basename(made), '--library', library]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(await note(library, id)).toBe('first');
    const undo = /To undo: papershelf restore (\S+)/.exec(restore.stdout)?.[1] as string;
    expect(undo).toMatch(/-pre-restore(-\d+)?\.sqlite$/);
    expect(restore.stdout).toContain(`--library ${JSON.stringify(library)}`);

    expect((await cli(['restore', undo, '--library', library])).code).toBe(0);
    expect(await note(library, id)).toBe('second');
  });

  it('restores the newest good backup when no file is given, and a file from elsewhere by path', async () => {
    const { library, id } = await newLibrary();
    await setNote(library, id, 'kept in the backup');
    await cli(['backup', '--library', library]);
    await setNote(library, id, 'changed');
    expect((await cli(['restore', '--library', library])).code).toBe(0);
    expect(await note(library, id)).toBe('kept in the backup');

    // Another library's file, copied somewhere else: it is imported, then restored.
    const other = await newLibrary();
    await setNote(other.library, id, 'from another library');
    const outside = path.join(dir, 'carried-on-a-usb-stick.sqlite');
    const made = /Backed up to (\S+) \(/.exec(
      (await cli(['backup', '--library', other.library])).stdout,
    )?.[1] as string;
    fs.copyFileSync(made, outside);
    const restore = await cli(['restore', outside, '--library', library]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(await note(library, id)).toBe('from another library');
    const reasons = JSON.parse(
      (await cli(['backups', '--json', '--library', library])).stdout,
    ).backups.map((b: { reason: string }) => b.reason) as string[];
    expect(reasons).toContain('imported');

    const missing = await cli(['restore', path.join(dir, 'nope.sqlite'), '--library', library]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No backup named .*nope\.sqlite/);
  });

  it('names the newest good backup and the command when the library is damaged, then restores it', async () => {
    const { library, id } = await newLibrary();
    await setNote(library, id, 'safe in the backup');
    const made = /Backed up to (\S+) \(/.exec(
      (await cli(['backup', '--library', library])).stdout,
    )?.[1] as string;
    await setNote(library, id, 'lost with the damage');
    corruptUsedPage(library);
    const damagedBytes = fs.readFileSync(library);

    const list = await cli(['list', '--library', library]);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('is damaged');
    expect(list.stderr).toContain(made);
    expect(list.stderr).toContain(`papershelf restore --library ${JSON.stringify(library)}`);
    expect(fs.readFileSync(library).equals(damagedBytes)).toBe(true);

    // `backups` still works: it reads the folder, not the library.
    expect((await cli(['backups', '--library', library])).stdout).toContain(path.basename(made));

    const restore = await cli(['restore', '--library', library]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const kept = /The damaged library was kept as (\S+)\./.exec(restore.stdout)?.[1] as string;
    expect(fs.readFileSync(kept).equals(damagedBytes)).toBe(true);
    expect(await note(library, id)).toBe('safe in the backup');
  });

  it('puts a backup in place of a library that is missing, without making an empty one first', async () => {
    const { library, id } = await newLibrary();
    await setNote(library, id, 'only in the backup now');
    await cli(['backup', '--library', library]);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${library}${suffix}`, { force: true });
    const restore = await cli(['restore', '--library', library]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(await note(library, id)).toBe('only in the backup now');
  });

  it('warns when the library is inside a cloud-sync folder', async () => {
    const library = path.join(dir, 'Dropbox', 'papers', 'library.sqlite');
    await (await createService({ path: library })).close();
    const list = await cli(['backups', '--library', library]);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/warning: Your library is inside Dropbox/);
    const service = await createService({ path: library });
    const status = await service.api.getSafetyStatus({});
    await service.close();
    expect(status.warnings.map((w) => w.code)).toEqual(['cloud-sync-folder']);
  });
});

describe('papershelf serve on a damaged library', () => {
  it('prints what happened and exits non-zero, leaving the file alone', async () => {
    const { library } = await newLibrary();
    await cli(['backup', '--library', library]);
    corruptUsedPage(library);
    const before = fs.readFileSync(library);
    const run = cliProcess(['serve', '--port', '0', '--no-sync', '--library', library]);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stdout).not.toMatch(/running at/);
    expect(run.stderr).toMatch(/is damaged/);
    expect(run.stderr).toMatch(/papershelf restore/);
    expect(fs.readFileSync(library).equals(before)).toBe(true);
  });
});
