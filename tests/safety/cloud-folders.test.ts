import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCloudSyncFolder } from '../../src/main/backup/cloud-folders';
import { LIBRARY_FILE_NAME, userDataDir } from '../../src/main/db/paths';

const mac = { platform: 'darwin' as const, home: '/Users/ada', env: {} };
const linux = { platform: 'linux' as const, home: '/home/ada', env: {} };
const win = {
  platform: 'win32' as const,
  home: 'C:\\Users\\ada',
  env: {
    OneDriveCommercial: 'D:\\Work Stuff\\Synced',
    APPDATA: 'C:\\Users\\ada\\AppData\\Roaming',
  },
};

describe('cloud-sync folder detection', () => {
  it.each([
    [mac, '/Users/ada/Dropbox/papers/library.sqlite', 'Dropbox'],
    [mac, '/Users/ada/Dropbox (Personal)/library.sqlite', 'Dropbox'],
    [mac, '/Users/ada/Library/Mobile Documents/com~apple~CloudDocs/library.sqlite', 'iCloud Drive'],
    [mac, '/Users/ada/library/mobile documents/x/library.sqlite', 'iCloud Drive'],
    [mac, '/Users/ada/Library/CloudStorage/OneDrive-Contoso/library.sqlite', 'OneDrive'],
    [
      mac,
      '/Users/ada/Library/CloudStorage/GoogleDrive-ada@example.com/My Drive/l.sqlite',
      'Google Drive',
    ],
    [mac, '/Users/ada/Library/CloudStorage/Weird-Provider/l.sqlite', 'a cloud storage service'],
    [linux, '/home/ada/Nextcloud/Papers/library.sqlite', 'Nextcloud'],
    [linux, '/home/ada/ownCloud/library.sqlite', 'ownCloud'],
    [linux, '/home/ada/pCloudDrive/library.sqlite', 'pCloud'],
    [linux, '/home/ada/MEGA/library.sqlite', 'MEGA'],
    [linux, '/home/ada/Box/library.sqlite', 'Box'],
    [linux, '/mnt/data/Dropbox/library.sqlite', 'Dropbox'],
    [win, 'C:\\Users\\ada\\OneDrive\\Documents\\library.sqlite', 'OneDrive'],
    [win, 'C:\\Users\\ada\\OneDrive - Contoso Ltd\\library.sqlite', 'OneDrive'],
    [win, 'D:\\Work Stuff\\Synced\\papers\\library.sqlite', 'OneDrive'],
    [win, 'd:\\work stuff\\SYNCED\\library.sqlite', 'OneDrive'],
    [win, 'C:\\Users\\ada\\iCloudDrive\\library.sqlite', 'iCloud Drive'],
    [win, 'G:\\My Drive\\library.sqlite', 'Google Drive'],
    [win, 'C:\\Users\\ada\\Google Drive\\library.sqlite', 'Google Drive'],
  ])('%#: %s is in %s', (environment, file, provider) => {
    expect(detectCloudSyncFolder(file, environment)?.provider).toBe(provider);
  });

  it.each([
    [mac, '/Users/ada/Library/Application Support/Papershelf/library.sqlite'],
    [mac, '/Users/ada/Documents/papers/library.sqlite'],
    [linux, '/home/ada/.config/Papershelf/library.sqlite'],
    [linux, '/home/ada/code/box/library.sqlite'], // "box" deep in a project is not Box Drive
    [linux, '/home/ada/projects/MEGA/library.sqlite'],
    [linux, '/home/ada/Dropboxes/library.sqlite'],
    [linux, '/home/ada/notes/Dropbox.sqlite'], // the file's own name does not count
    [win, 'C:\\Users\\ada\\AppData\\Roaming\\Papershelf\\library.sqlite'],
    [win, 'C:\\Users\\ada\\Documents\\OneDriveNotes\\library.sqlite'],
    [win, 'D:\\Work Stuff\\Synced-not\\library.sqlite'],
  ])('%#: %s is not', (environment, file) => {
    expect(detectCloudSyncFolder(file, environment)).toBeNull();
  });

  it('the default library location is outside every cloud folder', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const file = path.join(userDataDir({}, platform), LIBRARY_FILE_NAME);
      expect(detectCloudSyncFolder(file, { platform, home: os.homedir(), env: {} })).toBeNull();
    }
    // Windows keeps it in %APPDATA%, which OneDrive's folder backup does not move.
    expect(
      detectCloudSyncFolder('C:\\Users\\ada\\AppData\\Roaming\\Papershelf\\library.sqlite', win),
    ).toBeNull();
  });
});
