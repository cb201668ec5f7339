import type {
  LibraryApi,
  PartialMatches,
  SearchResult,
  TodayEntry,
  TodaySection,
} from '../../../shared/api';
import type { PaperSummary } from '../../../shared/domain';
import { errorMessage } from '../lib/errors';
import { queryKey, stillMatches, type ListQuery } from './list-query';

/**
 * The paper list's data, outside React. A view can hold 50,000 papers, so rows
 * are fetched a page at a time as the virtual list scrolls to them, at most two
 * requests at once, always for what is on screen now.
 *
 * Local changes (triage, star, tag) apply at once — a triaged paper leaves the
 * view before the service answers — and the list is then re-read. While a
 * change is in flight no page is fetched: a page read before the service has
 * committed would put rows back at the wrong places.
 */
export interface ListSnapshot {
  query: ListQuery;
  /** null until the first page has arrived. */
  total: number | null;
  rows: ReadonlyArray<PaperSummary | undefined>;
  error: string | null;
  version: number;
  /** For search results: what matched, by paper id, and how many match in the whole library. */
  matches: ReadonlyMap<string, SearchResult>;
  totalInLibrary: number | null;
  warnings: string[];
  /** Set when papers matching only some of the search's words follow the full matches. */
  partial: PartialMatches | null;
  /** Sorted For you: why each paper is there, by id ("Like 3 papers you starred: …"). */
  because: ReadonlyMap<string, string>;
  /** Sorted For you before the model can rank: what it needs (it ranks by upvotes meanwhile). */
  forYouNeeds: string | null;
  /**
   * The query (its queryKey) the rows were read for. A new search keeps the old
   * rows on screen until its answer arrives: until then this names the old
   * query, and no key may act on those rows as if they were the new list's.
   */
  rowsFor: string | null;
  /** The Today view: each loaded paper's section, the section sizes, and "the rest". */
  today: TodayInfo | null;
}

export interface TodayInfo {
  entries: ReadonlyMap<string, TodayEntry>;
  sections: Record<TodaySection, number>;
  restIds: string[];
}

interface Page {
  total: number;
  papers: PaperSummary[];
  results?: SearchResult[];
  totalInLibrary?: number;
  warnings?: string[];
  partial?: PartialMatches;
  today?: {
    entries: Record<string, TodayEntry>;
    sections: Record<TodaySection, number>;
    restIds: string[];
  };
  because?: ReadonlyMap<string, string>;
  forYouNeeds?: string | null;
}

export const PAGE_SIZE = 100;

/** The search service answers at most this many results per call. */
const MAX_SEARCH_LIMIT = 1000;

/**
 * Search takes one feed day as its scope; a range of days (a week, a month)
 * goes into the query as the search syntax's own `day:FROM..TO` filter.
 */
export function searchWithin(
  text: string,
  day: string | null,
): { text: string; day: string | undefined } {
  if (!day) return { text, day: undefined };
  if (!day.includes('..')) return { text, day };
  return { text: `${text} day:${day}`, day: undefined };
}

/** One read of the list: listPapers for a view, search for a query (their schemas are strict). */
async function fetchPage(
  api: LibraryApi,
  query: ListQuery,
  offset: number,
  limit: number,
): Promise<Page> {
  const scope = {
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.day ? { day: query.day } : {}),
  };
  if (query.search) {
    const everywhere = query.search.everywhere;
    const { text, day } = searchWithin(query.search.text, query.day);
    const answer = await api.search({
      query: everywhere ? query.search.text : text,
      view: everywhere ? 'all' : query.view,
      ...(everywhere ? {} : { ...scope, day }),
      offset,
      limit: Math.min(limit, MAX_SEARCH_LIMIT),
    });
    return {
      total: answer.total,
      papers: answer.results.map((r) => r.paper),
      results: answer.results,
      totalInLibrary: answer.totalInLibrary,
      warnings: answer.warnings,
      ...(answer.partial ? { partial: answer.partial } : {}),
    };
  }
  if (query.today) {
    const page = await api.listToday({ since: query.today, offset, limit });
    return {
      total: page.total,
      papers: page.papers,
      today: { entries: page.entries, sections: page.sections, restIds: page.restIds },
    };
  }
  if (query.sort === 'foryou') {
    const ranked = await api.forYou({
      view: query.view,
      ...scope,
      offset,
      limit: Math.min(limit, MAX_SEARCH_LIMIT),
    });
    return {
      total: ranked.total,
      papers: ranked.picks.map((p) => p.paper),
      because: new Map(ranked.picks.map((p) => [p.paper.id, p.because])),
      forYouNeeds: ranked.needs,
    };
  }
  return api.listPapers({ view: query.view, sort: query.sort, ...scope, offset, limit });
}
const MAX_PARALLEL = 2;
/** How far beyond the visible rows a refresh re-reads, so a small scroll needs no fetch. */
const REFRESH_MARGIN = 50;
/** How many rows beyond either edge of the screen are fetched ahead of a scroll. */
const READ_AHEAD = 60;
const MAX_LIMIT = 5000;

export class PaperListStore {
  private snapshot: ListSnapshot;
  private rows: Array<PaperSummary | undefined> = [];
  /**
   * Where each loaded paper sits in `rows`, so finding the cursor is O(1): the
   * list renders on every scroll frame, and a scan of 50,000 slots per render
   * is what makes frames long. Checked against `rows` on read, never trusted alone.
   */
  private positions = new Map<string, number>();
  private listeners = new Set<() => void>();
  /** Bumped whenever rows already requested would land in the wrong place. */
  private generation = 0;
  private inflightPages = new Set<number>();
  private visible = { start: 0, end: 40 };
  private pendingMutations = 0;
  private refreshRunning = false;
  private refreshQueued = false;

  constructor(
    private readonly api: LibraryApi,
    initial: ListQuery,
  ) {
    const query: ListQuery = {
      view: initial.view,
      tag: initial.tag,
      day: initial.day,
      sort: initial.sort,
      search: initial.search ?? null,
      today: initial.today ?? null,
    };
    this.snapshot = {
      query,
      total: null,
      rows: this.rows,
      error: null,
      version: 0,
      matches: new Map(),
      totalInLibrary: null,
      warnings: [],
      partial: null,
      because: new Map(),
      forYouNeeds: null,
      rowsFor: null,
      today: null,
    };
    this.reload();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ListSnapshot => this.snapshot;

  private emit(patch: Partial<ListSnapshot>): void {
    this.snapshot = {
      ...this.snapshot,
      rows: this.rows,
      ...patch,
      version: this.snapshot.version + 1,
    };
    for (const listener of this.listeners) listener();
  }

  setQuery(query: ListQuery): void {
    if (queryKey(query) === queryKey(this.snapshot.query)) return;
    // A new search keeps the old rows on screen until its answer arrives (no flash of empty).
    const isSameList =
      queryKey({ ...query, search: null }) === queryKey({ ...this.snapshot.query, search: null });
    const keepsRows = isSameList && query.search !== null && this.snapshot.query.search !== null;
    if (!keepsRows) this.setRows([]);
    this.emit({
      query,
      total: this.rows.length === 0 ? null : this.snapshot.total,
      error: null,
      rowsFor: keepsRows ? this.snapshot.rowsFor : null,
      today: keepsRows ? this.snapshot.today : null,
    });
    this.reload();
  }

  /** The virtual list reports which rows are on screen; missing pages load. */
  setVisibleRange(start: number, end: number): void {
    this.visible = { start, end };
    this.loadMissing();
  }

  /** Re-read what is on screen (after an event, or a change). Coalesced. */
  refresh(): void {
    if (this.pendingMutations > 0 || this.refreshRunning) {
      this.refreshQueued = true;
      return;
    }
    void this.runRefresh();
  }

  private reload(): void {
    this.generation += 1;
    this.inflightPages.clear();
    this.refreshQueued = false;
    this.refresh();
  }

  private async runRefresh(): Promise<void> {
    this.refreshRunning = true;
    this.refreshQueued = false;
    const generation = ++this.generation;
    this.inflightPages.clear();
    const { query } = this.snapshot;
    const start = Math.max(0, this.visible.start - REFRESH_MARGIN);
    const offset = start - (start % PAGE_SIZE);
    const end = Math.max(this.visible.end + REFRESH_MARGIN, offset + PAGE_SIZE);
    const limit = Math.min(
      query.search || query.sort === 'foryou' ? MAX_SEARCH_LIMIT : MAX_LIMIT,
      Math.ceil((end - offset) / PAGE_SIZE) * PAGE_SIZE,
    );
    try {
      const page = await fetchPage(this.api, query, offset, limit);
      if (generation === this.generation) {
        const rows = new Array<PaperSummary | undefined>(page.total);
        page.papers.forEach((paper, i) => {
          if (offset + i < rows.length) rows[offset + i] = paper;
        });
        this.setRows(rows);
        this.emit({
          total: page.total,
          error: null,
          matches: new Map((page.results ?? []).map((r) => [r.paper.id, r])),
          totalInLibrary: page.totalInLibrary ?? null,
          warnings: page.warnings ?? [],
          partial: page.partial ?? null,
          because: page.because ?? new Map(),
          forYouNeeds: page.forYouNeeds ?? null,
          rowsFor: queryKey(query),
          today: page.today
            ? {
                entries: new Map(Object.entries(page.today.entries)),
                sections: page.today.sections,
                restIds: page.today.restIds,
              }
            : null,
        });
      }
    } catch (error) {
      if (generation === this.generation) this.emit({ error: errorMessage(error) });
    } finally {
      this.refreshRunning = false;
    }
    if (this.refreshQueued) this.refresh();
    else this.loadMissing();
  }

  private pageIsMissing(page: number): boolean {
    const end = Math.min(this.rows.length, (page + 1) * PAGE_SIZE);
    for (let i = page * PAGE_SIZE; i < end; i++) if (this.rows[i] === undefined) return true;
    return false;
  }

  private loadMissing(): void {
    if (this.snapshot.total === null || this.pendingMutations > 0 || this.refreshRunning) return;
    const { start, end } = this.visible;
    // What is on screen first; then the rows just past either edge, so a scroll
    // meets rows already loaded. A row that arrives after it is on screen is
    // built twice (skeleton, then paper), and a whole page of those landing at
    // once makes the longest frames of a scroll.
    const wanted = [
      [start, end],
      [end + 1, end + READ_AHEAD],
      [start - READ_AHEAD, start - 1],
    ];
    for (const [from, to] of wanted) {
      const first = Math.floor(Math.max(0, from) / PAGE_SIZE);
      const last = Math.floor(Math.min(this.rows.length - 1, to) / PAGE_SIZE);
      for (let page = first; page <= last; page++) {
        if (this.inflightPages.size >= MAX_PARALLEL) return;
        if (this.inflightPages.has(page) || !this.pageIsMissing(page)) continue;
        void this.loadPage(page);
      }
    }
  }

  private async loadPage(page: number): Promise<void> {
    const generation = this.generation;
    const { query } = this.snapshot;
    this.inflightPages.add(page);
    try {
      const result = await fetchPage(this.api, query, page * PAGE_SIZE, PAGE_SIZE);
      if (generation !== this.generation) return;
      this.inflightPages.delete(page);
      if (result.total !== this.rows.length) {
        // The list changed underneath (a sync, another window): read it again.
        this.refresh();
        return;
      }
      result.papers.forEach((paper, i) => {
        this.rows[page * PAGE_SIZE + i] = paper;
        this.positions.set(paper.id, page * PAGE_SIZE + i);
      });
      if (result.results) {
        const matches = new Map(this.snapshot.matches);
        for (const r of result.results) matches.set(r.paper.id, r);
        this.emit({ error: null, matches });
      } else if (result.today && this.snapshot.today) {
        const entries = new Map(this.snapshot.today.entries);
        for (const [id, entry] of Object.entries(result.today.entries)) entries.set(id, entry);
        this.emit({ error: null, today: { ...this.snapshot.today, entries } });
      } else if (result.because) {
        const because = new Map(this.snapshot.because);
        for (const [id, why] of result.because) because.set(id, why);
        this.emit({ error: null, because });
      } else this.emit({ error: null });
      this.loadMissing();
    } catch (error) {
      if (generation !== this.generation) return;
      this.inflightPages.delete(page);
      this.emit({ error: errorMessage(error) });
    }
  }

  /** Replace every row (a new list, a re-read, a local change) and re-index them. */
  private setRows(rows: Array<PaperSummary | undefined>): void {
    this.rows = rows;
    this.positions = new Map();
    rows.forEach((row, i) => {
      // forEach skips the holes of a sparse array: only loaded rows cost anything.
      if (row && !this.positions.has(row.id)) this.positions.set(row.id, i);
    });
  }

  /** The row of this paper, or -1 when it is not loaded (or not in the list). */
  indexOf(id: string): number {
    const index = this.positions.get(id);
    if (index === undefined) return -1;
    if (this.rows[index]?.id === id) return index;
    // Stale: a later page put another paper there (the list shifted between two
    // page reads). Look once, and remember the answer.
    const found = this.rows.findIndex((row) => row?.id === id);
    if (found >= 0) this.positions.set(id, found);
    else this.positions.delete(id);
    return found;
  }

  rowAt(index: number): PaperSummary | undefined {
    return this.rows[index];
  }

  get total(): number {
    return this.rows.length;
  }

  /** Whether the rows on screen are the current query's (not the previous search's, still shown). */
  get isCurrent(): boolean {
    return (
      this.snapshot.rowsFor !== null && this.snapshot.rowsFor === queryKey(this.snapshot.query)
    );
  }

  /** Whether this paper is a row the list has now (loaded, and of the current query). */
  shows(id: string): boolean {
    return this.isCurrent && this.indexOf(id) >= 0;
  }

  /** The ids of rows `from..to` (inclusive, any order), fetching the ones not loaded yet. */
  async idsInRange(from: number, to: number): Promise<string[]> {
    const lo = Math.max(0, Math.min(from, to));
    const hi = Math.min(this.rows.length - 1, Math.max(from, to));
    const ids: string[] = [];
    let complete = true;
    for (let i = lo; i <= hi; i++) {
      const row = this.rows[i];
      if (row) ids.push(row.id);
      else complete = false;
    }
    if (complete) return ids;
    const { query } = this.snapshot;
    const all: string[] = [];
    const step = query.search || query.sort === 'foryou' ? MAX_SEARCH_LIMIT : MAX_LIMIT;
    for (let offset = lo; offset <= hi; offset += step) {
      const page = await fetchPage(this.api, query, offset, Math.min(step, hi - offset + 1));
      all.push(...page.papers.map((p) => p.id));
    }
    return all;
  }

  /**
   * Apply a change to the loaded rows now, run it against the service, then
   * re-read. Rows that no longer belong to the view leave it at once. On failure
   * the re-read restores the truth and the error is rethrown for the caller.
   */
  async mutate(
    ids: readonly string[],
    change: (paper: PaperSummary) => PaperSummary,
    run: () => Promise<unknown>,
  ): Promise<void> {
    const targets = new Set(ids);
    const { query } = this.snapshot;
    const next: Array<PaperSummary | undefined> = [];
    for (const row of this.rows) {
      if (row && targets.has(row.id)) {
        const changed = change(row);
        if (stillMatches(changed, query)) next.push(changed);
      } else next.push(row);
    }
    this.generation += 1;
    this.inflightPages.clear();
    this.pendingMutations += 1;
    this.setRows(next);
    this.emit({ total: next.length });
    try {
      await run();
    } finally {
      this.pendingMutations -= 1;
      if (this.pendingMutations === 0) {
        this.refreshQueued = false;
        this.refresh();
      }
    }
  }
}
