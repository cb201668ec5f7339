import { useSyncExternalStore } from 'react';
import { errorMessage } from '../lib/errors';

export interface ResourceSnapshot<T> {
  data: T | null;
  error: string | null;
}

/**
 * One value read from the service and re-read on demand. Refreshes coalesce:
 * a refresh asked for while one runs makes exactly one more run afterwards, so a
 * burst of events (a sync writing days) costs two reads, not fifty.
 */
export class Resource<T> {
  private snapshot: ResourceSnapshot<T> = { data: null, error: null };
  private listeners = new Set<() => void>();
  private running = false;
  private queued = false;

  /**
   * `isOlder(next, current)`: for values that carry their own order (a sync
   * status's `seq`), a value older than the one held is dropped, however late
   * it arrives (a reply read before the latest event).
   */
  constructor(
    private readonly load: () => Promise<T>,
    private readonly isOlder: (next: T, current: T) => boolean = () => false,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ResourceSnapshot<T> => this.snapshot;

  /** Replace the value (from an event that carries it, or an answer that returned it). */
  set(data: T): void {
    const current = this.snapshot.data;
    if (current !== null && this.isOlder(data, current)) return;
    this.snapshot = { data, error: null };
    for (const listener of this.listeners) listener();
  }

  refresh(): void {
    if (this.running) {
      this.queued = true;
      return;
    }
    this.running = true;
    this.load()
      .then(
        (data) => this.set(data),
        (error: unknown) => {
          this.snapshot = { ...this.snapshot, error: errorMessage(error) };
          for (const listener of this.listeners) listener();
        },
      )
      .finally(() => {
        this.running = false;
        if (this.queued) {
          this.queued = false;
          this.refresh();
        }
      });
  }
}

export function useResource<T>(resource: Resource<T>): ResourceSnapshot<T> {
  return useSyncExternalStore(resource.subscribe, resource.getSnapshot);
}
