import viewerCss from 'pdfjs-dist/web/pdf_viewer.css?inline';

/**
 * pdf.js's viewer stylesheet, confined to the reader. Imported as-is it would
 * restyle the whole app: it has global rules for `.dialog`, `:root` colour
 * scheme and variables, and more. Inside `@scope (.pdf-reader)` it reaches the
 * reader only, with its `:root` variables set on the reader's root instead.
 * (Inline styles are allowed by the page's CSP: style-src 'unsafe-inline'.)
 */
export function installViewerCss(): void {
  if (document.querySelector('style[data-papershelf-pdfjs]')) return;
  const style = document.createElement('style');
  style.dataset.papershelfPdfjs = '';
  style.textContent = `@scope (.pdf-reader) {\n${viewerCss.replaceAll(':root', ':scope')}\n}`;
  document.head.append(style);
}
