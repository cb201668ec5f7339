import type { LibraryApi } from '../../shared/api';
import type { SyncRun, SyncStatus } from '../../shared/api/sync';
import type { EventBus } from '../context/events';

/**
 * Start a sync and wait for its end, for callers that want the result rather
 * than the events (the CLI, tests). Progress is passed to `onStatus`. Events
 * are watched from before the start: a run with nothing to do can finish
 * before `startSync` even returns.
 */
export async function syncAndWait(
  service: { api: Pick<LibraryApi, 'startSync'>; events: EventBus },
  input: Parameters<LibraryApi['startSync']>[0],
  onStatus?: (status: SyncStatus) => void,
): Promise<SyncRun> {
  const finished = new Map<string, SyncRun>();
  let runId: string | null = null;
  let resolveEnd: ((run: SyncRun) => void) | null = null;
  const unsubscribe = service.events.subscribe((event) => {
    if (event.type === 'sync-status') {
      if (runId === null || event.status.run?.id === runId) onStatus?.(event.status);
    } else if (event.type === 'sync-finished') {
      finished.set(event.run.id, event.run);
      if (event.run.id === runId) resolveEnd?.(event.run);
    }
  });
  try {
    const run = await service.api.startSync(input);
    runId = run.id;
    const early = finished.get(run.id);
    if (early) return early;
    return await new Promise<SyncRun>((resolve) => (resolveEnd = resolve));
  } finally {
    unsubscribe();
  }
}
