import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * Notes are the user's markdown; the preview is the one place the app renders
 * HTML. marked turns it into HTML, DOMPurify keeps only inert markup: no
 * scripts, no event handlers, no forms or styles, and links only to http(s) or
 * mailto (opened outside the app by the preview's click handler).
 */
const SAFE_LINK = /^(https?:|mailto:)/i;

const notes = new Marked({ gfm: true, breaks: true });

/** The level a note's top heading gets: under the paper's own (h2) and the Notes heading (h3). */
const NOTE_TOP_HEADING = 4;

let isHooked = false;
function hookOnce(): void {
  if (isHooked) return;
  isHooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href.trim())) node.removeAttribute('href');
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

export function renderMarkdown(markdown: string): string {
  hookOnce();
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
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style', 'class', 'id'],
  });
}
