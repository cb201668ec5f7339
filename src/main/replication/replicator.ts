import * as Y from 'yjs';
import { z } from 'zod';
import { READING_STATUSES, type ReadingStatus } from '../../shared/domain';
import { color as colorSchema, NOTE_MAX_CHARS, tagName } from '../../shared/api/common';
import { SETTING_DEFAULTS, settingsSchema, type Settings } from '../../shared/api/settings';
import type { LibraryChangedEvent } from '../../shared/events';
import type { LibraryDb } from '../db/connection';
import type { Database } from '../db/schema';
import type { EventBus } from '../context/events';
import { createIngester } from '../library/ingest-repo';
import type { FeedPaper } from '../library/feed-paper';
import { deleteNote, upsertNote } from '../library/notes-repo';
import { getPaper, setStarred, setStatus } from '../library/papers-repo';
import { readSettings, writeSettings } from '../library/settings-repo';
import * as tagsRepo from '../library/tags-repo';
import { nowIso } from '../util/time';
import type { Transaction } from 'kysely';
import {
  LibraryDoc,
  newDeviceId,
  randomTagId,
  tagIdForName,
  touched,
  type RegisterKind,
} from './doc-model';
import * as repo from './replica-repo';
import { applyLocalText } from './text-diff';

/** Origins of document transactions: ours, and what came from the relay. */
const LOCAL = 'local';
const FROM_WIRE = 'wire';
const TO_WIRE = 'main';
/** Compact the stored log into one snapshot past this many rows. */
const COMPACT_AFTER = 2_000;
/** After a failed job (library busy, disk full), try again this much later. */
const RETRY_MS = 2_000;

const replicatedPaper = z.object({
  source: z.enum(['manual', 'import']),
  paper: z.object({
    id: z.string().max(64),
    title: z.string().max(10_000),
    abstract: z.string().max(200_000),
    authors: z.array(z.object({ name: z.string().max(1_000), hidden: z.boolean() })).max(10_000),
    publishedAt: z.string().max(40).nullable(),
    upvotes: z.number().int().nonnegative(),
    numComments: z.number().int().nonnegative(),
    aiSummary: z.string().max(100_000).nullable(),
    aiKeywords: z.array(z.string().max(500)).max(1_000),
    githubRepo: z.string().max(2_000).nullable(),
    githubStars: z.number().int().nonnegative().nullable(),
    projectPage: z.string().max(2_000).nullable(),
    thumbnail: z.string().max(2_000).nullable(),
  }),
});

interface Work {
  papers: Set<string>;
  all: boolean;
  tags: boolean;
  settings: boolean;
}

const emptyWork = (): Work => ({ papers: new Set(), all: false, tags: false, settings: false });

/**
 * Settings that belong to the person, not the machine, and so travel: the theme.
 * Where the feed is fetched from, how often, how many backups and whether PDFs
 * download are the device's own (its network, its disk).
 */
export const REPLICATED_SETTINGS = ['theme'] as const satisfies ReadonlyArray<keyof Settings>;

/**
 * Keeps the library's SQLite tables and its replicated Yjs document in step.
 *
 * Local edits: every write emits `library-changed`; the papers it names are
 * marked, and a job reads their state from SQLite and records what differs in
 * the document (never blocking the edit). Remote updates arrive in a second
 * document (the wire, which the relay connection owns) and are applied by the
 * same job: into the document, then into SQLite in one transaction together
 * with the update itself. One job runs at a time, local work first, so a
 * remote value never overwrites a local edit that was not recorded yet.
 */
export class Replicator {
  readonly model: LibraryDoc;
  /** The document the relay connection syncs; updates cross to `model` only in jobs. */
  readonly wire: Y.Doc;
  readonly device: string;
  private dirty = emptyWork();
  private incoming: Uint8Array[] = [];
  private unsaved: Uint8Array[] = [];
  private pending: Set<string>;
  private arrived = new Set<string>();
  private readonly noteBase = new Map<string, string>();
  private readonly mergedTags = new Map<number, number>();
  private job: Promise<void> | null = null;
  private projecting = false;
  private reconciled = false;
  private snapshotAfter = false;
  private unprojected: { work: Work; updates: Uint8Array[] } | null = null;
  private closed = false;
  private waiting: number;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly listeners = new Set<() => void>();
  private unsubscribe: () => void;
  lastError: string | null = null;

  private constructor(
    private readonly lib: LibraryDb,
    private readonly events: EventBus,
    state: Map<string, string>,
    updates: Uint8Array[],
    pending: Set<string>,
  ) {
    this.device = state.get('device') ?? newDeviceId();
    this.waiting = Number(state.get('waiting') ?? 0);
    this.pending = pending;
    const doc = new Y.Doc({ gc: true });
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update, 'load');
    });
    this.model = new LibraryDoc(doc);
    this.wire = new Y.Doc({ gc: true });
    Y.applyUpdate(this.wire, Y.encodeStateAsUpdate(doc), TO_WIRE);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_WIRE || origin === 'load') return;
      this.unsaved.push(update);
      Y.applyUpdate(this.wire, update, TO_WIRE);
    });
    this.wire.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === TO_WIRE) return;
      this.incoming.push(update);
      this.schedule();
    });
    this.unsubscribe = events.subscribe((event) => {
      if (this.projecting) return;
      if (event.type === 'library-changed') this.noteLocal(event);
      if (event.type === 'settings-changed') {
        this.dirty.settings = true;
        this.schedule();
      }
    });
  }

  static async open(lib: LibraryDb, events: EventBus): Promise<Replicator> {
    const state = await repo.readState(lib.db);
    const updates = await repo.readUpdates(lib.db);
    const pending = await repo.readPending(lib.db);
    const replicator = new Replicator(lib, events, state, updates, pending);
    if (!state.has('device')) await repo.writeState(lib.db, { device: replicator.device });
    if (updates.length > COMPACT_AFTER) await replicator.compact();
    return replicator;
  }

  /**
   * Record whatever SQLite holds that the document does not: edits made while the
   * library was not linked, or in the instant before a crash. Run when linking
   * and before exchanging (not on every CLI command: a full pass reads every
   * paper the user touched).
   */
  reconcile(): void {
    if (this.reconciled) return;
    this.reconciled = true;
    this.dirty.all = true;
    this.dirty.tags = true;
    this.dirty.settings = true;
    this.schedule();
  }

  /** Changes recorded here that the relay has not acknowledged yet. */
  get waitingChanges(): number {
    return this.waiting;
  }

  /** Called by the relay connection when everything sent so far was acknowledged. */
  async acknowledged(): Promise<void> {
    if (this.waiting === 0 || this.hasWork()) return;
    this.waiting = 0;
    await repo.writeState(this.lib.db, { waiting: '0' });
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  hasWork(): boolean {
    return (
      this.job !== null ||
      this.unprojected !== null ||
      this.incoming.length > 0 ||
      this.arrived.size > 0 ||
      this.dirty.all ||
      this.dirty.tags ||
      this.dirty.settings ||
      this.dirty.papers.size > 0
    );
  }

  /** Resolves once every local edit is in the document and every received update in SQLite. */
  idle(): Promise<void> {
    if (!this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private noteLocal(event: LibraryChangedEvent): void {
    if (event.mergedTag) this.mergedTags.set(event.mergedTag.from, event.mergedTag.into);
    if (event.scope === 'tags' || event.scope === 'library') this.dirty.tags = true;
    // A restore swaps the whole file, replication log included: the log is rewritten
    // from the document once the restored state is recorded.
    if (event.scope === 'library' && !event.paperIds) this.snapshotAfter = true;
    if (event.paperIds) {
      for (const id of event.paperIds) {
        if (this.pending.has(id)) this.arrived.add(id);
        else this.dirty.papers.add(id);
      }
    } else if (event.scope !== 'tags') {
      this.dirty.all = true;
      for (const id of this.pending) this.arrived.add(id);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.job || this.closed) return;
    this.job = (async () => {
      // Let a burst of edits and updates gather into one job.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        while (!this.closed && this.hasWorkQueued()) await this.runOnce();
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        console.error('papershelf: replication failed; retrying shortly', error);
      } finally {
        this.job = null;
        if (this.hasWorkQueued() && !this.closed && this.lastError === null) this.schedule();
        else for (const resolve of this.idleWaiters.splice(0)) resolve();
        if (this.lastError !== null && !this.closed) {
          // The library was busy or the disk full: the work was put back, try again.
          setTimeout(() => this.schedule(), RETRY_MS).unref();
        }
      }
    })();
  }

  private hasWorkQueued(): boolean {
    return (
      this.unprojected !== null ||
      this.incoming.length > 0 ||
      this.arrived.size > 0 ||
      this.dirty.all ||
      this.dirty.tags ||
      this.dirty.settings ||
      this.dirty.papers.size > 0
    );
  }

  /** Put work taken for a job back, after the job failed. */
  private putBack(work: Work): void {
    for (const id of work.papers) this.dirty.papers.add(id);
    this.dirty.all ||= work.all;
    this.dirty.tags ||= work.tags;
    this.dirty.settings ||= work.settings;
  }

  private async runOnce(): Promise<void> {
    this.lastError = null;
    // 0. Remote updates a failed job applied to the document but not yet to SQLite go first:
    //    until they are in SQLite, a difference there is theirs, not a local edit.
    if (this.unprojected) {
      const { work, updates } = this.unprojected;
      await this.project(work, updates);
      this.unprojected = null;
    }
    // 1. Papers that just arrived (a feed day synced here) take their replicated state first.
    if (this.arrived.size > 0) {
      const arrived = [...this.arrived];
      this.arrived.clear();
      try {
        const present = await repo.existingPaperIds(this.lib.db, arrived);
        if (present.size > 0)
          await this.project({ papers: present, all: false, tags: false, settings: false });
      } catch (error) {
        for (const id of arrived) this.arrived.add(id);
        throw error;
      }
    }
    // 2. Local edits into the document.
    const local = this.dirty;
    this.dirty = emptyWork();
    let recorded: number;
    try {
      recorded = await this.record(local);
    } catch (error) {
      this.putBack(local);
      throw error;
    }
    // 3. Remote updates into the document, then everything touched into SQLite.
    const remote = this.takeIncoming();
    const work: Work = {
      papers: new Set([...(local.all ? [] : local.papers), ...remote.papers]),
      all: local.all,
      tags: local.tags || remote.tags,
      settings: local.settings || remote.settings,
    };
    if (recorded > 0) {
      this.waiting += recorded;
      this.changed();
    }
    try {
      await this.project(work, remote.updates);
    } catch (error) {
      this.unprojected = { work, updates: remote.updates };
      throw error;
    }
    if (remote.updates.length > 0) this.changed();
    if (this.snapshotAfter && local.all) {
      this.snapshotAfter = false;
      await this.compact();
    }
  }

  private takeIncoming(): {
    updates: Uint8Array[];
    papers: Set<string>;
    tags: boolean;
    settings: boolean;
  } {
    const updates = this.incoming.splice(0);
    const papers = new Set<string>();
    let tags = false;
    let settings = false;
    if (updates.length === 0) return { updates, papers, tags, settings };
    const merged = Y.mergeUpdates(updates);
    const collect = (transaction: Y.Transaction) => {
      const t = touched(this.model, transaction);
      for (const id of t.paperIds) papers.add(id);
      tags ||= t.tags;
      settings ||= t.settings;
    };
    this.model.doc.on('afterTransaction', collect);
    try {
      Y.applyUpdate(this.model.doc, merged, FROM_WIRE);
    } finally {
      this.model.doc.off('afterTransaction', collect);
    }
    return { updates: [merged], papers, tags, settings };
  }

  // ---------------------------------------------------------------- local -> document

  /** Record what SQLite holds and the document does not; returns how many values were written. */
  private async record(work: Work): Promise<number> {
    if (!work.all && !work.tags && !work.settings && work.papers.size === 0) return 0;
    const { db } = this.lib;
    let writes = 0;
    const count = () => (writes += 1);
    if (work.settings || work.all) await this.recordSettings(count);
    // Tags first, always: a paper's new link may name a tag made in the same write (an import).
    await this.recordTags(count);
    const ids = work.all ? null : [...work.papers].filter((id) => !this.pending.has(id));
    if (ids && ids.length === 0) return this.saveUnsaved(writes);
    const local = await repo.readLocalState(db, ids);
    const mapping = await repo.readTagMapping(db);
    const metadata = new Map<string, string>();
    for (const state of local.values()) {
      if (
        (state.source === 'manual' || state.source === 'import') &&
        !this.model.papers.has(state.id)
      ) {
        const json = await this.paperJson(state.id, state.source);
        if (json) metadata.set(state.id, json);
      }
    }
    const candidates = work.all
      ? new Set([
          ...local.keys(),
          ...[...this.model.paperIds()].filter((id) => !this.pending.has(id)),
        ])
      : new Set(ids);
    // Papers the document knows but SQLite does not read back: absent, or back to defaults.
    const absent = [...candidates].filter((id) => !local.has(id));
    const present = work.all ? await repo.existingPaperIds(db, absent) : new Set(absent);
    const { resolve } = this.model.tagResolution();
    const now = nowIso();
    Y.transact(
      this.model.doc,
      () => {
        for (const id of candidates) {
          const state =
            local.get(id) ??
            (present.has(id)
              ? { id, status: 'inbox', starred: 0 as const, source: 'feed', tagIds: [], note: null }
              : null);
          if (!state) continue; // not in this library (deleted, or never here)
          this.recordPaper(state, mapping, resolve, now, count);
          const json = metadata.get(id);
          if (json) {
            this.model.papers.set(id, json);
            count();
          }
        }
      },
      LOCAL,
    );
    return this.saveUnsaved(writes);
  }

  private async saveUnsaved(writes: number): Promise<number> {
    const updates = this.unsaved.splice(0);
    if (updates.length > 0) await repo.appendUpdates(this.lib.db, [Y.mergeUpdates(updates)]);
    return writes;
  }

  private recordPaper(
    state: repo.LocalPaperState,
    mapping: Map<number, string>,
    resolve: (id: string) => string | null,
    now: string,
    count: () => void,
  ): void {
    const { id } = state;
    const setIfChanged = (
      kind: RegisterKind,
      value: string | number,
      fallback: string | number,
    ) => {
      const current = this.model.register(kind, id);
      if (current ? current[0] === value : value === fallback) return;
      this.model.setRegister(kind, id, this.device, value, now);
      count();
    };
    setIfChanged('s', state.status, 'inbox');
    setIfChanged('f', state.starred, 0);

    const here = new Map<string, string>(); // canonical -> the tag id to write under
    for (const tagId of state.tagIds) {
      const docId = mapping.get(tagId);
      const canonical = docId ? resolve(docId) : null;
      if (docId && canonical) here.set(canonical, docId);
    }
    const there = this.model.linkedTags(id, resolve);
    for (const [canonical, docId] of here) {
      if (there.has(canonical)) continue;
      this.model.setRegister('l', `${docId}|${id}`, this.device, 1, now);
      count();
    }
    for (const canonical of there) {
      if (here.has(canonical)) continue;
      this.model.setRegister('l', `${canonical}|${id}`, this.device, 0, now);
      count();
    }

    const saved = state.note ?? '';
    if (saved !== '' || this.model.hasNote(id)) {
      const text = this.model.note(id);
      const current = text.toString();
      if (current !== saved) {
        applyLocalText(text, this.noteBase.get(id) ?? current, saved);
        count();
      }
      // What SQLite holds now is what the next local save is a change of.
      this.noteBase.set(id, saved);
    }
  }

  private async recordSettings(count: () => void): Promise<void> {
    const settings = await readSettings(this.lib.db);
    const now = nowIso();
    Y.transact(
      this.model.doc,
      () => {
        for (const key of REPLICATED_SETTINGS) {
          const value = JSON.stringify(settings[key]);
          const current = this.model.register('g', key);
          if (current ? current[0] === value : value === JSON.stringify(SETTING_DEFAULTS[key]))
            continue;
          this.model.setRegister('g', key, this.device, value, now);
          count();
        }
      },
      LOCAL,
    );
  }

  /** The document's per-user settings into the settings table; true when one changed. */
  private async projectSettings(trx: Transaction<Database>): Promise<boolean> {
    if (this.dirty.settings) return false; // a local change goes first
    const current = await readSettings(trx);
    const changes: Record<string, unknown> = {};
    for (const key of REPLICATED_SETTINGS) {
      const entry = this.model.register('g', key);
      if (!entry || entry[0] === JSON.stringify(current[key])) continue;
      let value: unknown;
      try {
        value = JSON.parse(String(entry[0]));
      } catch {
        continue;
      }
      if (settingsSchema.shape[key].safeParse(value).success) changes[key] = value;
    }
    if (Object.keys(changes).length === 0) return false;
    await writeSettings(trx, changes as Partial<Settings>);
    return true;
  }

  private async recordTags(count: () => void): Promise<void> {
    const { db } = this.lib;
    const rows = await repo.readTagRows(db);
    const mapping = await repo.readTagMapping(db);
    const present = new Set(rows.map((r) => r.id));
    const goneDocIds = new Set(
      [...mapping].filter(([tagId]) => !present.has(tagId)).map(([, docId]) => docId),
    );
    const { canonical } = this.model.tagResolution();
    // A tag deleted here and made again under its name is a new tag, not the deleted one.
    const byName = new Map(
      [...canonical.values()]
        .filter((t) => !goneDocIds.has(t.id))
        .map((t) => [t.name.toLowerCase(), t.id]),
    );
    const newMappings: Array<[number, string]> = [];
    const gone: number[] = [];
    Y.transact(
      this.model.doc,
      () => {
        for (const row of rows) {
          let docId = mapping.get(row.id);
          if (!docId) {
            docId = byName.get(row.name.toLowerCase());
            if (!docId) {
              docId = tagIdForName(row.name);
              if (this.model.tag(docId)) docId = randomTagId();
            }
            newMappings.push([row.id, docId]);
          }
          const tag = this.model.tag(docId);
          if (!tag) {
            this.model.setTag(docId, { name: row.name, color: row.color, gone: '' });
            count();
          } else if (tag.gone === '' && (tag.name !== row.name || tag.color !== row.color)) {
            this.model.setTag(docId, { name: row.name, color: row.color });
            count();
          }
        }
        for (const [tagId, docId] of mapping) {
          if (present.has(tagId)) continue;
          const into = this.mergedTags.get(tagId);
          const intoDoc = into === undefined ? undefined : mapping.get(into);
          this.model.setTag(docId, { gone: intoDoc ?? '-' });
          this.mergedTags.delete(tagId);
          gone.push(tagId);
          count();
        }
      },
      LOCAL,
    );
    await db.transaction().execute(async (trx) => {
      for (const [tagId, docId] of newMappings) await repo.mapTag(trx, tagId, docId);
      for (const tagId of gone) await repo.unmapTag(trx, tagId);
    });
  }

  private async paperJson(id: string, source: 'manual' | 'import'): Promise<string | null> {
    const paper = await getPaper(this.lib.db, id);
    if (!paper) return null;
    const fields: FeedPaper = {
      id: paper.id,
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors,
      publishedAt: paper.publishedAt,
      upvotes: paper.upvotes,
      numComments: paper.numComments,
      aiSummary: paper.aiSummary,
      aiKeywords: paper.aiKeywords,
      githubRepo: paper.githubRepo,
      githubStars: paper.githubStars,
      projectPage: paper.projectPage,
      thumbnail: paper.thumbnail,
    };
    return JSON.stringify({ source, paper: fields });
  }

  // ---------------------------------------------------------------- document -> SQLite

  /**
   * Write the document's values for `work` into SQLite in one transaction, with
   * the remote updates they came from. Papers edited locally meanwhile are left
   * for the next job (recorded first, then projected).
   */
  private async project(work: Work, updates: Uint8Array[] = []): Promise<void> {
    const { db } = this.lib;
    const changedPapers = new Set<string>();
    let tagsChanged = false;
    const now = nowIso();
    const arrivedNow: string[] = [];
    const missing: string[] = [];
    let settingsChanged = false;
    await db.transaction().execute(async (trx) => {
      await repo.appendUpdates(trx, updates);
      if (work.settings || work.all) settingsChanged = await this.projectSettings(trx);
      let papers: Set<string>;
      if (work.tags || work.all) {
        const relinked = await this.projectTags(trx, now);
        tagsChanged = relinked.changed;
        papers = new Set([...work.papers, ...relinked.papers]);
      } else papers = new Set(work.papers);
      if (work.all) for (const id of this.model.paperIds()) papers.add(id);
      const skipped = [...papers].filter((id) => this.dirty.papers.has(id) || this.dirty.all);
      for (const id of skipped) papers.delete(id);
      if (papers.size === 0) return;
      const ids = [...papers];
      await this.insertReplicatedPapers(trx, ids, now);
      const local = await repo.readLocalState(trx, ids);
      const present = await repo.existingPaperIds(trx, ids);
      const mapping = await repo.readTagMapping(trx);
      const sqliteOf = new Map([...mapping].map(([tagId, docId]) => [docId, tagId]));
      const { resolve } = this.model.tagResolution();
      const known = this.model.paperIds();
      for (const id of ids) {
        if (!present.has(id)) {
          if (known.has(id) && !this.pending.has(id)) missing.push(id);
          continue;
        }
        if (this.pending.has(id)) arrivedNow.push(id);
        const state = local.get(id) ?? {
          id,
          status: 'inbox',
          starred: 0 as const,
          source: 'feed',
          tagIds: [],
          note: null,
        };
        if (await this.projectPaper(trx, state, sqliteOf, mapping, resolve, now))
          changedPapers.add(id);
      }
      await repo.setPending(trx, missing, arrivedNow);
    });
    for (const id of missing) this.pending.add(id);
    for (const id of arrivedNow) this.pending.delete(id);
    if (settingsChanged) {
      const settings = await readSettings(db);
      this.projecting = true;
      try {
        this.events.emit({ type: 'settings-changed', settings });
      } finally {
        this.projecting = false;
      }
    }
    if (changedPapers.size > 0 || tagsChanged) {
      this.projecting = true;
      try {
        this.events.emit({
          type: 'library-changed',
          scope: tagsChanged ? 'tags' : 'papers',
          ...(changedPapers.size <= 500 ? { paperIds: [...changedPapers] } : {}),
        });
      } finally {
        this.projecting = false;
      }
    }
  }

  /** Papers added by hand on another device: their metadata comes with them. */
  private async insertReplicatedPapers(
    trx: Transaction<Database>,
    ids: string[],
    now: string,
  ): Promise<void> {
    const candidates = ids.filter((id) => this.model.papers.has(id));
    if (candidates.length === 0) return;
    const present = await repo.existingPaperIds(trx, candidates);
    const ingester = createIngester(this.lib.sqlite);
    for (const id of candidates) {
      if (present.has(id)) continue;
      let parsed;
      try {
        parsed = replicatedPaper.safeParse(JSON.parse(this.model.papers.get(id)!));
      } catch {
        continue;
      }
      if (!parsed.success || parsed.data.paper.id !== id) continue;
      ingester.upsertPapers([parsed.data.paper], { source: parsed.data.source, now });
    }
  }

  private async projectPaper(
    trx: Transaction<Database>,
    state: repo.LocalPaperState,
    sqliteOf: Map<string, number>,
    mapping: Map<number, string>,
    resolve: (id: string) => string | null,
    now: string,
  ): Promise<boolean> {
    const { id } = state;
    let changed = false;
    const status = this.model.register('s', id);
    if (
      status &&
      status[0] !== state.status &&
      (READING_STATUSES as readonly string[]).includes(String(status[0]))
    ) {
      await setStatus(trx, [id], status[0] as ReadingStatus, status[1]);
      changed = true;
    }
    const star = this.model.register('f', id);
    if (star && Number(star[0]) !== state.starred) {
      await setStarred(trx, [id], star[0] === 1);
      changed = true;
    }
    const there = this.model.linkedTags(id, resolve);
    const here = new Set<string>();
    for (const tagId of state.tagIds) {
      const canonical = mapping.has(tagId) ? resolve(mapping.get(tagId)!) : null;
      if (canonical) here.add(canonical);
    }
    for (const canonical of there) {
      const tagId = sqliteOf.get(canonical);
      if (here.has(canonical) || tagId === undefined) continue;
      await tagsRepo.linkPapers(trx, tagId, [id], now);
      changed = true;
    }
    for (const canonical of here) {
      const tagId = sqliteOf.get(canonical);
      if (there.has(canonical) || tagId === undefined) continue;
      await tagsRepo.unlinkPapers(trx, tagId, [id]);
      changed = true;
    }
    if (this.model.hasNote(id)) {
      const text = this.model.note(id).toString();
      if (text !== (state.note ?? '') && text.length <= NOTE_MAX_CHARS) {
        if (text.trim() === '') await deleteNote(trx, id);
        else await upsertNote(trx, id, text, now);
        changed = true;
      }
      this.noteBase.set(id, text);
    }
    return changed;
  }

  /**
   * Make SQLite's tags the document's live tags: deleted ones go, merged ones
   * are merged (their links move), new ones are made, renamed and recoloured
   * ones follow. Returns the papers whose links a merge or delete may have moved.
   */
  private async projectTags(
    trx: Transaction<Database>,
    now: string,
  ): Promise<{ changed: boolean; papers: Set<string> }> {
    const papers = new Set<string>();
    let changed = false;
    if (this.dirty.tags) return { changed, papers }; // a local tag edit goes first
    const { canonical, resolve } = this.model.tagResolution();
    const mapping = await repo.readTagMapping(trx);
    const rows = await repo.readTagRows(trx);
    const live = new Set(rows.map((r) => r.id));
    const sqliteOf = new Map<string, number>();
    for (const [tagId, docId] of mapping) {
      if (!live.has(tagId)) continue; // deleted here; recorded by the next local job
      const target = resolve(docId);
      if (target === docId) {
        sqliteOf.set(docId, tagId);
        continue;
      }
      for (const paper of await tagsRepo.taggedPaperIds(trx, tagId)) papers.add(paper);
      const into = target === null ? undefined : sqliteOfMapped(mapping, target, live);
      if (target === null) {
        await tagsRepo.deleteTag(trx, tagId);
        await repo.unmapTag(trx, tagId);
      } else if (into !== undefined && into !== tagId) {
        await tagsRepo.mergeTag(trx, tagId, into);
        await repo.unmapTag(trx, tagId);
        live.delete(tagId);
      } else {
        await repo.mapTag(trx, tagId, target);
        sqliteOf.set(target, tagId);
      }
      changed = true;
    }
    for (const tag of canonical.values()) {
      // What came from the relay is checked like any input: a name the app would refuse is skipped.
      const name = tagName.safeParse(tag.name);
      if (!name.success || name.data !== tag.name) continue;
      if (!colorSchema.safeParse(tag.color).success) tag.color = tagsRepo.defaultTagColor(tag.name);
      let tagId = sqliteOf.get(tag.id);
      if (tagId === undefined) {
        const byName = await tagsRepo.findTagByName(trx, tag.name);
        tagId = byName?.id ?? (await tagsRepo.insertTag(trx, tag.name, tag.color, now));
        await repo.mapTag(trx, tagId, tag.id);
        sqliteOf.set(tag.id, tagId);
        changed = true;
      }
      const row = rows.find((r) => r.id === tagId);
      if (row && row.name !== tag.name) {
        const clash = await tagsRepo.findTagByName(trx, tag.name);
        if (clash && clash.id !== tagId) await tagsRepo.mergeTag(trx, clash.id, tagId);
        await tagsRepo.renameTag(trx, tagId, tag.name);
        changed = true;
      }
      if (row && row.color !== tag.color) {
        await tagsRepo.recolorTag(trx, tagId, tag.color);
        changed = true;
      }
    }
    return { changed, papers };
  }

  /** Pack the stored log into one snapshot. */
  async compact(): Promise<void> {
    const snapshot = Y.encodeStateAsUpdate(this.model.doc);
    await this.lib.db.transaction().execute((trx) => repo.replaceUpdates(trx, snapshot));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.job;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    await repo.writeState(this.lib.db, { waiting: String(this.waiting) });
    this.model.doc.destroy();
    this.wire.destroy();
  }
}

function sqliteOfMapped(
  mapping: Map<number, string>,
  docId: string,
  live: Set<number>,
): number | undefined {
  for (const [tagId, mapped] of mapping) if (mapped === docId && live.has(tagId)) return tagId;
  return undefined;
}
