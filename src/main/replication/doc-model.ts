import { createHash, randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { READING_STATUSES } from '../../shared/domain';

/**
 * The replicated library as one Yjs document: the replication log beside SQLite.
 *
 * Layout (every key is flat: Yjs resolves two devices setting the same map key
 * concurrently by client id, and would drop a nested map or text one of them
 * created, so nothing shared is ever created inside a map):
 *
 * - `reg`: last-writer-wins registers, one key per device and subject,
 *   `kind|subject|device` -> `[value, editedAt]`. A device writes only its own
 *   keys, so Yjs never has to choose; the value of a subject is the entry with
 *   the latest `editedAt` (ISO text, wall clock), ties broken by the greater
 *   device id: the same answer on every device, whatever order updates came in.
 *   Kinds: `s` reading status (subject paper id), `f` starred (0/1),
 *   `l` paper–tag link (subject `tagId|paperId`, value 0/1), `g` a per-user
 *   setting (subject its key, value its JSON).
 * - `tag`: `tagId|n` name, `tagId|c` colour, `tagId|x` gone (`''` live,
 *   `'-'` deleted, another tag id when merged into it). Tags are keyed by a
 *   stable id, so a rename on one device keeps the links made on another.
 * - a root `Y.Text` named `n:<paperId>` per note: root types are shared by name,
 *   so two devices that start the same note offline edit one text.
 * - `paper`: paper id -> the metadata of a paper added by id or import (JSON),
 *   so devices that do not have it in their feed get it.
 * - `view`: saved searches, keyed by a stable id like tags: `viewId|n` name,
 *   `viewId|q` the search (JSON `{query, view, tag}`), `viewId|o` an order key
 *   (fractional, compared as text; see views-sync.ts), `viewId|x` gone (`''`
 *   live, `'-'` deleted). One key per field, so a rename on one device and a
 *   move or a query edit on another both survive.
 */

export type RegisterKind = 's' | 'f' | 'l' | 'g';
export type RegisterValue = string | number;
export type RegisterEntry = [value: RegisterValue, editedAt: string];
/** Reads a `reg` entry by its key. */
export type RegisterRead = (key: string) => unknown;

export const NOTE_PREFIX = 'n:';
/** The origin of document transactions that record local edits. */
export const LOCAL = 'local';
export const DELETED = '-';

export interface TagFields {
  id: string;
  name: string;
  color: string;
  /** '' live, '-' deleted, or the id of the tag it was merged into. */
  gone: string;
}

export function newDeviceId(): string {
  return randomBytes(8).toString('hex');
}

/** The id a tag first created under `name` gets: two devices creating "RL" offline meet in one tag. */
export function tagIdForName(name: string): string {
  return createHash('sha256').update(name.toLowerCase()).digest('hex').slice(0, 16);
}

export function randomTagId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Whether an entry is one this code could have written. Anything else (a relay
 * or a client writing nonsense) is ignored when choosing the winner, the same
 * way on every device, so one bad entry cannot pin a value everywhere.
 */
function isValidEntry(kind: RegisterKind, entry: unknown): entry is RegisterEntry {
  if (!Array.isArray(entry) || entry.length !== 2) return false;
  const [value, at] = entry as [unknown, unknown];
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at)) return false;
  switch (kind) {
    case 's':
      return typeof value === 'string' && (READING_STATUSES as readonly string[]).includes(value);
    case 'f':
    case 'l':
      return value === 0 || value === 1;
    case 'g':
      return typeof value === 'string' && value.length <= 10_000;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Later edit wins; on the same instant, the greater device id. */
function later(a: RegisterEntry & { device: string }, b: RegisterEntry & { device: string }) {
  if (a[1] !== b[1]) return a[1] > b[1] ? a : b;
  return a.device > b.device ? a : b;
}

/** A saved search as the document holds it (unchecked: it may come from anywhere). */
export interface ViewFields {
  id: string;
  name: string;
  /** JSON `{query, view, tag}`. */
  search: string;
  order: string;
  /** '' live, '-' deleted. */
  gone: string;
}

/** The id a saved search first created under `name` gets (as for tags). */
export function viewIdForName(name: string): string {
  return createHash('sha256').update(`view:${name.toLowerCase()}`).digest('hex').slice(0, 16);
}

export class LibraryDoc {
  readonly doc: Y.Doc;
  readonly reg: Y.Map<RegisterEntry>;
  readonly tags: Y.Map<string>;
  readonly papers: Y.Map<string>;
  readonly views: Y.Map<string>;
  /** `kind|subject` -> devices holding an entry. */
  private readonly devicesBySubject = new Map<string, Set<string>>();
  /** paper id -> tag ids with a link register for it. */
  private readonly tagsByPaper = new Map<string, Set<string>>();

  constructor(doc = new Y.Doc({ gc: true })) {
    this.doc = doc;
    this.reg = doc.getMap('reg');
    this.tags = doc.getMap('tag');
    this.papers = doc.getMap('paper');
    this.views = doc.getMap('view');
    for (const key of this.reg.keys()) this.index(key);
    this.reg.observe((event) => {
      for (const key of event.keysChanged) this.index(key);
    });
  }

  private readonly readEntry: RegisterRead = (key) => this.reg.get(key);

  private index(key: string): void {
    const cut = key.lastIndexOf('|');
    const subject = key.slice(0, cut);
    const device = key.slice(cut + 1);
    let devices = this.devicesBySubject.get(subject);
    if (!devices) this.devicesBySubject.set(subject, (devices = new Set()));
    devices.add(device);
    if (subject.startsWith('l|')) {
      const [, tagId, paperId] = splitLink(subject);
      let tagIds = this.tagsByPaper.get(paperId);
      if (!tagIds) this.tagsByPaper.set(paperId, (tagIds = new Set()));
      tagIds.add(tagId);
    }
  }

  /**
   * The winning entry of a subject, or undefined when no device wrote one.
   * `read` reads an entry by key (another state of `reg`, say before an update).
   */
  register(
    kind: RegisterKind,
    subject: string,
    read: RegisterRead = this.readEntry,
  ): (RegisterEntry & { device: string }) | undefined {
    const key = `${kind}|${subject}`;
    let best: (RegisterEntry & { device: string }) | undefined;
    for (const device of this.devicesBySubject.get(key) ?? []) {
      const entry: unknown = read(`${key}|${device}`);
      if (!isValidEntry(kind, entry)) continue;
      const candidate = Object.assign([entry[0], entry[1]] as RegisterEntry, { device });
      best = best ? later(best, candidate) : candidate;
    }
    return best;
  }

  /** Write this device's entry; other devices' older entries for the subject are dropped. */
  setRegister(
    kind: RegisterKind,
    subject: string,
    device: string,
    value: RegisterValue,
    at: string,
  ): void {
    const key = `${kind}|${subject}`;
    this.reg.set(`${key}|${device}`, [value, at]);
    // Dropping entries this one beats keeps the map at about one entry per subject;
    // a concurrent newer write from elsewhere is a new item and survives the delete.
    for (const other of this.devicesBySubject.get(key) ?? []) {
      if (other === device) continue;
      const entry = this.reg.get(`${key}|${other}`);
      if (entry && entry[1] < at) this.reg.delete(`${key}|${other}`);
    }
  }

  subjectsOf(kind: RegisterKind): string[] {
    const prefix = `${kind}|`;
    return [...this.devicesBySubject.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(2));
  }

  tagIdsLinkedTo(paperId: string): string[] {
    return [...(this.tagsByPaper.get(paperId) ?? [])];
  }

  tag(id: string): TagFields | undefined {
    const name = this.tags.get(`${id}|n`);
    if (name === undefined) return undefined;
    return {
      id,
      name,
      color: this.tags.get(`${id}|c`) ?? '',
      gone: this.tags.get(`${id}|x`) ?? '',
    };
  }

  allTags(): TagFields[] {
    const ids = new Set<string>();
    for (const key of this.tags.keys()) ids.add(key.slice(0, key.lastIndexOf('|')));
    return [...ids].flatMap((id) => this.tag(id) ?? []);
  }

  /**
   * Live tags by canonical id. Two live tags whose names differ only by case
   * (made apart, or renamed into each other) are one tag in SQLite: the smaller
   * id is canonical, the other an alias, on every device alike.
   */
  tagResolution(): { canonical: Map<string, TagFields>; resolve: (id: string) => string | null } {
    const all = new Map(this.allTags().map((t) => [t.id, t]));
    const byName = new Map<string, string>();
    for (const t of [...all.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (t.gone !== '') continue;
      const key = t.name.toLowerCase();
      if (!byName.has(key)) byName.set(key, t.id);
    }
    const canonical = new Map<string, TagFields>();
    for (const id of byName.values()) canonical.set(id, all.get(id)!);
    const resolve = (start: string): string | null => {
      let id = start;
      for (let hops = 0; hops < 64; hops += 1) {
        const t = all.get(id);
        if (!t || t.gone === DELETED) return null;
        if (t.gone === '') return byName.get(t.name.toLowerCase()) ?? null;
        id = t.gone;
      }
      return null; // a merge cycle (merged both ways at once): treat as deleted
    };
    return { canonical, resolve };
  }

  setTag(id: string, fields: Partial<Omit<TagFields, 'id'>>): void {
    if (fields.name !== undefined && this.tags.get(`${id}|n`) !== fields.name)
      this.tags.set(`${id}|n`, fields.name);
    if (fields.color !== undefined && this.tags.get(`${id}|c`) !== fields.color)
      this.tags.set(`${id}|c`, fields.color);
    if (fields.gone !== undefined && (this.tags.get(`${id}|x`) ?? '') !== fields.gone)
      this.tags.set(`${id}|x`, fields.gone);
  }

  /** Whether paper `paperId` carries canonical tag `canonicalId`: the latest link entry over its aliases. */
  linked(
    paperId: string,
    canonicalId: string,
    resolve: (id: string) => string | null,
    read: RegisterRead = this.readEntry,
  ): { on: boolean; at: string } | undefined {
    let best: (RegisterEntry & { device: string }) | undefined;
    for (const tagId of this.tagIdsLinkedTo(paperId)) {
      if (resolve(tagId) !== canonicalId) continue;
      const entry = this.register('l', `${tagId}|${paperId}`, read);
      if (entry) best = best ? later(best, entry) : entry;
    }
    return best ? { on: best[0] === 1, at: best[1] } : undefined;
  }

  /** Canonical tags paper `paperId` carries in the document. */
  linkedTags(
    paperId: string,
    resolve: (id: string) => string | null,
    read: RegisterRead = this.readEntry,
  ): Set<string> {
    const out = new Set<string>();
    for (const tagId of this.tagIdsLinkedTo(paperId)) {
      const canonical = resolve(tagId);
      if (canonical && !out.has(canonical) && this.linked(paperId, canonical, resolve, read)?.on)
        out.add(canonical);
    }
    return out;
  }

  view(id: string): ViewFields | undefined {
    const name = this.views.get(`${id}|n`);
    if (name === undefined) return undefined;
    return {
      id,
      name,
      search: this.views.get(`${id}|q`) ?? '',
      order: this.views.get(`${id}|o`) ?? '',
      gone: this.views.get(`${id}|x`) ?? '',
    };
  }

  allViews(): ViewFields[] {
    const ids = new Set<string>();
    for (const key of this.views.keys()) ids.add(key.slice(0, key.lastIndexOf('|')));
    return [...ids].flatMap((id) => this.view(id) ?? []);
  }

  /** Write the fields that differ; returns how many were written. */
  setView(id: string, fields: Partial<Omit<ViewFields, 'id'>>): number {
    let writes = 0;
    const put = (field: string, value: string | undefined, fallback: string | undefined) => {
      if (value === undefined || (this.views.get(`${id}|${field}`) ?? fallback) === value) return;
      this.views.set(`${id}|${field}`, value);
      writes += 1;
    };
    put('n', fields.name, undefined);
    put('q', fields.search, undefined);
    put('o', fields.order, undefined);
    put('x', fields.gone, '');
    return writes;
  }

  note(paperId: string): Y.Text {
    return this.doc.getText(`${NOTE_PREFIX}${paperId}`);
  }

  hasNote(paperId: string): boolean {
    return this.doc.share.has(`${NOTE_PREFIX}${paperId}`);
  }

  notePaperIds(): string[] {
    return [...this.doc.share.keys()]
      .filter((k) => k.startsWith(NOTE_PREFIX))
      .map((k) => k.slice(NOTE_PREFIX.length));
  }

  /** Paper ids whose user data the document holds. */
  paperIds(): Set<string> {
    const ids = new Set<string>([...this.subjectsOf('s'), ...this.subjectsOf('f')]);
    for (const id of this.tagsByPaper.keys()) ids.add(id);
    for (const id of this.notePaperIds()) ids.add(id);
    for (const id of this.papers.keys()) ids.add(id);
    return ids;
  }
}

/** `l|tagId|paperId` or `tagId|paperId` -> parts (paper ids never hold `|`). */
export function splitLink(subject: string): [kind: string, tagId: string, paperId: string] {
  const parts = subject.split('|');
  if (parts.length === 3) return [parts[0], parts[1], parts[2]];
  return ['l', parts[0], parts[1]];
}

/** Which paper ids (and whether tags or saved searches) an update touched, read from a Yjs transaction. */
export function touched(
  model: LibraryDoc,
  transaction: Y.Transaction,
): { paperIds: Set<string>; tags: boolean; settings: boolean } {
  const paperIds = new Set<string>();
  let tags = false;
  let settings = false;
  let rootNames: Map<unknown, string> | null = null;
  const reg: unknown = model.reg;
  const tagMap: unknown = model.tags;
  const paperMap: unknown = model.papers;
  const viewMap: unknown = model.views;
  for (const [type, keys] of transaction.changed) {
    if (type === reg) {
      for (const key of keys) {
        if (key === null) continue;
        const parts = key.split('|');
        if (parts[0] === 'g') settings = true;
        else paperIds.add(parts[0] === 'l' ? parts[2] : parts[1]);
      }
    } else if (type === tagMap || type === viewMap) {
      // saved searches travel with the tags' work (the app announces both as scope 'tags')
      tags = true;
    } else if (type === paperMap) {
      for (const key of keys) if (key !== null) paperIds.add(key);
    } else if (type._item === null) {
      // a root type: a note's text
      rootNames ??= new Map([...model.doc.share].map(([name, shared]) => [shared, name]));
      const name = rootNames.get(type);
      if (name?.startsWith(NOTE_PREFIX)) paperIds.add(name.slice(NOTE_PREFIX.length));
    }
  }
  return { paperIds, tags, settings };
}
