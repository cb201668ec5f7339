import type { AppEvent } from '../../shared/events';

export type EventListener = (event: AppEvent) => void;

/** The main process's event bus: service modules emit, doors forward to renderers. */
export interface EventBus {
  emit(event: AppEvent): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          console.error('papershelf: an event listener failed', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
