import type { AppEvent } from '../../../shared/events';
import type { LibrarySource, LoadedPaper } from './library-source';
import { SearchIndex } from '../index/search-index';

export interface IndexStats {
  papers: number;
  terms: number;
  buildMs: number;
  /** How the index caught up with the library since it was built. */
  refreshes: { partial: number; full: number; compactions: number };
}

/**
 * The search index, kept in step with the library.
 *
 * Built on first use. After that, `library-changed` events mark what changed: the
 * papers they name, or — when they name none — everything, which is settled by
 * comparing a per-paper fingerprint and re-reading only papers whose fingerprint
 * moved. Changes are applied before the next search (so a tag just added is
 * found at once) or shortly after the event, whichever comes first. Writes that
 * arrive without an event, from this process or another one, are caught by
 * SQLite's change counters and settled the same way.
 */
export class LiveSearchIndex {
  private index: SearchIndex | null = null;
  private building: Promise<void> | null = null;
  private fingerprints = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private fullCheck = false;
  /** Tags changed without naming papers (a rename, a merge): compare tags only. */
  private tagCheck = false;
  private seenDataVersion = 0;
  private seenChanges = 0;
  private buildMs = 0;
  private readonly refreshes = { partial: 0, full: 0, compactions: 0 };

  constructor(private readonly source: LibrarySource) {}

  get isBuilt(): boolean {
    return this.index !== null;
  }

  /** True when changes wait to be applied (a background refresh is worth scheduling). */
  get isStale(): boolean {
    return this.index !== null && (this.fullCheck || this.tagCheck || this.dirty.size > 0);
  }

  /** Feed every app event here. Cheap: it only records what to re-read. */
  notify(event: AppEvent): void {
    // Before a build nothing is held; during one, changes after its read are recorded.
    if (!this.index && !this.building) return;
    if (event.type === 'library-changed') {
      if (event.paperIds) for (const id of event.paperIds) this.dirty.add(id);
      else if (event.scope === 'tags') this.tagCheck = true;
      else this.fullCheck = true;
    }
    // The event announces the write that just happened: it needs no full check of its own.
    this.seenChanges = this.source.totalChanges();
  }

  /**
   * The index, up to date, built if need be in slices of about `sliceMs` that
   * yield to the event loop, so other requests are served while 50,000 papers
   * are indexed. What a service uses; `current` is the synchronous equivalent.
   */
  async ready(sliceMs = 20): Promise<SearchIndex> {
    if (!this.index) {
      this.building ??= this.buildInSlices(sliceMs).finally(() => {
        this.building = null;
      });
      await this.building;
    }
    return this.current();
  }

  /** The index, built or brought up to date first. */
  current(): SearchIndex {
    if (!this.index) return this.build();
    const index = this.index;
    if (
      this.source.dataVersion() !== this.seenDataVersion ||
      this.source.totalChanges() !== this.seenChanges
    ) {
      this.fullCheck = true;
    }
    if (this.fullCheck) this.refreshAll(index);
    else {
      if (this.tagCheck) this.refreshTags(index);
      if (this.dirty.size > 0) this.refreshIds(index, [...this.dirty]);
    }
    this.dirty.clear();
    this.fullCheck = false;
    this.tagCheck = false;
    this.remember();
    if (index.compactIfNeeded()) this.refreshes.compactions++;
    return index;
  }

  stats(): IndexStats | null {
    if (!this.index) return null;
    return {
      papers: this.index.size,
      terms: this.index.vocab.size,
      buildMs: this.buildMs,
      refreshes: { ...this.refreshes },
    };
  }

  private build(): SearchIndex {
    const began = performance.now();
    this.remember();
    const index = new SearchIndex();
    const loaded = this.source.load();
    index.addAll(loaded.map((p) => p.doc));
    return this.publish(index, loaded, began);
  }

  private async buildInSlices(sliceMs: number): Promise<void> {
    const began = performance.now();
    this.remember();
    // One read transaction: a consistent snapshot. Changes after it arrive as
    // events (recorded by notify) or show in the change counters remembered above.
    const loaded = this.source.load();
    const index = new SearchIndex();
    const bulk = index.bulk();
    let i = 0;
    while (i < loaded.length) {
      const sliceEnd = performance.now() + sliceMs;
      while (i < loaded.length && performance.now() < sliceEnd) {
        for (const stop = Math.min(loaded.length, i + 100); i < stop; i++) bulk.add(loaded[i].doc);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    bulk.finish();
    if (!this.index) this.publish(index, loaded, began, false);
  }

  private publish(
    index: SearchIndex,
    loaded: LoadedPaper[],
    began: number,
    clearPending = true,
  ): SearchIndex {
    this.fingerprints = new Map(loaded.map((p) => [p.doc.id, p.fingerprint]));
    this.index = index;
    if (clearPending) {
      this.dirty.clear();
      this.fullCheck = false;
      this.tagCheck = false;
    }
    this.buildMs = Math.round(performance.now() - began);
    return index;
  }

  private remember(): void {
    this.seenDataVersion = this.source.dataVersion();
    this.seenChanges = this.source.totalChanges();
  }

  private refreshAll(index: SearchIndex): void {
    this.refreshes.full++;
    const now = this.source.fingerprints();
    const changed: string[] = [];
    for (const [id, fingerprint] of now) {
      if (this.fingerprints.get(id) !== fingerprint) changed.push(id);
    }
    for (const id of this.fingerprints.keys()) {
      if (!now.has(id)) index.remove(id);
    }
    this.fingerprints = now;
    if (changed.length > 0) this.apply(index, changed);
  }

  /** Re-read only the papers whose tags differ from what the index holds. */
  private refreshTags(index: SearchIndex): void {
    this.refreshes.partial++;
    const now = this.source.tags();
    const changed: string[] = [];
    for (const id of index.ids()) {
      const tags = now.get(id) ?? [];
      const held = index.get(id)!.tags;
      if (tags.length !== held.length || tags.some((t, i) => t !== held[i])) changed.push(id);
    }
    if (changed.length > 0) this.apply(index, changed);
  }

  /** Re-read the papers an event named (even if their fingerprint did not move). */
  private refreshIds(index: SearchIndex, ids: string[]): void {
    this.refreshes.partial++;
    this.apply(index, ids);
  }

  /** Re-read these papers; those no longer in the library leave the index. */
  private apply(index: SearchIndex, ids: string[]): void {
    const CHUNK = 5_000;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const found = new Set<string>();
      for (const { doc, fingerprint } of this.source.load(chunk)) {
        index.upsert(doc);
        this.fingerprints.set(doc.id, fingerprint);
        found.add(doc.id);
      }
      for (const id of chunk) {
        if (found.has(id)) continue;
        index.remove(id);
        this.fingerprints.delete(id);
      }
    }
  }
}
