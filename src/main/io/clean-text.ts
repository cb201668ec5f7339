import { cleanLine } from '../library/feed-paper';

/**
 * Text fields of an imported file (a backup, a BibTeX entry) are data from
 * anywhere: a title carrying NUL, ESC or other control characters would reach
 * terminals (the CLI prints titles), file names and every export. Control
 * characters go (tabs and line breaks become spaces first, as in the feed),
 * then white space is collapsed as for the feed's titles.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

export function importedLine(text: string): string {
  return cleanLine(text.replace(CONTROL, ''));
}
