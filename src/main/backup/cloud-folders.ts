import os from 'node:os';
import path from 'node:path';

/**
 * Is a path inside a folder that a cloud-sync client copies around? Such
 * clients upload a database while it is being written, sync `library.sqlite`
 * and its `-wal` separately, and make "conflicted copies": a classic way to
 * lose a SQLite library. We only warn: the user chose the place.
 *
 * Detection is by well-known folder names, which is what these clients use by
 * default. Names that are common words ("Box", "MEGA") only count directly in
 * the home folder; distinctive ones ("Dropbox", "OneDrive - Contoso") count
 * anywhere in the path.
 */

export interface CloudSyncFolder {
  /** The service, for the message: "Dropbox", "iCloud Drive", ... */
  provider: string;
  /** The synced folder the path is in. */
  folder: string;
}

interface Rule {
  provider: string;
  test: (segment: string) => boolean;
  /** Only when the folder sits directly in the home folder. */
  homeOnly?: boolean;
}

const exact =
  (...names: string[]) =>
  (segment: string) =>
    names.includes(segment.toLowerCase());

const RULES: Rule[] = [
  // "Dropbox", "Dropbox (Personal)", "Dropbox (Contoso Ltd)"
  { provider: 'Dropbox', test: (s) => /^dropbox( \(.+\))?$/i.test(s) },
  // Windows and macOS: "OneDrive", "OneDrive - Contoso", "OneDrive - Personal"
  { provider: 'OneDrive', test: (s) => /^onedrive( - .+)?$/i.test(s) },
  { provider: 'Google Drive', test: exact('google drive', 'googledrive', 'my drive') },
  {
    provider: 'iCloud Drive',
    test: exact('icloud drive', 'iclouddrive', 'icloud~com~apple~clouddocs'),
  },
  { provider: 'Nextcloud', test: exact('nextcloud') },
  { provider: 'ownCloud', test: exact('owncloud') },
  { provider: 'pCloud', test: exact('pcloud drive', 'pclouddrive') },
  { provider: 'Synology Drive', test: exact('synologydrive') },
  { provider: 'Seafile', test: exact('seafile') },
  { provider: 'Yandex Disk', test: exact('yandex.disk') },
  { provider: 'Tresorit', test: exact('tresorit') },
  { provider: 'Box', test: exact('box', 'box sync'), homeOnly: true },
  { provider: 'MEGA', test: exact('mega', 'megasync'), homeOnly: true },
];

/** macOS File Provider mounts: ~/Library/CloudStorage/<Provider>-<account>. */
const CLOUD_STORAGE_PROVIDERS: Array<[RegExp, string]> = [
  [/^onedrive/i, 'OneDrive'],
  [/^googledrive/i, 'Google Drive'],
  [/^dropbox/i, 'Dropbox'],
  [/^box/i, 'Box'],
];

export interface CloudCheckEnvironment {
  platform?: NodeJS.Platform;
  home?: string;
  env?: NodeJS.ProcessEnv;
}

export function detectCloudSyncFolder(
  filePath: string,
  environment: CloudCheckEnvironment = {},
): CloudSyncFolder | null {
  const platform = environment.platform ?? process.platform;
  const env = environment.env ?? process.env;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const home = p.normalize(environment.home ?? os.homedir());
  const target = p.normalize(filePath);
  const ignoreCase = platform === 'win32' || platform === 'darwin';
  const same = (a: string, b: string) =>
    ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;

  // Windows publishes the OneDrive folders in the environment, wherever they are.
  if (platform === 'win32') {
    for (const name of ['OneDrive', 'OneDriveConsumer', 'OneDriveCommercial']) {
      const root = env[name];
      if (root && isInside(p, target, p.normalize(root), ignoreCase)) {
        return { provider: 'OneDrive', folder: p.normalize(root) };
      }
    }
  }

  const segments = splitSegments(p, target);
  const homeSegments = splitSegments(p, home);
  const underHome =
    homeSegments.length > 0 &&
    segments.length > homeSegments.length &&
    homeSegments.every((s, i) => same(s, segments[i]));

  // The last segment is the file itself: only folders count.
  for (let i = 0; i < segments.length - 1; i += 1) {
    const segment = segments[i];
    const folder = joinSegments(p, target, segments.slice(0, i + 1));
    // ~/Library/Mobile Documents (iCloud Drive and app containers synced by iCloud)
    if (same(segment, 'Mobile Documents') && i > 0 && same(segments[i - 1], 'Library')) {
      return { provider: 'iCloud Drive', folder };
    }
    // ~/Library/CloudStorage/<Provider>-<account>
    if (
      i > 0 &&
      same(segments[i - 1], 'CloudStorage') &&
      i > 1 &&
      same(segments[i - 2], 'Library')
    ) {
      const known = CLOUD_STORAGE_PROVIDERS.find(([pattern]) => pattern.test(segment));
      return { provider: known ? known[1] : 'a cloud storage service', folder };
    }
    for (const rule of RULES) {
      if (!rule.test(segment)) continue;
      if (rule.homeOnly && !(underHome && i === homeSegments.length)) continue;
      return { provider: rule.provider, folder };
    }
  }
  return null;
}

function splitSegments(p: path.PlatformPath, full: string): string[] {
  const root = p.parse(full).root;
  return full
    .slice(root.length)
    .split(p.sep)
    .filter((s) => s !== '');
}

function joinSegments(p: path.PlatformPath, full: string, segments: string[]): string {
  return p.join(p.parse(full).root, ...segments);
}

function isInside(
  p: path.PlatformPath,
  target: string,
  root: string,
  ignoreCase: boolean,
): boolean {
  const rel = p.relative(
    ignoreCase ? root.toLowerCase() : root,
    ignoreCase ? target.toLowerCase() : target,
  );
  return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
}

export function cloudSyncWarning(found: CloudSyncFolder): string {
  return (
    `Your library is inside ${found.provider} (${found.folder}). Sync services can copy a ` +
    'library while it is being written and create conflicting copies, which can lose notes. ' +
    'Move the library to a folder that is not synced; its backups are kept beside it.'
  );
}
