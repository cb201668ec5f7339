import { sql, type Transaction } from 'kysely';
import {
  NETWORK_SETTING_KEYS,
  settingsSchema,
  type NetworkSettings,
  type Settings,
} from '../../shared/api/settings';
import type { LibraryDb } from '../db/connection';
import type { Database } from '../db/schema';
import type { Ingester } from './ingest-repo';
import { defaultTagColor, findTagByName, insertTag, linkPapers } from './tags-repo';
import { addSavedSearches } from './saved-searches-repo';
import { readSettings, writeSettings } from './settings-repo';
import { replaceNoteLinks } from './note-links-repo';
import type { FeedPaper } from './feed-paper';
import { MERGED_COLUMNS, type MergedColumns } from './paper-columns';
import type { ApplyResult, ImportPaper, ImportPlan } from './import-plan';

/**
 * The library's write path for papers that do not come from a feed day: every
 * importer (backup, BibTeX, id list, add-by-id with its arXiv and Hub lookups)
 * builds an ImportPlan and hands it here; feed days go through the ingester
 * (ingest-repo.ts), which this uses too. The merge rules below exist only here.
 *
 * Applies an import plan in ONE transaction: feed fields through the shared
 * ingester (a savepoint inside this transaction), user data with the query
 * builder. If anything throws, nothing is kept. Merge rules (also in
 * docs/backup-format.md): nothing is deleted; the most recent status change
 * wins; starred if either side is; tags and featured days are united; the
 * earlier added/first-seen time is kept; notes that differ are combined.
 */
type Trx = Transaction<Database>;

const CHUNK = 5_000;
const inIds = (ids: string[]) => sql<string>`(select value from json_each(${JSON.stringify(ids)}))`;

/** What a merge reads and writes of a paper already in the library (see paper-columns.ts). */
type ExistingRow = MergedColumns;

interface Existing {
  rows: Map<string, ExistingRow>;
  notes: Map<string, { markdown: string; created_at: string; updated_at: string }>;
  /** `paperId\ttag-name-lowercased` */
  links: Set<string>;
  /** `paperId\tday` */
  days: Set<string>;
}

export async function applyImport(
  lib: LibraryDb,
  ingester: Ingester,
  plan: ImportPlan,
  options: { now: string; onProgress?: (done: number, total: number) => void },
): Promise<ApplyResult & { restored: boolean; skippedSettings: NetworkSettings }> {
  const { now } = options;
  return lib.db.transaction().execute(async (trx) => {
    const restored = await isEmpty(trx);
    const result: ApplyResult = {
      added: 0,
      updated: 0,
      unchanged: 0,
      tagsCreated: 0,
      notesAdded: 0,
      notesMerged: 0,
      changedIds: [],
    };
    const tagIds = await ensureTags(trx, plan, now, result);
    const ids = plan.papers.map((p) => p.id);
    const existing = await readExisting(trx, ids);

    // Feed-owned fields: new papers, and papers the file knows more recently.
    const refreshed = new Set<string>();
    const toIngest: FeedPaper[] = [];
    for (const p of plan.papers) {
      const row = existing.rows.get(p.id);
      const fresh =
        !row ||
        (p.refresh === 'if-newer' && p.updatedAt !== undefined && p.updatedAt > row.updated_at);
      if (fresh && p.feed) toIngest.push(p.feed);
    }
    for (let i = 0; i < toIngest.length; i += 1_000) {
      const counts = ingester.upsertPapers(toIngest.slice(i, i + 1_000), {
        source: plan.defaultSource,
        now,
      });
      for (const id of counts.changedIds) if (existing.rows.has(id)) refreshed.add(id);
    }

    const newRows: NewRow[] = [];
    const links = new Map<number, string[]>();
    const dayRows: Array<{ day: string; paper_id: string; rank: number }> = [];
    let done = 0;
    for (const paper of plan.papers) {
      const id = paper.id;
      const row = existing.rows.get(id);
      if (!row && !paper.feed) continue; // user data for a paper that is not here
      let changed = row ? refreshed.has(id) : true;
      if (row) changed = (await mergeRow(trx, paper, row, now)) || changed;
      else newRows.push(newRow(paper, plan.defaultSource, now));
      for (const tag of paper.tags) {
        if (existing.links.has(`${id}\t${tag.toLowerCase()}`)) continue;
        const tagId = tagIds.get(tag.toLowerCase())!;
        const list = links.get(tagId);
        if (list) list.push(id);
        else links.set(tagId, [id]);
        changed = true;
      }
      for (const { day, rank } of paper.days) {
        if (existing.days.has(`${id}\t${day}`)) continue;
        dayRows.push({ day, paper_id: id, rank });
        changed = true;
      }
      const note = await applyNote(trx, paper, existing.notes.get(id), now);
      if (note === 'added') result.notesAdded += 1;
      if (note === 'merged') result.notesMerged += 1;
      if (note !== 'none') changed = true;
      if (!row) result.added += 1;
      else if (changed) result.updated += 1;
      else result.unchanged += 1;
      if (changed) result.changedIds.push(id);
      done += 1;
      if (done % 500 === 0) options.onProgress?.(done, plan.papers.length);
    }
    await writeNewRows(trx, newRows);
    for (const [tagId, paperIds] of links) {
      for (let i = 0; i < paperIds.length; i += CHUNK) {
        await linkPapers(trx, tagId, paperIds.slice(i, i + CHUNK), now);
      }
    }
    await insertDays(trx, dayRows);
    // A synced day says "this library has fetched that day": true of a backup
    // restored into an empty library (it becomes that library), never of a merge,
    // where marking the file's days done would make sync skip days this library
    // has not got.
    if (restored) await insertSyncedDays(trx, plan.syncedDays);
    const settings = plan.settings ? validSettings(plan.settings) : {};
    const { kept, skipped } = splitSettings(settings, await readSettings(trx));
    if (restored) await writeSettings(trx, kept);
    if (plan.savedSearches) await addSavedSearches(trx, plan.savedSearches, now);
    options.onProgress?.(plan.papers.length, plan.papers.length);
    return { ...result, restored, skippedSettings: skipped };
  });
}

async function isEmpty(trx: Trx): Promise<boolean> {
  const paper = await trx.selectFrom('papers').select('id').limit(1).executeTakeFirst();
  const tag = await trx.selectFrom('tags').select('id').limit(1).executeTakeFirst();
  return !paper && !tag;
}

async function ensureTags(
  trx: Trx,
  plan: ImportPlan,
  now: string,
  result: ApplyResult,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const ensure = async (name: string, color?: string, createdAt?: string) => {
    const key = name.toLowerCase();
    if (ids.has(key)) return;
    const found = await findTagByName(trx, name);
    if (found) {
      ids.set(key, found.id);
      return;
    }
    ids.set(key, await insertTag(trx, name, color ?? defaultTagColor(name), createdAt ?? now));
    result.tagsCreated += 1;
  };
  for (const tag of plan.tags) await ensure(tag.name, tag.color, tag.createdAt);
  for (const paper of plan.papers) for (const tag of paper.tags) await ensure(tag);
  return ids;
}

async function readExisting(trx: Trx, ids: string[]): Promise<Existing> {
  const existing: Existing = {
    rows: new Map(),
    notes: new Map(),
    links: new Set(),
    days: new Set(),
  };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const where = inIds(ids.slice(i, i + CHUNK));
    const [rows, notes, links, days] = await Promise.all([
      trx
        .selectFrom('papers')
        .select(['id', ...MERGED_COLUMNS])
        .where('id', 'in', where)
        .execute(),
      trx.selectFrom('notes').selectAll().where('paper_id', 'in', where).execute(),
      trx
        .selectFrom('paper_tags')
        .innerJoin('tags', 'tags.id', 'paper_tags.tag_id')
        .select(['paper_tags.paper_id', 'tags.name'])
        .where('paper_tags.paper_id', 'in', where)
        .execute(),
      trx
        .selectFrom('daily_appearances')
        .select(['paper_id', 'day'])
        .where('paper_id', 'in', where)
        .execute(),
    ]);
    for (const { id, ...row } of rows) existing.rows.set(id, row);
    for (const n of notes) existing.notes.set(n.paper_id, n);
    for (const l of links) existing.links.add(`${l.paper_id}\t${l.name.toLowerCase()}`);
    for (const d of days) existing.days.add(`${d.paper_id}\t${d.day}`);
  }
  return existing;
}

interface NewRow extends MergedColumns {
  id: string;
}

function newRow(paper: ImportPaper, defaultSource: 'import' | 'manual', now: string): NewRow {
  return {
    id: paper.id,
    source: paper.source ?? defaultSource,
    first_seen_at: paper.firstSeenAt ?? now,
    updated_at: paper.updatedAt ?? now,
    added_at: paper.addedAt ?? now,
    status: paper.status ?? 'inbox',
    status_changed_at: paper.status ? (paper.statusChangedAt ?? null) : null,
    starred: paper.starred ? 1 : 0,
  };
}

/** `source = j.value ->> 'source', ...`: every merged column from the JSON row (constants only). */
const SET_MERGED_FROM_JSON = sql.raw(
  MERGED_COLUMNS.map((column) => `${column} = j.value ->> '${column}'`).join(',\n        '),
);

/**
 * The ingester inserted new papers with import-time defaults; set what the
 * file says. One UPDATE ... FROM per chunk: a 50k-paper restore would
 * otherwise spend most of its time on single-row updates.
 */
async function writeNewRows(trx: Trx, rows: NewRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2_000) {
    const json = JSON.stringify(rows.slice(i, i + 2_000));
    await sql`update papers set ${SET_MERGED_FROM_JSON}
      from json_each(${json}) as j
      where papers.id = j.value ->> 'id'`.execute(trx);
  }
}

/** Combines the file's user data with the library's; true when something changed. */
async function mergeRow(
  trx: Trx,
  paper: ImportPaper,
  row: ExistingRow,
  now: string,
): Promise<boolean> {
  const next = { ...row };
  if (row.source === 'sample' && paper.source && paper.source !== 'sample')
    next.source = paper.source;
  if (paper.firstSeenAt && paper.firstSeenAt < row.first_seen_at)
    next.first_seen_at = paper.firstSeenAt;
  if (paper.addedAt && paper.addedAt < row.added_at) next.added_at = paper.addedAt;
  if (paper.updatedAt && paper.updatedAt > row.updated_at && paper.refresh === 'if-newer') {
    next.updated_at = paper.updatedAt;
  }
  if (paper.status && paper.status !== row.status) {
    const pristine = row.status === 'inbox' && row.status_changed_at === null;
    const theirs = paper.statusChangedAt ?? null;
    const newer =
      theirs !== null && (row.status_changed_at === null || theirs > row.status_changed_at);
    if (pristine || newer) {
      next.status = paper.status;
      next.status_changed_at = theirs ?? now;
    }
  }
  if (paper.starred && row.starred === 0) next.starred = 1;
  const changed = (Object.keys(next) as Array<keyof ExistingRow>).some((k) => next[k] !== row[k]);
  if (!changed) return false;
  await trx.updateTable('papers').set(next).where('id', '=', paper.id).execute();
  return true;
}

async function applyNote(
  trx: Trx,
  paper: ImportPaper,
  current: { markdown: string; created_at: string; updated_at: string } | undefined,
  now: string,
): Promise<'none' | 'added' | 'merged'> {
  const incoming = paper.note;
  if (!incoming || incoming.markdown.trim() === '') return 'none';
  const id = paper.id;
  if (!current) {
    await trx
      .insertInto('notes')
      .values({
        paper_id: id,
        markdown: incoming.markdown,
        created_at: incoming.createdAt ?? now,
        updated_at: incoming.updatedAt ?? now,
      })
      .execute();
    await replaceNoteLinks(trx, id, incoming.markdown);
    return 'added';
  }
  const mine = current.markdown.trim();
  const theirs = incoming.markdown.trim();
  if (mine === theirs || mine.includes(theirs)) return 'none';
  // The file's note extends ours (edited elsewhere): take it. Otherwise keep both.
  const markdown = theirs.includes(mine)
    ? incoming.markdown
    : `${current.markdown.replace(/\s+$/, '')}\n\n---\n\n${incoming.markdown}`;
  const createdAt =
    incoming.createdAt && incoming.createdAt < current.created_at
      ? incoming.createdAt
      : current.created_at;
  await trx
    .updateTable('notes')
    .set({ markdown, created_at: createdAt, updated_at: now })
    .where('paper_id', '=', id)
    .execute();
  await replaceNoteLinks(trx, id, markdown);
  return 'merged';
}

async function insertDays(
  trx: Trx,
  rows: Array<{ day: string; paper_id: string; rank: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('daily_appearances')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // last_featured_day is max(day) of a paper's appearances (the list sorts on it).
  const ids = [...new Set(rows.map((r) => r.paper_id))];
  for (let i = 0; i < ids.length; i += CHUNK) {
    await trx
      .updateTable('papers')
      .set({
        last_featured_day: (eb) =>
          eb
            .selectFrom('daily_appearances')
            .select((e) => e.fn.max('day').as('d'))
            .whereRef('daily_appearances.paper_id', '=', 'papers.id'),
      })
      .where('id', 'in', inIds(ids.slice(i, i + CHUNK)))
      .execute();
  }
}

async function insertSyncedDays(trx: Trx, days: ImportPlan['syncedDays']): Promise<void> {
  for (let i = 0; i < days.length; i += 500) {
    await trx
      .insertInto('synced_days')
      .values(
        days.slice(i, i + 500).map((d) => ({
          day: d.day,
          fetched_at: d.fetchedAt,
          count: d.count,
          skipped: d.skipped,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * A backup's settings without the ones that decide where the app connects and
 * how often: data never chooses those. They are returned instead when they
 * differ from the library's (the CLI reports them, the app offers them), to be
 * applied only by the user, through updateSettings.
 */
function splitSettings(
  settings: Partial<Settings>,
  current: Settings,
): { kept: Partial<Settings>; skipped: NetworkSettings } {
  const kept: Partial<Settings> = { ...settings };
  const skipped: Record<string, unknown> = {};
  for (const key of NETWORK_SETTING_KEYS) {
    if (!(key in kept)) continue;
    const value = kept[key];
    delete kept[key];
    if (JSON.stringify(value) !== JSON.stringify(current[key])) skipped[key] = value;
  }
  return { kept, skipped: skipped as NetworkSettings };
}

/** Keys this version knows and whose values validate; anything else is left out. */
function validSettings(raw: Record<string, unknown>): Partial<Settings> {
  const shape = settingsSchema.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean; data?: unknown } }
  >;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in shape)) continue;
    const parsed = shape[key].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Partial<Settings>;
}
