import { expect } from 'vitest';
import * as Y from 'yjs';
import type { AppEvent } from '../../src/shared/events';
import { startRelay, type Relay } from '../../src/main/replication/relay-server';
import type { Service } from '../../src/main/service';
import { tempDir, tempService } from '../helpers/library';

export const TOKEN = 'test-token-0123456789';

export async function relayOnLoopback(
  cleanups: Array<() => unknown>,
  dataDir?: string,
): Promise<Relay> {
  let dir = dataDir;
  if (!dir) {
    const temp = tempDir('papershelf-relay-');
    dir = temp.dir;
    cleanups.push(temp.cleanup);
  }
  const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: dir, token: TOKEN });
  cleanups.push(() => relay.close());
  return relay;
}

/** A real library on a real file, linked to `relay`. */
export async function device(
  cleanups: Array<() => unknown>,
  relay: { url: string },
  name = 'test',
): Promise<Service> {
  const { service, cleanup } = await tempService();
  cleanups.push(cleanup);
  await service.replication.link({ url: relay.url, token: TOKEN, name });
  return service;
}

/** Two devices, each a real library on a file, linked through one relay on loopback. */
export async function twoDevices(cleanups: Array<() => unknown>) {
  const relay = await relayOnLoopback(cleanups);
  const a = await device(cleanups, relay);
  const b = await device(cleanups, relay);
  return { a, b };
}

/** Everything a user would compare between two devices, by tag name (ids are local). */
export async function userState(service: Service) {
  const sqlite = service.lib.sqlite;
  await service.replication.replicator()?.idle();
  return {
    papers: sqlite
      .prepare(
        "select id, status, starred from papers where status != 'inbox' or starred = 1 order by id",
      )
      .all(),
    tags: sqlite.prepare('select name, color from tags order by name collate nocase').all(),
    links: sqlite
      .prepare(
        'select pt.paper_id, t.name from paper_tags pt join tags t on t.id = pt.tag_id order by 1, 2',
      )
      .all(),
    notes: sqlite.prepare('select paper_id, markdown from notes order by paper_id').all(),
    paperIds: sqlite.prepare('select id from papers order by id').pluck().all(),
    savedSearches: sqlite
      .prepare('select name, query, view, tag, position from saved_searches order by position')
      .all(),
  };
}

/** Saved searches in sidebar order, as `name: query` (what the sidebar shows, and what it runs). */
export async function views(service: Service): Promise<string[]> {
  await service.replication.replicator()?.idle();
  return (await service.api.listSavedSearches({})).map((v) => `${v.name}: ${v.query}`);
}

export async function viewId(service: Service, name: string): Promise<number> {
  const found = (await service.api.listSavedSearches({})).find(
    (v) => v.name.toLowerCase() === name.toLowerCase(),
  );
  if (!found) throw new Error(`no saved search named ${name}`);
  return found.id;
}

export async function sampleIds(service: Service, n: number): Promise<string[]> {
  const page = await service.api.listPapers({ view: 'all', limit: n });
  return page.papers.map((p) => p.id);
}

/**
 * B records `localEdit`; A's document (with its edits) reaches B's wire before
 * B's job runs, and once B has recorded, before the remote update is written
 * into SQLite, `meanwhile` runs on B (a local edit in that instant, if any) and
 * `announce` is emitted as a local edit would be: the projection leaves what it
 * names for the next job.
 */
export async function arriveWhileRecording(
  cleanups: Array<() => unknown>,
  a: Service,
  b: Service,
  localEdit: () => Promise<unknown>,
  announce: AppEvent,
  meanwhile: () => void = () => {},
) {
  await a.replication.replicator()!.idle();
  const fromA = Y.encodeStateAsUpdate(a.replication.replicator()!.model.doc);
  const replicator = b.replication.replicator()!;
  let armed = true;
  const off = replicator.onChange(() => {
    if (!armed) return;
    armed = false;
    meanwhile();
    b.events.emit(announce);
  });
  cleanups.push(off);
  await localEdit();
  Y.applyUpdate(replicator.wire, fromA);
  expect(armed).toBe(true); // B's job has not run yet: A's update arrives in it
  await replicator.idle();
  expect(armed).toBe(false);
}
