import type * as BibtexParser from '@retorquere/bibtex-parser';
import type { Creator, Entry, Library } from '@retorquere/bibtex-parser';
import { parsePaperRef } from '../../shared/api/io';
import { AppError } from '../../shared/errors';
import { cleanLine, normalizeAbstract, paperFromMetadata } from '../library/feed-paper';
import type { ImportPaper } from '../library/import-plan';
import { LOCAL_ID_PREFIX } from './paper-links';
import { importedLine } from './clean-text';

/**
 * BibTeX entries become papers: an entry with an arXiv eprint (or an arXiv
 * URL, DOI or "arXiv:..." note) becomes that arXiv paper; any other entry is
 * kept under a local id built from its citation key. Parsed with
 * @retorquere/bibtex-parser (Better BibTeX's parser); any syntax error
 * rejects the whole file, naming the line and the entry.
 */
export interface BibtexImport {
  papers: ImportPaper[];
  warnings: string[];
}

/**
 * Loaded with import(): the parser's CommonJS build requires an ESM-only
 * package (tiny-merge-patch, through unicode2latex), so `require` fails in
 * the CommonJS main bundle and under tsx; its ESM build loads everywhere.
 */
let parserModule: Promise<typeof BibtexParser> | null = null;
function loadParser() {
  parserModule ??= import('@retorquere/bibtex-parser');
  return parserModule;
}

export async function parseBibtex(content: string, fileName: string): Promise<BibtexImport> {
  const { parse } = await loadParser();
  let library: Library;
  try {
    library = parse(content, {
      // Keep titles as written: no sentence-casing, no case-protection markup.
      english: false,
      // An unknown command is kept as written rather than failing the import.
      unsupported: (_node, tex) => tex,
    });
  } catch (error) {
    throw new AppError(
      'bad_file',
      `${fileName} could not be read as BibTeX: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (library.errors.length > 0) {
    const first = library.errors[0];
    const more =
      library.errors.length > 1 ? ` (and ${library.errors.length - 1} more problems)` : '';
    throw new AppError('bad_file', `${fileName}: ${locate(content, first)}${more}`);
  }
  if (library.entries.length === 0) {
    throw new AppError('bad_file', `${fileName} holds no BibTeX entries`);
  }
  const papers = new Map<string, ImportPaper>();
  const warnings: string[] = [];
  for (const entry of library.entries) {
    const where = `entry “${entry.key}” (line ${lineOf(content, entry.input)})`;
    const title = importedLine(stripMarkup(entry.fields.title ?? ''));
    if (title === '') {
      warnings.push(`${where} has no title and was skipped`);
      continue;
    }
    const arxivId = arxivIdOf(entry);
    const id = arxivId ?? localId(entry.key);
    if (papers.has(id)) {
      warnings.push(`${where} repeats ${id} and was skipped`);
      continue;
    }
    papers.set(id, {
      id,
      feed: paperFromMetadata({
        id,
        title,
        abstract: normalizeAbstract(stripMarkup(entry.fields.abstract ?? '')),
        authors: (entry.fields.author ?? [])
          .map(creatorName)
          .filter(Boolean)
          .map((name) => ({
            name,
            hidden: false,
          })),
        publishedAt: dateOf(entry),
        projectPage: arxivId ? null : linkOf(entry),
      }),
      refresh: 'never',
      tags: [],
      days: [],
    });
  }
  return { papers: [...papers.values()], warnings };
}

/** "Unterminated brace-value ... at line 15" -> which entry, starting on which line. */
function locate(content: string, error: { error: string; input?: string }): string {
  const input = error.input ?? '';
  const key = /^@\w+\s*[{(]\s*([^,\s]+)/.exec(input)?.[1];
  const line = input ? lineOf(content, input) : null;
  const what = /brace|expected "\}"/i.test(error.error)
    ? 'unbalanced braces (a { without its matching })'
    : error.error.replace(/\s+/g, ' ').slice(0, 200);
  const where = [line ? `line ${line}` : null, key ? `entry “${key}”` : null]
    .filter(Boolean)
    .join(', ');
  return `${where ? `${where}: ` : ''}${what}`;
}

function lineOf(content: string, input: string): number {
  const at = input ? content.indexOf(input) : -1;
  return at < 0 ? 0 : content.slice(0, at).split('\n').length;
}

/** The parser renders \emph, \textbf... as HTML; titles here are plain text. */
function stripMarkup(text: string): string {
  return text.replace(/<\/?(?:i|b|sup|sub|sc|span|nc)(?:\s[^>]*)?>/g, '');
}

function creatorName(creator: Creator): string {
  if (creator.name) return cleanLine(creator.name);
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ');
  const name = [creator.firstName, family, creator.suffix].filter(Boolean).join(' ');
  return cleanLine(name);
}

function arxivIdOf(entry: Entry): string | null {
  const f = entry.fields;
  const prefix = (f.archiveprefix ?? f.eprinttype ?? '').toLowerCase();
  if (f.eprint && (prefix === 'arxiv' || prefix === '')) {
    const ref = parsePaperRef(f.eprint);
    if (ref) return ref.id;
  }
  for (const value of [f.url, f.doi, f.journal, f.note, f.howpublished, f.eprint]) {
    if (!value) continue;
    const doi = /10\.48550\/arXiv\.(\S+)/i.exec(value);
    const ref =
      parsePaperRef(doi ? doi[1] : value) ??
      parsePaperRef(/arXiv:\s*(\S+?)[.,;)]?(?:\s|$)/i.exec(value)?.[1] ?? '') ??
      parsePaperRef(/(?:https?:\/\/)?(?:www\.)?arxiv\.org\/\S+/i.exec(value)?.[0] ?? '');
    if (ref) return ref.id;
  }
  return null;
}

/** Same key, same paper: re-importing a .bib file does not duplicate it. */
function localId(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._\-:]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return `${LOCAL_ID_PREFIX}${safe || 'entry'}`.slice(0, 200);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** An ISO date only as precise as the entry: "2017", "2017-06" or "2017-06-12". */
function dateOf(entry: Entry): string | null {
  const f = entry.fields;
  const date = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(f.date ?? '');
  if (date) return [date[1], date[2], date[3]].filter(Boolean).join('-');
  const year = /\d{4}/.exec(f.year ?? '')?.[0];
  if (!year) return null;
  const month = (f.month ?? '').trim().toLowerCase();
  const index = /^\d{1,2}$/.test(month)
    ? Number(month)
    : MONTHS.findIndex((m) => month.startsWith(m)) + 1;
  return index >= 1 && index <= 12 ? `${year}-${String(index).padStart(2, '0')}` : year;
}

function linkOf(entry: Entry): string | null {
  const doi = entry.fields.doi?.trim();
  const candidates = [
    entry.fields.url,
    doi ? (/^https?:\/\//i.test(doi) ? doi : `https://doi.org/${doi}`) : undefined,
  ];
  for (const value of candidates) {
    if (!value) continue;
    try {
      const url = new URL(value.trim());
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
    } catch {
      // not a URL: ignore
    }
  }
  return null;
}
