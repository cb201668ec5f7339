import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Service } from '../../src/main/service';
import { FIXTURES } from '../helpers/library';

/**
 * Every row of every table, sorted, as one JSON text: two libraries (or one
 * library before and after a failed import) hold the same data exactly when
 * their dumps are equal. `portable` leaves out what differs between two
 * libraries with the same content (autoincrement tag ids, tag link times).
 */
export function dumpLibrary(service: Service, options: { portable?: boolean } = {}): string {
  const { sqlite } = service.lib;
  const tables = [
    'papers',
    'daily_appearances',
    'synced_days',
    'tags',
    'paper_tags',
    'notes',
    'settings',
  ];
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    let rows = sqlite.prepare(`select * from ${table}`).all() as Array<Record<string, unknown>>;
    if (options.portable && table === 'tags') rows = rows.map(({ id: _id, ...rest }) => rest);
    if (options.portable && table === 'paper_tags') {
      const names = new Map(
        (
          sqlite.prepare('select id, name from tags').all() as Array<{ id: number; name: string }>
        ).map((t) => [t.id, t.name]),
      );
      rows = rows.map((r) => ({ paper_id: r.paper_id, tag: names.get(r.tag_id as number) }));
    }
    dump[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(dump, null, 1);
}

/** Gives the sample library user data of every kind, special characters included. */
export async function addUserData(service: Service): Promise<void> {
  const { api } = service;
  const page = await api.listPapers({ view: 'all', sort: 'title', limit: 20 });
  const ids = page.papers.map((p) => p.id);
  await api.setStatus({ ids: ids.slice(0, 5), status: 'toread' });
  await api.setStatus({ ids: ids.slice(5, 7), status: 'read' });
  await api.setStarred({ ids: [ids[0], ids[6]], starred: true });
  await api.tagPapers({ ids: ids.slice(0, 3), tag: 'R&D 100% under_score' });
  await api.tagPapers({ ids: [ids[1]], tag: 'ml/pruning' });
  await api.createTag({ name: 'Empty tag', color: '#123456' });
  await api.saveNote({
    id: ids[0],
    markdown: '# Notes\n\nBraces {x} ~ tilde, `code`, “quotes”, Müller & co — 100%.\n',
  });
  await api.saveNote({ id: ids[2], markdown: 'Short note' });
}

export interface FixtureServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A local stand-in for huggingface.co and export.arxiv.org serving the
 * recorded fixtures: `/api/papers/<id>` (404 when there is no fixture, or when
 * the id is in `hfMissing`), and `/api/query?id_list=...` (arXiv's Error entry
 * for an id it has no fixture for, unless `arxivEmpty` lists it).
 */
export async function startFixtureServer(
  options: {
    hfMissing?: string[];
    /** Answer every Hugging Face request with this status (429: rate limited). */
    hfStatus?: number;
    arxivExtra?: Record<string, string>;
  } = {},
): Promise<FixtureServer> {
  const requests: string[] = [];
  const hfMissing = new Set(options.hfMissing ?? []);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    const paper = /^\/api\/papers\/(.+)$/.exec(url.pathname);
    if (paper && options.hfStatus) {
      res.writeHead(options.hfStatus, { 'retry-after': '300' });
      res.end('{}');
      return;
    }
    if (paper) {
      const id = decodeURIComponent(paper[1]);
      const file = path.join(FIXTURES, 'hf/papers', `${id.replace('/', '_')}.json`);
      if (hfMissing.has(id) || !fs.existsSync(file)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'Paper not found' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fs.readFileSync(file));
      return;
    }
    if (url.pathname === '/api/query') {
      const ids = (url.searchParams.get('id_list') ?? '').split(',');
      const entries: string[] = [];
      for (const id of ids) {
        const extra = options.arxivExtra?.[id];
        const file = path.join(FIXTURES, 'arxiv', `${id}.xml`);
        const xml = extra ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
        if (xml === null) {
          res.writeHead(200, { 'content-type': 'application/atom+xml' });
          res.end(fs.readFileSync(path.join(FIXTURES, 'arxiv/error-bad-id.xml')));
          return;
        }
        entries.push(/<entry>[\s\S]*<\/entry>/.exec(xml)?.[0] ?? '');
      }
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n${entries.join('\n')}\n</feed>\n`,
      );
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A backup's JSON without the one field that changes on every export. */
export function withoutExportedAt(backup: string): unknown {
  const parsed = JSON.parse(backup) as Record<string, unknown>;
  delete parsed.exportedAt;
  return parsed;
}
