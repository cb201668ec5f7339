import type { PdfChunk } from '../../../shared/api/pdf';
import { PDF_READ_CHUNK_MAX } from '../../../shared/pdf';
import type { LibraryApi } from '../../../shared/api';

/**
 * A saved PDF's bytes, read through the LibraryApi in chunks: the same call
 * over IPC (desktop) and HTTP (browser mode), so the reader never knows which
 * door it came through. If the file is replaced while being read (a download
 * finishing), the read starts over once.
 */
export async function loadPdfBytes(
  api: LibraryApi,
  id: string,
  decode: (base64: string) => Uint8Array,
  onProgress?: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt += 1) {
    const first = await api.readPdf({ id, offset: 0, length: PDF_READ_CHUNK_MAX });
    const bytes = new Uint8Array(first.size);
    let offset = place(bytes, first, decode);
    let changed = false;
    onProgress?.(offset, first.size);
    while (offset < first.size) {
      if (signal?.aborted) throw new DOMException('The PDF read was cancelled', 'AbortError');
      const chunk = await api.readPdf({ id, offset, length: PDF_READ_CHUNK_MAX });
      if (chunk.version !== first.version || chunk.size !== first.size) {
        changed = true;
        break;
      }
      const n = place(bytes, chunk, decode);
      if (n === 0) break;
      offset += n;
      onProgress?.(offset, first.size);
    }
    if (!changed && offset === first.size) return bytes;
    if (attempt >= 1) throw new Error('The PDF kept changing while it was being read');
  }
}

function place(target: Uint8Array, chunk: PdfChunk, decode: (s: string) => Uint8Array): number {
  if (chunk.data === '') return 0;
  const data = decode(chunk.data);
  target.set(data.subarray(0, Math.max(0, target.length - chunk.offset)), chunk.offset);
  return data.length;
}
