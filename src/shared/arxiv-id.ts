/**
 * arXiv ids, in one place: every door (the feed, add-by-id, BibTeX and id-list
 * imports, the search box, the PDF downloader, the detail pane's links) reads
 * ids through here, so the same paper always gets the same key.
 *
 * The key is the bare id arXiv itself uses:
 *  - new style `YYMM.NNNN` / `YYMM.NNNNN` (`2509.04664`), no version;
 *  - old style `archive/YYMMNNN` (`hep-th/9901001`), archive in lower case and
 *    without the subject class: `math.GT/0309136` is `math/0309136` (arXiv
 *    redirects the first to the second; the class is not part of the id).
 */

/** An arXiv id as its canonical key, and the version when one was given. */
export interface ArxivId {
  id: string;
  version: number | null;
}

const NEW_ID = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
// archive(.SUBJECT-CLASS)/YYMMNNN(vN)
const OLD_ID = /^([a-z]+(?:-[a-z]+)*)(?:\.[a-z]{2})?\/(\d{7})(?:v(\d+))?$/i;
const CANONICAL_NEW = /^\d{4}\.\d{4,5}$/;
const CANONICAL_OLD = /^[a-z]+(?:-[a-z]+)*\/\d{7}$/;
const ARXIV_HOSTS = /^(?:www\.|export\.)?arxiv\.org$/i;
const HF_HOSTS = /^(?:www\.)?(?:huggingface\.co|hf\.co)$/i;

function version(text: string | undefined): number | null {
  return text ? Number(text) : null;
}

/**
 * A bare id with an optional version (`2509.04664v2`, `math.GT/0309136`), as
 * its key; null when the text does not have the shape of an arXiv id. Lenient
 * about the number (any four digits before the dot): ids from the feed and the
 * library are taken as they come. `isPlausibleArxivId` checks the date too.
 */
export function parseArxivId(raw: string): ArxivId | null {
  const text = raw.trim();
  const m = NEW_ID.exec(text);
  if (m) return { id: m[1], version: version(m[2]) };
  const o = OLD_ID.exec(text);
  if (o) return { id: `${o[1].toLowerCase()}/${o[2]}`, version: version(o[3]) };
  return null;
}

/** The key of an id (no version, no subject class), or null when it is not one. */
export function canonicalArxivId(raw: string): string | null {
  return parseArxivId(raw)?.id ?? null;
}

/** True when `id` is already a key (what the library stores for arXiv papers). */
export function isArxivId(id: string): boolean {
  return CANONICAL_NEW.test(id) || CANONICAL_OLD.test(id);
}

/**
 * Whether a key has a real month (01-12) and, new style, the right number of
 * digits for it: four until 1412, five from 1501. For what people type or paste.
 */
export function isPlausibleArxivId(id: string): boolean {
  if (CANONICAL_NEW.test(id)) {
    const yymm = Number(id.slice(0, 4));
    const month = yymm % 100;
    if (month < 1 || month > 12) return false;
    return id.length === (yymm >= 1501 ? 10 : 9);
  }
  if (CANONICAL_OLD.test(id)) {
    const month = Number(id.slice(-5, -3));
    return month >= 1 && month <= 12;
  }
  return false;
}

/**
 * The id named by what a person pastes or types: `2509.04664`, `2509.04664v2`,
 * `arXiv:2509.04664`, `https://arxiv.org/abs/2509.04664v2`,
 * `arxiv.org/pdf/2509.04664v2.pdf`, `https://huggingface.co/papers/2509.04664`,
 * `hep-th/9901001`. Null otherwise. With `strict` (the default) the id must
 * also be plausible (see isPlausibleArxivId): add-by-id and imports say "not
 * an arXiv id" rather than look up `2513.04664`.
 */
export function readArxivRef(input: string, options: { strict?: boolean } = {}): ArxivId | null {
  const strict = options.strict ?? true;
  const accept = (ref: ArxivId | null) =>
    ref && (!strict || isPlausibleArxivId(ref.id)) ? ref : null;
  const text = input.trim();
  if (text === '' || text.length > 1_000) return null;
  const prefixed = /^arxiv:\s*(.+)$/i.exec(text);
  if (prefixed) return accept(parseArxivId(prefixed[1]));
  const bare = parseArxivId(text);
  if (bare) return accept(bare);
  // Only text naming one of the two sites can be a link to a paper.
  if (!/arxiv\.org|huggingface\.co|hf\.co/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  } catch {
    return null;
  }
  if (ARXIV_HOSTS.test(url.hostname)) {
    const m = /^\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?$/.exec(path);
    return m ? accept(parseArxivId(m[1])) : null;
  }
  if (HF_HOSTS.test(url.hostname)) {
    const m = /^\/papers\/(.+)$/.exec(path);
    return m ? accept(parseArxivId(m[1])) : null;
  }
  return null;
}

/** The paper's abstract page on arXiv. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** The paper's PDF: `base` is arxiv.org or a mirror/stand-in (PAPERSHELF_PDF_URL). */
export function arxivPdfUrl(id: string, base = 'https://arxiv.org/pdf'): string {
  return `${base.replace(/\/+$/, '')}/${id}`;
}

/** The paper's page on the Hugging Face Hub. */
export function hfPaperUrl(id: string): string {
  return `https://huggingface.co/papers/${id}`;
}
