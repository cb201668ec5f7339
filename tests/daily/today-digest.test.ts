import { Marked, type Token, type Tokens } from 'marked';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, FIXTURE_DAYS, type FeedServer } from '../sync/feed-server';
import { syncSetup, type SyncSetup } from '../sync/helpers';

/**
 * The Today view's order and its one-key archive, and the digest built from
 * the same order, against a real library filled by a real sync.
 */
let feed: FeedServer;
let s: SyncSetup;
beforeEach(async () => {
  feed = await startFeedServer();
  s = await syncSetup();
  const run = await s.sync({ from: FIXTURE_DAYS[0], to: FIXTURE_DAYS.at(-1), source: feed.url });
  expect(run.state).toBe('done');
});
afterEach(async () => {
  await s.cleanup();
  await feed.close();
});

const HOSTILE_TITLE = '<script>alert(1)</script> [x](javascript:alert(1)) *bold* & "q"';
const HOSTILE_SUMMARY = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">y</a>';

interface Setup {
  pickByAuthor: string;
  pickByTag: string;
  rising: string;
  author: string;
}

/** Signals: an older starred paper by one arrival's author, a tag naming another's subject. */
async function arrange(): Promise<Setup> {
  const sqlite = s.service.lib.sqlite;
  const { papers } = await s.service.api.listPapers({ view: 'all', sort: 'featured', limit: 5000 });
  const byAuthor = papers[5];
  const author = byAuthor.authors[0];
  sqlite
    .prepare(
      `insert into papers (id, title, authors, source, first_seen_at, updated_at, added_at, starred, status)
       values ('2001.00001', 'An old favourite', ?, 'manual', ?, ?, ?, 1, 'read')`,
    )
    .run(
      JSON.stringify([{ name: author, hidden: false }]),
      ...Array(3).fill('2020-01-01T00:00:00.000Z'),
    );
  // A word of one title that no other arrival's title or keywords hold.
  const wordsOf = (p: { title: string }) => p.title.toLowerCase().match(/[a-z]{6,}/g) ?? [];
  const others = (id: string) =>
    papers
      .filter((p) => p.id !== id)
      .map((p) => p.title.toLowerCase())
      .join(' ');
  const byTag = papers.find(
    (p) =>
      p.id !== byAuthor.id &&
      !p.authors.includes(author) &&
      wordsOf(p).some((w) => !others(p.id).includes(w)),
  )!;
  const word = wordsOf(byTag).find((w) => !others(byTag.id).includes(w))!;
  // Keywords could hold it too: leave them out of the question.
  sqlite.prepare('update papers set ai_keywords = null where id != ?').run(byTag.id);
  await s.service.api.createTag({ name: `topics/${word}` });
  // One paper gains upvotes: it is rising.
  const rising = papers.find(
    (p) => p.id !== byAuthor.id && p.id !== byTag.id && !p.authors.includes(author),
  )!;
  sqlite
    .prepare('update papers set upvotes = upvotes + 7, updated_at = ? where id = ?')
    .run(new Date(Date.now() + 1000).toISOString(), rising.id);
  // And one paper's feed fields are hostile.
  sqlite
    .prepare('update papers set title = ?, ai_summary = ?, github_repo = ? where id = ?')
    .run(HOSTILE_TITLE, HOSTILE_SUMMARY, 'javascript:alert(3)', papers.at(-1)!.id);
  return { pickByAuthor: byAuthor.id, pickByTag: byTag.id, rising: rising.id, author };
}

describe('Today', () => {
  it('orders picks, then rising, then the rest; archives the rest undoably; opening marks the visit', async () => {
    const { api } = s.service;
    const setup = await arrange();
    const total = (await api.getCounts({})).views.all - 1; // the old favourite arrived long ago
    expect(await api.getTodaySummary({})).toMatchObject({ count: total, lastVisitAt: null });

    const { since, visitedAt } = await api.openToday({});
    expect(since < visitedAt).toBe(true);
    // The visit is marked: nothing is new any more, though the open view keeps its moment.
    expect(await api.getTodaySummary({})).toMatchObject({ count: 0, lastVisitAt: visitedAt });

    const today = await api.listToday({ since, limit: 5000 });
    expect(today.total).toBe(total);
    expect(today.sections).toEqual({ pick: 2, rising: 1, rest: total - 3 });
    const ids = today.papers.map((p) => p.id);
    expect(new Set(ids.slice(0, 2))).toEqual(new Set([setup.pickByAuthor, setup.pickByTag]));
    expect(ids[2]).toBe(setup.rising);
    expect(today.entries[setup.pickByAuthor]).toMatchObject({
      section: 'pick',
      reason: expect.stringContaining(`Author: ${setup.author}`),
    });
    expect(today.entries[setup.pickByTag].reason).toMatch(/^Tag: topics\//);
    expect(today.entries[setup.rising]).toMatchObject({ section: 'rising', growth: 7 });
    // The rest is in recency order, as the featured list has it.
    const featured = (await api.listPapers({ view: 'all', sort: 'featured', limit: 5000 })).papers
      .map((p) => p.id)
      .filter((id) => today.restIds.includes(id));
    expect(today.restIds).toEqual(featured);
    expect(ids.slice(3)).toEqual(today.restIds);

    // One key archives the rest: a setStatus, undone by restoreStatus like any bulk action.
    const archived = await api.setStatus({ ids: today.restIds, status: 'archived' });
    expect(archived.updated).toBe(total - 3);
    const after = await api.listToday({ since, limit: 5000 });
    expect(after.papers.map((p) => p.id)).toEqual(ids.slice(0, 3));
    await api.restoreStatus({ papers: archived.previous });
    expect((await api.listToday({ since, limit: 5000 })).papers.map((p) => p.id)).toEqual(ids);

    // A paper arriving after the visit makes the badge count again.
    s.service.lib.sqlite
      .prepare(
        `insert into papers (id, title, source, first_seen_at, updated_at, added_at)
         values ('2512.00001', 'Later', 'manual', ?, ?, ?)`,
      )
      .run(...Array(3).fill(new Date(Date.now() + 5000).toISOString()));
    expect((await api.getTodaySummary({})).count).toBe(1);
  });
});

describe('digest', () => {
  it('lists the Today order as Markdown, JSON and self-contained HTML, escaping every feed field', async () => {
    const { api } = s.service;
    await arrange();
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const order = (await api.listToday({ since, limit: 5000 })).papers.map((p) => p.id);

    const json = await api.getDigest({ since, format: 'json' });
    const data = JSON.parse(json.content) as {
      papers: Array<{ id: string; title: string; links: Record<string, string> }>;
    };
    expect(data.papers.map((p) => p.id)).toEqual(order);
    expect(json.count).toBe(order.length);
    const hostile = data.papers.find((p) => p.title === HOSTILE_TITLE)!;
    expect(Object.values(hostile.links).every((url) => /^https?:/.test(url))).toBe(true);

    const md = await api.getDigest({ since, format: 'md' });
    const tokens = new Marked({ gfm: true }).lexer(md.content);
    const headings = tokens.filter(
      (t): t is Tokens.Heading => t.type === 'heading' && t.depth === 3,
    );
    const links = (t: Token): Tokens.Link[] =>
      t.type === 'link'
        ? [t as Tokens.Link]
        : 'tokens' in t && t.tokens
          ? t.tokens.flatMap(links)
          : [];
    // Each paper heading is one link to its Hugging Face page, in the Today order.
    expect(headings.map((h) => links(h).map((l) => l.href))).toEqual(
      order.map((id) => [`https://huggingface.co/papers/${id}`]),
    );
    const html = new Marked({ gfm: true }).parse(md.content) as string;
    // Markup in feed text stays text: no element or attribute comes from it.
    expect(html).not.toMatch(/<script|<img|href="javascript|<[^>]*\son\w+=/i);
    expect(tokens.flatMap(links).every((l) => /^https?:\/\//.test(l.href))).toBe(true);
    // The hostile title reads as the text it is.
    const hostileHeading = headings[data.papers.indexOf(hostile)];
    const shown = (t: Token): string =>
      'tokens' in t && t.tokens ? t.tokens.map(shown).join('') : 'text' in t ? t.text : '';
    expect(links(hostileHeading)[0].tokens.map(shown).join('')).toBe(
      HOSTILE_TITLE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );

    const page = await api.getDigest({ since, format: 'html' });
    expect(page.content).toMatch(/^<!doctype html>/);
    expect(page.content).not.toMatch(/<script|<img|<link|href="javascript|<[^>]*\son\w+=/i);
    expect(page.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.content).toContain("default-src 'none'");
    expect(page.mimeType).toMatch(/^text\/html/);
    // The default since is the last visit.
    const visit = await api.openToday({});
    expect((await api.getDigest({})).since).toBe(visit.visitedAt);
    expect((await api.getDigest({})).count).toBe(0);
  });
});
