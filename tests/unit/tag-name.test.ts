import { describe, expect, it } from 'vitest';
import { tagName } from '../../src/shared/api/common';
import { parseSearchQuery } from '../../src/shared/search-query';
import { normalizeTagName, sameTagName } from '../../src/shared/tag-name';

/** One rule for tag names, whichever door a name comes through. */
describe('tag names', () => {
  it.each([
    ['ml', 'ml'],
    ['  ml  ', 'ml'],
    ['machine   learning', 'machine learning'],
    ['ml /  pruning', 'ml/pruning'],
    ['  ml /  pruning  ', 'ml/pruning'],
    ['a\tb\nc', 'a b c'],
    ['ML/Pruning', 'ML/Pruning'],
    [' a / b / c ', 'a/b/c'],
    ['<b>bold</b>', '<b>bold</b>'],
  ])('%j is stored as %j by the service and searched as it', (raw, normalized) => {
    expect(normalizeTagName(raw)).toBe(normalized);
    expect(tagName.parse(raw)).toBe(normalized);
    const filter = parseSearchQuery(`tag:"${raw}"`).filters[0];
    expect(filter?.values).toEqual([normalized]);
  });

  it.each([
    ['ML/Pruning', 'ml / pruning', true],
    ['ml', 'ML ', true],
    ['ml', 'ml/pruning', false],
    ['graph  nets', 'graph nets', true],
  ])('%j and %j are the same tag: %s', (a, b, same) => {
    expect(sameTagName(a, b)).toBe(same);
  });
});
