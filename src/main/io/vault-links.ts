import { createHash } from 'node:crypto';
import { codeRanges, parseNoteLinks } from '../../shared/note-links';

/**
 * Links in the Markdown vault. In the library a note links by id
 * (`[[2509.04664]]`, `[[2509.04664|label]]`); in the vault, Obsidian resolves
 * `[[file name]]`, so an export writes `[[Exported File Name]]` (and keeps the
 * label), and an import turns those back into ids. Links to papers that are
 * not in the vault stay as ids.
 */

/** `[[id]]` -> `[[Stem]]`, `[[id|label]]` -> `[[Stem|label]]` for ids with a file. */
export function linksToVault(markdown: string, stemById: ReadonlyMap<string, string>): string {
  const links = parseNoteLinks(markdown);
  if (links.length === 0) return markdown;
  let out = '';
  let at = 0;
  for (const link of links) {
    const stem = stemById.get(link.id);
    if (!stem) continue;
    out += markdown.slice(at, link.start);
    out += link.label ? `[[${stem}|${link.label}]]` : `[[${stem}]]`;
    at = link.end;
  }
  return out + markdown.slice(at);
}

const WIKI_LINK = /\[\[([^[\]|\n#^]{1,300})(?:#[^[\]|\n]*)?(?:\|([^[\]\n]{0,500}))?\]\]/g;

/**
 * `[[Stem]]` / `[[Stem|label]]` (and `[[Stem.md]]`, `[[Stem#heading]]`) naming a
 * file of the vault -> `[[id]]` / `[[id|label]]`; everything else as written.
 * Not inside code.
 */
export function linksFromVault(markdown: string, idByStem: ReadonlyMap<string, string>): string {
  if (!markdown.includes('[[')) return markdown;
  const code = codeRanges(markdown);
  return markdown.replace(
    WIKI_LINK,
    (all, target: string, label: string | undefined, offset: number) => {
      if (code.some(([s, e]) => offset >= s && offset < e)) return all;
      const stem = target.trim().replace(/\.md$/i, '').toLowerCase();
      const id = idByStem.get(stem);
      if (!id) return all;
      return label !== undefined && label.trim() !== '' ? `[[${id}|${label.trim()}]]` : `[[${id}]]`;
    },
  );
}

/** A note as compared between the library and the vault: line ends and outer blank space aside. */
export function normalizeNote(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '');
}

/** What an export records of the library's note (front matter `note_sha256`), to tell who changed it. */
export function noteHash(markdown: string): string {
  return createHash('sha256').update(normalizeNote(markdown)).digest('hex').slice(0, 16);
}
