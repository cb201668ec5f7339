import type { ExportFormat, ImportFormat } from '../../shared/api/io';
import { AppError } from '../../shared/errors';
import { parsePaperRef } from '../../shared/api/io';

/** Which importer reads a file: its extension first, then a look at the content. */
export function detectImportFormat(fileName: string, content: string): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  const head = content.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (/^\s*@\s*[a-z]+\s*[{(]/im.test(content.slice(0, 100_000))) return 'bibtex';
  const firstToken = head.split(/[\s,;]+/, 1)[0] ?? '';
  if (parsePaperRef(firstToken) || (ext === 'txt' && head.startsWith('#'))) return 'ids';
  throw new AppError(
    'unsupported',
    `Cannot tell what kind of file ${fileName} is: Papershelf imports its JSON backups, BibTeX (.bib) and lists of arXiv ids (.txt). Choose the format explicitly.`,
  );
}

export const EXPORT_FILES: Record<
  Exclude<ExportFormat, 'markdown'>,
  { extension: string; mimeType: string }
> = {
  bibtex: { extension: 'bib', mimeType: 'application/x-bibtex' },
  'csl-json': { extension: 'json', mimeType: 'application/vnd.citationstyles.csl+json' },
  json: { extension: 'json', mimeType: 'application/json' },
};
