import DOMPurify from 'dompurify';
import katex from 'katex';
import 'katex/dist/katex.min.css';

/**
 * TeX to HTML with KaTeX, for notes and abstracts. `trust: false` refuses
 * \href, \url, \includegraphics, \htmlClass/\htmlStyle/\htmlId/\htmlData: they
 * render as red source text, never as a link or markup of the author's. Errors
 * show the source in red instead of throwing. The output is sanitized again:
 * KaTeX's classes, its plain layout styles, MathML (read by screen readers)
 * and the SVG of stretchy symbols are kept; links, scripts and handlers never.
 */
const KATEX_OPTIONS = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  output: 'htmlAndMathml',
  maxSize: 50,
  maxExpand: 1_000,
} as const;

/** Style values KaTeX writes: lengths, colours, positions. No url(), no escapes, no at-rules. */
const PLAIN_STYLE = /^[a-z0-9\s:;.,%#()+-]*$/i;
const MATH_PURIFY = {
  USE_PROFILES: { html: true, svg: true, mathMl: true },
  // MathML's semantics/annotation hold the TeX source, for screen readers and copying.
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['class', 'style', 'aria-hidden', 'encoding'],
  FORBID_TAGS: ['a', 'style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'use'],
  FORBID_ATTR: ['id', 'href', 'xlink:href'],
};

let purifier: ReturnType<typeof DOMPurify> | null = null;
/** Its own DOMPurify instance: the note's hooks and rules stay as they are. */
function mathPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('uponSanitizeAttribute', (_node, data) => {
    if (
      data.attrName === 'style' &&
      (!PLAIN_STYLE.test(data.attrValue) || /url|expression/i.test(data.attrValue))
    )
      data.keepAttr = false;
  });
  return purifier;
}

const cache = new Map<string, string>();

export function renderTex(tex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let html: string;
  try {
    html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
  } catch {
    html = `<span class="math-error">${tex.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`;
  }
  const clean = mathPurifier().sanitize(html, MATH_PURIFY);
  if (cache.size > 500) cache.clear();
  cache.set(key, clean);
  return clean;
}
