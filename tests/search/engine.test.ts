import { describe, expect, it } from 'vitest';
import { matchesInPaper } from '../../src/main/search/query/engine';
import { doc, ids, indexOf, search } from './helpers';

const spec = doc({
  title: 'Recursive Speculative Decoding for Fast Inference',
  authors: ['Wonseok Jeon', 'Mukul Gagrani'],
  tags: ['ml/inference', 'to-review'],
  abstract: 'We accelerate large language model inference with a draft tree.',
  status: 'toread',
  starred: true,
  year: 2024,
  days: ['2025-11-12'],
  lastFeaturedDay: '2025-11-12',
});
const prune = doc({
  title: 'Structured Pruning of Large Language Models',
  authors: ['Santosh Vempala', 'Léon Bottou'],
  tags: ['ml/pruning'],
  notes: '## Why\n\nGreat baseline for speculative work later.',
  abstract: 'Pruning removes weights. Large language models shrink without retraining.',
  status: 'read',
  year: 2023,
  days: ['2025-11-10', '2025-11-13'],
  lastFeaturedDay: '2025-11-13',
});
const diffusion = doc({
  title: 'Diffusion Tree Sampling',
  authors: ['Vineet Jain'],
  tags: ['vision'],
  abstract: 'Inference-time alignment of diffusion models with tree search and pruning.',
  status: 'inbox',
  year: 2025,
  days: ['2025-11-11'],
  lastFeaturedDay: '2025-11-11',
});
const all = [spec, prune, diffusion];
const index = indexOf(all);

describe('filters, alone', () => {
  it('tag: a parent matches its children, in any case', () => {
    expect(ids(index, 'tag:ml').sort()).toEqual([spec.id, prune.id].sort());
    expect(ids(index, 'tag:ML/Pruning')).toEqual([prune.id]);
    expect(ids(index, 'tag:m')).toEqual([]);
  });
  it('tag: a nested tag matches by its last part', () => {
    expect(ids(index, 'tag:pruning')).toEqual([prune.id]);
    expect(ids(index, 'tag:Inference')).toEqual([spec.id]);
    expect(ids(index, 'tag:prun')).toEqual([]);
    expect(ids(index, 'tag:ml/pruning/x')).toEqual([]);
    const tag = search(index, 'tag:pruning').results[0].matches.find((m) => m.field === 'tags');
    expect(tag?.ranges).toEqual([[0, 'ml/pruning'.length]]);
  });
  it('author: a word of a name, accents and typos forgiven', () => {
    expect(ids(index, 'author:vempala')).toEqual([prune.id]);
    expect(ids(index, 'author:bottou')).toEqual([prune.id]);
    expect(ids(index, 'author:leon')).toEqual([prune.id]);
    expect(ids(index, 'author:vempla')).toEqual([prune.id]);
    // Both words must sit in one author's name.
    expect(ids(index, 'author:"santosh vempala"')).toEqual([prune.id]);
    expect(ids(index, 'author:"santosh bottou"')).toEqual([]);
  });
  it('status:, is:starred, year:, day:', () => {
    expect(ids(index, 'status:toread')).toEqual([spec.id]);
    expect(ids(index, 'status:read,inbox').sort()).toEqual([prune.id, diffusion.id].sort());
    expect(ids(index, 'is:starred')).toEqual([spec.id]);
    expect(ids(index, 'year:2023')).toEqual([prune.id]);
    expect(ids(index, 'year:2024..2025')).toEqual([spec.id, diffusion.id]);
    expect(ids(index, 'day:2025-11-10')).toEqual([prune.id]);
    expect(ids(index, 'day:2025-11-11..2025-11-12')).toEqual([spec.id, diffusion.id]);
  });
  it('"exact phrase": words in this order only', () => {
    expect(ids(index, '"large language models"').sort()).toEqual([prune.id]);
    // Exact: "model" is not "models".
    expect(ids(index, '"large language model"')).toEqual([spec.id]);
    expect(ids(index, '"language large"')).toEqual([]);
    expect(ids(index, '"tree search"')).toEqual([diffusion.id]);
  });
  it('an arXiv id or URL finds that paper', () => {
    expect(ids(index, prune.id)).toEqual([prune.id]);
    expect(ids(index, `https://arxiv.org/abs/${prune.id}v2`)).toEqual([prune.id]);
    expect(ids(index, '9001.')).toHaveLength(3);
  });
});

describe('phrases', () => {
  const first = doc({ abstract: 'Large language models reason. Models are large.' });
  const later = doc({ abstract: 'Models are large. We study large language models.' });
  const split = doc({ title: 'Something large', abstract: 'Language models elsewhere.' });
  const authors = doc({ authors: ['Ana Large', 'Language Models'] });
  const accents = doc({ abstract: 'Thanks to Stephan Günnemann pruning ideas.' });
  const scattered = doc({ abstract: 'Language is large; models are many.' });
  const phrases = indexOf([first, later, split, authors, accents, scattered]);

  it('finds a phrase at the first or at a later occurrence of its words', () => {
    expect(ids(phrases, '"large language models"').sort()).toEqual([first.id, later.id].sort());
  });
  it('never joins words across fields or across authors', () => {
    expect(ids(phrases, '"large language"').sort()).toEqual([first.id, later.id].sort());
    expect(ids(phrases, '"large language"')).not.toContain(split.id);
    expect(ids(phrases, '"large language"')).not.toContain(authors.id);
  });
  it('reads accented text word by word', () => {
    expect(ids(phrases, '"gunnemann pruning"')).toEqual([accents.id]);
    expect(ids(phrases, '"stephan gunnemann"')).toEqual([accents.id]);
  });
  it('leaves out papers holding a negated phrase, and only those', () => {
    expect(ids(phrases, 'models -"large language models"').sort()).toEqual(
      [split.id, authors.id, scattered.id].sort(),
    );
  });
  it('reads the text when positions cannot settle it (very long notes, very frequent words)', () => {
    const longNote = doc({ notes: `${'filler '.repeat(5_000)}large language models` });
    const frequent = doc({ abstract: `${'large '.repeat(300)}language models` });
    const neither = doc({ notes: `${'filler '.repeat(5_000)}large models language` });
    const many = indexOf([longNote, frequent, neither]);
    expect(ids(many, '"large language models"').sort()).toEqual([longNote.id, frequent.id].sort());
    expect(ids(many, 'filler -"large language"')).toEqual([neither.id]);
  });

  it('treats a phrase still being typed as a prefix', () => {
    expect(ids(phrases, '"large langu').sort()).toEqual([first.id, later.id].sort());
  });
});

describe('filters combined and negated', () => {
  it('combines filters with words (all must hold)', () => {
    expect(ids(index, 'tag:ml pruning')).toEqual([prune.id]);
    expect(ids(index, 'tag:ml status:toread inference')).toEqual([spec.id]);
    expect(ids(index, 'author:jain year:2025 tree')).toEqual([diffusion.id]);
    expect(ids(index, 'day:2025-11-13 is:starred')).toEqual([]);
    expect(ids(index, 'is:starred tag:to-review year:2024 day:2025-11-12 decoding')).toEqual([
      spec.id,
    ]);
  });
  it('negates words, phrases, filters and ids', () => {
    expect(ids(index, 'pruning -structured')).toEqual([diffusion.id]);
    expect(ids(index, 'inference -"draft tree"')).toEqual([diffusion.id]);
    expect(ids(index, 'pruning -tag:vision')).toEqual([prune.id]);
    expect(ids(index, 'pruning -author:vempala')).toEqual([diffusion.id]);
    expect(ids(index, '-is:starred').sort()).toEqual([prune.id, diffusion.id].sort());
    expect(ids(index, '-status:inbox -year:2023')).toEqual([spec.id]);
    expect(ids(index, `-day:2025-11-11 -${spec.id}`)).toEqual([prune.id]);
    expect(ids(index, 'tree -diffusion')).toEqual([spec.id]);
  });
});

describe('matching', () => {
  it('forgives typos and matches prefixes while typing', () => {
    expect(ids(index, 'speculatve decodng')[0]).toEqual(spec.id);
    expect(ids(index, 'recursve')).toEqual([spec.id]);
    expect(ids(index, 'specul')[0]).toBe(spec.id);
    expect(ids(index, 'diff tr')[0]).toEqual(diffusion.id);
    // A word the library spells exactly is not also read as a typo of another.
    expect(ids(index, 'tree')).not.toContain(prune.id);
  });
  it('folds case and accents both ways', () => {
    expect(ids(index, 'LÉON')).toEqual([prune.id]);
    expect(ids(index, 'leon')).toEqual([prune.id]);
  });
  it('searches notes and tags as text', () => {
    expect(ids(index, 'baseline')).toEqual([prune.id]);
    expect(ids(index, 'review')).toEqual([spec.id]);
  });
});

describe('ranking', () => {
  const newer = (day: string) => ({ days: [day], lastFeaturedDay: day });
  const inAbstract = doc({ abstract: 'We study quokka behaviour.', ...newer('2025-11-14') });
  const inNotes = doc({ notes: 'Quokka notes.', ...newer('2025-11-13') });
  const inTags = doc({ tags: ['quokka'], ...newer('2025-11-12') });
  const inAuthors = doc({ authors: ['Quokka Smith'], ...newer('2025-11-11') });
  const inTitleOld = doc({ title: 'A Quokka Study', ...newer('2024-01-01') });
  const inTitleNew = doc({ title: 'The Quokka Model', ...newer('2025-01-01') });
  const ranked = indexOf([inAbstract, inNotes, inTags, inAuthors, inTitleOld, inTitleNew]);

  it('title above authors/tags above notes above abstract; ties by recency', () => {
    const order = ids(ranked, 'quokka');
    expect(order.slice(0, 2)).toEqual([inTitleNew.id, inTitleOld.id]);
    expect(order.slice(2, 4)).toEqual([inTags.id, inAuthors.id]);
    expect(order.slice(4)).toEqual([inNotes.id, inAbstract.id]);
    const scores = search(ranked, 'quokka').results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBe(1);
  });

  it('pages through one stable order', () => {
    const many = indexOf(
      Array.from({ length: 130 }, (_, i) =>
        doc({ title: `Quokka ${i}`, upvotes: i % 7, ...newer(`2025-0${1 + (i % 9)}-1${i % 10}`) }),
      ),
    );
    const whole = ids(many, 'quokka', { limit: 130 });
    const paged = [0, 40, 80, 120].flatMap((offset) => ids(many, 'quokka', { offset, limit: 40 }));
    expect(paged).toEqual(whole);
    expect(new Set(whole).size).toBe(130);
  });
});

describe('results', () => {
  it('marks matched words, prefixes and phrases with offsets into the text', () => {
    const found = search(index, 'specul "large language" jeon');
    const hit = found.results.find((r) => r.paper.id === spec.id)!;
    const title = hit.matches.find((m) => m.field === 'title')!;
    expect(title.ranges.map(([s, e]) => spec.title.slice(s, e))).toEqual(['Specul']);
    const author = hit.matches.find((m) => m.field === 'authors')!;
    expect(author.index).toBe(0);
    expect(hit.paper.authors[author.index!].slice(...author.ranges[0])).toBe('Jeon');
    expect(hit.matchedFields).toEqual(['title', 'authors', 'abstract']);
    expect(hit.snippet).not.toBeNull();
    const snippet = hit.snippet!;
    expect(snippet.ranges.map(([s, e]) => snippet.text.slice(s, e))).toContain('large language');
  });

  it('marks accented words with offsets into the original text', () => {
    const hit = search(index, 'leon').results[0];
    const author = hit.matches.find((m) => m.field === 'authors')!;
    expect(hit.paper.authors[author.index!].slice(...author.ranges[0])).toBe('Léon');
  });

  it('marks a tag filter and the id', () => {
    const hit = search(index, `tag:ml ${spec.id}`).results[0];
    expect(hit.matches).toContainEqual({ field: 'id', index: null, ranges: [[0, 10]] });
    const tag = hit.matches.find((m) => m.field === 'tags')!;
    expect(hit.paper.tags[tag.index!]).toBe('ml/inference');
  });

  it('gives every match in a paper, abstract and notes included, on request', () => {
    const matches = matchesInPaper(index, 'pruning speculative', prune.id);
    const abstract = matches.find((m) => m.field === 'abstract')!;
    expect(abstract.ranges.map(([s, e]) => prune.abstract.slice(s, e))).toEqual(['Pruning']);
    const notes = matches.find((m) => m.field === 'notes')!;
    expect(notes.ranges.map(([s, e]) => prune.notes.slice(s, e))).toEqual(['speculative']);
    expect(matchesInPaper(index, 'pruning', 'no.such')).toEqual([]);
  });

  it('counts matches in the scope and in the whole library', () => {
    const found = search(index, 'inference', { view: 'toread' });
    expect(found.total).toBe(1);
    expect(found.totalInLibrary).toBe(2);
    expect(search(index, 'inference', { view: 'starred' }).total).toBe(1);
    expect(search(index, 'inference', { tag: 'vision' }).total).toBe(1);
    expect(search(index, 'pruning', { day: '2025-11-13' }).results[0].paper.id).toBe(prune.id);
  });

  it('lists everything for an empty query, newest first', () => {
    expect(ids(index, '   ')).toEqual(
      [spec.id, prune.id, diffusion.id].sort((a, b) => {
        const day = (id: string) => all.find((d) => d.id === id)!.lastFeaturedDay!;
        return day(b).localeCompare(day(a));
      }),
    );
  });
});

describe('hostile queries', () => {
  const hostile = [
    '.*+?^${}()|[]\\',
    '(((((((((((',
    '"unclosed quote',
    '"'.repeat(501),
    'a'.repeat(10_000),
    'word '.repeat(2_000),
    '\u0000\u0001\u001f\u007f',
    '🙂🙃 ∑∫ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'tag:"',
    '-',
    '- - -',
    'year:99999999999999999999',
    'day:0000-00-00',
    '<script>alert(1)</script>',
    "'; drop table papers; --",
    '%s%s%n',
    'author:' + 'x'.repeat(5_000),
  ];
  const known = new Set(all.map((d) => d.id));
  it.each(hostile.map((q) => [JSON.stringify(q.slice(0, 24)), q]))(
    'answers %s without throwing',
    (_label, query) => {
      const found = search(index, query);
      expect(Number.isInteger(found.total)).toBe(true);
      expect(found.results.length).toBeLessThanOrEqual(Math.min(50, found.total));
      for (const r of found.results) expect(known.has(r.paper.id)).toBe(true);
      expect(found.query).toBe(query);
    },
  );

  it('explains what it ignored', () => {
    expect(search(index, 'a'.repeat(10_000)).warnings.join(' ')).toMatch(/longer than 64/);
    const many = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    expect(search(index, many).warnings.join(' ')).toMatch(/first 32 words/);
    // A repeated word is one word: nothing of it is ignored.
    expect(search(index, 'word '.repeat(2_000)).warnings).toEqual([]);
    expect(search(index, '((((').warnings.join(' ')).toMatch(/Nothing to search for/);
    expect(search(index, 'tag:nope').warnings).toContain('No paper has the tag “nope”');
    expect(search(index, '<script>alert(1)</script>').total).toBe(0);
  });
});
