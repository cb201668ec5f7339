/** Timestamps are ISO-8601 UTC text everywhere in the library. */
export function nowIso(): string {
  return new Date().toISOString();
}
