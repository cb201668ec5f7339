import { parsePaperRef } from '../../shared/api/io';
import { AppError } from '../../shared/errors';

/**
 * A plain list of arXiv ids or URLs: one or more per line, separated by
 * spaces or commas; blank lines and `#` comments are ignored. Any token that
 * is not an id or URL rejects the file, naming its line.
 */
export function parseIdList(content: string, fileName: string): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/(?:^|\s)#.*$/, '').trim();
    if (line === '') return;
    for (const token of line.split(/[\s,;]+/)) {
      if (token === '') continue;
      const ref = parsePaperRef(token);
      if (!ref) {
        throw new AppError(
          'bad_file',
          `${fileName}: line ${index + 1}: “${token.slice(0, 80)}” is not an arXiv id or URL`,
        );
      }
      if (!seen.has(ref.id)) {
        seen.add(ref.id);
        ids.push(ref.id);
      }
    }
  });
  if (ids.length === 0) throw new AppError('bad_file', `${fileName} lists no arXiv ids`);
  return ids;
}
