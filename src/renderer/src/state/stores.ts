import { createContext, useContext } from 'react';
import type {
  Counts,
  DailyOutputs,
  LibraryInfo,
  SavedSearch,
  Settings,
  SyncStatus,
} from '../../../shared/api';
import type { AppEvent } from '../../../shared/events';
import type { Backend } from '../api/client';
import { toasts } from '../ui/toasts';
import type { ListQuery } from './list-query';
import { discoveryStore } from './discovery-store';
import { IndexingStore } from './indexing-store';
import { NotesStore } from './notes-store';
import { PaperListStore } from './paper-list-store';
import { Resource } from './resource';
import { UndoStore } from './undo-store';

/** Everything the renderer reads from the service, each in one store. */
export interface Stores {
  backend: Backend;
  list: PaperListStore;
  counts: Resource<Counts>;
  info: Resource<LibraryInfo>;
  settings: Resource<Settings>;
  sync: Resource<SyncStatus>;
  notes: NotesStore;
  /** What the user changed from the reader, to undo and redo. */
  undo: UndoStore;
  /** The search index being built, while it is. */
  indexing: IndexingStore;
  /** Saved searches with their live counts, in sidebar order. */
  savedSearches: Resource<SavedSearch[]>;
  /** The Today badge: what arrived since the last visit. */
  today: Resource<DailyOutputs['getTodaySummary']>;
}

export function createStores(backend: Backend, query: ListQuery): Stores {
  const { api } = backend;
  const stores: Stores = {
    backend,
    list: new PaperListStore(api, query),
    counts: new Resource(() => api.getCounts({})),
    info: new Resource(() => api.getLibraryInfo({})),
    settings: new Resource(() => api.getSettings({})),
    // A status reply read before the latest event must not replace it (SyncStatus.seq).
    sync: new Resource(
      () => api.getSyncStatus({}),
      (next, current) => next.seq < current.seq,
    ),
    notes: new NotesStore(api, (_id, message) =>
      toasts.error(
        `Your note could not be saved: ${message}. The text is kept; open the paper to retry.`,
      ),
    ),
    undo: new UndoStore(),
    indexing: new IndexingStore(),
    savedSearches: new Resource(() => api.listSavedSearches({})),
    today: new Resource(() => api.getTodaySummary({})),
  };
  stores.counts.refresh();
  stores.info.refresh();
  stores.settings.refresh();
  stores.sync.refresh();
  stores.savedSearches.refresh();
  stores.today.refresh();
  return stores;
}

/** Keep the stores current: every change in the library, from any door, arrives as an event. */
export function connectEvents(stores: Stores): () => void {
  return stores.backend.subscribe((event: AppEvent) => {
    switch (event.type) {
      case 'library-changed':
        stores.counts.refresh();
        stores.list.refresh();
        stores.savedSearches.refresh();
        stores.today.refresh();
        if (event.scope === 'library' || event.scope === 'papers') stores.info.refresh();
        break;
      case 'settings-changed':
        stores.settings.set(event.settings);
        break;
      case 'discovery-updated':
        // The models learnt from new triage: a list ranked For you may order differently.
        discoveryStore.retrained();
        if (stores.list.getSnapshot().query.sort === 'foryou') stores.list.refresh();
        break;
      case 'search-index-progress':
        stores.indexing.set(event);
        break;
      case 'sync-status':
        // Each event carries the whole status: simply replace it.
        stores.sync.set(event.status);
        break;
      default:
        break;
    }
  });
}

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}
