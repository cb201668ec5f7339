import type { Author } from '../../shared/domain';

/**
 * A paper's authors are stored with the paper (`papers.authors`) as JSON:
 * `[{"name":"Ada Lovelace","hidden":false},…]`, in order. Always written
 * through `authorsToJson`, so the same list is always the same text and sync
 * can tell an unchanged list by comparing strings.
 */
export function authorsToJson(authors: readonly Author[]): string {
  return JSON.stringify(authors.map((a) => ({ name: a.name, hidden: a.hidden })));
}

/** The stored list. A damaged value reads as no authors rather than failing a whole page. */
export function authorsFromJson(text: string): Author[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const authors: Author[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, hidden } = entry as { name?: unknown; hidden?: unknown };
    if (typeof name === 'string') authors.push({ name, hidden: hidden === true });
  }
  return authors;
}

/** The names shown for a paper: hidden authors are left out. */
export function shownAuthorNames(text: string): string[] {
  return authorsFromJson(text)
    .filter((a) => !a.hidden)
    .map((a) => a.name);
}
