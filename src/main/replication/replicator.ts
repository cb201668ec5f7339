import * as Y from 'yjs';
import { z } from 'zod';
import { READING_STATUSES, type ReadingStatus } from '../../shared/domain';
import { NOTE_MAX_CHARS } from '../../shared/api/common';
import type { LibraryChangedEvent } from '../../shared/events';
import type { LibraryDb } from '../db/connection';
import type { Database } from '../db/schema';
import type { EventBus } from '../context/events';
import { deleteNote, upsertNote } from '../library/notes-repo';
import { setStarred, setStatus } from '../library/papers-repo';
import { readSettings } from '../library/settings-repo';
import * as tagsRepo from '../library/tags-repo';
import { nowIso } from '../util/time';
import type { Transaction } from 'kysely';
import {
  LibraryDoc,
  LOCAL,
  NOTE_PREFIX,
  newDeviceId,
  touched,
  type RegisterEntry,
  type RegisterKind,
  type RegisterRead,
} from './doc-model';
import { insertReplicatedPapers, paperJson } from './papers-sync';
import * as repo from './replica-repo';
import { projectSettings, recordSettings, settingsBefore } from './settings-sync';
import { projectTags, recordTags, tagsBefore, type TagsBase } from './tags-sync';
import { applyLocalText } from './text-diff';
import { emptyViewsBase, projectViews, recordViews } from './views-sync';

/** Origins of document transactions: ours, and what came from the relay. */
const FROM_WIRE = 'wire';
const TO_WIRE = 'main';
/** Compact the stored log into one snapshot past this many rows. */
const COMPACT_AFTER = 2_000;
/** Where the bases of values received but not shown yet are kept across runs. */
const UNSHOWN_KEY = 'unshown';
/** After a failed job (library busy, disk full), try again this much later. */
const RETRY_MS = 2_000;

interface Work {
  papers: Set<string>;
  all: boolean;
  tags: boolean;
  settings: boolean;
}

const emptyWork = (): Work => ({ papers: new Set(), all: false, tags: false, settings: false });

/** A paper's status, star and tags (canonical ids) as SQLite held them when it and the document agreed. */
interface PaperBase {
  status: string;
  starred: number;
  links: Set<string>;
}

/**
 * Keeps the library's SQLite tables and its replicated Yjs document in step.
 *
 * Local edits: every write emits `library-changed`; the papers it names are
 * marked, and a job reads their state from SQLite and records what differs in
 * the document (never blocking the edit). Remote updates arrive in a second
 * document (the wire, which the relay connection owns) and are applied by the
 * same job: into the document, then into SQLite in one transaction together
 * with the update itself. One job runs at a time, local work first, so a
 * remote value never overwrites a local edit that was not recorded yet; and
 * what a remote update changed keeps, until SQLite shows it, the value agreed
 * before it (a base), so a stale local value is never recorded over it either.
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
  /** Saved searches as this device and the document last agreed on them. */
  private viewsBase = emptyViewsBase();
  /**
   * For what a remote update changed in the document and SQLite does not show
   * yet: the value both agreed on before it (SQLite's, once a local edit was
   * recorded meanwhile). A value SQLite still holds as it was there is no local
   * edit, and is not written back over the remote one. Dropped once projected.
   */
  private readonly paperBase = new Map<string, PaperBase>();
  private readonly tagsBase: TagsBase = new Map();
  private readonly settingsBase = new Map<string, string>();
  /** Notes changed by updates waiting in `incoming`. */
  private incomingNotes = new Set<string>();
  /** Notes changed remotely and not shown yet: their `noteBase` is what was agreed. */
  private readonly unshownNotes = new Set<string>();
  /** Saved searches changed remotely and not shown yet: `viewsBase` is what was agreed. */
  private viewsUnshown = false;
  /** The bases as last stored with the projection (`replica_state`). */
  private unshownSaved: string | null;
  /** Papers linked in the document to a tag SQLite gets once a local tag edit is recorded. */
  private awaitingTags = new Set<string>();
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
    this.unshownSaved = state.get(UNSHOWN_KEY) ?? null;
    try {
      this.loadUnshown(this.unshownSaved ?? undefined);
    } catch {
      // unreadable: as if nothing was left unshown
    }
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
    // Which notes the incoming updates change, to keep their agreed text before they apply.
    this.wire.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === TO_WIRE) return;
      let names: Map<unknown, string> | null = null;
      for (const type of transaction.changed.keys()) {
        if (type._item !== null) continue;
        names ??= new Map([...this.wire.share].map(([name, shared]) => [shared, name]));
        const name = names.get(type);
        if (name?.startsWith(NOTE_PREFIX)) this.incomingNotes.add(name.slice(NOTE_PREFIX.length));
      }
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
    return this.job !== null || this.hasWorkQueued();
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
      this.awaitingTags.size > 0 ||
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
    const awaiting = this.awaitingTags;
    this.awaitingTags = new Set();
    const work: Work = {
      papers: new Set([...(local.all ? [] : local.papers), ...remote.papers, ...awaiting]),
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
    const notes = this.incomingNotes;
    this.incomingNotes = new Set();
    for (const id of notes) {
      // SQLite shows the note as the document holds it now (or has none): that is agreed.
      if (!this.noteBase.has(id))
        this.noteBase.set(id, this.model.hasNote(id) ? this.model.note(id).toString() : '');
      this.unshownNotes.add(id);
    }
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
    // What the update overwrites, key by key: the values SQLite and the document agreed on.
    const regBefore = new Map<string, unknown>();
    const tagBefore = new Map<string, string | undefined>();
    const keepReg = (event: Y.YMapEvent<RegisterEntry>) => {
      for (const [key, change] of event.changes.keys)
        if (!regBefore.has(key)) regBefore.set(key, change.oldValue);
    };
    const keepTag = (event: Y.YMapEvent<string>) => {
      for (const [key, change] of event.changes.keys)
        if (!tagBefore.has(key)) tagBefore.set(key, change.oldValue as string | undefined);
    };
    this.model.doc.on('afterTransaction', collect);
    this.model.reg.observe(keepReg);
    this.model.tags.observe(keepTag);
    try {
      Y.applyUpdate(this.model.doc, merged, FROM_WIRE);
    } finally {
      this.model.doc.off('afterTransaction', collect);
      this.model.reg.unobserve(keepReg);
      this.model.tags.unobserve(keepTag);
    }
    this.keepBases(regBefore, tagBefore);
    if (tags) this.viewsUnshown = true;
    return { updates: [merged], papers, tags, settings };
  }

  /**
   * Before a remote update is projected, remember what it overwrote (unless an
   * earlier one not projected yet already did): until SQLite shows it, SQLite
   * holding that old value is no local edit.
   */
  private keepBases(regBefore: Map<string, unknown>, tagBefore: Map<string, string | undefined>) {
    const read: RegisterRead = (key) =>
      regBefore.has(key) ? regBefore.get(key) : this.model.reg.get(key);
    const paperIds = new Set<string>();
    const settingKeys = new Set<string>();
    for (const key of regBefore.keys()) {
      const parts = key.split('|');
      if (parts[0] === 'g') settingKeys.add(parts[1]);
      else if (parts[0] === 's' || parts[0] === 'f') paperIds.add(parts[1]);
      else if (parts[0] === 'l' && parts.length === 4) paperIds.add(parts[2]);
    }
    if (paperIds.size > 0) {
      const { resolve } = this.model.tagResolution();
      for (const id of paperIds) {
        if (this.paperBase.has(id) || this.pending.has(id)) continue;
        const status = this.model.register('s', id, read);
        const star = this.model.register('f', id, read);
        this.paperBase.set(id, {
          status: status ? String(status[0]) : 'inbox',
          starred: star ? Number(star[0]) : 0,
          links: this.model.linkedTags(id, resolve, read),
        });
      }
    }
    for (const [key, value] of settingsBefore(this.model, settingKeys, read))
      if (!this.settingsBase.has(key)) this.settingsBase.set(key, value);
    for (const [id, fields] of tagsBefore(this.model, tagBefore))
      if (!this.tagsBase.has(id)) this.tagsBase.set(id, fields);
  }

  /** The bases still needed once a projection commits, as stored in `replica_state` (null: none). */
  private unshownJson(
    settingsShown: boolean,
    tagsShown: boolean,
    viewsShown: boolean,
    papersShown: Set<string>,
    notesShown: Set<string>,
  ) {
    const papers = [...this.paperBase]
      .filter(([id]) => !papersShown.has(id))
      .map(([id, b]) => [id, b.status, b.starred, [...b.links]]);
    const tags = tagsShown ? [] : [...this.tagsBase].map(([id, t]) => [id, t.name, t.color]);
    const settings = settingsShown ? [] : [...this.settingsBase];
    // Projected papers show their note (a note is shown whole, even when a tag waits).
    const notes = [...this.unshownNotes]
      .filter((id) => !notesShown.has(id) && this.noteBase.has(id))
      .map((id) => [id, this.noteBase.get(id)!]);
    const views =
      this.viewsUnshown && !viewsShown
        ? { fields: [...this.viewsBase.fields], order: this.viewsBase.order }
        : null;
    if (papers.length + tags.length + settings.length + notes.length === 0 && !views) return null;
    return JSON.stringify({ papers, tags, settings, notes, views });
  }

  /** Bases stored by a run that stopped before showing what they were kept for. */
  private loadUnshown(text: string | undefined): void {
    if (!text) return;
    const str = z.string().max(10_000);
    const parsed = z
      .object({
        papers: z.array(z.tuple([str, str, z.number(), z.array(str)])),
        tags: z.array(z.tuple([str, str, str])),
        settings: z.array(z.tuple([str, str])),
        notes: z.array(z.tuple([str, z.string()])),
        views: z
          .object({
            fields: z.array(z.tuple([str, z.object({ name: z.string(), search: z.string() })])),
            order: z.array(str).nullable(),
          })
          .nullable(),
      })
      .safeParse(JSON.parse(text));
    if (!parsed.success) return;
    for (const [id, text] of parsed.data.notes) {
      this.noteBase.set(id, text);
      this.unshownNotes.add(id);
    }
    if (parsed.data.views) {
      this.viewsBase = {
        fields: new Map(parsed.data.views.fields),
        order: parsed.data.views.order,
      };
      this.viewsUnshown = true;
    }
    for (const [id, status, starred, links] of parsed.data.papers)
      this.paperBase.set(id, { status, starred, links: new Set(links) });
    for (const [id, name, color] of parsed.data.tags) this.tagsBase.set(id, { name, color });
    for (const [key, value] of parsed.data.settings) this.settingsBase.set(key, value);
  }

  // ---------------------------------------------------------------- local -> document

  /** Record what SQLite holds and the document does not; returns how many values were written. */
  private async record(work: Work): Promise<number> {
    if (!work.all && !work.tags && !work.settings && work.papers.size === 0) return 0;
    const { db } = this.lib;
    let writes = 0;
    const count = () => (writes += 1);
    if (work.settings || work.all)
      await recordSettings(db, this.model, this.device, this.settingsBase, count);
    // Tags first, always: a paper's new link may name a tag made in the same write (an import).
    await recordTags(db, this.model, this.mergedTags, this.tagsBase, count);
    // Saved searches announce their changes as scope 'tags'; a few rows, read every time.
    await recordViews(db, this.model, this.viewsBase, count);
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
        const json = await paperJson(db, state.id, state.source);
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
    // A remote value not shown here yet: only what SQLite changed since it was agreed is an edit.
    const base = this.paperBase.get(id);
    const setIfChanged = (
      kind: RegisterKind,
      value: string | number,
      fallback: string | number,
      agreed: string | number | undefined,
    ) => {
      const current = this.model.register(kind, id);
      if (current ? current[0] === value : value === fallback) return;
      if (value === agreed) return;
      this.model.setRegister(kind, id, this.device, value, now);
      count();
    };
    setIfChanged('s', state.status, 'inbox', base?.status);
    setIfChanged('f', state.starred, 0, base?.starred);

    const here = new Map<string, string>(); // canonical -> the tag id to write under
    for (const tagId of state.tagIds) {
      const docId = mapping.get(tagId);
      const canonical = docId ? resolve(docId) : null;
      if (docId && canonical) here.set(canonical, docId);
    }
    const there = this.model.linkedTags(id, resolve);
    const agreed = base
      ? new Set([...base.links].map(resolve).filter((c): c is string => c !== null))
      : null;
    for (const [canonical, docId] of here) {
      if (there.has(canonical) || agreed?.has(canonical)) continue;
      this.model.setRegister('l', `${docId}|${id}`, this.device, 1, now);
      count();
    }
    for (const canonical of there) {
      if (here.has(canonical) || (agreed && !agreed.has(canonical))) continue;
      this.model.setRegister('l', `${canonical}|${id}`, this.device, 0, now);
      count();
    }
    if (base) {
      // What SQLite holds now is what the next local edit is a change of.
      this.paperBase.set(id, {
        status: state.status,
        starred: state.starred,
        links: new Set(here.keys()),
      });
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
    let viewsChanged = false;
    let viewsBase: ReturnType<typeof emptyViewsBase> | null = null;
    let settingsProjected = false;
    let viewsProjected = false;
    let tagsProjected = false;
    let tagsDeferred = false;
    const projected: string[] = [];
    const awaiting = new Set<string>();
    const shown = new Set<string>();
    let unshown: string | null = null;
    await db.transaction().execute(async (trx) => {
      await repo.appendUpdates(trx, updates);
      // a local settings change goes first
      if ((work.settings || work.all) && !this.dirty.settings) {
        settingsChanged = await projectSettings(trx, this.model);
        settingsProjected = true;
      }
      // saved searches travel with the tags' work; a local edit (scope 'tags') goes first
      if ((work.tags || work.all) && !this.dirty.tags) {
        const views = await projectViews(trx, this.model, now);
        viewsChanged = views.changed;
        viewsBase = views.base;
        viewsProjected = true;
      }
      let papers: Set<string>;
      if (work.tags || work.all) {
        // a local tag edit goes first
        tagsProjected = !this.dirty.tags;
        tagsDeferred = !tagsProjected;
        const relinked = tagsProjected
          ? await projectTags(trx, this.model, now)
          : { changed: false, papers: new Set<string>() };
        tagsChanged = relinked.changed;
        papers = new Set([...work.papers, ...relinked.papers]);
      } else papers = new Set(work.papers);
      if (work.all) for (const id of this.model.paperIds()) papers.add(id);
      const skipped = [...papers].filter((id) => this.dirty.papers.has(id) || this.dirty.all);
      for (const id of skipped) papers.delete(id);
      if (papers.size > 0) {
        const ids = [...papers];
        projected.push(...ids);
        await insertReplicatedPapers(this.lib, trx, this.model, ids, now);
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
          if (await this.projectPaper(trx, state, sqliteOf, mapping, resolve, now, awaiting))
            changedPapers.add(id);
        }
        await repo.setPending(trx, missing, arrivedNow);
      }
      // What stays unshown, kept with the updates it came from (a restart keeps it too).
      for (const id of projected) if (!(tagsDeferred && awaiting.has(id))) shown.add(id);
      unshown = this.unshownJson(
        settingsProjected,
        tagsProjected,
        viewsProjected,
        shown,
        new Set(projected),
      );
      if (unshown !== this.unshownSaved) await repo.writeState(trx, { [UNSHOWN_KEY]: unshown });
    });
    for (const id of missing) this.pending.add(id);
    for (const id of arrivedNow) this.pending.delete(id);
    if (viewsBase) this.viewsBase = viewsBase;
    if (viewsProjected) this.viewsUnshown = false;
    for (const id of projected) this.unshownNotes.delete(id);
    // SQLite shows the document's values now: nothing is waiting to be shown.
    if (settingsProjected) this.settingsBase.clear();
    if (tagsProjected) this.tagsBase.clear();
    for (const id of projected) {
      // Linked to a tag whose projection waits for a local tag edit: shown in the next job.
      if (shown.has(id)) this.paperBase.delete(id);
      else this.awaitingTags.add(id);
    }
    this.unshownSaved = unshown;
    if (settingsChanged) {
      const settings = await readSettings(db);
      this.projecting = true;
      try {
        this.events.emit({ type: 'settings-changed', settings });
      } finally {
        this.projecting = false;
      }
    }
    if (viewsChanged && changedPapers.size === 0 && !tagsChanged) {
      // what the saved-search handlers emit: no paper changed
      this.projecting = true;
      try {
        this.events.emit({ type: 'library-changed', scope: 'tags', paperIds: [] });
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

  private async projectPaper(
    trx: Transaction<Database>,
    state: repo.LocalPaperState,
    sqliteOf: Map<string, number>,
    mapping: Map<number, string>,
    resolve: (id: string) => string | null,
    now: string,
    awaiting: Set<string>,
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
      if (tagId === undefined) awaiting.add(id);
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
