import { describe, expect, it } from 'vitest';
import { doc, ids, indexOf, search } from './helpers';

const glucose = doc({
  title: 'Explainable Postprandial Blood Glucose Prediction from Diet',
  tags: ['health/diabetes'],
  abstract: 'Glucose after meals is predicted from what people eat.',
  year: 2025,
});
const byte = doc({
  title: 'Just One Byte per Gradient: Low-Bandwidth Decentralized Finetuning',
  abstract: 'Shared randomness cuts communication.',
  tags: ['ml/distributed'],
  year: 2023,
});
const sparkle = doc({
  title: 'Enhancing SPARQL Generation with Direct KG Integration in Decoding',
  abstract: 'Entity linking and subgraph retrieval for KBQA.',
  tags: ['ml/kg'],
});
const selfplay = doc({
  title: 'SPaR: Self-Play with Tree-Search Refinement',
  abstract: 'Instruction following of LLMs improves with selfplay refinement.',
});
const moe = doc({
  title: 'Hessian-based Expert Pruning',
  abstract: 'Mixture-of-Experts (MoE) architectures are pruned with regularisation.',
});
const subnet = doc({
  title: 'A Consensus Sub-Network with Polarization Regularization',
  abstract: 'Microservice defence.',
});
const other = doc({ title: 'Graph Neural Networks for Molecules', abstract: 'Blood tests.' });
const all = [glucose, byte, sparkle, selfplay, moe, subnet, other];
const index = indexOf(all);

describe('ranked partial matches', () => {
  it('lists papers matching most words when none matches them all, naming what is missing', () => {
    const answer = search(index, 'blood sugar prediction from diet');
    expect(answer.results[0].paper.id).toBe(glucose.id);
    expect(answer.results[0].missing).toEqual(['sugar']);
    expect(answer.partial).toEqual({ words: 4, matched: 3, fullMatches: 0 });
    expect(answer.total).toBe(answer.results.length);
  });

  it('puts papers matching every word first, then the others, scores never rising', () => {
    const answer = search(index, 'blood glucose');
    expect(answer.results.map((r) => r.paper.id)).toEqual([glucose.id, other.id]);
    expect(answer.partial).toEqual({ words: 2, matched: 1, fullMatches: 1 });
    expect(answer.results[0].missing).toBeUndefined();
    expect(answer.results.slice(1).every((r) => r.missing && r.missing.length > 0)).toBe(true);
    const scores = answer.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('marks a partial match where its words are: title, snippet from the abstract', () => {
    const [first] = search(index, 'blood sugar prediction from diet').results;
    const title = first.matches.find((m) => m.field === 'title');
    const marked = title!.ranges.map(([s, e]) => glucose.title.slice(s, e).toLowerCase());
    expect(marked).toEqual(['blood', 'prediction', 'diet']);
    expect(first.matchedFields).toEqual(['title', 'abstract']);
    expect(first.snippet?.text).toBe(glucose.abstract);
    const inSnippet = first.snippet!.ranges.map(([s, e]) => first.snippet!.text.slice(s, e));
    expect(inSnippet).toEqual(['predicted']);
  });

  it('weighs rare words above common ones', () => {
    // `pruning` is in one paper, `blood` in two: the paper with the rare word leads.
    const order = ids(index, 'pruning blood hessian microservice');
    expect(order[0]).toBe(moe.id);
  });

  it('does not list papers matching fewer than half the words', () => {
    expect(ids(index, 'blood zebra unicorn quasar')).toEqual([]);
    expect(search(index, 'blood zebra unicorn quasar').partial).toBeUndefined();
  });

  it('keeps filters, exclusions and phrases strict', () => {
    expect(ids(index, 'blood sugar prediction tag:ml')).toEqual([]);
    expect(ids(index, 'blood sugar prediction -diet')).not.toContain(glucose.id);
    expect(ids(index, 'blood sugar prediction -glucose')).not.toContain(glucose.id);
    expect(ids(index, 'blood sugar "glucose prediction"')).toEqual([glucose.id]);
    expect(ids(index, 'blood sugar "prediction glucose"')).toEqual([]);
  });

  it('counts a hyphenated term as one word', () => {
    // Two of four words, but one of three terms.
    expect(search(index, 'low-bandwidth zebra unicorn').results).toEqual([]);
  });
});

describe('word variants', () => {
  it('joins and splits compounds', () => {
    expect(ids(index, 'lowbandwidth')).toEqual([byte.id]);
    expect(ids(index, 'low bandwidth decentralized')[0]).toBe(byte.id);
    expect(ids(index, 'self play')[0]).toBe(selfplay.id);
    expect(ids(index, 'selfplay')).toEqual([selfplay.id]);
    expect(ids(index, 'subnetwork')).toEqual([subnet.id]);
  });

  it('matches British and American spellings both ways', () => {
    expect(ids(index, 'polarisation')).toEqual([subnet.id]);
    expect(ids(index, 'regularization')).toEqual(expect.arrayContaining([moe.id, subnet.id]));
    expect(ids(index, 'defense')).toEqual([subnet.id]);
  });

  it('matches plurals and other forms of a word', () => {
    expect(ids(index, 'microservices')).toEqual([subnet.id]);
    expect(ids(index, 'pruned experts')).toEqual([moe.id]);
    expect(ids(index, 'predicting glucose')).toEqual([glucose.id]);
  });

  it('reads ML abbreviations both ways', () => {
    expect(ids(index, 'knowledge graph sparql')).toEqual([sparkle.id]);
    expect(ids(index, 'kg')).toEqual([sparkle.id]);
    expect(ids(index, 'moe pruning')).toEqual([moe.id]);
    expect(ids(index, 'mixture of experts')).toEqual([moe.id]);
    expect(ids(index, 'large language models instruction')).toEqual([selfplay.id]);
  });

  it('marks the variant found in the text', () => {
    const title = search(index, 'lowbandwidth').results[0].matches.find((m) => m.field === 'title');
    expect(title?.ranges.map(([s, e]) => byte.title.slice(s, e))).toEqual(['Low', 'Bandwidth']);
  });

  it('keeps quoted words exact', () => {
    expect(ids(index, '"microservices"')).toEqual([]);
    expect(ids(index, '"polarisation"')).toEqual([]);
  });
});
