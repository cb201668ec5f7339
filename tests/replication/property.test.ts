import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/main/service';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import { device, relayOnLoopback, sampleIds, userState } from './helpers';

/**
 * Random interleaved edits on two or three devices, each replicated at random
 * moments and in random order; after everyone has exchanged, every device holds
 * the same library. Fixed seeds (tests/helpers/fuzz-seeds.ts).
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const STATUSES = ['inbox', 'toread', 'reading', 'read', 'archived'] as const;
const TAGS = ['rl', 'RL', 'llm', 'vision', 'llm/agents'];
const WORDS = ['alpha', 'beta', 'γάμμα', 'delta 🙂', '\n', 'e'];

type Op =
  | { kind: 'status'; device: number; paper: number; status: (typeof STATUSES)[number] }
  | { kind: 'star'; device: number; paper: number; starred: boolean }
  | { kind: 'tag'; device: number; paper: number; tag: string }
  | { kind: 'untag'; device: number; paper: number; tag: string }
  | { kind: 'rename'; device: number; tag: string; to: string }
  | { kind: 'delete'; device: number; tag: string }
  | { kind: 'note'; device: number; paper: number; at: number; cut: number; word: string }
  | { kind: 'replicate'; device: number };

function opArb(devices: number): fc.Arbitrary<Op> {
  const d = fc.integer({ min: 0, max: devices - 1 });
  const paper = fc.integer({ min: 0, max: 3 });
  const tag = fc.constantFrom(...TAGS);
  return fc.oneof(
    fc.record({
      kind: fc.constant('status' as const),
      device: d,
      paper,
      status: fc.constantFrom(...STATUSES),
    }),
    fc.record({ kind: fc.constant('star' as const), device: d, paper, starred: fc.boolean() }),
    fc.record({ kind: fc.constant('tag' as const), device: d, paper, tag }),
    fc.record({ kind: fc.constant('untag' as const), device: d, paper, tag }),
    fc.record({ kind: fc.constant('rename' as const), device: d, tag, to: tag }),
    fc.record({ kind: fc.constant('delete' as const), device: d, tag }),
    fc.record({
      kind: fc.constant('note' as const),
      device: d,
      paper,
      at: fc.nat(),
      cut: fc.nat({ max: 3 }),
      word: fc.constantFrom(...WORDS),
    }),
    fc.record({ kind: fc.constant('replicate' as const), device: d }),
  );
}

async function apply(op: Op, services: Service[], ids: string[]): Promise<void> {
  const s = services[op.device];
  const tagId = async (name: string) =>
    (await s.api.listTags({})).find((t) => t.name.toLowerCase() === name.toLowerCase())?.id;
  switch (op.kind) {
    case 'status':
      await s.api.setStatus({ ids: [ids[op.paper]], status: op.status });
      return;
    case 'star':
      await s.api.setStarred({ ids: [ids[op.paper]], starred: op.starred });
      return;
    case 'tag':
      await s.api.tagPapers({ ids: [ids[op.paper]], tag: op.tag });
      return;
    case 'untag':
      if (await tagId(op.tag)) await s.api.untagPapers({ ids: [ids[op.paper]], tag: op.tag });
      return;
    case 'rename': {
      const id = await tagId(op.tag);
      if (id) await s.api.renameTag({ id, name: op.to });
      return;
    }
    case 'delete': {
      const id = await tagId(op.tag);
      if (id) await s.api.deleteTag({ id });
      return;
    }
    case 'note': {
      const before = (await s.api.getNote({ id: ids[op.paper] }))?.markdown ?? '';
      const at = before.length === 0 ? 0 : op.at % (before.length + 1);
      const safeAt = at > 0 && /[\uDC00-\uDFFF]/.test(before[at] ?? '') ? at - 1 : at;
      const end = Math.min(before.length, safeAt + op.cut);
      const safeEnd = /[\uDC00-\uDFFF]/.test(before[end] ?? '') ? end + 1 : end;
      await s.api.saveNote({
        id: ids[op.paper],
        markdown: before.slice(0, safeAt) + op.word + before.slice(safeEnd),
      });
      return;
    }
    case 'replicate':
      await s.replication.replicateOnce();
      return;
    default: {
      const never: never = op;
      throw new Error(`unknown op ${String(never)}`);
    }
  }
}

describe.each(fuzzSeeds('replication-property'))('replication converges (seed %i)', (seed) => {
  it('random edits on 2–3 devices, replicated in random order, end equal', async () => {
    const relay = await relayOnLoopback(cleanups);
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 3 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.array(opArb(n), { minLength: 5, maxLength: 30 })),
          ),
        fc.string({ minLength: 6, maxLength: 6, unit: fc.constantFrom(...'abcdef') }),
        async ([n, ops], room) => {
          const local: Array<() => unknown> = [];
          try {
            const services: Service[] = [];
            for (let i = 0; i < n; i += 1)
              services.push(await device(local, relay, `room-${room}-${seed}`));
            const ids = await sampleIds(services[0], 4);
            for (const op of ops) await apply(op, services, ids);
            // Everyone exchanges, twice round, so each has seen all the others.
            for (let round = 0; round < 2; round += 1)
              for (const s of services) await s.replication.replicateOnce();
            const first = await userState(services[0]);
            for (const s of services.slice(1)) expect(await userState(s)).toEqual(first);
          } finally {
            for (const c of local.reverse()) await c();
          }
        },
      ),
      { seed, numRuns: 12, endOnFailure: true },
    );
  }, 300_000);
});
