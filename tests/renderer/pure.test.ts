import { describe, expect, it } from 'vitest';
import type { PaperSummary } from '../../src/shared/domain';
import { actionFor, BINDINGS, keyName } from '../../src/renderer/src/keyboard/bindings';
import {
  abstractParagraphs,
  formatAuthors,
  formatRelative,
  paragraphRanges,
  rangesWithin,
} from '../../src/renderer/src/lib/format';
import { normalizeTagName, sameTagName } from '../../src/renderer/src/lib/tag-name';
import { buildTagTree } from '../../src/renderer/src/lib/tag-tree';
import { stillMatches, type ListQuery } from '../../src/renderer/src/state/list-query';
import { formatRoute, parseRoute } from '../../src/renderer/src/state/route';
import {
  extendTo,
  selectAll,
  selectOne,
  toggleOne,
  withoutIds,
} from '../../src/renderer/src/state/selection';

const press = (
  key: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard bindings', () => {
  it('maps keys to actions, and never claims presses with Ctrl, Cmd or Alt', () => {
    expect(actionFor(press('j'))).toBe('next');
    expect(actionFor(press('ArrowDown'))).toBe('next');
    expect(actionFor(press('ArrowDown', { shiftKey: true }))).toBe('extendNext');
    expect(actionFor(press('J', { shiftKey: true }))).toBe('extendNext');
    expect(actionFor(press('?', { shiftKey: true }))).toBe('help');
    expect(actionFor(press('4'))).toBe('status:read');
    expect(actionFor(press('s', { ctrlKey: true }))).toBeNull();
    expect(actionFor(press('r', { metaKey: true }))).toBeNull();
    expect(keyName(press('x', { altKey: true }))).toBeNull();
    // Select-all is the one exception, with Ctrl or Cmd, whatever the case of the letter.
    expect(actionFor(press('a', { ctrlKey: true }))).toBe('selectAll');
    expect(actionFor(press('A', { metaKey: true }))).toBe('selectAll');
    expect(actionFor(press('a', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(actionFor(press('a', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(actionFor(press('a'))).toBeNull();
  });

  it('binds every key to one action only', () => {
    const keys = BINDINGS.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('selection', () => {
  it('select all keeps the cursor when it is in the list, else starts at the first', () => {
    const all = selectAll(selectOne('b'), ['a', 'b', 'c']);
    expect([...all.ids]).toEqual(['a', 'b', 'c']);
    expect(all.cursor).toBe('b');
    expect(selectAll(selectOne('z'), ['a', 'b']).cursor).toBe('a');
    const none = selectOne('z');
    expect(selectAll(none, [])).toBe(none);
  });

  it('click, ctrl-click and shift-range', () => {
    let s = selectOne('a');
    s = toggleOne(s, 'c');
    expect([...s.ids]).toEqual(['a', 'c']);
    expect(s.cursor).toBe('c');
    s = toggleOne(s, 'c');
    expect([...s.ids]).toEqual(['a']);
    s = extendTo(selectOne('b'), 'e', ['b', 'c', 'd', 'e']);
    expect([...s.ids].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect(s.anchor).toBe('b');
    expect(s.cursor).toBe('e');
  });

  it('drops papers that left the list', () => {
    const s = extendTo(selectOne('a'), 'c', ['a', 'b', 'c']);
    const after = withoutIds(s, new Set(['c']));
    expect([...after.ids]).toEqual(['a', 'b']);
    expect(after.cursor).toBeNull();
    expect(withoutIds(s, new Set(['z']))).toBe(s);
  });
});

describe('route', () => {
  it('round-trips through the URL hash and rejects junk', () => {
    const route = {
      view: 'toread',
      tag: 'ml/pruning',
      day: null,
      sort: 'upvotes',
      paper: '2401.10774',
      today: false,
      notes: false,
    } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
    const notes = { ...route, view: 'all', tag: null, notes: true } as const;
    expect(formatRoute(notes)).toMatch(/notes=1/);
    expect(parseRoute(formatRoute(notes))).toEqual(notes);
    const today = { ...route, sort: 'rising', today: true } as const;
    expect(formatRoute(today)).toMatch(/today=1/);
    expect(parseRoute(formatRoute(today))).toEqual(today);
    expect(parseRoute('#view=<script>&sort=evil&day=yesterday')).toEqual({
      view: 'inbox',
      tag: null,
      day: null,
      sort: 'featured',
      paper: null,
      today: false,
      notes: false,
    });
  });
});

describe('list membership after a local change', () => {
  const paper: PaperSummary = {
    id: '1',
    title: 't',
    authors: [],
    lastFeaturedDay: null,
    upvotes: 0,
    status: 'inbox',
    starred: false,
    tags: ['ml/pruning'],
    addedAt: '2025-01-01T00:00:00Z',
    hasNote: false,
  };
  const query = (q: Partial<ListQuery>): ListQuery => ({
    view: 'inbox',
    tag: null,
    day: null,
    sort: 'featured',
    search: null,
    ...q,
  });

  it('a triaged paper leaves its status view but stays in All and in an everywhere search', () => {
    expect(stillMatches({ ...paper, status: 'read' }, query({}))).toBe(false);
    expect(stillMatches({ ...paper, status: 'read' }, query({ view: 'all' }))).toBe(true);
    expect(
      stillMatches(
        { ...paper, status: 'read' },
        query({ search: { text: 'x', everywhere: true } }),
      ),
    ).toBe(true);
    expect(stillMatches({ ...paper, starred: false }, query({ view: 'starred' }))).toBe(false);
  });

  it('a parent tag matches its children, case-insensitively', () => {
    expect(stillMatches(paper, query({ tag: 'ML' }))).toBe(true);
    expect(stillMatches(paper, query({ tag: 'ml/prun' }))).toBe(false);
    expect(stillMatches({ ...paper, tags: [] }, query({ tag: 'ml' }))).toBe(false);
  });

  it('a nested tag matches by its last part, like the service', () => {
    const nested = { ...paper, tags: ['ml/Pruning'] };
    expect(stillMatches(nested, query({ tag: 'pruning' }))).toBe(true);
    expect(stillMatches(nested, query({ tag: 'runing' }))).toBe(false);
  });
});

describe('tags', () => {
  it('nests parent/child and keeps parents that are not tags themselves', () => {
    const tree = buildTagTree([
      { id: 1, name: 'ml/pruning', color: '#000000', count: 2 },
      { id: 2, name: 'agents', color: '#000000', count: 1 },
      { id: 3, name: 'ML/quantization', color: '#000000', count: 1 },
    ]);
    expect(tree.map((n) => n.label)).toEqual(['agents', 'ml']);
    const ml = tree[1];
    expect(ml.tag).toBeNull();
    expect(ml.children.map((c) => c.label)).toEqual(['pruning', 'quantization']);
    // A child keeps its tag's own name, so filtering by it finds exactly that tag.
    expect(ml.children[1].path).toBe('ML/quantization');
  });

  it('normalizes names the way the service does', () => {
    expect(normalizeTagName('  ml /  pruning  ')).toBe('ml/pruning');
    expect(sameTagName('ML/Pruning', 'ml / pruning')).toBe(true);
  });
});

describe('format', () => {
  it('joins hard line breaks and keeps paragraphs', () => {
    expect(abstractParagraphs('We study\nlarge models.\n\nSecond\r\nparagraph.')).toEqual([
      'We study large models.',
      'Second paragraph.',
    ]);
  });

  it('places search highlights in the abstract paragraphs they fall in', () => {
    const text = '  First para.\n\n \nSecond one here.\n\n';
    const paragraphs = paragraphRanges(text);
    expect(paragraphs.map(([a, b]) => text.slice(a, b))).toEqual([
      'First para.',
      'Second one here.',
    ]);
    expect(paragraphRanges('')).toEqual([]);
    // "para" and a match that spans the break are split; offsets become relative.
    const hits: Array<[number, number]> = [
      [8, 12],
      [10, 26],
    ];
    const [first, second] = paragraphs;
    expect(rangesWithin(hits, ...first)).toEqual([
      [6, 10],
      [8, 11],
    ]);
    expect(rangesWithin(hits, ...second)).toEqual([[0, 9]]);
  });

  it('shortens author lists and relative times', () => {
    expect(formatAuthors(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C +2');
    const now = Date.parse('2025-11-14T12:00:00Z');
    expect(formatRelative('2025-11-14T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2025-11-14T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative(null, now)).toBe('never');
  });
});
