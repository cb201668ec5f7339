/* Kept apart from the API schemas (zod) so the renderer can list the styles without them. */

/**
 * How a copied citation is written: BibTeX, or a formatted reference in one of
 * the CSL styles citation-js bundles (APA, Vancouver, Harvard).
 */
export const CITATION_STYLES = ['bibtex', 'apa', 'vancouver', 'harvard1'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

export const CITATION_STYLE_LABELS: Record<CitationStyle, string> = {
  bibtex: 'BibTeX',
  apa: 'APA',
  vancouver: 'Vancouver',
  harvard1: 'Harvard',
};
