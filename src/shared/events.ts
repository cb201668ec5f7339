import type { BackupsChangedEvent } from './api/backup';
import type { DiscoveryUpdatedEvent } from './api/discovery';
import type { IoProgressEvent } from './api/io';
import type { PdfCacheChangedEvent, PdfDownloadEvent } from './api/pdf';
import type { ReplicationStatusEvent } from './api/replication';
import type { SearchIndexProgressEvent } from './api/search';
import type { Settings } from './api/settings';
import type { SyncFinishedEvent, SyncStatusEvent } from './api/sync';

/** Events flow main -> renderer: over IPC on the desktop, Server-Sent Events in browser mode. */

export type LibraryChangeScope = 'papers' | 'tags' | 'notes' | 'library';

export interface LibraryChangedEvent {
  type: 'library-changed';
  scope: LibraryChangeScope;
  /** Papers touched, when known and few; absent means "anything may have changed". */
  paperIds?: string[];
  /** A rename that merged one tag into another (replication keeps links made elsewhere on it). */
  mergedTag?: { from: number; into: number };
}

export interface SettingsChangedEvent {
  type: 'settings-changed';
  settings: Settings;
}

export type AppEvent =
  | LibraryChangedEvent
  | SettingsChangedEvent
  | SyncStatusEvent
  | SyncFinishedEvent
  | IoProgressEvent
  | PdfDownloadEvent
  | PdfCacheChangedEvent
  | BackupsChangedEvent
  | SearchIndexProgressEvent
  | DiscoveryUpdatedEvent
  | ReplicationStatusEvent;

export type AppEventType = AppEvent['type'];
