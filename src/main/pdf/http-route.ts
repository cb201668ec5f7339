import fs from 'node:fs';
import type http from 'node:http';
import { paperId } from '../../shared/api/common';
import { PdfStore } from './store';

/**
 * Browser mode's direct line to a saved PDF: `GET /api/pdf/<id>?token=…`
 * streams the file (HTTP Range supported), so the browser's own viewer, a
 * download link or another tool can open it without base64 chunks. The server
 * checks the token and the Host before calling this; the in-app reader uses
 * the `readPdf` method instead, which works through every door.
 */
export const PDF_ROUTE_PREFIX = '/api/pdf/';

export function servePdfRoute(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  libraryPath: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, 'invalid_input', 'Use GET for PDFs');
    return;
  }
  let id: string;
  try {
    id = decodeURIComponent(pathname.slice(PDF_ROUTE_PREFIX.length));
  } catch {
    sendError(res, 400, 'invalid_input', 'Not a valid paper id');
    return;
  }
  if (!paperId.safeParse(id).success) {
    sendError(res, 400, 'invalid_input', 'Not a valid paper id');
    return;
  }
  const found = new PdfStore(libraryPath).readable(id);
  if (!found) {
    sendError(res, 404, 'not_found', `The PDF of ${id} is not saved on this computer`);
    return;
  }
  const range = parseRange(req.headers.range, found.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${found.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: found.size - 1 };
  res.writeHead(range ? 206 : 200, {
    'Content-Type': 'application/pdf',
    'Content-Length': Math.max(0, end - start + 1),
    'Accept-Ranges': 'bytes',
    'Content-Disposition': `inline; filename="${id.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`,
    ETag: `"${found.version}"`,
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${found.size}` } : {}),
  });
  if (req.method === 'HEAD' || end < start) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(found.file, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * One range (`bytes=a-b`, `bytes=a-`, `bytes=-n`); anything else (several
 * ranges, nonsense) is ignored and the whole file sent, as RFC 9110 allows.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ ok: false, error: { code, message } });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
