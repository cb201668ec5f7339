import type { DigestFormat, TodaySection } from '../../shared/api/daily';
import type { Paper } from '../../shared/domain';

/**
 * The digest: what arrived since a moment, in the Today order, as Markdown,
 * HTML or JSON, to read on a phone or mail to oneself. Every feed field is
 * text from outside: the HTML escapes each one and is self-contained (inline
 * styles, no scripts; its CSP forbids any), Markdown escapes its syntax, and
 * only http(s) links are written.
 */
export interface DigestItem {
  paper: Paper;
  section: TodaySection;
  reason: string | null;
  growth: number;
}

export interface DigestInput {
  since: string;
  generatedAt: string;
  items: DigestItem[];
}

const SECTION_TITLES: Record<TodaySection, string> = {
  pick: 'Picked for you',
  rising: 'Rising',
  rest: 'Also new',
};

interface DigestLink {
  label: string;
  url: string;
}

/** Links as the app shows them; anything but http(s) is left out. */
export function digestLinks(paper: Paper): DigestLink[] {
  const isArxiv = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/.test(paper.id);
  const links: DigestLink[] = [];
  if (isArxiv) {
    links.push({ label: 'Hugging Face', url: `https://huggingface.co/papers/${paper.id}` });
    links.push({ label: 'arXiv', url: `https://arxiv.org/abs/${paper.id}` });
    links.push({ label: 'PDF', url: `https://arxiv.org/pdf/${paper.id}` });
  }
  const code = httpUrl(paper.githubRepo);
  if (code) links.push({ label: 'Code', url: code });
  const project = httpUrl(paper.projectPage);
  if (project) links.push({ label: 'Project', url: project });
  return links;
}

function httpUrl(text: string | null): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function shownAuthors(paper: Paper): string[] {
  return paper.authors.filter((a) => !a.hidden).map((a) => a.name);
}

export function digestFileName(format: DigestFormat, generatedAt: string): string {
  return `papershelf-digest-${generatedAt.slice(0, 10)}.${format}`;
}

export const DIGEST_MIME_TYPES: Record<DigestFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};

export function renderDigest(format: DigestFormat, input: DigestInput): string {
  switch (format) {
    case 'md':
      return renderMarkdown(input);
    case 'html':
      return renderHtml(input);
    case 'json':
      return renderJson(input);
    default: {
      const unreachable: never = format;
      throw new Error(`Unknown digest format ${String(unreachable)}`);
    }
  }
}

function renderJson(input: DigestInput): string {
  return `${JSON.stringify(
    {
      since: input.since,
      generatedAt: input.generatedAt,
      count: input.items.length,
      papers: input.items.map(({ paper, section, reason, growth }) => ({
        id: paper.id,
        title: paper.title,
        authors: shownAuthors(paper),
        aiSummary: paper.aiSummary,
        upvotes: paper.upvotes,
        comments: paper.numComments,
        githubStars: paper.githubStars,
        growth,
        section,
        reason,
        links: Object.fromEntries(digestLinks(paper).map((l) => [l.label, l.url])),
      })),
    },
    null,
    2,
  )}\n`;
}

/** Characters with a meaning in Markdown (or raw HTML inside it), escaped with a backslash. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (c) =>
      c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
    );
}

/** A URL in a Markdown link target: angle brackets, with anything that could close them encoded. */
function markdownUrl(url: string): string {
  return `<${url.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c))}>`;
}

function renderMarkdown(input: DigestInput): string {
  const lines = [
    `# Papershelf digest`,
    '',
    `${input.items.length} ${input.items.length === 1 ? 'paper' : 'papers'} since ${input.since.slice(0, 16).replace('T', ' ')} UTC`,
  ];
  let section: TodaySection | null = null;
  for (const item of input.items) {
    if (item.section !== section) {
      section = item.section;
      lines.push('', `## ${SECTION_TITLES[section]}`);
    }
    const { paper } = item;
    const links = digestLinks(paper);
    const head = links[0]
      ? `[${escapeMarkdown(paper.title)}](${markdownUrl(links[0].url)})`
      : escapeMarkdown(paper.title);
    lines.push('', `### ${head}`, '');
    const authors = shownAuthors(paper);
    const facts = [
      authors.length > 0 ? escapeMarkdown(authors.join(', ')) : null,
      `${paper.upvotes} upvotes${item.growth > 0 ? ` (+${item.growth} in 72 h)` : ''}`,
      item.reason ? escapeMarkdown(item.reason) : null,
    ].filter((f): f is string => f !== null);
    lines.push(facts.join(' · '));
    if (paper.aiSummary) lines.push('', `> ${escapeMarkdown(paper.aiSummary)}`);
    if (links.length > 0) {
      lines.push('', links.map((l) => `[${l.label}](${markdownUrl(l.url)})`).join(' · '));
    }
  }
  return `${lines.join('\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const STYLE = {
  body: 'margin:0;padding:16px;background:#fafaf9;color:#1c1917;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif',
  main: 'max-width:680px;margin:0 auto',
  h2: 'font-size:14px;text-transform:uppercase;letter-spacing:.05em;color:#57534e;margin:28px 0 8px',
  article:
    'background:#fff;border:1px solid #e7e5e4;border-radius:8px;padding:12px 16px;margin:0 0 12px',
  h3: 'font-size:17px;margin:0 0 4px;line-height:1.3',
  a: 'color:#1d4ed8',
  meta: 'margin:0;color:#57534e;font-size:14px',
  summary: 'margin:8px 0 0',
  links: 'margin:8px 0 0;font-size:14px',
};

function renderHtml(input: DigestInput): string {
  const parts: string[] = [];
  let section: TodaySection | null = null;
  for (const item of input.items) {
    if (item.section !== section) {
      if (section !== null) parts.push('</section>');
      section = item.section;
      parts.push(`<section><h2 style="${STYLE.h2}">${escapeHtml(SECTION_TITLES[section])}</h2>`);
    }
    const { paper } = item;
    const links = digestLinks(paper);
    const title = links[0]
      ? `<a style="${STYLE.a}" href="${escapeHtml(links[0].url)}">${escapeHtml(paper.title)}</a>`
      : escapeHtml(paper.title);
    const authors = shownAuthors(paper);
    const meta = [
      authors.length > 0 ? escapeHtml(authors.join(', ')) : null,
      `${paper.upvotes} upvotes${item.growth > 0 ? ` (+${item.growth} in 72 h)` : ''}`,
      item.reason ? escapeHtml(item.reason) : null,
    ].filter((f): f is string => f !== null);
    parts.push(
      `<article style="${STYLE.article}"><h3 style="${STYLE.h3}">${title}</h3>`,
      `<p style="${STYLE.meta}">${meta.join(' · ')}</p>`,
      paper.aiSummary ? `<p style="${STYLE.summary}">${escapeHtml(paper.aiSummary)}</p>` : '',
      links.length > 0
        ? `<p style="${STYLE.links}">${links.map((l) => `<a style="${STYLE.a}" href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join(' · ')}</p>`
        : '',
      '</article>',
    );
  }
  if (section !== null) parts.push('</section>');
  const count = `${input.items.length} ${input.items.length === 1 ? 'paper' : 'papers'} since ${escapeHtml(input.since.slice(0, 16).replace('T', ' '))} UTC`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src https: data:">
<title>Papershelf digest</title>
</head>
<body style="${STYLE.body}">
<main style="${STYLE.main}">
<h1 style="font-size:24px;margin:0 0 4px">Papershelf digest</h1>
<p style="${STYLE.meta}">${count}</p>
${parts.filter((p) => p !== '').join('\n')}
</main>
</body>
</html>
`;
}
