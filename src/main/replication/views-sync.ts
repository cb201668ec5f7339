import * as Y from 'yjs';
import type { Kysely, Transaction } from 'kysely';
import { tagName } from '../../shared/api/common';
import { dailyInputs, savedSearchName } from '../../shared/api/daily';
import { VIEWS, type View } from '../../shared/domain';
import type { Database } from '../db/schema';
import * as saved from '../library/saved-searches-repo';
import {
  DELETED,
  LOCAL,
  randomTagId,
  viewIdForName,
  type LibraryDoc,
  type ViewFields,
} from './doc-model';
import * as repo from './replica-repo';

/**
 * Saved searches both ways: SQLite's `saved_searches` (integer ids, unique
 * names, a `position`) and the document's `view` map (stable ids; doc-model.ts),
 * joined by a mapping kept in `replica_state` (`viewIds`, no new table).
 *
 * Each field is its own key, so a rename on one device and a move or a query
 * edit on another both survive; the same field edited on two devices at once
 * ends as Yjs chooses (by client id), the same everywhere. A delete wins over
 * any concurrent edit. The sidebar order is an order key per saved search
 * (fractional, compared as text): a move writes the keys of the searches that
 * moved only, so moves on two devices merge.
 */

type Db = Kysely<Database> | Transaction<Database>;

const MAPPING_KEY = 'viewIds';

/** What this device and the document last agreed on (a three-way compare, like notes). */
export interface ViewsBase {
  fields: Map<string, { name: string; search: string }>;
  /** Document ids in this device's sidebar order. */
  order: string[] | null;
}

export const emptyViewsBase = (): ViewsBase => ({ fields: new Map(), order: null });

async function readMapping(db: Db): Promise<Map<number, string>> {
  const text = (await repo.readState(db)).get(MAPPING_KEY);
  if (!text) return new Map();
  try {
    const parsed = JSON.parse(text) as Record<string, string>;
    return new Map(Object.entries(parsed).map(([id, docId]) => [Number(id), String(docId)]));
  } catch {
    return new Map();
  }
}

async function writeMapping(db: Db, mapping: Map<number, string>): Promise<void> {
  await repo.writeState(db, {
    [MAPPING_KEY]: JSON.stringify(Object.fromEntries([...mapping].map(([k, v]) => [String(k), v]))),
  });
}

function searchJson(row: saved.SavedSearchRow): string {
  return JSON.stringify({ query: row.query, view: row.view, tag: row.tag });
}

interface ParsedView {
  id: string;
  name: string;
  search: string;
  order: string;
  fields: saved.SavedSearchFields;
}

/** A saved search from the document as the app would accept it, or null. */
function parseView(view: ViewFields): ParsedView | null {
  const name = savedSearchName.safeParse(view.name);
  if (!name.success || name.data !== view.name) return null;
  let search: unknown;
  try {
    search = JSON.parse(view.search);
  } catch {
    return null;
  }
  if (typeof search !== 'object' || search === null) return null;
  const { query, view: scope, tag } = search as Record<string, unknown>;
  const q = dailyInputs.saveSearch.shape.query.safeParse(query);
  if (!q.success || q.data !== query) return null;
  if (typeof scope !== 'string' || !(VIEWS as readonly string[]).includes(scope)) return null;
  if (tag !== null) {
    const t = tagName.safeParse(tag);
    if (!t.success || t.data !== tag) return null;
  }
  return {
    id: view.id,
    name: view.name,
    search: view.search,
    order: view.order,
    fields: { name: view.name, query: q.data, view: scope as View, tag: tag as string | null },
  };
}

/** The order of saved searches: by order key, then id — the same on every device. */
function byOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Live, well-formed saved searches, one per name: two live ones whose names
 * differ only by case (made apart, or renamed into each other) show as the one
 * with the smaller id, everywhere alike; the other shows again once its name is free.
 */
function visibleViews(model: LibraryDoc): Map<string, ParsedView> {
  const byName = new Map<string, ParsedView>();
  const live = model
    .allViews()
    .filter((v) => v.gone === '')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const v of live) {
    const parsed = parseView(v);
    if (!parsed) continue;
    const key = parsed.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, parsed);
  }
  return new Map([...byName.values()].map((v) => [v.id, v]));
}

// ------------------------------------------------------------------ order keys

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const ORDER_KEY = /^[0-9a-z]*[1-9a-z]$/;

/**
 * A key strictly between `a` and `b` (null: the start, the end), as in
 * fractional indexing: base-36 fractions written without the leading "0." and
 * without trailing zeros, so text order is number order.
 */
export function keyBetween(a: string | null, b: string | null): string {
  return midpoint(a ?? '', b);
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n += 1;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? DIGITS.indexOf(a[0]) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b[0]) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)];
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA] + midpoint(a.slice(1), null);
}

/** Indexes of a longest strictly increasing subsequence of `ranks`. */
function longestIncreasing(ranks: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(ranks.length).fill(-1);
  for (let i = 0; i < ranks.length; i += 1) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[tails[mid]] < ranks[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) out.add(i);
  return out;
}

/**
 * Give new order keys to the saved searches this device moved: those outside a
 * longest run that kept its relative order (against the last agreed order, or
 * the document's when there is none). A moved one goes right after the one
 * before it here (in the document's order), or before the first one when it is
 * first: a move on another device, not yet shown here, is never undone.
 */
function recordOrder(model: LibraryDoc, sequence: string[], base: string[] | null): number {
  const keyOf = new Map<string, string>();
  for (const v of model.allViews())
    if (v.gone === '' && ORDER_KEY.test(v.order)) keyOf.set(v.id, v.order);
  let ranks: number[];
  if (base) {
    const rank = new Map(base.map((id, i) => [id, i]));
    ranks = sequence.map((id) => (keyOf.has(id) ? (rank.get(id) ?? -1) : -1));
  } else {
    const sorted = sequence
      .filter((id) => keyOf.has(id))
      .map((id) => ({ id, order: keyOf.get(id)! }))
      .sort(byOrder);
    const rank = new Map(sorted.map((v, i) => [v.id, i]));
    ranks = sequence.map((id) => rank.get(id) ?? -1);
  }
  // Unranked ones (new, or without a valid key) always take a new key.
  const ranked = ranks.flatMap((r, i) => (r < 0 ? [] : [i]));
  const kept = new Set([...longestIncreasing(ranked.map((i) => ranks[i]))].map((j) => ranked[j]));
  let writes = 0;
  for (let i = 0; i < sequence.length; i += 1) {
    if (kept.has(i)) continue;
    const keys = [...keyOf].filter(([id]) => id !== sequence[i]).map(([, key]) => key);
    let key: string;
    if (i > 0) {
      const lower = keyOf.get(sequence[i - 1])!;
      const above = keys.filter((k) => k > lower).sort();
      key = keyBetween(lower, above[0] ?? null);
    } else {
      const next = sequence.slice(1).find((id, j) => kept.has(j + 1) && keyOf.has(id));
      const upper = next === undefined ? null : keyOf.get(next)!;
      const below = keys.filter((k) => upper === null || k < upper).sort();
      key = keyBetween(below.at(-1) ?? null, upper);
    }
    keyOf.set(sequence[i], key);
    writes += model.setView(sequence[i], { order: key });
  }
  return writes;
}

// ------------------------------------------------------------------ local -> document

/**
 * Record local saved-search changes: new ones get a document id (or join a
 * live one of the same name), renames, query edits and moves are written, and
 * ones gone from SQLite are marked deleted. Only fields that changed here since
 * this device and the document last agreed are written, so a remote edit not
 * shown here yet is never written back over.
 */
export async function recordViews(
  db: Kysely<Database>,
  model: LibraryDoc,
  base: ViewsBase,
  count: () => void,
): Promise<void> {
  const rows = await saved.listSavedSearchRows(db);
  const mapping = await readMapping(db);
  const present = new Set(rows.map((r) => r.id));
  const goneDocIds = new Set(
    [...mapping].filter(([id]) => !present.has(id)).map(([, docId]) => docId),
  );
  const mapped = new Set([...mapping].filter(([id]) => present.has(id)).map(([, d]) => d));
  const visible = visibleViews(model);
  const byName = new Map([...visible.values()].map((v) => [v.name.toLowerCase(), v.id]));
  const next = new Map(mapping);
  let dirty = false;
  Y.transact(
    model.doc,
    () => {
      const sequence: string[] = [];
      for (const row of rows) {
        let docId = mapping.get(row.id);
        if (!docId) {
          const same = byName.get(row.name.toLowerCase());
          // A search deleted here and saved again under its name is a new one.
          docId = same && !mapped.has(same) && !goneDocIds.has(same) ? same : undefined;
          if (!docId) {
            docId = viewIdForName(row.name);
            if (model.view(docId)) docId = randomTagId();
          }
          next.set(row.id, docId);
          mapped.add(docId);
          dirty = true;
        }
        const view = model.view(docId);
        const search = searchJson(row);
        const agreed = base.fields.get(docId);
        if (!view) {
          const writes = model.setView(docId, { name: row.name, search, gone: '' });
          for (let i = 0; i < writes; i += 1) count();
        } else if (view.gone === '') {
          const fields: Partial<ViewFields> = {};
          if (row.name !== view.name && row.name !== agreed?.name) fields.name = row.name;
          if (search !== view.search && search !== agreed?.search) fields.search = search;
          const writes = model.setView(docId, fields);
          for (let i = 0; i < writes; i += 1) count();
        } else continue; // deleted elsewhere: the projection removes it here
        // Unchanged here since the last agreement, or written: SQLite's value is the base.
        base.fields.set(docId, { name: row.name, search });
        sequence.push(docId);
      }
      const sameAsBase =
        base.order !== null &&
        base.order.length === sequence.length &&
        base.order.every((id, i) => sequence[i] === id);
      if (!sameAsBase) {
        const writes = recordOrder(model, sequence, base.order);
        for (let i = 0; i < writes; i += 1) count();
      }
      base.order = sequence;
      for (const [id, docId] of mapping) {
        if (present.has(id)) continue;
        const writes = model.setView(docId, { gone: DELETED });
        for (let i = 0; i < writes; i += 1) count();
        base.fields.delete(docId);
        next.delete(id);
        dirty = true;
      }
    },
    LOCAL,
  );
  if (dirty) await writeMapping(db, next);
}

// ------------------------------------------------------------------ document -> SQLite

/**
 * Make SQLite's saved searches the document's: deleted ones go, new ones are
 * made, renamed, edited and moved ones follow. Saved searches made here and not
 * recorded yet stay, after the replicated ones. Returns whether anything
 * changed, and what this device and the document now agree on (to keep once
 * the transaction commits).
 */
export async function projectViews(
  trx: Transaction<Database>,
  model: LibraryDoc,
  now: string,
): Promise<{ changed: boolean; base: ViewsBase }> {
  let changed = false;
  const visible = visibleViews(model);
  const byName = new Map([...visible.values()].map((v) => [v.name.toLowerCase(), v.id]));
  const mapping = await readMapping(trx);
  let mappingChanged = false;
  let rows = await saved.listSavedSearchRows(trx);
  const rowOf = new Map<string, number>();
  for (const row of rows) {
    const docId = mapping.get(row.id);
    if (docId && visible.has(docId)) rowOf.set(docId, row.id);
  }
  // Rows whose search was deleted, or is hidden behind a same-named one.
  for (const row of rows) {
    const docId = mapping.get(row.id);
    if (!docId || visible.has(docId)) continue;
    const view = model.view(docId);
    if (!view) {
      // mapped but never written (a crash between the two): recorded again by the next local job
      mapping.delete(row.id);
      mappingChanged = true;
      continue;
    }
    const other = view.gone === '' ? byName.get(view.name.toLowerCase()) : undefined;
    if (view.gone === '' && other === undefined) continue; // malformed from elsewhere: left as is
    if (other !== undefined && !rowOf.has(other)) {
      mapping.set(row.id, other);
      rowOf.set(other, row.id);
    } else {
      await saved.deleteSavedSearch(trx, row.id);
      mapping.delete(row.id);
    }
    mappingChanged = true;
    changed = true;
  }
  rows = await saved.listSavedSearchRows(trx);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const replicated = () => new Set(rowOf.values());
  // Field changes; renames go through a placeholder name, so two swapped names never clash.
  const renames: Array<[number, string]> = [];
  for (const view of visible.values()) {
    const row = rowById.get(rowOf.get(view.id) ?? -1);
    if (!row) continue;
    const { query, view: scope, tag } = view.fields;
    if (row.query !== query || row.view !== scope || row.tag !== tag) {
      await trx
        .updateTable('saved_searches')
        .set({ query, view: scope, tag })
        .where('id', '=', row.id)
        .execute();
      changed = true;
    }
    if (row.name !== view.name) renames.push([row.id, view.name]);
  }
  const others = (ids: Set<number>) =>
    new Map(rows.filter((r) => !ids.has(r.id)).map((r) => [r.name.toLowerCase(), r.id]));
  const heldElsewhere = others(replicated());
  const renaming = renames.filter(([, name]) => !heldElsewhere.has(name.toLowerCase()));
  for (const [id] of renaming) await saved.renameSavedSearch(trx, id, `\u0001${id}`);
  for (const [id, name] of renaming) await saved.renameSavedSearch(trx, id, name);
  if (renaming.length > 0) changed = true;
  // Replicated ones this device lacks; an unrecorded local one of the same name joins.
  for (const view of visible.values()) {
    if (rowOf.has(view.id)) continue;
    const holder = heldElsewhere.get(view.name.toLowerCase());
    let id: number;
    if (holder !== undefined) {
      if (mapping.has(holder)) continue; // a malformed one holds the name: skipped
      id = holder;
    } else id = await saved.insertSavedSearch(trx, view.fields, now);
    mapping.set(id, view.id);
    rowOf.set(view.id, id);
    mappingChanged = true;
    changed = true;
  }
  rows = await saved.listSavedSearchRows(trx);
  // The sidebar order: the document's, then searches not recorded yet, in their order.
  const ordered = [...visible.values()].filter((v) => rowOf.has(v.id)).sort(byOrder);
  const inDoc = replicated();
  const ids = [
    ...ordered.map((v) => rowOf.get(v.id)!),
    ...rows.filter((r) => !inDoc.has(r.id)).map((r) => r.id),
  ];
  const positionOf = new Map(rows.map((r) => [r.id, r.position]));
  for (const [position, id] of ids.entries()) {
    if (positionOf.get(id) === position) continue;
    await trx.updateTable('saved_searches').set({ position }).where('id', '=', id).execute();
    changed = true;
  }
  if (mappingChanged) await writeMapping(trx, mapping);
  const base = emptyViewsBase();
  for (const v of ordered) base.fields.set(v.id, { name: v.name, search: v.search });
  base.order = ordered.map((v) => v.id);
  return { changed, base };
}
