import { describe, expect, it } from 'vitest';
import {
  linkContext,
  linkedIds,
  linksWithContext,
  openLinkAt,
  parseNoteLinks,
} from '../../src/shared/note-links';

/** One row per way a link is written (or looks like one and is not). */
const ROWS: Array<{ note: string; links: Array<[id: string, label: string | null]> }> = [
  { note: 'See [[2509.04664]].', links: [['2509.04664', null]] },
  { note: 'See [[2509.04664|the pruning paper]].', links: [['2509.04664', 'the pruning paper']] },
  { note: '[[ 2509.04664 | spaced ]]', links: [['2509.04664', 'spaced']] },
  { note: '[[2509.04664v3]]', links: [['2509.04664', null]] },
  { note: '[[arXiv:2509.04664]]', links: [['2509.04664', null]] },
  { note: '[[0704.0001]]', links: [['0704.0001', null]] },
  { note: '[[hep-th/9901001]]', links: [['hep-th/9901001', null]] },
  { note: '[[hep-th/9901001v2|Maldacena]]', links: [['hep-th/9901001', 'Maldacena']] },
  { note: '[[math.GT/0309136]]', links: [['math/0309136', null]] },
  { note: '[[local:smith2020|Smith]]', links: [['local:smith2020', 'Smith']] },
  { note: '[[2509.04664|]]', links: [['2509.04664', null]] },
  {
    note: 'a [[2509.04664]] b [[2401.10774|Medusa]]',
    links: [
      ['2509.04664', null],
      ['2401.10774', 'Medusa'],
    ],
  },
  // Not links: not an id, unfinished, broken over lines, nested brackets.
  { note: '[[Attention is all you need]]', links: [] },
  { note: '[[2509.04664', links: [] },
  { note: '[2509.04664]', links: [] },
  { note: '[[2509.\n04664]]', links: [] },
  { note: '[[javascript:alert(1)]]', links: [] },
  { note: '[[local:]]', links: [] },
  // Code: inline spans, fenced and indented blocks.
  { note: 'Write `[[2509.04664]]` to link.', links: [] },
  { note: 'Write ``a ` [[2509.04664]]`` to link.', links: [] },
  { note: 'Not code: ` [[2509.04664]]', links: [['2509.04664', null]] },
  { note: '```\n[[2509.04664]]\n```\nafter [[2401.10774]]', links: [['2401.10774', null]] },
  { note: '~~~md\n[[2509.04664]]\n~~~', links: [] },
  { note: '```\n[[2509.04664]]', links: [] },
  { note: 'para\n\n    [[2509.04664]]\n', links: [] },
  { note: '- item\n    [[2509.04664]]', links: [['2509.04664', null]] },
];

describe('parseNoteLinks', () => {
  it.each(ROWS)('$note', ({ note, links }) => {
    expect(parseNoteLinks(note).map((l) => [l.id, l.label])).toEqual(links);
  });

  it('gives the offsets of the whole link', () => {
    const note = 'x [[2509.04664|y]] z';
    const [link] = parseNoteLinks(note);
    expect(note.slice(link.start, link.end)).toBe('[[2509.04664|y]]');
  });
});

describe('linkedIds', () => {
  it('lists each id once, in order, without the note’s own paper', () => {
    expect(
      linkedIds('[[2401.10774]] [[2509.04664]] [[2401.10774|again]] [[2312.00001]]', '2312.00001'),
    ).toEqual(['2401.10774', '2509.04664']);
  });
});

describe('linkContext', () => {
  it('is the sentence around the link, links shown by label', () => {
    const note =
      'First sentence. Builds on [[2401.10774|Medusa]] and [[2509.04664]] for speed! Last one.';
    const [medusa, other] = parseNoteLinks(note);
    expect(linkContext(note, medusa)).toBe('Builds on Medusa and 2509.04664 for speed!');
    expect(linkContext(note, other)).toBe('Builds on Medusa and 2509.04664 for speed!');
  });

  it('stays on its line and drops list marks', () => {
    const note = '# Notes\n- compare with [[2509.04664]]\n- other';
    expect(linksWithContext(note)).toEqual([
      { id: '2509.04664', context: 'compare with 2509.04664' },
    ]);
  });

  it('is cut short on a long line', () => {
    const note = `${'word '.repeat(100)}[[2509.04664]]${' more'.repeat(100)}`;
    expect(linksWithContext(note)[0].context.length).toBeLessThanOrEqual(240);
  });
});

describe('openLinkAt', () => {
  it('finds an unfinished link before the caret', () => {
    expect(openLinkAt('see [[spec', 10)).toEqual({ start: 4, query: 'spec' });
    expect(openLinkAt('see [[', 6)).toEqual({ start: 4, query: '' });
  });

  it('is null after a closed link, in code, or on another line', () => {
    expect(openLinkAt('see [[2509.04664]] ok', 21)).toBeNull();
    expect(openLinkAt('x `[[spec` y', 9)).toBeNull();
    expect(openLinkAt('[[a\nb', 5)).toBeNull();
  });
});
