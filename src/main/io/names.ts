/**
 * Splitting a display name ("Léon Bottou") into family and given parts for
 * BibTeX and CSL. The feed gives one string per author, usually given names
 * first; this is the usual heuristic (last word is the family name, with any
 * lowercase particles before it and a Jr./III suffix after it). An explicit
 * "Family, Given" is honoured as written.
 */
export interface PersonName {
  family: string;
  given: string;
  /** "van", "de la": kept with the family name when written. */
  particle: string;
  suffix: string;
  /** True when the name is a single word or an organisation: write it as is. */
  isLiteral: boolean;
}

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'do',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'bin',
  'al',
  'el',
  'af',
  'av',
]);
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv|v|2nd|3rd)$/i;

export function splitName(raw: string): PersonName {
  const name = raw.replace(/\s+/g, ' ').trim();
  const literal = (): PersonName => ({
    family: name,
    given: '',
    particle: '',
    suffix: '',
    isLiteral: true,
  });
  if (name === '') return literal();
  const commaParts = name.split(',').map((p) => p.trim());
  if (commaParts.length === 2 && commaParts[0] !== '' && commaParts[1] !== '') {
    if (SUFFIX.test(commaParts[1])) return fromWords(commaParts[0].split(' '), commaParts[1]);
    const [particle, family] = splitParticle(commaParts[0].split(' '));
    return { family, given: commaParts[1], particle, suffix: '', isLiteral: false };
  }
  if (commaParts.length > 2) return literal();
  const words = name.split(' ');
  if (words.length === 1) return literal();
  let suffix = '';
  if (words.length > 2 && SUFFIX.test(words[words.length - 1])) suffix = words.pop()!;
  return fromWords(words, suffix);
}

function fromWords(words: string[], suffix: string): PersonName {
  if (words.length === 1) {
    return { family: words[0], given: '', particle: '', suffix, isLiteral: false };
  }
  // The family name starts at the first lowercase particle after the first word.
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1].toLowerCase())) start -= 1;
  const given = words.slice(0, start).join(' ');
  const [particle, family] = splitParticle(words.slice(start));
  return { family, given, particle, suffix, isLiteral: false };
}

/** ["van", "der", "Berg"] -> ["van der", "Berg"] */
function splitParticle(words: string[]): [string, string] {
  let i = 0;
  while (i < words.length - 1 && PARTICLES.has(words[i].toLowerCase())) i += 1;
  return [words.slice(0, i).join(' '), words.slice(i).join(' ')];
}

/** ASCII letters and digits only, lowercased: for citation keys. "Müller" -> "muller". */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
