import type * as Y from 'yjs';

/** One contiguous change: remove `remove` characters at `at`, insert `insert` there. */
export interface Splice {
  at: number;
  remove: number;
  insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The smallest single splice turning `from` into `to` (common prefix and suffix kept). */
export function diff(from: string, to: string): Splice | null {
  if (from === to) return null;
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start += 1;
  // never cut an emoji (a surrogate pair) in two
  if (start > 0 && isHigh(from.charCodeAt(start - 1))) start -= 1;
  let end = 0;
  while (
    end < max - start &&
    from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)
  )
    end += 1;
  if (end > 0 && isLow(from.charCodeAt(from.length - end))) end -= 1;
  return {
    at: start,
    remove: from.length - start - end,
    insert: to.slice(start, to.length - end),
  };
}

/**
 * Where a local change made against `base` lands in a text that has since taken
 * a remote change (`remote`, also against `base`): before it, unchanged; after
 * it, shifted; overlapping it, the local words go in after the remote ones and
 * nothing the remote side wrote is deleted. Both sides keep their words.
 */
export function rebase(local: Splice, remote: Splice): Splice {
  if (local.at + local.remove <= remote.at && !(local.remove === 0 && local.at === remote.at))
    return local;
  if (local.at >= remote.at + remote.remove) {
    return { ...local, at: local.at + remote.insert.length - remote.remove };
  }
  return { at: remote.at + remote.insert.length, remove: 0, insert: local.insert };
}

function applySplice(text: Y.Text, splice: Splice): void {
  if (splice.remove > 0) text.delete(splice.at, splice.remove);
  if (splice.insert.length > 0) text.insert(splice.at, splice.insert);
}

/**
 * Record a local save of a note (`saved`) in its shared text as a minimal edit,
 * so an edit made elsewhere at the same time survives. `base` is the text
 * SQLite and the document last agreed on (the shared text itself when unknown).
 */
export function applyLocalText(text: Y.Text, base: string, saved: string): void {
  const current = text.toString();
  if (current === saved) return;
  const local = diff(base, saved);
  if (!local) return; // nothing changed here: the difference is remote, SQLite catches up
  const remote = current === base ? null : diff(base, current);
  applySplice(text, remote ? rebase(local, remote) : local);
}
