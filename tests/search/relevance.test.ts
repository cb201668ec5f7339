import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/main/service';
import Fuse from 'fuse.js';
import { sqliteSource } from '../../src/main/search/freshness/library-source';
import { tempService } from '../helpers/library';
import { generatePapers, writeLibrary, type GeneratedPaper } from './generated-library';

/**
 * A labelled relevance set: each query names the paper a person typing it wants,
 * and that paper must rank in the top three. Queries marked `typo` are misspelt
 * on purpose (well over a third of the set).
 */
interface Case {
  query: string;
  want: string;
  typo?: boolean;
}

/** Over the bundled sample library (78 real papers). */
const SAMPLE: Case[] = [
  { query: 'speculative decoding recursive', want: '2402.14160' },
  { query: 'recursve speculatve decodng', want: '2402.14160', typo: true },
  { query: 'medusa decoding heads', want: '2401.10774' },
  { query: 'loraprune', want: '2305.18403' },
  { query: 'lorprune', want: '2305.18403', typo: true },
  { query: 'value of network pruning', want: '1810.05270' },
  { query: 'rethinkng netwrk prunning', want: '1810.05270', typo: true },
  { query: 'three-regime model', want: '2305.18383' },
  { query: 'diffusion tree sampling', want: '2506.20701' },
  { query: 'difusion tre sampling', want: '2506.20701', typo: true },
  { query: 'random forests smoothers', want: '2402.01502' },
  { query: 'random forrests', want: '2402.01502', typo: true },
  { query: 'glucose prediction diet', want: '2503.03935' },
  { query: 'glucos predicton', want: '2503.03935', typo: true },
  { query: 'theorem proving retrieval', want: '2306.15626' },
  { query: 'leandojo', want: '2306.15626' },
  { query: 'crowd counting knowledge transfer', want: '2003.10120' },
  { query: 'crowd countng', want: '2003.10120', typo: true },
  { query: 'jailbreaking mllm', want: '2508.09218' },
  { query: 'jailbreakng', want: '2508.09218', typo: true },
  { query: 'symbolic regression machine', want: '2305.14656' },
  { query: 'symbolik regresion', want: '2305.14656', typo: true },
  { query: 'author:ermon', want: '2504.20456' },
  { query: 'gunnemann prune anything', want: '2403.18955' },
  { query: 'optimization-generalization dilemma', want: '2203.15516' },
  { query: 'bottou', want: '2203.15516' },
  { query: 'parralel scalng law', want: '2505.10475', typo: true },
  { query: 'kv cache pruning', want: '2505.22913' },
  { query: 'neural snowflaks', want: '2310.15003', typo: true },
  { query: '2412.11605', want: '2412.11605' },
  { query: 'https://huggingface.co/papers/2509.04475', want: '2509.04475' },
  { query: 'parathnker', want: '2509.04475', typo: true },
  { query: 'sparql generation', want: '2407.01626' },
  { query: 'divde then agregate', want: '2501.12432', typo: true },
  { query: 'postprandial', want: '2503.03935' },
  { query: 'economic efects of internet shutdowns', want: '2309.14630', typo: true },
  { query: 'trasformer backbones', want: '2202.01336', typo: true },
  { query: '"token recycling"', want: '2408.08696' },
  { query: 'year:2019 sparse random projection', want: '1908.11512' },
  { query: 'day:2025-11-14 hamburger', want: '2505.20438' },
];

/**
 * Over the sample library too: queries the way people remember a paper, written
 * from the papers (not from the engine): a word the paper does not use, a joined
 * or split compound, a British spelling, an abbreviation or its expansion, words
 * in another order, a plural where the paper has a singular.
 */
const NATURAL: Case[] = [
  { query: 'lowbandwidth decentralized one byte gradient', want: '2306.10015' },
  { query: 'sparql knowledge graph decoding', want: '2407.01626' },
  { query: 'blood sugar prediction from diet', want: '2503.03935' },
  { query: 'glucose spike after meals', want: '2503.03935' },
  { query: 'selfplay tree search instruction following', want: '2412.11605' },
  { query: 'moe expert pruning hessian', want: '2509.22299' },
  { query: 'mixture of experts structured unstructured pruning', want: '2409.06211' },
  { query: 'key value cache unstructured sparsity', want: '2505.22913' },
  { query: 'zero-cost proxy neural architecture search', want: '2402.02105' },
  { query: 'reinforcement learning segment credit assignment', want: '2505.23564' },
  { query: 'rl credit assignment tree structure', want: '2509.18314' },
  { query: 'polarisation regularisation subnetwork', want: '2302.10798' },
  { query: 'multispectral canopy height dataset', want: '2509.01202' },
  { query: 'in defence of parameter sharing', want: '2310.11611' },
  { query: 'root cause analysis microservices granger', want: '2402.01140' },
  { query: 'rag speculative decoding', want: '2503.03434' },
  { query: 'multimodal llm jailbreak', want: '2508.09218' },
  { query: 'vlm token neuron pruning', want: '2505.19235' },
  { query: 'llm theorem proving lean', want: '2306.15626' },
  { query: 'large language model speculative decoding without replacement', want: '2402.14160' },
  { query: 'prune llms global sparsity distribution', want: '2503.09657' },
  { query: 'lowrank adaptation pruning', want: '2305.18403' },
  { query: 'pruning aware tuning llms', want: '2408.14721' },
  { query: 'optimisation generalisation dilemma', want: '2203.15516' },
  { query: 'oblique decision forest group fairness', want: '2310.11401' },
  { query: 'tree ensembles self regularising smoothers', want: '2402.01502' },
  { query: 'text to sql execution aware rl', want: '2505.12768' },
  { query: 'diffusion llm context free grammar decoding', want: '2508.10111' },
  { query: 'parallel tool calls divide aggregate', want: '2501.12432' },
  { query: 'orchard 3d reconstruction dormant season', want: '2507.01912' },
  { query: 'community detection top down versus bottom up', want: '2306.00833' },
  { query: 'fewshot meta learning bayesian hierarchical', want: '2306.09702' },
  { query: 'active learning distillation from vision language models', want: '2506.00910' },
  { query: 'dynamic exit layer self speculative decoding', want: '2504.05598' },
  { query: 'semistructured table question answering', want: '2508.18190' },
  { query: 'treemap fat polygon partitions', want: '1009.1866' },
  { query: 'permutation invariant diffusion graph generation', want: '2402.03687' },
  { query: 'random walk identity position network embeddings', want: '2401.00651' },
  { query: 'multilanguage code parsing dataset ast', want: '2510.16357' },
  { query: 'token smashing llm inference', want: '2505.20438' },
  { query: 'internet shutdown economics regression', want: '2309.14630' },
  { query: 'latent graph inference trainable geometry', want: '2310.15003' },
  { query: 'heuristic tree based policy optimisation', want: '2508.17445' },
  { query: 'text normalisation semantic parsing', want: '2412.14054' },
  { query: 'sparse regularisation pruning aware', want: '2201.06776' },
  { query: 'state space models eidetic memory', want: '2407.06324' },
  { query: 'online processing deep neural nets', want: '2306.13474' },
  { query: 'gnn self supervised multitask generalization', want: '2210.02016' },
];

/** Planted among 2,000 generated papers: their words occur nowhere else. */
const PLANTED: Array<{ paper: Partial<GeneratedPaper['paper']>; tags?: string[]; note?: string }> =
  [
    {
      paper: {
        id: '2511.90001',
        title: 'Sinkhorn Routing for Balanced Mixture-of-Experts',
        authors: [{ name: 'Mireille Castellano', hidden: false }],
        abstract: 'We route tokens to experts with entropic optimal transport.',
      },
    },
    {
      paper: {
        id: '2511.90002',
        title: 'Contrastive Audio Captioning with Weak Labels',
        abstract: 'Captions for sound clips learned from noisy tags.',
      },
    },
    {
      paper: {
        id: '2511.90003',
        title: 'Equivariant Networks for Protein Docking',
        abstract: 'Rigid body docking of protein complexes with equivariant message passing.',
      },
    },
    {
      paper: { id: '2511.90004', title: 'A Study of Model Behaviour' },
      note: 'Bring this to the reading group: the watermarking appendix is the interesting part.',
    },
    {
      paper: { id: '2511.90005', title: 'Quantized Attention Kernels for Edge Devices' },
      tags: ['to-review'],
    },
    {
      paper: {
        id: '2511.90006',
        title: 'Tidal Forecasting from Sparse Buoys',
        abstract: 'Ocean tides are predicted from a handful of buoys with a physics prior.',
        authors: [{ name: 'Ilse Ramaekers', hidden: false }],
      },
    },
  ];

const GENERATED: Case[] = [
  { query: 'sinkhorn routing', want: '2511.90001' },
  { query: 'sinkhron routng experts', want: '2511.90001', typo: true },
  { query: 'author:castellano', want: '2511.90001' },
  { query: 'audio captioning', want: '2511.90002' },
  { query: 'contrastve audio captionng', want: '2511.90002', typo: true },
  { query: 'protein docking', want: '2511.90003' },
  { query: 'protien dockng', want: '2511.90003', typo: true },
  { query: 'watermarking reading group', want: '2511.90004' },
  { query: 'watermarkng', want: '2511.90004', typo: true },
  { query: 'tag:to-review quantized attention', want: '2511.90005' },
  { query: 'quantzed atention kernels', want: '2511.90005', typo: true },
  { query: 'tidal buoys', want: '2511.90006' },
  { query: 'ramaekers ocean', want: '2511.90006' },
];

let sample: Service;
let generated: Service;
const cleanups: Array<() => Promise<void>> = [];
let generatedTitles: Case[] = [];

beforeAll(async () => {
  const a = await tempService();
  const b = await tempService({ seedSample: false });
  cleanups.push(a.cleanup, b.cleanup);
  sample = a.service;
  generated = b.service;
  const papers = generatePapers(2_000, 7);
  for (const [i, planted] of PLANTED.entries()) {
    const host = papers[i * 300];
    papers.push({
      ...host,
      tags: planted.tags ?? [],
      note: planted.note ?? '',
      paper: { ...host.paper, ...planted.paper },
    });
  }
  writeLibrary(generated.lib.sqlite, papers);
  generatedTitles = titleCases(papers.slice(0, 2_000));
}, 60_000);
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Queries made from generated papers' own titles: their two rarest words, and a typo of one. */
function titleCases(papers: GeneratedPaper[]): Case[] {
  const words = (t: string) => t.toLowerCase().match(/[a-z]{5,}/g) ?? [];
  const df = new Map<string, number>();
  const titles = new Map<string, number>();
  for (const p of papers) {
    titles.set(p.paper.title, (titles.get(p.paper.title) ?? 0) + 1);
    for (const w of new Set(words(`${p.paper.title} ${p.paper.abstract}`))) {
      df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  const cases: Case[] = [];
  for (let i = 11; cases.length < 8 && i < papers.length; i += 97) {
    const p = papers[i].paper;
    if (titles.get(p.title) !== 1) continue;
    const rare = [...new Set(words(p.title))].sort((a, b) => df.get(a)! - df.get(b)!).slice(0, 2);
    if (rare.length < 2 || df.get(rare[1])! > 5) continue;
    cases.push({ query: rare.join(' '), want: p.id });
    const longer = rare[0].length >= rare[1].length ? 0 : 1;
    const typo = [...rare];
    typo[longer] = typo[longer].slice(0, -2) + typo[longer].slice(-1);
    cases.push({ query: typo.join(' '), want: p.id, typo: true });
  }
  return cases;
}

async function top3(service: Service, query: string): Promise<string[]> {
  const found = await service.api.search({ query, limit: 3 });
  return found.results.map((r) => r.paper.id);
}

describe('relevance: the paper meant is in the top 3', () => {
  it('the set is large enough and a third of it has typos', () => {
    const cases = [...SAMPLE, ...GENERATED, ...generatedTitles];
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(generatedTitles.length).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.typo).length * 3).toBeGreaterThanOrEqual(cases.length);
    expect(NATURAL.length).toBeGreaterThanOrEqual(40);
    expect(new Set(NATURAL.map((c) => c.query)).size).toBe(NATURAL.length);
  });

  it.each(SAMPLE.map((c) => [c.query, c.want]))('sample library: %s', async (query, want) => {
    expect(await top3(sample, query)).toContain(want);
  });

  it.each(NATURAL.map((c) => [c.query, c.want]))('natural query: %s', async (query, want) => {
    expect(await top3(sample, query)).toContain(want);
  });

  it.each(GENERATED.map((c) => [c.query, c.want]))('generated library: %s', async (query, want) => {
    expect(await top3(generated, query)).toContain(want);
  });

  it('generated library: queries made from generated titles', async () => {
    const misses: string[] = [];
    for (const c of generatedTitles) {
      if (!(await top3(generated, c.query)).includes(c.want))
        misses.push(`${c.query} -> ${c.want}`);
    }
    expect(misses).toEqual([]);
  });
});

describe('relevance: never below plain fuse.js', () => {
  /** Plain fuse.js over the same documents the index holds, all fields searched. */
  function plainFuse(options: { ignoreLocation?: boolean }) {
    const docs = sqliteSource(sample.lib.sqlite)
      .load()
      .map(({ doc }) => doc);
    const fuse = new Fuse(docs, {
      keys: ['title', 'authors', 'tags', 'notes', 'abstract'],
      ...options,
    });
    return (query: string) => fuse.search(query, { limit: 3 }).map((r) => r.item.id);
  }

  const found = async (cases: Case[], top: (query: string) => Promise<string[]> | string[]) => {
    let hits = 0;
    for (const c of cases) if ((await top(c.query)).includes(c.want)) hits++;
    return hits;
  };

  it.each([
    ['default options', {}],
    ['ignoreLocation: true', { ignoreLocation: true }],
  ] as const)(
    'Papershelf finds at least as many as fuse.js with %s',
    async (name, options) => {
      const ours = await found(NATURAL, (q) => top3(sample, q));
      const theirs = await found(NATURAL, plainFuse(options));
      console.info(`natural queries in the top 3: Papershelf ${ours}, fuse.js (${name}) ${theirs}`);
      expect(ours).toBeGreaterThanOrEqual(theirs);
      // Plain fuse.js reads every abstract whole: seconds on a busy machine.
    },
    180_000,
  );
});
