/**
 * pdfjs-dist's viewer components (web/pdf_viewer.mjs) read the library from
 * `globalThis.pdfjsLib`, so it must be set before that module is evaluated:
 * modules that import the viewer import this file first.
 */
import * as pdfjs from 'pdfjs-dist';

(globalThis as { pdfjsLib?: typeof pdfjs }).pdfjsLib = pdfjs;
