import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServeLink, rememberPort, serveLinkPath } from '../../src/main/server/serve-link';
import { tempDir } from '../helpers/library';

/**
 * Browser mode's link survives restarts: a per-library token (and the last
 * port) kept beside the library, private to its owner (0600), rotated by
 * `papershelf serve --new-token`.
 */
const ROOT = path.resolve(__dirname, '../..');
const isPosix = process.platform !== 'win32';
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function library(): string {
  const { dir, cleanup } = tempDir('papershelf-link-');
  cleanups.push(cleanup);
  return path.join(dir, 'library.sqlite');
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('the kept link', () => {
  it('is made once, private, and the same on every later run', () => {
    const lib = library();
    const first = loadServeLink(lib);
    expect(first.renewed).toBe('first');
    expect(first.file).toBe(serveLinkPath(lib));
    expect(path.dirname(first.file)).toBe(path.dirname(lib));
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.port).toBeNull();
    if (isPosix) expect(modeOf(first.file)).toBe(0o600);
    const again = loadServeLink(lib);
    expect(again.token).toBe(first.token);
    expect(again.renewed).toBeNull();
    // No temporary files are left beside the library.
    expect(fs.readdirSync(path.dirname(lib))).toEqual([path.basename(first.file)]);
  });

  it('keeps the port of the last run, and the token with it', () => {
    const lib = library();
    const link = loadServeLink(lib);
    rememberPort(link.file, link, 48123);
    const next = loadServeLink(lib);
    expect(next).toMatchObject({ token: link.token, port: 48123, renewed: null });
    if (isPosix) expect(modeOf(link.file)).toBe(0o600);
  });

  it('rotates the token when asked, keeping the port', () => {
    const lib = library();
    const link = loadServeLink(lib);
    rememberPort(link.file, link, 48124);
    const rotated = loadServeLink(lib, { newToken: true });
    expect(rotated.renewed).toBe('asked');
    expect(rotated.token).not.toBe(link.token);
    expect(rotated.port).toBe(48124);
    expect(loadServeLink(lib).token).toBe(rotated.token);
  });

  it.runIf(isPosix)('does not trust a token others could read: a new one, private again', () => {
    const lib = library();
    const link = loadServeLink(lib);
    fs.chmodSync(link.file, 0o644);
    const next = loadServeLink(lib);
    expect(next.renewed).toBe('unsafe');
    expect(next.token).not.toBe(link.token);
    expect(modeOf(next.file)).toBe(0o600);
  });

  it('replaces an unreadable file with a clear reason', () => {
    const lib = library();
    for (const content of ['{not json', '[]', '{"token": "short"}', '{"token": 5}', '']) {
      fs.writeFileSync(serveLinkPath(lib), content, { mode: 0o600 });
      const link = loadServeLink(lib);
      expect(link.renewed, content).toBe('unreadable');
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it.runIf(isPosix)('refuses to follow a symlink in its place, touching nothing', () => {
    const lib = library();
    const target = path.join(path.dirname(lib), 'elsewhere.txt');
    fs.writeFileSync(target, 'not yours');
    fs.symlinkSync(target, serveLinkPath(lib));
    expect(() => loadServeLink(lib)).toThrow(/not a plain file/);
    expect(fs.readFileSync(target, 'utf8')).toBe('not yours');
    expect(fs.lstatSync(serveLinkPath(lib)).isSymbolicLink()).toBe(true);
  });
});

/** `papershelf serve` as a child process: its printed lines once it is listening, and a way to stop it. */
async function serve(args: string[]): Promise<{ lines: string[]; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/main/cli/index.ts'), 'serve', '--no-sync', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const reader = readline.createInterface({ input: child.stdout });
    reader.on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Press Ctrl+C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    lines,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function status(url: string, token: string): Promise<number> {
  const origin = new URL(url).origin;
  const response = await fetch(`${origin}/api/getLibraryInfo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-papershelf-token': token },
    body: '{}',
  });
  return response.status;
}

describe('papershelf serve', () => {
  it('prints the same link after a restart; --new-token changes it and the old one stops working', async () => {
    const lib = library();
    const first = await serve(['--library', lib]);
    const url = /running at (\S+)$/.exec(first.lines[0])![1];
    const token = new URL(url).searchParams.get('token')!;
    expect(await status(url, token)).toBe(200);
    expect(first.lines.join('\n')).toContain(serveLinkPath(lib));
    await first.stop();

    const second = await serve(['--library', lib]);
    expect(second.lines[0]).toBe(`Papershelf is running at ${url}`);
    expect(await status(url, token)).toBe(200);
    await second.stop();

    const rotated = await serve(['--library', lib, '--new-token']);
    const newUrl = /running at (\S+)$/.exec(rotated.lines[0])![1];
    expect(new URL(newUrl).port).toBe(new URL(url).port);
    const newToken = new URL(newUrl).searchParams.get('token')!;
    expect(newToken).not.toBe(token);
    expect(rotated.lines.join('\n')).toMatch(/no longer work/);
    expect(await status(newUrl, token)).toBe(401);
    expect(await status(newUrl, newToken)).toBe(200);
    await rotated.stop();
    // Three runs of the CLI from source (tsx): seconds each on a loaded machine.
  }, 120_000);

  it('runs on another port when the remembered one is taken, and says so', async () => {
    const lib = library();
    const first = await serve(['--library', lib]);
    const url = /running at (\S+)$/.exec(first.lines[0])![1];
    // The first run still holds its port.
    const second = await serve(['--library', lib]);
    const secondUrl = /running at (\S+)$/.exec(second.lines[0])![1];
    expect(new URL(secondUrl).port).not.toBe(new URL(url).port);
    expect(new URL(secondUrl).searchParams.get('token')).toBe(
      new URL(url).searchParams.get('token'),
    );
    expect(second.lines.join('\n')).toMatch(/is in use, so the link’s port changed/);
    await second.stop();
    await first.stop();
  }, 120_000);
});
