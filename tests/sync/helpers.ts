import BetterSqlite3 from 'better-sqlite3';
import type { AppEvent } from '../../src/shared/events';
import type { SyncRun } from '../../src/shared/api/sync';
import type { Service } from '../../src/main/service';
import { syncAndWait } from '../../src/main/sync/await-run';
import {
  createSyncController,
  type StartSyncInput,
  type SyncController,
  type SyncControllerOptions,
} from '../../src/main/sync/controller';
import { tempService } from '../helpers/library';

/** Client settings that make injected faults cost milliseconds instead of seconds. */
export const FAST_CLIENT = { backoffBaseMs: 5, backoffMaxMs: 20, requestTimeoutMs: 15_000 };

/** Noon in New York on the last fixture day: the feed's today is 2025-11-16. */
export const FIXTURE_NOW = new Date('2025-11-16T17:00:00Z');

export interface SyncSetup {
  service: Service;
  file: string;
  controller: SyncController;
  events: AppEvent[];
  /** Move the test controller's clock. */
  setNow(date: Date): void;
  /** Run a sync on the test controller and wait for its end. */
  sync(input?: StartSyncInput): Promise<SyncRun>;
  cleanup(): Promise<void>;
}

/**
 * A real library (no sample) plus a sync controller on it with a fixed clock
 * and fast retries. The service's own controller (real clock, real defaults)
 * stays reachable as service.api.
 */
export async function syncSetup(options: SyncControllerOptions = {}): Promise<SyncSetup> {
  const { service, file, cleanup } = await tempService({ seedSample: false, env: {} });
  let now = FIXTURE_NOW;
  const controller = createSyncController(
    { lib: service.lib, events: service.events, appVersion: 'test', env: {}, onClose: () => {} },
    { now: () => now, client: FAST_CLIENT, log: () => {}, ...options },
  );
  const events: AppEvent[] = [];
  service.events.subscribe((event) => events.push(event));
  return {
    service,
    file,
    controller,
    events,
    setNow: (date) => {
      now = date;
    },
    sync: (input = {}) =>
      syncAndWait(
        { api: { startSync: (i) => controller.start(i ?? {}) }, events: service.events },
        input,
      ),
    async cleanup() {
      await controller.close();
      await cleanup();
    },
  };
}

/**
 * The library as data, minus what legitimately differs between two runs
 * (times: first_seen_at, updated_at, added_at, fetched_at, created_at). Two
 * libraries with equal dumps hold the same papers, days and user data.
 */
export function dumpLibrary(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      papers: all(
        `select id, title, abstract, authors, published_at, upvotes, num_comments, ai_summary, ai_keywords,
           github_repo, github_stars, project_page, thumbnail, last_featured_day, source, status,
           starred from papers order by id`,
      ),
      appearances: all('select * from daily_appearances order by day, paper_id'),
      days: all('select day, count, skipped from synced_days order by day'),
      tags: all('select name, color from tags order by name'),
      paperTags: all(
        'select pt.paper_id, t.name from paper_tags pt join tags t on t.id = pt.tag_id order by 1, 2',
      ),
      notes: all('select paper_id, markdown from notes order by paper_id'),
    };
  } finally {
    db.close();
  }
}
