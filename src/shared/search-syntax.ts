/**
 * The search box's syntax as people read it: one list, shown by the search
 * box's help popover and by `papershelf search --help`, so the two never
 * disagree. (The parser itself is shared/search-query.ts.)
 */
export interface SearchSyntaxEntry {
  /** What to type. */
  example: string;
  /** What it finds. */
  meaning: string;
}

export const SEARCH_SYNTAX: readonly SearchSyntaxEntry[] = [
  { example: 'speculatve decodng', meaning: 'words anywhere; typos are forgiven' },
  { example: '"exact phrase"', meaning: 'these words in this order' },
  {
    example: 'tag:pruning',
    meaning: 'a tag: its children too, and nested tags ending in it (ml/pruning)',
  },
  { example: 'tag:"deep learning"', meaning: 'a tag whose name has spaces' },
  { example: 'author:vempala', meaning: 'a word of an author’s name' },
  { example: 'status:toread,reading', meaning: 'a reading status (commas mean “or”)' },
  { example: 'is:starred', meaning: 'starred papers (is:read, is:inbox… for a status)' },
  { example: 'has:note', meaning: 'papers with a note (-has:note: without one)' },
  { example: 'year:2024', meaning: 'arXiv year, or a range: year:2020..2023' },
  { example: 'day:2025-11-12', meaning: 'featured that day, or a range: day:D..D' },
  { example: '2509.04664', meaning: 'that paper (an arXiv id or URL)' },
  { example: '-word  -tag:x', meaning: 'leave out what matches' },
];

/** A worked example that combines them. */
export const SEARCH_SYNTAX_EXAMPLE = 'speculative decoding tag:llm -is:read year:2024..';

/** The syntax as aligned plain-text lines (for the CLI's help). */
export function searchSyntaxLines(): string[] {
  const width = Math.max(...SEARCH_SYNTAX.map((entry) => entry.example.length));
  return SEARCH_SYNTAX.map((entry) => `  ${entry.example.padEnd(width)}  ${entry.meaning}`);
}
