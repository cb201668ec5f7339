import {
  CITATION_STYLE_LABELS,
  CITATION_STYLES,
  type CitationStyle,
} from '../../../shared/citation-styles';
import type { LibraryApi } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { toasts } from '../ui/toasts';

const STYLE_KEY = 'papershelf.citationStyle';

/** The style `c` copies in: the one last chosen from the Cite menu (BibTeX at first). */
export function preferredCitationStyle(): CitationStyle {
  try {
    const stored = localStorage.getItem(STYLE_KEY);
    return CITATION_STYLES.find((style) => style === stored) ?? 'bibtex';
  } catch {
    return 'bibtex';
  }
}

function rememberStyle(style: CitationStyle): void {
  try {
    localStorage.setItem(STYLE_KEY, style);
  } catch {
    // Storage unavailable: `c` keeps BibTeX.
  }
}

/**
 * Copy a citation of these papers to the clipboard. The service writes it (the
 * exports' BibTeX and CSL code, so the renderer carries no citation engine);
 * a toast says what was copied, or why not.
 */
export async function copyCitation(
  api: LibraryApi,
  ids: string[],
  style: CitationStyle = preferredCitationStyle(),
): Promise<void> {
  if (ids.length === 0) return;
  rememberStyle(style);
  try {
    const { text, count } = await api.citePapers({ ids, style });
    await writeClipboard(text);
    const what = style === 'bibtex' ? 'BibTeX' : `${CITATION_STYLE_LABELS[style]} reference`;
    toasts.show(`Copied ${what}${count > 1 ? ` for ${plural(count, 'paper')}` : ''}`);
  } catch (error) {
    toasts.error(`Could not copy the citation: ${errorMessage(error)}`);
  }
}

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The async clipboard can be refused (no focus, a policy): the older way still works there.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const isCopied = document.execCommand('copy');
    area.remove();
    if (!isCopied) throw new Error('the clipboard is not available');
  }
}
