import { citedYear } from './cited-date';
import { asciiFold, splitName } from './names';

/**
 * Citation keys like Google Scholar's: first author's family name + year +
 * first significant title word (`vaswani2017attention`). Keys are assigned
 * over the whole library, papers sorted by id, so a paper's key does not
 * depend on which papers are exported with it; on a clash the paper with the
 * smaller id keeps the plain key and the others get a, b, c...
 */
export interface KeySource {
  id: string;
  /** First author as displayed, or null. */
  firstAuthor: string | null;
  publishedAt: string | null;
  title: string;
}

const STOPWORDS = new Set(
  (
    'a an the on of in for to and with from by at as or is are be do does can we our your ' +
    'what how when why which who towards toward via into beyond using about over under'
  ).split(' '),
);

/** The year a citation gives (see cited-date.ts: the arXiv id wins when the feed is over a year off). */
export function paperYear(publishedAt: string | null, id: string): string | null {
  return citedYear(publishedAt, id);
}

function baseKey(source: KeySource): string {
  const family = source.firstAuthor ? asciiFold(splitName(source.firstAuthor).family) : '';
  const year = paperYear(source.publishedAt, source.id) ?? '';
  const words = source.title.split(/[\s\-–—:;,.!?/()[\]{}"']+/).map(asciiFold);
  const word = words.find((w) => w !== '' && !STOPWORDS.has(w)) ?? words.find((w) => w) ?? '';
  const key = `${family || 'anon'}${year}${word}`;
  return key.slice(0, 60);
}

export function assignCitationKeys(sources: KeySource[]): Map<string, string> {
  const sorted = [...sources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bases = sorted.map(baseKey);
  const taken = new Set(bases);
  const used = new Set<string>();
  const keys = new Map<string, string>();
  sorted.forEach((source, i) => {
    let key = bases[i];
    if (used.has(key)) {
      for (let n = 0; ; n += 1) {
        const candidate = `${bases[i]}${suffix(n)}`;
        if (!used.has(candidate) && !taken.has(candidate)) {
          key = candidate;
          break;
        }
      }
    }
    used.add(key);
    keys.set(source.id, key);
  });
  return keys;
}

/** a..z, then aa, ab... */
function suffix(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return n < 26 ? letters[n] : suffix(Math.floor(n / 26) - 1) + letters[n % 26];
}
