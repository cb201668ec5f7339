import BetterSqlite3 from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, type RunningApp } from './fixtures';
import { callApi, listIds } from './reader-page';

interface Arranged {
  pick: { id: string; title: string };
  rising: { id: string; title: string };
}

/**
 * A library with history: an older, starred paper by one sample paper's first
 * author (so that paper is a pick), and another paper whose upvotes grew (as a
 * sync would record it: the trigger keeps the history).
 */
export async function arrangeToday(app: RunningApp, page: Page): Promise<Arranged> {
  const papers = await listIds(app, page);
  const summaries = await callApi<{
    papers: Array<{ id: string; title: string; authors: string[] }>;
  }>(app, page, 'listPapers', { view: 'all', limit: 5000 });
  const pick = summaries.papers[10];
  const author = pick.authors[0];
  const rising = summaries.papers.find((p) => p.id !== pick.id && !p.authors.includes(author))!;
  const db = new BetterSqlite3(app.libraryPath);
  try {
    db.pragma('busy_timeout = 5000');
    const old = '2020-01-01T00:00:00.000Z';
    db.prepare(
      `insert into papers (id, title, authors, source, first_seen_at, updated_at, added_at, starred, status)
       values ('2001.00001', 'An old favourite', ?, 'manual', ?, ?, ?, 1, 'read')`,
    ).run(JSON.stringify([{ name: author, hidden: false }]), old, old, old);
    db.prepare('update papers set upvotes = upvotes + 9, updated_at = ? where id = ?').run(
      new Date(Date.now() + 1000).toISOString(),
      rising.id,
    );
  } finally {
    db.close();
  }
  expect(papers.length).toBe(78);
  return { pick, rising };
}
