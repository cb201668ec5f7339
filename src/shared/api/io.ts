import { z } from 'zod';
import { READING_STATUSES, VIEWS, type Paper } from '../domain';
import { CITATION_STYLES, type CitationStyle } from '../citation-styles';
import { featuredPeriod, paperId, tagName } from './common';
import type { NetworkSettings } from './settings';
import { readArxivRef, type ArxivId } from '../arxiv-id';

/** Getting data in and out: exports, imports, add-a-paper-by-id. */

export const EXPORT_FORMATS = ['bibtex', 'csl-json', 'markdown', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `json` is a Papershelf backup; `ids` is a plain list of arXiv ids or URLs. */
export const IMPORT_FORMATS = ['json', 'bibtex', 'ids'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Which papers to export. Every given part narrows the set (they combine with
 * AND); `{}` is the whole library. `ids` is how the UI exports a selection or
 * the current search results.
 */
export const exportScope = z.strictObject({
  view: z.enum(VIEWS).optional(),
  tag: tagName.optional(),
  /** A feed day, or a range of days (a week, a month). */
  day: featuredPeriod.optional(),
  ids: z.array(paperId).min(1, 'Select at least one paper').max(50_000).optional(),
  /** A search query (the search box's syntax). */
  query: z.string().trim().min(1).max(1_000).optional(),
});
export type ExportScope = z.output<typeof exportScope>;

/** Files up to ~400 MB of text: a 50k-paper backup with long notes stays well below. */
const MAX_IMPORT_CHARS = 400_000_000;

const extraTags = z.array(tagName).max(50).default([]);

export const ioInputs = {
  /** A citation of these papers, as text to copy (the year rule of the exports applies). */
  citePapers: z.strictObject({
    ids: z.array(paperId).min(1, 'Select at least one paper').max(1_000),
    style: z.enum(CITATION_STYLES).default('bibtex'),
  }),
  /** Export papers; the content is returned, the caller writes it where the user chose. */
  exportPapers: z.strictObject({
    format: z.enum(EXPORT_FORMATS),
    scope: exportScope.default({}),
  }),
  /**
   * Import one file's content. `format` is guessed from the file name and the
   * content when absent. `status` and `tags` apply to every paper of a BibTeX
   * file or id list (a JSON backup carries its own). All or nothing: a bad
   * file changes nothing.
   */
  importFile: z.strictObject({
    fileName: z.string().trim().min(1, 'A file name is required').max(1_000),
    content: z.string().max(MAX_IMPORT_CHARS, 'The file is larger than 400 MB'),
    format: z.enum(IMPORT_FORMATS).optional(),
    status: z.enum(READING_STATUSES).optional(),
    tags: extraTags,
  }),
  /**
   * Stop the import that is looking papers up online (an id list); it fails
   * with `cancelled` and writes nothing. `cancelled: false` when none was.
   */
  cancelImport: z.strictObject({}),
  /**
   * Bring back notes edited in a Markdown vault (files as read from its folder).
   * A paper is found by the `id` in a file's front matter; a note changed in both
   * places since the export keeps both versions, marked; ids the library lacks
   * are reported, never added.
   */
  importVault: z.strictObject({
    files: z
      .array(
        z.strictObject({
          fileName: z.string().min(1).max(1_000),
          content: z.string().max(4_000_000, 'A vault file is at most 4,000,000 characters'),
        }),
      )
      .max(100_000),
  }),
  /**
   * Add one paper by arXiv id or URL (see {@link parsePaperRef}). Looked up on
   * the Hugging Face papers endpoint, then on arXiv. A paper already in the
   * library is not fetched again; status and tags are still applied.
   */
  addPaper: z.strictObject({
    idOrUrl: z.string().trim().min(1, 'Give an arXiv id or URL').max(1_000),
    status: z.enum(READING_STATUSES).optional(),
    tags: extraTags,
    /** Base URL of the Hugging Face API for this call; default: the feed setting. */
    source: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
  }),
};

/** One Markdown file of a vault export. */
export interface VaultFile {
  /** A bare file name, safe on Windows, macOS and Linux, unique (case-insensitively). */
  fileName: string;
  paperId: string;
  content: string;
}

export type ExportResult =
  | {
      format: 'bibtex' | 'csl-json' | 'json';
      count: number;
      /** A suggested file name, e.g. `papershelf-2025-11-14.bib`. */
      fileName: string;
      mimeType: string;
      content: string;
    }
  | {
      format: 'markdown';
      count: number;
      /** A suggested folder name. */
      folderName: string;
      files: VaultFile[];
    };

export interface ImportResult {
  format: ImportFormat;
  fileName: string;
  /** `restore`: a backup into an empty library, reproduced exactly; otherwise merged. */
  mode: 'restore' | 'merge';
  /** Papers in the file (after removing duplicates). */
  total: number;
  papers: { added: number; updated: number; unchanged: number };
  tagsCreated: number;
  notes: { added: number; merged: number };
  /** Entries skipped, and why (e.g. a BibTeX entry without a title). */
  warnings: string[];
  /**
   * A backup's settings that choose where the app connects or how often (feed
   * URL, sync interval), which differ from the library's: never applied by an
   * import. The app may offer them; only the user's updateSettings applies them.
   */
  skippedSettings: NetworkSettings;
}

/** What importVault did, file by file where it matters. */
export interface VaultImportResult {
  /** Markdown files read. */
  files: number;
  /** Papers whose note was taken from the vault. */
  updated: Array<{ id: string; fileName: string }>;
  unchanged: number;
  /** Changed in the library and in the vault since the export: both versions kept, marked. */
  conflicts: Array<{ id: string; fileName: string }>;
  /** Files naming a paper the library does not have (nothing was added). */
  unknown: Array<{ id: string; fileName: string }>;
  /** Files without a Papershelf `id` in their front matter (the user's own notes). */
  skipped: string[];
}

export interface AddPaperResult {
  paper: Paper;
  /** False when the paper was already in the library. */
  added: boolean;
  from: 'library' | 'huggingface' | 'arxiv';
}

export interface CiteResult {
  style: CitationStyle;
  /** Papers cited (ids not in the library are left out). */
  count: number;
  text: string;
}

export interface IoOutputs {
  citePapers: CiteResult;
  exportPapers: ExportResult;
  importFile: ImportResult;
  importVault: VaultImportResult;
  cancelImport: { cancelled: boolean };
  addPaper: AddPaperResult;
}

/** An arXiv id, bare (no version), and the version when one was given. */
export type PaperRef = ArxivId;

/**
 * Reads what a person pastes: `2509.04664`, `2509.04664v2`, `arXiv:2509.04664`,
 * `https://arxiv.org/abs/2509.04664v2`, `arxiv.org/pdf/2509.04664v2.pdf`,
 * `https://huggingface.co/papers/2509.04664`, `hep-th/9901001`. Null otherwise.
 * Pure, so the UI can validate as the user types (src/shared/arxiv-id.ts).
 */
export function parsePaperRef(input: string): PaperRef | null {
  return readArxivRef(input);
}

/** Progress of a long import or export; `done` reaches `total` at the end of each phase. */
export interface IoProgressEvent {
  type: 'io-progress';
  operation: 'import' | 'export' | 'add';
  /** The file being imported, when there is one. */
  fileName?: string;
  /** `reading`: parsing; `fetching`: looking papers up online; `writing`: saving. */
  phase: 'reading' | 'fetching' | 'writing';
  done: number;
  total: number;
}
