import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FIXTURES } from '../../helpers/library';

/**
 * A small stand-in for the Daily Papers feed with as many days as a test
 * wants: every day has PAPERS_PER_DAY real fixture items, each given an id of
 * its own, so which papers belong to which day is known exactly.
 */
export const PAPERS_PER_DAY = 20;

interface FeedItem {
  paper: { id: string; title: string; authors: unknown[] };
  title: string;
}

const templates = JSON.parse(
  fs.readFileSync(path.join(FIXTURES, 'hf', 'daily_papers', '2025-11-10.json'), 'utf8'),
) as FeedItem[];

const EPOCH = Date.UTC(2020, 0, 1);

function dayIndex(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - EPOCH) / 86_400_000);
}

export function dayAt(index: number): string {
  return new Date(EPOCH + index * 86_400_000).toISOString().slice(0, 10);
}

/** The ids the feed lists for a day, in order. */
export function paperIdsFor(day: string): string[] {
  const base = dayIndex(day) * PAPERS_PER_DAY;
  return Array.from(
    { length: PAPERS_PER_DAY },
    (_, i) => `2401.${String(base + i).padStart(5, '0')}`,
  );
}

export function itemsFor(day: string): FeedItem[] {
  return paperIdsFor(day).map((id, i) => {
    const item = structuredClone(templates[i % templates.length]);
    item.paper.id = id;
    item.paper.title = `${item.paper.title} [${id}]`;
    item.title = item.paper.title;
    return item;
  });
}

/** How many authors the feed gives a paper (by id). */
export function authorCount(id: string): number {
  const i = Number(id.slice(5)) % PAPERS_PER_DAY;
  return templates[i % templates.length].paper.authors.length;
}

export async function startFeed(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const day = url.searchParams.get('date') ?? '';
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? '50'));
    const page = Number(url.searchParams.get('p') ?? '0');
    if (url.pathname !== '/api/daily_papers' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      res.writeHead(400).end('{"error":"bad request"}');
      return;
    }
    const items = dayIndex(day) >= 0 ? itemsFor(day).slice(page * limit, (page + 1) * limit) : [];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(items));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
