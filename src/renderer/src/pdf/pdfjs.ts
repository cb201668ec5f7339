/**
 * pdf.js, set up once and safely:
 *  - the worker is bundled by Vite and loads from our own origin, so it runs
 *    under the page's CSP (`worker-src 'self' blob:`, `script-src 'self'`);
 *  - `isEvalSupported: false`: fonts are never compiled with eval/new Function;
 *  - no scripting: no PDFScriptingManager is ever created, so JavaScript inside
 *    a PDF (actions, forms) never runs; forms are not rendered either;
 *  - the data files pdf.js may need (CMaps for CJK text, the 14 standard fonts,
 *    the JPEG 2000 decoder) are bundled and read without network or file access.
 *
 * This module is loaded lazily with the reader, so the app starts without pdf.js.
 */
import './pdfjs-global';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
import { base64Bytes } from './base64';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export { pdfjs };

type DataUrlLoader = () => Promise<string>;

// Each file becomes its own small chunk exporting a data: URL, imported only
// when a PDF needs it. Dynamic import works wherever the app's own scripts
// load (file:// in the desktop app, http:// in browser mode); fetch would not.
const CMAPS = import.meta.glob<string>('../../../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url&inline',
  import: 'default',
});
const STANDARD_FONTS = import.meta.glob<string>(
  '../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}',
  { query: '?url&inline', import: 'default' },
);
const WASM = import.meta.glob<string>('../../../../node_modules/pdfjs-dist/wasm/*.wasm', {
  query: '?url&inline',
  import: 'default',
});

function byFileName(files: Record<string, DataUrlLoader>): Map<string, DataUrlLoader> {
  return new Map(Object.entries(files).map(([path, load]) => [path.split('/').pop()!, load]));
}

const cmaps = byFileName(CMAPS);
const standardFonts = byFileName(STANDARD_FONTS);
const wasm = byFileName(WASM);

async function loadBundled(files: Map<string, DataUrlLoader>, name: string): Promise<Uint8Array> {
  const load = files.get(name);
  if (!load) throw new Error(`pdf.js asked for ${name}, which is not bundled`);
  return dataUrlBytes(await load());
}

export function dataUrlBytes(dataUrl: string): Uint8Array {
  return base64Bytes(dataUrl.slice(dataUrl.indexOf(',') + 1));
}

/* pdf.js instantiates these with `new X({ baseUrl, ... })` and calls `fetch`. */
class BundledCMapReaderFactory {
  async fetch({ name }: { name: string }) {
    return { cMapData: await loadBundled(cmaps, `${name}.bcmap`), isCompressed: true };
  }
}

class BundledStandardFontDataFactory {
  fetch({ filename }: { filename: string }) {
    return loadBundled(standardFonts, filename);
  }
}

class BundledWasmFactory {
  fetch({ filename }: { filename: string }) {
    return loadBundled(wasm, filename);
  }
}

let sharedWorker: InstanceType<typeof pdfjs.PDFWorker> | null = null;

/** Open a PDF from bytes with the safe options above; one worker serves every document. */
export function openPdfDocument(data: Uint8Array): PDFDocumentLoadingTask {
  sharedWorker ??= new pdfjs.PDFWorker();
  return pdfjs.getDocument({
    data,
    worker: sharedWorker,
    isEvalSupported: false,
    enableXfa: false,
    // Base URLs are required by pdf.js; the factories ignore them.
    cMapUrl: 'bundled:/',
    cMapPacked: true,
    CMapReaderFactory: BundledCMapReaderFactory,
    standardFontDataUrl: 'bundled:/',
    StandardFontDataFactory: BundledStandardFontDataFactory,
    wasmUrl: 'bundled:/',
    WasmFactory: BundledWasmFactory,
    useWorkerFetch: false,
    // Fonts a PDF does not embed are drawn from the bundled data (the same on
    // every OS) rather than as system fonts by URL, which the CSP would block.
    useSystemFonts: false,
  });
}
