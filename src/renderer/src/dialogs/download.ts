import { strToU8, zipSync } from 'fflate';
import type { VaultFile } from '../../../shared/api';

/**
 * Hand text to the user as a file: a download in browser mode, a save dialog on
 * the desktop. Returns the file's name.
 */
export function downloadText(fileName: string, content: string, mimeType: string): string {
  downloadBlob(fileName, new Blob([content], { type: mimeType }));
  return fileName;
}

/**
 * A Markdown vault is a folder of files; the browser can only hand over one
 * file, so it comes as a zip of that folder (unpack it into a vault).
 */
export function downloadVault(folderName: string, files: VaultFile[]): string {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[`${folderName}/${file.fileName}`] = strToU8(file.content);
  const zipName = `${folderName}.zip`;
  const zip = zipSync(entries, { level: 6 });
  downloadBlob(zipName, new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  return zipName;
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
