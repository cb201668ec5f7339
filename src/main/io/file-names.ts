/**
 * File names that work on Windows, macOS and Linux, and in Obsidian links:
 * no reserved characters (< > : " / \ | ? * and control characters), none of
 * Obsidian's link characters (# ^ [ ]), no trailing dot or space, not a DOS
 * device name, and short enough (in UTF-8 bytes) for every file system.
 */
const RESERVED = /[<>:"/\\|?*#^[\]\u0000-\u001f\u007f]/g; // eslint-disable-line no-control-regex
/**
 * Invisible characters that change how a name shows or sorts: bidi controls
 * (a right-to-left override makes `evil‮fdp.md` look like `evilpdf.md`),
 * zero-width spaces and joiners, the BOM, the soft hyphen. They go, not
 * become spaces: they were never visible.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;
/** 255 bytes is the usual limit; leave room for " (id)" and ".md". */
const MAX_STEM_BYTES = 150;

export function safeStem(text: string, fallback: string): string {
  let stem = text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  stem = truncateBytes(stem, MAX_STEM_BYTES).replace(/[. ]+$/, '');
  if (stem === '' || DEVICE.test(stem)) stem = fallback;
  return stem;
}

function truncateBytes(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  // Cut at a word boundary when one is near, so names do not end mid-word.
  const space = out.lastIndexOf(' ');
  return space > out.length * 0.6 ? out.slice(0, space) : out;
}

/** `hep-th/9901001` -> `hep-th_9901001`; `local:smith` -> `local_smith`. */
export function idStem(id: string): string {
  return id.replace(/[/:]/g, '_');
}

/**
 * One unique name per paper (unique without regard to case, as on macOS and
 * Windows). Papers are named after their titles; a clash adds the id.
 */
export function assignFileNames(papers: Array<{ id: string; title: string }>): Map<string, string> {
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const p of sorted) {
    let name = `${safeStem(p.title, idStem(p.id))}.md`;
    if (used.has(name.toLowerCase())) {
      name = `${safeStem(p.title, 'paper')} (${idStem(p.id)}).md`;
    }
    used.add(name.toLowerCase());
    names.set(p.id, name);
  }
  return names;
}
