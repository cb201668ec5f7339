import DOMPurify from 'dompurify';
import { Marked, type TokenizerAndRendererExtension } from 'marked';
import { linkTarget } from '../../../shared/note-links';
import { renderTex } from './math';

/**
 * Notes are the user's markdown; the preview is the one place the app renders
 * HTML. marked turns it into HTML, DOMPurify keeps only inert markup: no
 * scripts, no event handlers, no forms or styles, and links only to http(s) or
 * mailto (opened outside the app by the preview's click handler).
 *
 * Two additions (issue 18):
 * - `[[2509.04664]]` / `[[id|label]]` become in-app links (`data-paper-link`,
 *   `href="#paper=…"` so they take focus and Enter), showing the paper's title;
 *   a paper the library lacks is marked `data-missing-paper`.
 * - `$…$` and `$$…$$` are typeset by KaTeX (`trust: false`: no \href, \url,
 *   \htmlStyle…). The note's HTML is sanitized with the strict rules while each
 *   formula is a placeholder carrying a per-render nonce; KaTeX's own output is
 *   sanitized separately (classes and plain styles allowed, no links) and then
 *   put in the placeholders. A placeholder typed by hand cannot know the nonce.
 */
const SAFE_LINK = /^(https?:|mailto:)/i;
const PAPER_HREF = /^#paper=/;

/** The level a note's top heading gets: under the paper's own (h2) and the Notes heading (h3). */
const NOTE_TOP_HEADING = 4;

export interface RenderOptions {
  /** Titles of linked papers; null: not in the library; absent: not known (yet). */
  paperTitles?: ReadonlyMap<string, string | null>;
}

/** Set for the length of one synchronous render (marked's renderers read it). */
let current: { titles: ReadonlyMap<string, string | null>; math: string[]; nonce: string } | null =
  null;

const PAPER_LINK = /^\[\[([^[\]|\n]{1,200})(?:\|([^[\]\n]{0,500}))?\]\]/;
// `$x$`: no space just inside the dollars, and no digit just after ("$5 and $6" is money).
const INLINE_MATH = /^\$(?!\s)((?:\\[\s\S]|[^\\$\n])+?)(?<!\s)\$(?!\d)/;
const INLINE_DISPLAY_MATH = /^\$\$(?!\$)((?:\\[\s\S]|[^\\$])+?)\$\$/;
const BLOCK_MATH = /^ {0,3}\$\$([\s\S]+?)\$\$[ \t]*(?:\n+|$)/;

const paperLink: TokenizerAndRendererExtension = {
  name: 'paperLink',
  level: 'inline',
  start: (src) => {
    const at = src.indexOf('[[');
    return at < 0 ? undefined : at;
  },
  tokenizer(src) {
    const m = PAPER_LINK.exec(src);
    const id = m ? linkTarget(m[1]) : null;
    if (!m || !id) return undefined;
    return { type: 'paperLink', raw: m[0], id, label: m[2]?.trim() || null };
  },
  renderer(token) {
    const id = String(token.id);
    const label = typeof token.label === 'string' ? token.label : null;
    const title = current?.titles.get(id);
    const href = `#paper=${encodeURIComponent(id)}`;
    if (title === null) {
      const text = `${label ?? id} (not in your library)`;
      return `<a href="${href}" data-paper-link="${escapeHtml(id)}" data-missing-paper="" title="${escapeHtml(`${id} is not in your library: add it below the note`)}">${escapeHtml(text)}</a>`;
    }
    const text = label ?? title ?? id;
    const tip = title ? `${title} (${id})` : id;
    return `<a href="${href}" data-paper-link="${escapeHtml(id)}" title="${escapeHtml(tip)}">${escapeHtml(text)}</a>`;
  },
};

function mathSlot(tex: string, display: boolean): string {
  if (!current) return escapeHtml(display ? `$$${tex}$$` : `$${tex}$`);
  const index = current.math.push(renderTex(tex, display)) - 1;
  return `<span data-math-slot="${current.nonce}-${index}"></span>`;
}

const blockMath: TokenizerAndRendererExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => {
    const at = src.search(/^ {0,3}\$\$/m);
    return at < 0 ? undefined : at;
  },
  tokenizer(src) {
    const m = BLOCK_MATH.exec(src);
    if (!m || m[1].trim() === '') return undefined;
    return { type: 'blockMath', raw: m[0], tex: m[1].trim() };
  },
  renderer: (token) => `<div data-math-display="">${mathSlot(String(token.tex), true)}</div>`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => {
    const at = src.indexOf('$');
    return at < 0 ? undefined : at;
  },
  tokenizer(src) {
    const display = INLINE_DISPLAY_MATH.exec(src);
    if (display) return { type: 'inlineMath', raw: display[0], tex: display[1], display: true };
    const m = INLINE_MATH.exec(src);
    if (!m) return undefined;
    return { type: 'inlineMath', raw: m[0], tex: m[1], display: false };
  },
  renderer: (token) => mathSlot(String(token.tex), token.display === true),
};

const notes = new Marked({ gfm: true, breaks: true });
notes.use({ extensions: [blockMath, inlineMath, paperLink] });

let isHooked = false;
function hookOnce(): void {
  if (isHooked) return;
  isHooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = (node.getAttribute('href') ?? '').trim();
      if (node.hasAttribute('data-paper-link') && PAPER_HREF.test(href)) {
        // An in-app link to a paper: the preview's handler opens it in the details.
        node.removeAttribute('target');
        return;
      }
      if (!SAFE_LINK.test(href)) node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
    if (node.tagName === 'IMG') {
      // Remote images would reach out to the network (and CSP blocks them anyway).
      const src = node.getAttribute('src') ?? '';
      if (!/^data:image\//i.test(src)) node.removeAttribute('src');
    }
  });
}

const NOTE_PURIFY = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
  FORBID_ATTR: ['style', 'class', 'id'],
};

function nonce(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sanitized note HTML with each formula put back in its placeholder. */
function finish(html: string, math: string[], key: string): string {
  const clean = DOMPurify.sanitize(html, NOTE_PURIFY);
  if (math.length === 0) return clean;
  return clean.replace(
    new RegExp(`<span data-math-slot="${key}-(\\d+)"></span>`, 'g'),
    (_all, index: string) => math[Number(index)] ?? '',
  );
}

export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  hookOnce();
  const key = nonce();
  current = { titles: options.paperTitles ?? new Map(), math: [], nonce: key };
  try {
    const tokens = notes.lexer(markdown);
    // The note's own top level (whether it starts at `#` or `##`) becomes an h4 and the rest
    // follow, so the page's outline never skips a level for screen readers (axe heading-order).
    let top = 6;
    notes.walkTokens(tokens, (token) => {
      if (token.type === 'heading') top = Math.min(top, token.depth);
    });
    notes.walkTokens(tokens, (token) => {
      if (token.type === 'heading') token.depth = Math.min(6, token.depth - top + NOTE_TOP_HEADING);
    });
    const html = notes.parser(tokens);
    return finish(html, current.math, key);
  } finally {
    current = null;
  }
}

/**
 * Plain text (an abstract from the feed) with its `$…$` / `$$…$$` math typeset:
 * everything else is escaped, so markup in the text stays text.
 */
export function renderMathText(text: string): string {
  hookOnce();
  const key = nonce();
  current = { titles: new Map(), math: [], nonce: key };
  try {
    let html = '';
    let rest = text;
    while (rest.length > 0) {
      const at = rest.indexOf('$');
      if (at < 0) {
        html += escapeHtml(rest);
        break;
      }
      html += escapeHtml(rest.slice(0, at));
      rest = rest.slice(at);
      const display = INLINE_DISPLAY_MATH.exec(rest);
      const inline = display ? null : INLINE_MATH.exec(rest);
      const m = display ?? inline;
      if (m) {
        html += mathSlot(m[1], display !== null);
        rest = rest.slice(m[0].length);
      } else {
        html += '$';
        rest = rest.slice(1);
      }
    }
    return finish(html, current.math, key);
  } finally {
    current = null;
  }
}

/** Whether text has something that looks like math (so plain text can skip the typesetter). */
export function hasMath(text: string): boolean {
  return /\$[^$\s]/.test(text);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
