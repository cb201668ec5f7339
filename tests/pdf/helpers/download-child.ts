/**
 * Run as a child process by the resume test: downloads one PDF with the real
 * downloader into a library's pdfs folder and prints every download event as a
 * JSON line on stdout, so the parent can kill it at a known point.
 *
 * (Only the PDF modules are loaded: the point is the process dying mid-transfer.)
 */
import { createEventBus } from '../../../src/main/context/events';
import { PdfDownloader } from '../../../src/main/pdf/downloader';
import { PdfStore } from '../../../src/main/pdf/store';

const [library, id, baseUrl] = process.argv.slice(2);
const events = createEventBus();
events.subscribe((event) => process.stdout.write(`${JSON.stringify(event)}\n`));
const downloader = new PdfDownloader({
  store: new PdfStore(library),
  events,
  baseUrl,
  minIntervalMs: 0,
  maxBytes: 100 * 1024 * 1024,
  userAgent: 'papershelf-test',
});
downloader.enqueue(id, { keep: true });
