import type BetterSqlite3 from 'better-sqlite3';
import type { ReadingStatus } from '../../src/shared/domain';
import { createIngester } from '../../src/main/library/ingest-repo';
import day10 from '../../src/main/sample/2025-11-10.json';
import day11 from '../../src/main/sample/2025-11-11.json';
import day12 from '../../src/main/sample/2025-11-12.json';
import day13 from '../../src/main/sample/2025-11-13.json';
import day14 from '../../src/main/sample/2025-11-14.json';
import type { FeedPaper } from '../../src/main/library/feed-paper';
import { seededRandom as rng } from '../helpers/seeded-random';

/**
 * A deterministic, realistic-looking library of any size, for relevance tests
 * and the search benchmark. Each paper is modelled on one of the 78 real sample
 * papers — its sentences and title, so common words and phrases ("large language
 * models") recur as in real abstracts — with the words particular to that paper
 * swapped for a made-up topic's (1,500 topics, a few popular) and a long tail of
 * rare made-up terms, so vocabulary and word frequencies grow the way a real
 * library's do instead of repeating 78 abstracts. Field lengths follow the sample
 * (~1,500-character abstracts, real titles, 2–10 authors); a quarter of the
 * papers carry tags, one in twelve a note.
 */
export interface GeneratedPaper {
  paper: FeedPaper;
  day: string;
  status: ReadingStatus;
  starred: boolean;
  tags: string[];
  note: string;
}

export const GENERATED_TAGS = [
  'ml',
  'ml/pruning',
  'ml/quantization',
  'ml/distillation',
  'nlp',
  'nlp/llm',
  'nlp/reasoning',
  'vision',
  'vision/diffusion',
  'rl',
  'theory',
  'systems',
  'to-review',
  'reading-group',
  'benchmarks',
  'agents',
] as const;

interface Source {
  title: string;
  sentences: string[][];
  /** Words particular to this paper (in at most 3 of the 78): its topic. */
  topicWords: string[];
}

interface Model {
  sources: Source[];
  firstNames: string[];
  lastNames: string[];
}

let cachedModel: Model | null = null;

const bare = (word: string) => word.toLowerCase().replace(/[^a-z0-9-]/g, '');

function model(): Model {
  if (cachedModel) return cachedModel;
  // The raw feed items: the generator needs only titles, abstracts and names.
  const papers = [day10, day11, day12, day13, day14].flat().map((item) => ({
    title: item.paper.title.replace(/\s+/g, ' ').trim(),
    abstract: item.paper.summary.replace(/\s+/g, ' ').trim(),
    authors: item.paper.authors,
  }));
  const df = new Map<string, number>();
  for (const p of papers) {
    for (const w of new Set(`${p.title} ${p.abstract}`.split(/\s+/).map(bare))) {
      df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  const firstNames = new Set<string>();
  const lastNames = new Set<string>();
  const sources = papers.map((p): Source => {
    const topicWords: string[] = [];
    for (const w of `${p.title} ${p.abstract}`.split(/\s+/).map(bare)) {
      if (w.length >= 5 && (df.get(w) ?? 0) <= 3 && !topicWords.includes(w)) topicWords.push(w);
    }
    for (const author of p.authors) {
      const parts = author.name.split(' ');
      if (parts.length < 2) continue;
      firstNames.add(parts[0]);
      lastNames.add(parts[parts.length - 1]);
    }
    return {
      title: p.title,
      sentences: p.abstract
        .split(/(?<=[.!?])\s+/)
        .map((x) => x.split(/\s+/).filter(Boolean))
        .filter((x) => x.length > 0),
      topicWords,
    };
  });
  cachedModel = { sources, firstNames: [...firstNames], lastNames: [...lastNames] };
  return cachedModel;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'tra',
  'vex',
  'qu',
  'zor',
  'fi',
  'pla',
  'sen',
  'dor',
  'gra',
  'mu',
  'ri',
  'ton',
  'bel',
  'cy',
  'dra',
  'el',
  'fo',
  'gen',
  'hy',
  'ix',
  'jo',
  'lum',
  'mor',
  'nov',
  'or',
  'pex',
  'ra',
  'sta',
  'tal',
  'un',
  'ver',
  'wa',
  'xen',
  'yo',
  'zu',
  'ar',
];
const SUFFIXES = ['', '', '', 'former', 'net', 'GPT', 'LM', 'Bench', '-2', '-XL', 'Diff', 'RL'];

/** A made-up rare term; the same index gives the same term. */
function rareTerm(i: number): string {
  const r = rng(i * 7919 + 17);
  const n = 2 + Math.floor(r() * 3);
  let word = '';
  for (let k = 0; k < n; k++) word += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  const suffix = SUFFIXES[Math.floor(r() * SUFFIXES.length)];
  const cased = r() < 0.4 ? word[0].toUpperCase() + word.slice(1) : word;
  return cased + suffix;
}

const RARE_POOL = 100_000;

/** Zipf-like draw over the rare pool: a few terms recur, most appear once or twice. */
function drawRare(random: () => number): string {
  return rareTerm(Math.floor(Math.pow(random(), 2.2) * RARE_POOL));
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/** The k-th word of a made-up research topic (model names, methods, datasets). */
export function topicWord(topic: number, k: number): string {
  return rareTerm(1_000_000 + topic * 97 + (k % TOPIC_WORDS)).toLowerCase();
}

/** Topics: a few popular, a long tail. */
const TOPICS = 1_500;
/** Words per topic: a field reuses its jargon across papers. */
const TOPIC_WORDS = 24;
/** Share of papers that keep their source's own topic (so real phrases recur, but rarely). */
const KEEP_TOPIC = 0.08;

/**
 * A paper modelled on one real abstract: its sentences (lightly reordered, one in
 * four borrowed from another paper), its topic words swapped for a made-up topic's,
 * and a sprinkle of rare terms.
 */
function writePaper(random: () => number, m: Model): { title: string; abstract: string } {
  const source = pick(random, m.sources);
  const topic = Math.floor(Math.pow(random(), 1.6) * TOPICS);
  const swap = new Map<string, string>();
  if (random() >= KEEP_TOPIC) source.topicWords.forEach((w, k) => swap.set(w, topicWord(topic, k)));
  const rewrite = (word: string): string => {
    if (random() < 0.012) return drawRare(random);
    const replacement = swap.get(bare(word));
    if (!replacement) return word;
    const cased = /^[A-Z]/.test(word)
      ? replacement[0].toUpperCase() + replacement.slice(1)
      : replacement;
    return word.replace(/[A-Za-z0-9-]+/, cased);
  };
  const sentences = [...source.sentences];
  if (sentences.length > 2 && random() < 0.3) {
    const i = Math.floor(random() * sentences.length);
    const j = Math.floor(random() * sentences.length);
    [sentences[i], sentences[j]] = [sentences[j], sentences[i]];
  }
  if (random() < 0.25) {
    sentences[Math.floor(random() * sentences.length)] = pick(
      random,
      pick(random, m.sources).sentences,
    );
  }
  return {
    title: source.title.split(' ').map(rewrite).join(' '),
    abstract: sentences.map((words) => words.map(rewrite).join(' ')).join(' '),
  };
}

function noteText(random: () => number, m: Model, chars: number): string {
  const text = pick(random, m.sources)
    .sentences.map((x) => x.join(' '))
    .join(' ');
  const start = Math.floor(random() * Math.max(1, text.length - chars));
  return `${random() < 0.5 ? '## Notes\n\n' : ''}${text.slice(start, start + chars).trim()}`;
}

/** Weekdays from 2023-05-04 (the feed's first day) to 2025-11-14. */
export function feedDays(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(2023, 4, 4); t <= Date.UTC(2025, 10, 14); t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

const STATUSES: Array<[ReadingStatus, number]> = [
  ['inbox', 0.7],
  ['toread', 0.1],
  ['reading', 0.05],
  ['read', 0.1],
  ['archived', 0.05],
];

export function generatePapers(count: number, seed = 42): GeneratedPaper[] {
  const m = model();
  const random = rng(seed);
  const days = feedDays();
  const out: GeneratedPaper[] = [];
  const seqByMonth = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const day = days[Math.floor((i * days.length) / count)];
    const month = `${day.slice(2, 4)}${day.slice(5, 7)}`;
    const seq = (seqByMonth.get(month) ?? 0) + 1;
    seqByMonth.set(month, seq);
    const id = `${month}.${String(10000 + seq).padStart(5, '0')}`;
    const written = writePaper(random, m);
    const authorCount = 2 + Math.floor(Math.pow(random(), 1.5) * 9);
    const authors = Array.from({ length: authorCount }, () => ({
      name: `${pick(random, m.firstNames)} ${random() < 0.2 ? rareTerm(Math.floor(random() * 5000)).replace(/^./, (c) => c.toUpperCase()) : pick(random, m.lastNames)}`,
      hidden: random() < 0.02,
    }));
    const r = random();
    let acc = 0;
    const status = STATUSES.find(([, p]) => (acc += p) >= r)?.[0] ?? 'inbox';
    const tags =
      random() < 0.25
        ? [
            ...new Set(
              Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
                pick(random, GENERATED_TAGS),
              ),
            ),
          ]
        : [];
    out.push({
      day,
      status,
      starred: random() < 0.06,
      tags,
      note: random() < 0.08 ? noteText(random, m, 40 + Math.floor(random() * 560)) : '',
      paper: {
        id,
        title: written.title,
        abstract: written.abstract,
        authors,
        publishedAt: `${Number(day.slice(0, 4)) - (random() < 0.2 ? 1 : 0)}${day.slice(4)}T17:59:59.000Z`,
        upvotes: Math.floor(Math.pow(random(), 3) * 300),
        numComments: Math.floor(random() * 5),
        aiSummary: null,
        aiKeywords: [],
        githubRepo: null,
        githubStars: null,
        projectPage: null,
        thumbnail: null,
      },
    });
  }
  return out;
}

/**
 * Write papers into a library through the real ingest path (one transaction per
 * feed day), then the user's side: statuses, stars, tags, notes.
 */
export function writeLibrary(sqlite: BetterSqlite3.Database, papers: GeneratedPaper[]): void {
  const ingester = createIngester(sqlite);
  const byDay = new Map<string, FeedPaper[]>();
  for (const p of papers) {
    const list = byDay.get(p.day);
    if (list) list.push(p.paper);
    else byDay.set(p.day, [p.paper]);
  }
  for (const [day, dayPapers] of byDay) {
    ingester.ingestDay(
      { day, papers: dayPapers, skipped: 0 },
      { source: 'feed', markSynced: true, now: `${day}T23:00:00.000Z` },
    );
  }
  const now = '2025-11-15T00:00:00.000Z';
  const setState = sqlite.prepare('update papers set status = ?, starred = ? where id = ?');
  const insertTag = sqlite.prepare(
    "insert into tags (name, color, created_at) values (?, '#3b82f6', ?) on conflict do nothing",
  );
  const tagId = sqlite.prepare<[string], { id: number }>('select id from tags where name = ?');
  const link = sqlite.prepare(
    'insert or ignore into paper_tags (paper_id, tag_id, added_at) values (?, ?, ?)',
  );
  const note = sqlite.prepare(
    'insert into notes (paper_id, markdown, created_at, updated_at) values (?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const name of GENERATED_TAGS) insertTag.run(name, now);
    const ids = new Map(GENERATED_TAGS.map((name) => [name, tagId.get(name)!.id]));
    for (const p of papers) {
      if (p.status !== 'inbox' || p.starred) setState.run(p.status, p.starred ? 1 : 0, p.paper.id);
      for (const tag of p.tags)
        link.run(p.paper.id, ids.get(tag as (typeof GENERATED_TAGS)[number]), now);
      if (p.note) note.run(p.paper.id, p.note, now, now);
    }
  })();
}
