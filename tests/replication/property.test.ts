import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LibraryDoc } from '../../src/main/replication/doc-model';
import type { Service } from '../../src/main/service';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import { device, relayOnLoopback, sampleIds, userState } from './helpers';

/**
 * Random interleaved edits (statuses, stars, tags, notes, saved searches) on two or three devices, each replicated at random
 * moments and in random order; after everyone has exchanged, every device holds
 * the same library. Some updates arrive while a device records a local edit, with
 * another edit announced meanwhile (`arrive`): what arrived for a paper or tag not
 * edited there is shown there as it came, never written back over. Fixed seeds
 * (tests/helpers/fuzz-seeds.ts).
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const STATUSES = ['inbox', 'toread', 'reading', 'read', 'archived'] as const;
const TAGS = ['rl', 'RL', 'llm', 'vision', 'llm/agents'];
const WORDS = ['alpha', 'beta', 'γάμμα', 'delta 🙂', '\n', 'e'];
const VIEW_NAMES = ['Agents', 'agents', 'RL reading', 'vision'];

type Op =
  | { kind: 'status'; device: number; paper: number; status: (typeof STATUSES)[number] }
  | { kind: 'star'; device: number; paper: number; starred: boolean }
  | { kind: 'tag'; device: number; paper: number; tag: string }
  | { kind: 'untag'; device: number; paper: number; tag: string }
  | { kind: 'rename'; device: number; tag: string; to: string }
  | { kind: 'delete'; device: number; tag: string }
  | { kind: 'note'; device: number; paper: number; at: number; cut: number; word: string }
  | { kind: 'saveView'; device: number; name: string; word: string }
  | { kind: 'renameView'; device: number; name: string; to: string }
  | { kind: 'moveView'; device: number; name: string; position: number }
  | { kind: 'deleteView'; device: number; name: string }
  | { kind: 'replicate'; device: number }
  | { kind: 'arrive'; device: number; from: number; paper: number; tags: boolean };

function opArb(devices: number): fc.Arbitrary<Op> {
  const d = fc.integer({ min: 0, max: devices - 1 });
  const paper = fc.integer({ min: 0, max: 3 });
  const tag = fc.constantFrom(...TAGS);
  const viewName = fc.constantFrom(...VIEW_NAMES);
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
    fc.record({
      kind: fc.constant('saveView' as const),
      device: d,
      name: viewName,
      word: fc.constantFrom(...WORDS.filter((w) => w.trim() !== '')),
    }),
    fc.record({
      kind: fc.constant('renameView' as const),
      device: d,
      name: viewName,
      to: viewName,
    }),
    fc.record({
      kind: fc.constant('moveView' as const),
      device: d,
      name: viewName,
      position: fc.nat({ max: 4 }),
    }),
    fc.record({ kind: fc.constant('deleteView' as const), device: d, name: viewName }),
    fc.record({ kind: fc.constant('replicate' as const), device: d }),
    fc.record({
      kind: fc.constant('arrive' as const),
      device: d,
      from: d,
      paper,
      tags: fc.boolean(),
    }),
  );
}

async function apply(op: Op, services: Service[], ids: string[]): Promise<void> {
  const s = services[op.device];
  const tagId = async (name: string) =>
    (await s.api.listTags({})).find((t) => t.name.toLowerCase() === name.toLowerCase())?.id;
  const viewId = async (name: string) =>
    (await s.api.listSavedSearches({})).find((v) => v.name.toLowerCase() === name.toLowerCase())
      ?.id;
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
    case 'saveView':
      if (!(await viewId(op.name))) await s.api.saveSearch({ name: op.name, query: op.word });
      return;
    case 'renameView': {
      const id = await viewId(op.name);
      const taken = await viewId(op.to);
      if (id && (!taken || taken === id)) await s.api.renameSavedSearch({ id, name: op.to });
      return;
    }
    case 'moveView': {
      const id = await viewId(op.name);
      if (id) await s.api.moveSavedSearch({ id, position: op.position });
      return;
    }
    case 'deleteView': {
      const id = await viewId(op.name);
      if (id) await s.api.deleteSavedSearch({ id });
      return;
    }
    case 'replicate':
      await s.replication.replicateOnce();
      return;
    case 'arrive':
      await arrive(op, services, ids);
      return;
    default: {
      const never: never = op;
      throw new Error(`unknown op ${String(never)}`);
    }
  }
}

/**
 * Device `op.device` gets `op.from`'s document on its wire while it records a
 * status edit of another paper, and an edit of paper `op.paper` (or of the tags)
 * is announced meanwhile, so the projection leaves it for the next job. That
 * paper's status, star and tags, and the tags, then show what the two documents
 * merged hold (its note too): nothing this device had stale was written back.
 */
async function arrive(
  op: Extract<Op, { kind: 'arrive' }>,
  services: Service[],
  ids: string[],
): Promise<void> {
  const s = services[op.device];
  const source = services[op.from === op.device ? (op.from + 1) % services.length : op.from];
  const replicator = s.replication.replicator()!;
  await source.replication.replicator()!.idle();
  await replicator.idle();
  const fromSource = Y.encodeStateAsUpdate(source.replication.replicator()!.model.doc);
  // What the two documents merged hold, worked out apart.
  const merged = new LibraryDoc();
  Y.applyUpdate(merged.doc, Y.encodeStateAsUpdate(replicator.model.doc));
  Y.applyUpdate(merged.doc, fromSource);
  const paper = ids[op.paper];
  const other = ids[(op.paper + 1) % ids.length];
  let armed = true;
  const off = replicator.onChange(() => {
    if (!armed) return;
    armed = false;
    s.events.emit(
      op.tags
        ? { type: 'library-changed', scope: 'tags', paperIds: [] }
        : { type: 'library-changed', scope: 'papers', paperIds: [paper] },
    );
  });
  try {
    const was = (await s.api.getPaper({ id: other })).status;
    await s.api.setStatus({ ids: [other], status: was === 'reading' ? 'read' : 'reading' });
    Y.applyUpdate(replicator.wire, fromSource);
    await replicator.idle();
  } finally {
    off();
  }
  const { canonical, resolve } = merged.tagResolution();
  const nameOf = (id: string) => canonical.get(id)!.name;
  const shown = await s.api.getPaper({ id: paper });
  const note = merged.hasNote(paper) ? merged.note(paper).toString() : '';
  expect({
    status: shown.status,
    starred: shown.starred,
    note: (await s.api.getNote({ id: paper }))?.markdown ?? '',
    tags: [...shown.tags].sort(),
    allTags: (await s.api.listTags({})).map((t) => t.name).sort(),
  }).toEqual({
    status: merged.register('s', paper)?.[0] ?? 'inbox',
    starred: (merged.register('f', paper)?.[0] ?? 0) === 1,
    note: note.trim() === '' ? '' : note,
    tags: [...merged.linkedTags(paper, resolve)].map(nameOf).sort(),
    allTags: [...canonical.values()].map((t) => t.name).sort(),
  });
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
            // Saved searches every device starts with, so edits of them meet.
            for (const name of VIEW_NAMES.slice(1))
              await services[0].api.saveSearch({ name, query: name });
            for (const s of services) await s.replication.replicateOnce();
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
