import type { SearchIndexProgressEvent } from '../../../shared/api/search';

export interface IndexingProgress {
  done: number;
  total: number;
}

/**
 * The search index being built (a new library, or its stored index was missing
 * or stale): what the search box says while the first search waits for it.
 * Null when no build runs.
 */
export class IndexingStore {
  private value: IndexingProgress | null = null;
  private readonly listeners = new Set<() => void>();

  set(event: SearchIndexProgressEvent): void {
    this.value = event.done >= event.total ? null : { done: event.done, total: event.total };
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): IndexingProgress | null => this.value;
}
