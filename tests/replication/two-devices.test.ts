import { afterEach, describe, expect, it } from 'vitest';
import { device, relayOnLoopback, sampleIds, userState } from './helpers';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('two devices and a relay on loopback', () => {
  it('edits on both sides while one is offline end equal, nothing lost', async () => {
    const relay = await relayOnLoopback(cleanups);
    const laptop = await device(cleanups, relay);
    const desktop = await device(cleanups, relay);
    const [a, b, c, d] = await sampleIds(laptop, 4);

    // The laptop works and exchanges; the desktop is offline meanwhile.
    await laptop.api.setStatus({ ids: [a, b], status: 'toread' });
    await laptop.api.setStarred({ ids: [a], starred: true });
    await laptop.api.tagPapers({ ids: [a, b], tag: 'rl' });
    await laptop.api.saveNote({ id: c, markdown: 'Shared intro.\n\nLaptop thoughts.' });
    await laptop.replication.replicateOnce();

    // The desktop gets it all, then both edit while apart.
    await desktop.replication.replicateOnce();
    expect(await userState(desktop)).toEqual(await userState(laptop));

    await desktop.api.setStatus({ ids: [d], status: 'reading' });
    await desktop.api.untagPapers({ ids: [b], tag: 'rl' });
    const rl = (await desktop.api.listTags({})).find((t) => t.name === 'rl')!;
    await desktop.api.renameTag({ id: rl.id, name: 'reinforcement learning' });
    await desktop.api.saveNote({
      id: c,
      markdown: 'Desktop first.\nShared intro.\n\nLaptop thoughts.',
    });

    await laptop.api.tagPapers({ ids: [d], tag: 'rl' }); // tagged with the old name, offline
    await laptop.api.saveNote({ id: c, markdown: 'Shared intro.\n\nLaptop thoughts, more.' });
    await laptop.api.setStarred({ ids: [b], starred: true });

    await desktop.replication.replicateOnce();
    await laptop.replication.replicateOnce();
    await desktop.replication.replicateOnce();

    const left = await userState(laptop);
    expect(left).toEqual(await userState(desktop));
    expect(left.links).toEqual(
      [a, d].sort().map((paper_id) => ({ paper_id, name: 'reinforcement learning' })),
    );
    expect(left.notes).toEqual([
      { paper_id: c, markdown: 'Desktop first.\nShared intro.\n\nLaptop thoughts, more.' },
    ]);
    expect(left.papers).toEqual(
      expect.arrayContaining([
        { id: a, status: 'toread', starred: 1 },
        { id: b, status: 'toread', starred: 1 },
        { id: d, status: 'reading', starred: 0 },
      ]),
    );
  });
});

describe('live', () => {
  it('an edit on one running device shows on the other without asking', async () => {
    const relay = await relayOnLoopback(cleanups);
    const laptop = await device(cleanups, relay);
    const desktop = await device(cleanups, relay);
    laptop.replication.startLive();
    desktop.replication.startLive();
    const [a] = await sampleIds(laptop, 1);
    // The signal: the desktop's own library-changed event for that paper, from replication.
    const arrived = new Promise<void>((resolve) => {
      const off = desktop.events.subscribe((event) => {
        if (event.type === 'library-changed' && event.paperIds?.includes(a)) {
          off();
          resolve();
        }
      });
    });
    await laptop.api.setStatus({ ids: [a], status: 'reading' });
    await laptop.api.saveNote({ id: a, markdown: 'Live.' });
    await arrived;
    await desktop.replication.replicateOnce(); // settles whatever is still on its way
    expect((await desktop.api.getPaper({ id: a })).status).toBe('reading');
    expect((await desktop.api.getNote({ id: a }))?.markdown).toBe('Live.');
    expect(desktop.replication.status()).toMatchObject({ state: 'connected', waitingChanges: 0 });
  });
});
