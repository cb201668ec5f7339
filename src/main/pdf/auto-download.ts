import { sql } from 'kysely';
import type { LibraryChangedEvent } from '../../shared/events';
import type { ServiceContext } from '../context/service-context';
import { readSettings } from '../library/settings-repo';

/** How far back a status change may be stamped before its event arrives (slow writes, bulk moves). */
const STAMP_SLACK_MS = 60_000;

/**
 * The `autoDownloadPdfs` setting: when a paper is moved to To read or Reading,
 * its PDF is queued. It listens to `library-changed` (the library handlers
 * stay unaware of PDFs) and asks the library which of the papers named by the
 * event now sit in those views with a fresh status change (a star or a tag
 * leaves `status_changed_at` alone, so it never triggers a download).
 *
 * The setting is read as of each event (kept current by `settings-changed`),
 * so a move made while it was off is never fetched later. Each status change
 * queues at most once: a user who removes the PDF of a paper in To read does
 * not see it come back until the paper is moved again.
 */
export function startAutoDownload(
  ctx: ServiceContext,
  queue: (ids: string[]) => void,
): () => Promise<void> {
  const { db } = ctx.lib;
  let enabled: boolean | null = null;
  const loaded = readSettings(db).then((s) => {
    enabled ??= s.autoDownloadPdfs;
  });
  /** Changes stamped before this were made while the setting was off. */
  let ignoreBefore = new Date().toISOString();
  const seen = new Set<string>();
  let checking: Promise<void> = loaded.catch(() => undefined);

  async function check(event: LibraryChangedEvent, at: number): Promise<void> {
    await loaded;
    if (!enabled) return;
    const from = new Date(at - STAMP_SLACK_MS).toISOString();
    let query = db
      .selectFrom('papers')
      .select(['id', 'status_changed_at'])
      .where('status', 'in', ['toread', 'reading'])
      .where('status_changed_at', '>=', from > ignoreBefore ? from : ignoreBefore);
    if (event.paperIds) {
      const ids = JSON.stringify(event.paperIds);
      query = query.where('id', 'in', sql<string>`(select value from json_each(${ids}))`);
    }
    const rows = await query.execute();
    const fresh = rows.filter((r) => !seen.has(`${r.id}@${r.status_changed_at}`));
    for (const r of fresh) seen.add(`${r.id}@${r.status_changed_at}`);
    if (fresh.length > 0) queue(fresh.map((r) => r.id));
  }

  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.type === 'settings-changed') {
      if (enabled && !event.settings.autoDownloadPdfs) ignoreBefore = new Date().toISOString();
      enabled = event.settings.autoDownloadPdfs;
      return;
    }
    if (event.type !== 'library-changed' || event.scope !== 'papers') return;
    if (enabled === false) {
      ignoreBefore = new Date().toISOString();
      return;
    }
    const at = Date.now();
    // One check at a time, in event order.
    checking = checking
      .then(() => check(event, at))
      .catch((error: unknown) => console.error('papershelf: automatic PDF download failed', error));
  });
  return async () => {
    unsubscribe();
    await checking;
  };
}
