import stem from 'wink-porter2-stemmer';

/**
 * Word variants a query word also stands for, beyond typos: the same word in
 * another form (plural, -ing, British spelling: one key for all of them), a
 * compound written joined or split, and ML abbreviations both ways. Pure: the
 * expansion (expand.ts) looks the variants up in the library's vocabulary.
 */

/**
 * British spellings turned American, so both share a key. Only endings that are
 * spelling, not meaning: a rule that misfires on some word (`noise` -> `noize`)
 * does so on both sides alike, so it still only ever joins a word with itself.
 */
const SPELLING_RULES: Array<[RegExp, string]> = [
  [/isation(s?)$/, 'ization$1'],
  [/is(e|es|ed|ing|er|ers)$/, 'iz$1'],
  [/ys(e|es|ed|ing|er|ers)$/, 'yz$1'],
  [/ogue(s?)$/, 'og$1'],
];
/** -our -> -or only in words of six letters or more: `four`, `hour` and `your` stay. */
const OUR = /our(s|ed|ing|ite|ites|able)?$/;
const WHOLE_WORDS: Record<string, string> = {
  defence: 'defense',
  defences: 'defenses',
  offence: 'offense',
  offences: 'offenses',
  licence: 'license',
  licences: 'licenses',
  pretence: 'pretense',
  centre: 'center',
  centres: 'centers',
  centred: 'centered',
  fibre: 'fiber',
  fibres: 'fibers',
  metre: 'meter',
  metres: 'meters',
  litre: 'liter',
  litres: 'liters',
  programme: 'program',
  programmes: 'programs',
  grey: 'gray',
  aluminium: 'aluminum',
};

/** The American spelling of a folded word (itself when it has none). */
export function americanSpelling(word: string): string {
  const whole = WHOLE_WORDS[word];
  if (whole) return whole;
  if (word.length < 5) return word;
  for (const [pattern, replacement] of SPELLING_RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  if (word.length >= 6 && OUR.test(word)) return word.replace(OUR, 'or$1');
  return word;
}

const keys = new Map<string, string>();
const MAX_CACHED_KEYS = 200_000;

/**
 * One key for every form of a word: American spelling, then the Porter2 stem
 * (`pruning`, `pruned`, `prune` -> `prune`; `regularisation`, `regularization`
 * -> `regular`). Words with digits and short words are their own key: stemming
 * `gpt4` or `kv` only invents collisions.
 */
export function wordKey(word: string): string {
  if (word.length < 4 || /\d/.test(word)) return word;
  let key = keys.get(word);
  if (key === undefined) {
    key = stem(americanSpelling(word));
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(word, key);
  }
  return key;
}

/**
 * Where to look for a word's variants in a sorted vocabulary: every word sharing
 * the key shares the key's start (the stemmer only cuts or changes the end; a
 * British `-is-` starts where the American `-iz-` does). One letter shorter, so
 * `studies` (key `studi`) still reaches `study`.
 */
export function variantPrefix(word: string): string | null {
  if (word.length < 4 || /\d/.test(word)) return null;
  const key = wordKey(word);
  const american = americanSpelling(word);
  let common = 0;
  while (common < key.length && common < word.length && key[common] === word[common]) common++;
  // Where the American spelling departs from the word, the British one may depart too.
  let same = 0;
  while (same < american.length && american[same] === word[same]) same++;
  const length = Math.min(common, same, key.length - 1);
  return length >= 3 ? word.slice(0, length) : null;
}

/**
 * ML abbreviations and what they stand for, both ways: `kg` finds "knowledge
 * graph" and "knowledge graph" finds `KG`. Curated: only abbreviations that mean
 * one thing in machine-learning papers.
 */
export const ABBREVIATIONS: Record<string, string> = {
  kg: 'knowledge graph',
  moe: 'mixture of experts',
  llm: 'large language model',
  lm: 'language model',
  mllm: 'multimodal large language model',
  vlm: 'vision language model',
  vit: 'vision transformer',
  rl: 'reinforcement learning',
  rlhf: 'reinforcement learning from human feedback',
  kv: 'key value',
  nas: 'neural architecture search',
  rag: 'retrieval augmented generation',
  gnn: 'graph neural network',
  cnn: 'convolutional neural network',
  rnn: 'recurrent neural network',
  dnn: 'deep neural network',
  nlp: 'natural language processing',
  kd: 'knowledge distillation',
  lora: 'low rank adaptation',
  sft: 'supervised fine tuning',
  dpo: 'direct preference optimization',
  ppo: 'proximal policy optimization',
  ssl: 'self supervised learning',
  gan: 'generative adversarial network',
  vae: 'variational autoencoder',
  ood: 'out of distribution',
  qa: 'question answering',
  asr: 'automatic speech recognition',
  ocr: 'optical character recognition',
  cot: 'chain of thought',
  nerf: 'neural radiance field',
  sae: 'sparse autoencoder',
  mlp: 'multilayer perceptron',
  ner: 'named entity recognition',
  ssm: 'state space model',
  ast: 'abstract syntax tree',
  sota: 'state of the art',
};

const EXPANSIONS: Array<{ abbreviation: string; words: string[]; keys: string[] }> = Object.entries(
  ABBREVIATIONS,
).map(([abbreviation, phrase]) => {
  const words = phrase.split(' ');
  return { abbreviation, words, keys: words.map(wordKey) };
});

/** What an abbreviation stands for (its words), or null. `llms` is `llm` too. */
export function expansionOf(word: string): string[] | null {
  const phrase =
    ABBREVIATIONS[word] ?? (word.endsWith('s') ? ABBREVIATIONS[word.slice(0, -1)] : undefined);
  return phrase ? phrase.split(' ') : null;
}

/**
 * Abbreviations spelt out in a query: for each position of `words`, the
 * abbreviations (and their plurals) of a spelt-out phrase covering it, so each of
 * "mixture of experts" also finds `MoE` and `MoEs`.
 */
export function abbreviationsIn(words: string[]): string[][] {
  const out = words.map((): string[] => []);
  const wordKeys = words.map(wordKey);
  for (const { abbreviation, keys: phraseKeys } of EXPANSIONS) {
    const k = phraseKeys.length;
    if (k < 2) continue;
    for (let i = 0; i + k <= words.length; i++) {
      let j = 0;
      while (j < k && wordKeys[i + j] === phraseKeys[j]) j++;
      if (j < k) continue;
      for (let p = i; p < i + k; p++) out[p].push(abbreviation, `${abbreviation}s`);
    }
  }
  return out;
}

/**
 * Words too common to narrow a search. A query of several words does not require
 * them (`in defence of parameter sharing` needs neither `in` nor `of`); a query
 * of nothing else still searches for them.
 */
export const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'via',
  'vs',
  'versus',
  'with',
]);
