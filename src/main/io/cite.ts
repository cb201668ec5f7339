import type { CitationStyle } from '../../shared/citation-styles';
import type * as CitationJsCore from '@citation-js/core';
import type { CslItem } from './csl-export';

/**
 * Formatted references in a CSL style, rendered by citation-js (citeproc-js
 * underneath) from the same CSL items the CSL-JSON export writes. Loaded on
 * first use: citeproc is a megabyte of JavaScript that most runs of the CLI
 * never need.
 */
type CitationJs = typeof CitationJsCore;
let loaded: Promise<CitationJs> | null = null;

function citationJs(): Promise<CitationJs> {
  loaded ??= (async () => {
    const core = await import('@citation-js/core');
    // Registers the CSL output formats (bibliography, citation) and the bundled styles.
    await import('@citation-js/plugin-csl');
    return core;
  })();
  return loaded;
}

export async function renderReferences(
  items: CslItem[],
  style: Exclude<CitationStyle, 'bibtex'>,
): Promise<string> {
  const { Cite } = await citationJs();
  // Feed text is plain text: the text format, never HTML.
  return new Cite(items)
    .format('bibliography', { format: 'text', template: style, lang: 'en-US' })
    .trim();
}
