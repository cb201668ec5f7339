/**
 * Words, as search sees them: runs of letters and digits, case- and accent-folded.
 * `Self-Attention` is two words (`self`, `attention`); `Günnemann` is `gunnemann`.
 * Everything here is allocation-light: the index tokenizes millions of words.
 */

/** Words longer than this are not indexed or searched (base64 blobs, URLs run together). */
export const MAX_WORD_LENGTH = 64;

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const MARKS = /\p{M}/gu;
/** Letters NFD does not decompose. */
const FOLD_EXTRA: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};
const FOLD_EXTRA_RE = new RegExp(`[${Object.keys(FOLD_EXTRA).join('')}]`, 'g');

function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

export function isWordCodePoint(code: number, text: string, index: number): boolean {
  if (code < 128) return isAsciiWordChar(code);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(index) ?? code));
}

/** 1 for ASCII letters and digits, 0 for everything else below 128. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isAsciiWordChar(c) ? 1 : 0;

/** What an ASCII character becomes in a folded word: itself lower-cased, or 0 (a separator). */
export const ASCII_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_FOLD[c] = isAsciiWordChar(c) ? (c >= 65 && c <= 90 ? c + 32 : c) : 0;
}

/** Fold a text (not only a word): lower case, accents stripped. Cheap on ASCII text. */
export function foldText(text: string): string {
  return foldWord(text);
}

/** Fold one raw word: lower case, accents stripped. */
export function foldWord(raw: string): string {
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) >= 128) {
      ascii = false;
      break;
    }
  }
  if (ascii) return raw.toLowerCase();
  return raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FOLD_EXTRA_RE, (ch) => FOLD_EXTRA[ch]);
}

/**
 * Call `visit(word, start, end)` for every word of `text`, where `word` is folded
 * and [start, end) are UTF-16 offsets into `text` (for highlighting).
 */
export function forEachWord(
  text: string,
  visit: (word: string, start: number, end: number) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    while (i < n && !isWordCodePoint(code, text, i)) {
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      code = text.charCodeAt(i);
    }
    if (i >= n) break;
    const start = i;
    let ascii = true;
    while (i < n && isWordCodePoint(code, text, i)) {
      if (code >= 128) ascii = false;
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      code = text.charCodeAt(i);
    }
    if (i - start > MAX_WORD_LENGTH) continue;
    const raw = text.slice(start, i);
    const word = ascii ? raw.toLowerCase() : foldWord(raw);
    if (word !== '') visit(word, start, i);
  }
}

/** The folded words of a text, in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, (w) => out.push(w));
  return out;
}

export function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

// Three rows of the distance table, reused: words are at most MAX_WORD_LENGTH long.
const ROW_A = new Int32Array(MAX_WORD_LENGTH + 2);
const ROW_B = new Int32Array(MAX_WORD_LENGTH + 2);
const ROW_C = new Int32Array(MAX_WORD_LENGTH + 2);

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps, so `teh`
 * is one edit from `the`), or `max + 1` as soon as it must exceed `max`.
 * Allocation-free: a typo lookup compares thousands of words.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (la > MAX_WORD_LENGTH || lb > MAX_WORD_LENGTH) return max + 1;
  let prevPrev = ROW_A;
  let prev = ROW_B;
  let curr = ROW_C;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ca === cb ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (curr[j - 1] + 1 < d) d = curr[j - 1] + 1;
      if (j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb && prevPrev[j - 2] + 1 < d) {
        d = prevPrev[j - 2] + 1;
      }
      curr[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = curr;
    curr = t;
  }
  return prev[lb];
}

/** How many typos a query word forgives: none below 5 letters, two from 8, none with digits. */
export function typoBudget(word: string): number {
  if (hasDigit(word)) return 0;
  if (word.length >= 8) return 2;
  if (word.length >= 5) return 1;
  return 0;
}
