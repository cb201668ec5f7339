import type { DailyOutputs, SavedSearch, SearchResults, TodayEntry } from '../../shared/api';
import { VIEWS, type Paper, type View } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { getPaper, getSummaries } from '../library/papers-repo';
import { popularityOf, risingCutoff, risingGrowth } from '../library/popularity-repo';
import { readingStats } from '../library/reading-stats-repo';
import * as saved from '../library/saved-searches-repo';
import {
  countArrivals,
  readArrivals,
  readLastVisit,
  readSignals,
  writeLastVisit,
} from '../library/today-repo';
import type { ApiHandlers, Handlers, ServiceContext } from '../context/service-context';
import { DIGEST_MIME_TYPES, digestFileName, renderDigest, type DigestItem } from './digest';
import { orderToday, type OrderedToday } from './today-order';

/** With no visit yet, Today covers the last day. */
const FIRST_VISIT_HOURS = 24;

export interface DailyOptions {
  /** The search service (saved searches are searches). */
  search: ApiHandlers['search'];
  now?: () => Date;
}

/** Popularity, Today, the digest and saved searches (issue 17). */
export function dailyHandlers(
  ctx: ServiceContext,
  options: DailyOptions,
): Handlers<keyof DailyOutputs> {
  const { db } = ctx.lib;
  const clock = options.now ?? (() => new Date());

  async function defaultSince(): Promise<string> {
    return (
      (await readLastVisit(db)) ??
      new Date(clock().getTime() - FIRST_VISIT_HOURS * 3_600_000).toISOString()
    );
  }

  async function today(since: string): Promise<OrderedToday> {
    const [arrivals, signals, growth] = await Promise.all([
      readArrivals(db, since),
      readSignals(db, since),
      risingGrowth(db, risingCutoff(clock())),
    ]);
    return orderToday(arrivals, signals, growth);
  }

  function searchOf(row: saved.SavedSearchRow, offset: number, limit: number) {
    return options.search({
      query: row.query,
      view: toView(row.view),
      ...(row.tag ? { tag: row.tag } : {}),
      offset,
      limit,
    });
  }

  async function withCount(row: saved.SavedSearchRow): Promise<SavedSearch> {
    let count = 0;
    try {
      count = (await searchOf(row, 0, 1)).total;
    } catch (error) {
      // A query the search service refuses counts nothing; the view stays listed.
      if (!(error instanceof AppError)) throw error;
    }
    return {
      id: row.id,
      name: row.name,
      query: row.query,
      view: toView(row.view),
      tag: row.tag,
      position: row.position,
      count,
    };
  }

  async function requireSaved(by: { id: number } | { name: string }) {
    const row = await saved.findSavedSearch(db, by);
    if (!row) {
      throw new AppError(
        'not_found',
        'id' in by
          ? `There is no saved search with id ${by.id}`
          : `There is no saved search named “${by.name}”`,
      );
    }
    return row;
  }

  async function requireFreeName(name: string, except?: number) {
    const other = await saved.findSavedSearch(db, { name });
    if (other && other.id !== except) {
      throw new AppError('conflict', `A saved search named “${other.name}” already exists`);
    }
  }

  const changed = () =>
    // No paper changed: an empty list keeps the search index from re-reading anything.
    ctx.events.emit({ type: 'library-changed', scope: 'tags', paperIds: [] });

  return {
    async getPopularity({ id }) {
      const points = await popularityOf(db, id);
      if (points.length === 0)
        throw new AppError('not_found', `There is no paper ${id} in the library`);
      return points;
    },

    async getReadingStats({ weeks }) {
      return readingStats(ctx.lib.sqlite, weeks, clock());
    },

    async getTodaySummary() {
      const lastVisitAt = await readLastVisit(db);
      const since = lastVisitAt ?? (await defaultSince());
      return { since, count: await countArrivals(db, since), lastVisitAt };
    },

    async openToday() {
      const since = await defaultSince();
      const visitedAt = clock().toISOString();
      await writeLastVisit(db, visitedAt);
      changed();
      return { since, visitedAt };
    },

    async listToday({ since, offset, limit }) {
      const ordered = await today(since);
      const ids = ordered.ids.slice(offset, offset + limit);
      const entries: Record<string, TodayEntry> = {};
      for (const id of ids) entries[id] = ordered.entries.get(id) as TodayEntry;
      return {
        since,
        total: ordered.ids.length,
        offset,
        papers: await getSummaries(db, ids),
        entries,
        sections: { ...ordered.sections },
        restIds: ordered.ids.filter((id) => ordered.entries.get(id)?.section === 'rest'),
      };
    },

    async getDigest({ since: sinceInput, format }) {
      const since =
        sinceInput === undefined
          ? await defaultSince()
          : sinceInput.length === 10
            ? `${sinceInput}T00:00:00.000Z`
            : new Date(sinceInput).toISOString();
      const ordered = await today(since);
      const items: DigestItem[] = [];
      for (const id of ordered.ids) {
        const paper: Paper | null = await getPaper(db, id);
        const entry = ordered.entries.get(id);
        if (paper && entry) items.push({ paper, ...entry });
      }
      const generatedAt = clock().toISOString();
      return {
        since,
        format,
        count: items.length,
        fileName: digestFileName(format, generatedAt),
        mimeType: DIGEST_MIME_TYPES[format],
        content: renderDigest(format, { since, generatedAt, items }),
      };
    },

    async listSavedSearches() {
      const rows = await saved.listSavedSearchRows(db);
      return Promise.all(rows.map(withCount));
    },

    async saveSearch({ name, query, view, tag }) {
      await requireFreeName(name);
      const id = await saved.insertSavedSearch(
        db,
        { name, query, view, tag: tag ?? null },
        clock().toISOString(),
      );
      changed();
      return withCount(await requireSaved({ id }));
    },

    async renameSavedSearch({ id, name }) {
      await requireSaved({ id });
      await requireFreeName(name, id);
      await saved.renameSavedSearch(db, id, name);
      changed();
      return withCount(await requireSaved({ id }));
    },

    async updateSavedSearch({ id, query, view, tag }) {
      await requireSaved({ id });
      await saved.updateSavedSearch(db, id, { query, view, tag: tag ?? null });
      changed();
      return withCount(await requireSaved({ id }));
    },

    async moveSavedSearch({ id, position }) {
      await requireSaved({ id });
      await saved.moveSavedSearch(db, id, position);
      changed();
      return Promise.all((await saved.listSavedSearchRows(db)).map(withCount));
    },

    async deleteSavedSearch({ id }) {
      const row = await requireSaved({ id });
      const deleted = await withCount(row);
      await saved.deleteSavedSearch(db, id);
      changed();
      return { deleted };
    },

    async listSavedSearchPapers({ name, offset, limit }) {
      const row = await requireSaved({ name });
      const results: SearchResults = await searchOf(row, offset, limit);
      return {
        search: { ...(await withCount(row)), count: results.total },
        total: results.total,
        papers: results.results.map((r) => r.paper),
      };
    },
  };
}

function toView(text: string): View {
  return (VIEWS as readonly string[]).includes(text) ? (text as View) : 'all';
}
