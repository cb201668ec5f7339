import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createToken } from './security';

/**
 * Browser mode's link, kept so it survives restarts: the secret token and the
 * port of the last run, in a small JSON file beside the library that only its
 * owner may read (0600). `papershelf serve --new-token` rotates the token (old
 * links and bookmarks stop working at once).
 */
export interface ServeLink {
  token: string;
  /** The port of the last run, tried first so a bookmark keeps working; null before the first. */
  port: number | null;
}

export interface LoadedServeLink extends ServeLink {
  file: string;
  /** Why a new token was made, when it was (first run, rotation asked for, or a file not to trust). */
  renewed: 'first' | 'asked' | 'unsafe' | 'unreadable' | null;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** `library.sqlite` → `library.sqlite.serve.json`, in the same folder. */
export function serveLinkPath(libraryPath: string): string {
  return `${libraryPath}.serve.json`;
}

/**
 * The kept link, or a new one (written before this returns). A file that others
 * could read (group or world bits set) is not trusted: its token gets replaced.
 */
export function loadServeLink(
  libraryPath: string,
  options: { newToken?: boolean } = {},
): LoadedServeLink {
  const file = serveLinkPath(libraryPath);
  const existing = readLink(file);
  let renewed: LoadedServeLink['renewed'] = null;
  let port: number | null = null;
  if (existing.kind === 'ok') {
    port = existing.link.port;
    if (options.newToken) renewed = 'asked';
    else if (existing.isExposed) renewed = 'unsafe';
    else return { ...existing.link, file, renewed: null };
  } else {
    renewed = existing.kind === 'missing' ? (options.newToken ? 'asked' : 'first') : 'unreadable';
  }
  const link = { token: createToken(), port };
  writeServeLink(file, link);
  return { ...link, file, renewed };
}

/** Remember the port this run listens on (the token stays). */
export function rememberPort(file: string, link: ServeLink, port: number): void {
  if (link.port === port) return;
  writeServeLink(file, { ...link, port });
}

type ReadResult =
  { kind: 'ok'; link: ServeLink; isExposed: boolean } | { kind: 'missing' } | { kind: 'invalid' };

function readLink(file: string): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (!stat.isFile()) {
    // A symlink or a folder in its place is not ours to follow or replace.
    throw new AppError(
      'bad_file',
      `${file} is not a plain file; move it away and start again to make a new link`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { kind: 'invalid' };
  }
  if (typeof raw !== 'object' || raw === null) return { kind: 'invalid' };
  const { token, port } = raw as Record<string, unknown>;
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return { kind: 'invalid' };
  const isPort = typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536;
  // Windows has no mode bits (an ACL on the user's profile folder guards it instead).
  const isExposed = process.platform !== 'win32' && (stat.mode & 0o077) !== 0;
  return { kind: 'ok', link: { token, port: isPort ? port : null }, isExposed };
}

/**
 * Written to a private temporary file and renamed over the old one, so the
 * token is never readable by others, not even for a moment, and a crash leaves
 * the old file or the new one, never half of either.
 */
function writeServeLink(file: string, link: ServeLink): void {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(link, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
