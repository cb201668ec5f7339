import { sql } from 'kysely';
import type { ServiceContext } from '../service/types';
import { readSettings } from '../settings/settings-repo';

/**
 * The `autoDownloadPdfs` setting: when a paper is moved to To read or Reading,
 * its PDF is queued. It listens to `library-changed` (the library handlers
 * stay unaware of PDFs) and asks the library which papers changed status since
 * it last looked, so bulk moves without a list of ids are seen too.
 *
 * Each status change queues at most once: a user who removes the PDF of a
 * paper in To read does not see it come back until the paper is moved again.
 */
export function startAutoDownload(
  ctx: ServiceContext,
  queue: (ids: string[]) => void,
): () => Promise<void> {
  const { db } = ctx.lib;
  let since = new Date().toISOString();
  const seen = new Set<string>();
  let checking: Promise<void> = Promise.resolve();

  async function check(): Promise<void> {
    const settings = await readSettings(db);
    const startedAt = new Date().toISOString();
    if (!settings.autoDownloadPdfs) {
      since = startedAt;
      return;
    }
    // A little overlap: a change stamped just before `since` may commit just after it.
    const from = new Date(Date.parse(since) - 5_000).toISOString();
    const rows = await db
      .selectFrom('papers')
      .select(['id', 'status_changed_at'])
      .where('status', 'in', ['toread', 'reading'])
      .where('status_changed_at', '>=', from)
      .orderBy(sql`status_changed_at`)
      .execute();
    since = startedAt;
    const fresh = rows.filter((r) => !seen.has(`${r.id}@${r.status_changed_at}`));
    for (const r of fresh) seen.add(`${r.id}@${r.status_changed_at}`);
    if (fresh.length > 0) queue(fresh.map((r) => r.id));
  }

  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.type !== 'library-changed' || (event.scope !== 'papers' && event.scope !== 'library'))
      return;
    // One check at a time, in order: each sees what the previous one saw.
    checking = checking
      .then(check)
      .catch((error: unknown) => console.error('papershelf: automatic PDF download failed', error));
  });
  return async () => {
    unsubscribe();
    await checking;
  };
}
