/**
 * Escaping text for BibTeX field values. Non-ASCII stays UTF-8 (biber and
 * modern BibTeX read it); only characters that TeX or BibTeX treat specially
 * are rewritten, so a real parser reads back exactly the text we had.
 */
const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In OT1 fonts < and > print as ¡ and ¿.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '`': '\\textasciigrave{}',
};

export function escapeLatex(text: string): string {
  return (
    text
      .replace(/[\\{}&%$#_~^<>`]/g, (c) => SPECIALS[c])
      // TeX ligatures: "--" would print as an en dash, "''" as a closing quote.
      .replace(/-(?=-)/g, '-{}')
      .replace(/'(?=')/g, "'{}")
      .replace(/([?!])(?=\\textasciigrave)/g, '$1{}')
  );
}

/**
 * A title for BibTeX: escaped, and every word holding a capital letter wrapped
 * in braces so styles that lowercase titles keep "BERT", "ImageNet", "Bayesian".
 */
export function protectTitle(title: string): string {
  return title
    .split(/(\s+)/)
    .map((part) => {
      if (/^\s+$/.test(part) || part === '') return part;
      const escaped = escapeLatex(part);
      return /\p{Lu}/u.test(part) ? `{${escaped}}` : escaped;
    })
    .join('');
}

/** URLs are verbatim in BibTeX; only braces would break the field, so percent-encode them. */
export function escapeUrl(url: string): string {
  return url.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/\\/g, '%5C');
}
