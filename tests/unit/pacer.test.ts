import { describe, expect, it } from 'vitest';
import { createIntervalLimiter, Pacer } from '../../src/main/net/interval-limiter';

describe('Pacer: the one pacing rule for requests to a host', () => {
  it('gives each request its turn after the previous start, and honours a server-asked wait', () => {
    let now = 1_000;
    const pacer = new Pacer(3_000, () => now);
    expect(pacer.nextTurn()).toBe(1_000); // the first request goes at once
    pacer.started();
    expect(pacer.nextTurn()).toBe(4_000);
    now = 2_000;
    expect(pacer.nextTurn(500)).toBe(4_000); // a shorter wait than the turn changes nothing
    expect(pacer.nextTurn(10_000)).toBe(12_000); // Retry-After beyond the turn wins
    now = 9_000;
    expect(pacer.nextTurn()).toBe(9_000); // long after the last start: at once
  });

  it('spaces the interval limiter’s tasks by their starts, in call order', async () => {
    let now = 0;
    const starts: number[] = [];
    const limiter = createIntervalLimiter({
      intervalMs: 250,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    await Promise.all(
      [0, 1, 2].map((i) =>
        limiter.run(async () => {
          starts.push(now);
          now += i * 100; // each task takes a little time
        }),
      ),
    );
    expect(starts).toEqual([0, 250, 500]);
  });
});
