import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTING_DEFAULTS } from '../../src/shared/api/settings';
import { cli } from '../helpers/cli';
import { tempDir, tempService } from '../helpers/library';

/**
 * Data never chooses where the app connects or how often, nor what a link in
 * an export runs: a crafted JSON backup's settings, links and titles, and what
 * a merge says about synced days.
 */
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function library(options: { seedSample?: boolean } = {}) {
  const lib = await tempService(options);
  cleanups.push(lib.cleanup);
  return lib;
}

function backupJson(extra: Record<string, unknown> = {}, papers: unknown[] = []): string {
  return JSON.stringify({
    format: 'papershelf-backup',
    version: 1,
    complete: true,
    papers,
    ...extra,
  });
}

const HOSTILE_PAPER = {
  id: '2501.00001',
  title: 'A\u0000 title\u001b[31m with\u0007 controls\u009b',
  authors: ['Eve\u0000 Mallory'],
  projectPage: 'javascript:alert(document.cookie)',
  githubRepo: 'data:text/html,<script>alert(1)</script>',
  thumbnail: 'file:///etc/passwd',
};

describe('settings from a backup', () => {
  it('never change the feed URL or the sync interval; the rest is restored and the skipped ones are reported', async () => {
    const { service } = await library({ seedSample: false });
    const result = await service.api.importFile({
      fileName: 'crafted.json',
      content: backupJson({
        settings: {
          feedUrl: 'http://attacker.example/',
          syncIntervalHours: 2,
          theme: 'dark',
          backupKeep: 9,
        },
      }),
      tags: [],
    });
    expect(result.mode).toBe('restore');
    expect(result.skippedSettings).toEqual({
      feedUrl: 'http://attacker.example/',
      syncIntervalHours: 2,
    });
    expect(await service.api.getSettings({})).toEqual({
      ...SETTING_DEFAULTS,
      theme: 'dark',
      backupKeep: 9,
    });
    // The app may offer them: applying is the user's own updateSettings.
    await service.api.updateSettings({ changes: result.skippedSettings });
    expect((await service.api.getSettings({})).syncIntervalHours).toBe(2);
  });

  it('a sync interval below an hour is invalid even when the user asks', async () => {
    const { service } = await library({ seedSample: false });
    const result = await service.api.importFile({
      fileName: 'crafted.json',
      content: backupJson({ settings: { syncIntervalHours: 0.00001 } }),
      tags: [],
    });
    // Not a valid value at all, so not even offered.
    expect(result.skippedSettings).toEqual({});
    for (const hours of [0.00001, 0.5, -1]) {
      const refused = await service.dispatch('updateSettings', {
        changes: { syncIntervalHours: hours },
      });
      expect(refused, String(hours)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // 0 (off) and an hour or more are fine.
    await service.api.updateSettings({ changes: { syncIntervalHours: 0 } });
    await service.api.updateSettings({ changes: { syncIntervalHours: 1 } });
    // A stored value below the floor (written by an older version) reads as the default.
    service.lib.sqlite
      .prepare("insert or replace into settings (key, value) values ('syncIntervalHours', '0.001')")
      .run();
    expect((await service.api.getSettings({})).syncIntervalHours).toBe(
      SETTING_DEFAULTS.syncIntervalHours,
    );
  });

  it('the CLI says which settings it skipped', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'crafted.json');
    fs.writeFileSync(
      file,
      backupJson({ settings: { feedUrl: 'http://attacker.example/', syncIntervalHours: 3 } }),
    );
    const library = path.join(dir, 'library.sqlite');
    const run = await cli(['import', file, '--library', library]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Skipped settings from the file .*feed URL "http:\/\/attacker\.example\/", sync interval 3 h/,
    );
  });
});

describe('links and titles from a backup', () => {
  it('keeps only http(s) links and strips control characters, so no export carries them', async () => {
    const { service } = await library({ seedSample: false });
    await service.api.importFile({
      fileName: 'crafted.json',
      content: backupJson({}, [{ ...HOSTILE_PAPER, id: 'local:x' }, HOSTILE_PAPER]),
      tags: [],
    });
    const paper = await service.api.getPaper({ id: HOSTILE_PAPER.id });
    expect(paper).toMatchObject({
      title: 'A title[31m with controls', // ESC gone, so no terminal escape is left
      projectPage: null,
      githubRepo: null,
      thumbnail: null,
    });
    expect(paper?.authors.map((a) => a.name)).toEqual(['Eve Mallory']);
    for (const format of ['bibtex', 'json', 'csl-json'] as const) {
      const out = await service.api.exportPapers({ format, scope: {} });
      const text = 'content' in out ? out.content : '';
      expect(text, format).not.toMatch(/javascript:|data:text|file:\/\//);
      // eslint-disable-next-line no-control-regex -- what must not be there
      expect(text, format).not.toMatch(/[\u0000-\u0008\u001b\u007f-\u009f]/);
    }
    const vault = await service.api.exportPapers({ format: 'markdown', scope: {} });
    const files = 'files' in vault ? vault.files : [];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f.content).not.toMatch(/javascript:/);
  });

  it('an old library holding a javascript: link does not export it', async () => {
    const { service } = await library({ seedSample: false });
    await service.api.importFile({
      fileName: 'ok.json',
      content: backupJson({}, [{ id: 'local:x', title: 'Local paper' }]),
      tags: [],
    });
    service.lib.sqlite
      .prepare("update papers set project_page = 'javascript:alert(1)' where id = 'local:x'")
      .run();
    for (const format of ['bibtex', 'csl-json'] as const) {
      const out = await service.api.exportPapers({ format, scope: {} });
      expect('content' in out ? out.content : '', format).not.toContain('javascript:');
    }
  });
});

describe('synced days in an import', () => {
  const days = [{ day: '2020-01-01', fetchedAt: '2020-01-02T00:00:00.000Z', count: 3, skipped: 0 }];

  it('a merge never marks feed days as synced that this library did not fetch', async () => {
    const { service } = await library(); // has the sample papers: a merge
    const before = service.lib.sqlite.prepare('select * from synced_days').all();
    const result = await service.api.importFile({
      fileName: 'other.json',
      content: backupJson({ syncedDays: days }, [{ id: '2501.00002', title: 'Merged paper' }]),
      tags: [],
    });
    expect(result.mode).toBe('merge');
    expect(result.papers.added).toBe(1);
    expect(service.lib.sqlite.prepare('select * from synced_days').all()).toEqual(before);
  });

  it('a restore into an empty library keeps them: it becomes that library', async () => {
    const { service } = await library({ seedSample: false });
    const result = await service.api.importFile({
      fileName: 'mine.json',
      content: backupJson({ syncedDays: days }),
      tags: [],
    });
    expect(result.mode).toBe('restore');
    expect(service.lib.sqlite.prepare('select day from synced_days').pluck().all()).toEqual([
      '2020-01-01',
    ]);
  });
});
