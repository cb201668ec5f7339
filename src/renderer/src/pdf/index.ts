/**
 * The PDF reader, as the rest of the renderer uses it:
 *  - <PdfSection paperId title>{notes}</PdfSection> in the detail pane (status,
 *    save / read / remove, and reading mode with the notes beside the PDF);
 *  - <OfflineMark paperId /> in a list row;
 *  - <BulkPdfSection ids /> for a multi-selection;
 *  - <PdfPanel view tag day /> at the foot of the sidebar (downloads, size on
 *    disk, save the PDFs of the list shown);
 *  - getPdfStore(backend) for anything else (cached ids, downloads).
 * pdf.js itself loads lazily, the first time a PDF is opened.
 */
export { BulkPdfSection } from './BulkPdfSection';
export { OfflineMark } from './OfflineMark';
export { PdfPanel } from './PdfPanel';
export { PdfSection } from './PdfSection';
export { getPdfStore, usePdfStore, type PdfStore } from './pdf-store';
