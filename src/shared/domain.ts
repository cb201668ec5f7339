/** Domain types shared by every side. Pure TypeScript: no node, no DOM, no electron. */

export const READING_STATUSES = ['inbox', 'toread', 'reading', 'read', 'archived'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

export const STATUS_LABELS: Record<ReadingStatus, string> = {
  inbox: 'Inbox',
  toread: 'To read',
  reading: 'Reading',
  read: 'Read',
  archived: 'Archived',
};

/** Sidebar views: one per reading status, plus Starred and All. */
export const VIEWS = [...READING_STATUSES, 'starred', 'all'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  ...STATUS_LABELS,
  starred: 'Starred',
  all: 'All',
};

/** Where a paper came from. `sample` papers can be removed in one action. */
export const PAPER_SOURCES = ['feed', 'sample', 'import', 'manual'] as const;
export type PaperSource = (typeof PAPER_SOURCES)[number];

export interface Author {
  name: string;
  /** Hidden authors are kept (the feed lists them) but not shown. */
  hidden: boolean;
}

/** One row of the paper list: enough to draw it, nothing more. */
export interface PaperSummary {
  id: string;
  title: string;
  /** Visible authors, in order. */
  authors: string[];
  /** The most recent day the paper was featured on the feed, if any. */
  lastFeaturedDay: string | null;
  upvotes: number;
  status: ReadingStatus;
  starred: boolean;
  tags: string[];
  addedAt: string;
  hasNote: boolean;
}

export interface Note {
  paperId: string;
  markdown: string;
  createdAt: string;
  updatedAt: string;
}

/** A paper a note links to: `title` is null when the library does not have it. */
export interface LinkedPaper {
  id: string;
  title: string | null;
}

/** A paper whose note links to another, with the sentence around the link. */
export interface Backlink {
  id: string;
  title: string;
  context: string;
}

/** A paper with a note, for the All notes view: the note's first lines, newest edit first. */
export interface NoteSummary {
  id: string;
  title: string;
  excerpt: string;
  updatedAt: string;
}

export interface Paper {
  id: string;
  title: string;
  abstract: string;
  authors: Author[];
  /** arXiv publication time (ISO), when known. */
  publishedAt: string | null;
  upvotes: number;
  numComments: number;
  aiSummary: string | null;
  aiKeywords: string[];
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  thumbnail: string | null;
  source: PaperSource;
  firstSeenAt: string;
  updatedAt: string;
  /** Days the paper was featured on, newest first. */
  days: string[];
  status: ReadingStatus;
  starred: boolean;
  addedAt: string;
  statusChangedAt: string | null;
  tags: string[];
  note: Note | null;
}

export interface Tag {
  id: number;
  name: string;
  /** `#rrggbb` */
  color: string;
  count: number;
}

export interface DayCount {
  day: string;
  count: number;
}

export type ViewCounts = Record<View, number>;

/** `rising`: upvote growth over the last 72 hours, ties broken by recency (issue 17). */
export const SORT_KEYS = ['featured', 'upvotes', 'title', 'added', 'rising'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const TAG_COLORS = [
  '#3b82f6',
  '#10b981',
  '#f59e0b',
  '#ef4444',
  '#8b5cf6',
  '#ec4899',
  '#14b8a6',
  '#64748b',
] as const;

/** Feed days and arXiv ids have fixed shapes; these are shared by schemas and UI. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
