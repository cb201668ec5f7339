/**
 * The PDF reader, as the rest of the renderer uses it:
 *  - <PdfSection paperId title>{notes}</PdfSection> in the detail pane (status,
 *    save / read / remove, and reading mode with the notes beside the PDF);
 *  - <OfflineMark paperId /> in a list row;
 *  - getPdfStore(backend) for anything else (cached ids, downloads).
 * pdf.js itself loads lazily, the first time a PDF is opened.
 */
export { OfflineMark } from './OfflineMark';
export { PdfSection } from './PdfSection';
export { getPdfStore, usePdfStore, type PdfStore } from './pdf-store';
