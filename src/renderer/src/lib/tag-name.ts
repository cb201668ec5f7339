/** The service's tag-name rule (src/shared/api/common.ts), applied before asking it. */
export function normalizeTagName(raw: string): string {
  return raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/');
}

export function sameTagName(a: string, b: string): boolean {
  return normalizeTagName(a).toLowerCase() === normalizeTagName(b).toLowerCase();
}
