import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/main/search/index/search-index';
import { Vocabulary } from '../../src/main/search/index/vocabulary';
import { editDistanceWithin, words } from '../../src/main/search/index/text';
import { doc, ids, indexOf } from './helpers';

describe('SearchIndex updates', () => {
  it('re-reads a paper whose words changed, and only its new words match', () => {
    const a = doc({ title: 'Quokka Behaviour' });
    const index = indexOf([a, doc()]);
    index.upsert({ ...a, title: 'Wombat Behaviour' });
    expect(ids(index, 'quokka')).toEqual([]);
    expect(ids(index, 'wombat')).toEqual([a.id]);
    expect(index.size).toBe(2);
    expect(index.deadSlots).toBe(1);
  });

  it('updates status, star and days in place when the words are the same', () => {
    const a = doc({ title: 'Quokka Behaviour' });
    const index = indexOf([a]);
    const slots = index.slotCount;
    index.upsert({ ...a, status: 'read', starred: true, days: ['2025-11-14'] });
    expect(index.slotCount).toBe(slots);
    expect(ids(index, 'quokka status:read is:starred day:2025-11-14')).toEqual([a.id]);
  });

  it('forgets removed papers, including for id prefixes', () => {
    const a = doc({ id: '2501.00001', title: 'Quokka' });
    const b = doc({ id: '2501.00002', title: 'Quokka too' });
    const index = indexOf([a, b]);
    expect(ids(index, '2501.0').sort()).toEqual([a.id, b.id]);
    expect(index.remove(a.id)).toBe(true);
    expect(index.remove(a.id)).toBe(false);
    expect(ids(index, 'quokka')).toEqual([b.id]);
    expect(ids(index, '2501.0')).toEqual([b.id]);
  });

  it('compacts dead slots away without changing any answer', () => {
    const papers = Array.from({ length: 300 }, (_, i) =>
      doc({ title: `Paper ${i} on ${i % 2 ? 'quokkas' : 'wombats'}`, upvotes: i }),
    );
    const index = indexOf(papers);
    for (let round = 0; round < 5; round++) {
      for (const p of papers) index.upsert({ ...p, notes: `round ${round}` });
    }
    expect(index.deadSlots).toBe(1_500);
    const before = ids(index, 'quokkas round', { limit: 200 });
    expect(index.compactIfNeeded()).toBe(true);
    expect(index.deadSlots).toBe(0);
    expect(index.slotCount).toBe(300);
    expect(ids(index, 'quokkas round', { limit: 200 })).toEqual(before);
    expect(before).toHaveLength(150);
  });

  it('finds words added after it was built, by prefix and with typos', () => {
    const index = indexOf([doc({ title: 'Quokka' })]);
    expect(ids(index, 'quok')).toHaveLength(1);
    const late = doc({ title: 'Marsupial Locomotion' });
    index.upsert(late);
    expect(ids(index, 'marsu')).toEqual([late.id]);
    expect(ids(index, 'locomtion')).toEqual([late.id]);
  });

  it('is empty and answers sensibly before anything is added', () => {
    const index = new SearchIndex();
    expect(ids(index, 'anything')).toEqual([]);
    expect(ids(index, '')).toEqual([]);
  });
});

describe('Vocabulary', () => {
  it('interns, looks up and lists prefixes in order', () => {
    const v = new Vocabulary();
    for (const w of ['delta', 'alpha', 'alphabet', 'beta', 'alp']) v.intern(w);
    expect(v.id('alpha')).toBe(1);
    expect(v.id('gamma')).toBeUndefined();
    const seen: string[] = [];
    v.forEachWithPrefix('alp', (id) => seen.push(v.terms[id]));
    expect(seen).toEqual(['alp', 'alpha', 'alphabet']);
  });

  it('grows its hash table without losing words', () => {
    const v = new Vocabulary();
    const all = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`);
    all.forEach((w) => v.intern(w));
    expect(all.every((w, i) => v.id(w) === i)).toBe(true);
  });

  it('reads word ids straight from text, folding case and accents', () => {
    const v = new Vocabulary();
    const seen: Array<[number, string]> = [];
    v.forEachWordId(
      'Léon BOTTOU, self-attention',
      (id, s, e) => {
        seen.push([id, 'Léon BOTTOU, self-attention'.slice(s, e)]);
        return true;
      },
      true,
    );
    expect(seen.map(([, t]) => t)).toEqual(['Léon', 'BOTTOU', 'self', 'attention']);
    expect(seen.map(([id]) => v.terms[id])).toEqual(['leon', 'bottou', 'self', 'attention']);
  });

  it('with a word filter, still finds every filtered term and looks nothing else up', () => {
    const v = new Vocabulary();
    const text = Array.from({ length: 3_000 }, (_, i) => `w${(i * 7919) % 4_001}q`).join(' ');
    v.forEachWordId(text, () => true, true);
    const wanted = [3, 57, 1_024, 2_999].map((i) => v.id(`w${(i * 7919) % 4_001}q`)!);
    const read = (filter: Uint8Array | null) => {
      const out: number[] = [];
      v.forEachWordId(`${text} Léon`, (id) => (out.push(id), true), false, filter);
      return out;
    };
    const all = read(null);
    const filtered = read(v.wordFilter(wanted));
    expect(filtered).toHaveLength(all.length);
    // Every filtered term keeps its id; the other ASCII words mostly read as unknown.
    all.forEach((id, i) => {
      if (wanted.includes(id)) expect(filtered[i]).toBe(id);
      else expect(filtered[i] === id || filtered[i] === -1).toBe(true);
    });
    expect(filtered.filter((id) => id === -1).length).toBeGreaterThan(all.length * 0.9);
  });

  it('finds terms within one or two edits, adjacent swaps counting as one', () => {
    const v = new Vocabulary();
    for (const w of ['speculative', 'decoding', 'encoding', 'transformer', 'the']) v.intern(w);
    const near = (w: string, k: number) =>
      v
        .similar(w, k)
        .map((m) => v.terms[m.id])
        .sort();
    expect(near('speculatve', 2)).toEqual(['speculative']);
    expect(near('decodign', 1)).toEqual(['decoding']);
    expect(near('decoding', 2)).toEqual(['encoding']);
    expect(near('trasnformer', 1)).toEqual(['transformer']);
    expect(near('teh', 1)).toEqual([]); // too short to be a typo target
  });
});

describe('text', () => {
  it('splits words on anything but letters and digits', () => {
    expect(words('GPT-4o: a (new) LLM!')).toEqual(['gpt', '4o', 'a', 'new', 'llm']);
    expect(words('Týr-the-Pruner Günnemann Ścibior')).toEqual([
      'tyr',
      'the',
      'pruner',
      'gunnemann',
      'scibior',
    ]);
  });

  it('measures edit distance with a bound', () => {
    expect(editDistanceWithin('kitten', 'sitting', 3)).toBe(3);
    expect(editDistanceWithin('kitten', 'sitting', 1)).toBe(2);
    expect(editDistanceWithin('abcd', 'abdc', 1)).toBe(1);
  });
});
