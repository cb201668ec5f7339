/**
 * Tag names, one rule for every door: the service's `tagName` schema
 * (src/shared/api/common.ts), the search box's `tag:` filter and the
 * renderer's tag inputs all normalise through here. Runs of white space become
 * one space and spaces around `/` (the nesting separator) are dropped.
 */
export function normalizeTagName(raw: string): string {
  return raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/');
}

/** Tags are unique regardless of case (the library's index is NOCASE). */
export function sameTagName(a: string, b: string): boolean {
  return normalizeTagName(a).toLowerCase() === normalizeTagName(b).toLowerCase();
}
