import { PDFDocument, PDFName, PDFString, StandardFonts, rgb } from 'pdf-lib';

/** Words the reader's search must find, and the page (1-based) each is on. */
export const FINDABLE = {
  word: 'Marmalade',
  page: 3,
} as const;

export const PAGE_COUNT = 4;

/**
 * A real, multi-page PDF with text on every page (pdf.js can render it and
 * search it). Deterministic, so byte-for-byte comparisons are meaningful.
 */
export async function makePdf(
  options: { title?: string; pages?: number; withScripts?: boolean } = {},
): Promise<Buffer> {
  const pages = options.pages ?? PAGE_COUNT;
  const doc = await PDFDocument.create();
  doc.setTitle(options.title ?? 'A test paper');
  doc.setCreationDate(new Date('2025-11-12T00:00:00Z'));
  doc.setModificationDate(new Date('2025-11-12T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n += 1) {
    const page = doc.addPage([612, 792]);
    page.drawText(`${options.title ?? 'A test paper'}`, { x: 72, y: 730, size: 18, font: bold });
    page.drawText(`Page ${n} of ${pages}`, { x: 72, y: 700, size: 14, font: bold });
    for (let line = 0; line < 40; line += 1) {
      const text =
        n === FINDABLE.page && line === 20
          ? `Section ${n}.${line}: the ${FINDABLE.word} result is stated here.`
          : `Section ${n}.${line}: attention heads prune well; tokens ${n * 100 + line} onwards.`;
      page.drawText(text, { x: 72, y: 670 - line * 14, size: 10, font, color: rgb(0.1, 0.1, 0.1) });
    }
  }
  if (options.withScripts) addScripts(doc);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * JavaScript a hostile PDF might carry: an OpenAction that runs on open and a
 * link whose action is a script. A safe reader runs neither.
 */
function addScripts(doc: PDFDocument): void {
  const script = 'app.alert("pwned"); this.pwned = true;';
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(script) });
  doc.catalog.set(PDFName.of('OpenAction'), action);
  const page = doc.getPage(0);
  const link = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [72, 690, 300, 720],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'JavaScript', JS: PDFString.of(script) },
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
}
