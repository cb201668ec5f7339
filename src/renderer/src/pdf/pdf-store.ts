import { useSyncExternalStore } from 'react';
import type { PdfDownload, PdfStatus } from '../../../shared/api/pdf';
import type { AppEvent } from '../../../shared/events';
import type { Backend } from '../api/client';
import { errorMessage } from '../lib/errors';

/**
 * What the renderer knows about PDFs, kept current by events: which papers are
 * available offline (for the list's mark), downloads in progress, and one
 * paper's full status for the detail pane. One store per backend.
 */
export class PdfStore {
  private cached = new Set<string>();
  private downloads = new Map<string, PdfDownload>();
  private statuses = new Map<string, PdfStatus>();
  private listeners = new Set<() => void>();
  private version = 0;
  /** Same array between changes, so React sees no change when nothing changed. */
  private activeCache: { version: number; list: PdfDownload[] } | null = null;

  /** The backend's events, while anyone watches this store (one subscription, released). */
  private releaseEvents: (() => void) | null = null;
  private hasWatched = false;

  constructor(private readonly backend: Backend) {
    this.load();
  }

  /**
   * The first watcher subscribes to the backend's events and the last one
   * leaving releases them (a microtask later, so a pane replaced in one render
   * keeps them). Watched again after a gap, the store reads what it missed.
   */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.releaseEvents) {
      this.releaseEvents = this.backend.subscribe((event) => this.onEvent(event));
      if (this.hasWatched) this.load();
      this.hasWatched = true;
    }
    return () => {
      this.listeners.delete(listener);
      queueMicrotask(() => {
        if (this.listeners.size > 0 || !this.releaseEvents) return;
        this.releaseEvents();
        this.releaseEvents = null;
      });
    };
  };

  private load(): void {
    void this.reloadCached();
    void this.backend.api.getPdfDownloads({}).then(
      ({ downloads }) => {
        for (const d of [...downloads].reverse()) this.downloads.set(d.id, d);
        this.emit();
      },
      () => undefined, // an older service without PDFs: nothing to show
    );
  }

  getVersion = (): number => this.version;

  isCached(id: string): boolean {
    return this.cached.has(id);
  }

  download(id: string): PdfDownload | null {
    return this.downloads.get(id) ?? null;
  }

  /** Downloads queued or running, the running one first. */
  activeDownloads(): PdfDownload[] {
    if (this.activeCache?.version !== this.version) {
      const list = [...this.downloads.values()].filter(isActive);
      list.sort((a, b) => (a.state === 'downloading' ? -1 : b.state === 'downloading' ? 1 : 0));
      this.activeCache = { version: this.version, list };
    }
    return this.activeCache.list;
  }

  cachedCount(): number {
    return this.cached.size;
  }

  async cancelAll(): Promise<void> {
    await this.backend.api.cancelPdfDownloads({});
  }

  status(id: string): PdfStatus | null {
    return this.statuses.get(id) ?? null;
  }

  /** Ask the service again (after opening a paper, or an event about it). */
  async refreshStatus(id: string): Promise<PdfStatus | null> {
    try {
      const { papers } = await this.backend.api.getPdfStatus({ ids: [id] });
      const status = papers[0];
      this.statuses.set(id, status);
      if (status.cached) this.cached.add(id);
      else this.cached.delete(id);
      if (status.download) this.downloads.set(id, status.download);
      this.emit();
      return status;
    } catch {
      return null;
    }
  }

  async save(ids: string[], keep = true): Promise<void> {
    await this.backend.api.downloadPdfs({ ids, keep });
  }

  async cancel(ids: string[]): Promise<void> {
    await this.backend.api.cancelPdfDownloads({ ids });
  }

  async remove(ids: string[]): Promise<number> {
    const { removed } = await this.backend.api.removePdfs({ ids });
    return removed;
  }

  /**
   * Wait until a paper's download ends (the one running now, or the next one
   * started); a download that had already ended when asked does not count.
   */
  whenFinished(id: string): Promise<PdfDownload> {
    const before = this.downloads.get(id);
    const isOld = (d: PdfDownload) =>
      before !== undefined && !isActive(before) && d.queuedAt === before.queuedAt;
    return new Promise((resolve) => {
      const check = () => {
        const d = this.downloads.get(id);
        if (d && !isActive(d) && !isOld(d)) {
          unsubscribe();
          resolve(d);
        }
      };
      const unsubscribe = this.subscribe(check);
    });
  }

  private async reloadCached(): Promise<void> {
    try {
      const { ids } = await this.backend.api.listCachedPdfs({});
      this.cached = new Set(ids);
      this.emit();
    } catch (error) {
      console.warn('papershelf: could not list saved PDFs', errorMessage(error));
    }
  }

  private onEvent(event: AppEvent): void {
    if (event.type === 'pdf-download') {
      this.downloads.set(event.download.id, event.download);
      const status = this.statuses.get(event.download.id);
      if (status) this.statuses.set(event.download.id, { ...status, download: event.download });
      // A finished download changes size, readability and so on: ask once.
      if (!isActive(event.download) && status) {
        void this.refreshStatus(event.download.id);
      }
      this.emit();
    } else if (event.type === 'pdf-cache-changed') {
      for (const id of event.ids) {
        if (event.cached) this.cached.add(id);
        else this.cached.delete(id);
        if (this.statuses.has(id)) void this.refreshStatus(id);
      }
      this.emit();
    }
  }

  private emit(): void {
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }
}

function isActive(d: PdfDownload): boolean {
  return d.state === 'queued' || d.state === 'downloading';
}

const stores = new WeakMap<Backend, PdfStore>();

export function getPdfStore(backend: Backend): PdfStore {
  let store = stores.get(backend);
  if (!store) {
    store = new PdfStore(backend);
    stores.set(backend, store);
  }
  return store;
}

/**
 * Read a value from the store and re-render only when that value changes: a
 * list row's offline mark stays still while another paper's download ticks.
 * `select` must return a primitive or a reference the store keeps stable.
 */
export function usePdfStore<T>(store: PdfStore, select: (store: PdfStore) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store));
}
