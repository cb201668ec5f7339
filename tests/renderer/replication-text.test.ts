import { describe, expect, it } from 'vitest';
import type { ReplicationStatus } from '../../src/shared/api';
import * as m from '../../src/renderer/src/sidebar/replication-text';

const now = Date.parse('2025-11-15T12:00:00.000Z');
const status = (over: Partial<ReplicationStatus>): ReplicationStatus => ({
  state: 'connected',
  relayUrl: 'ws://127.0.0.1:4710',
  waitingChanges: 0,
  lastExchangeAt: '2025-11-15T11:59:50.000Z',
  ...over,
});

describe('the sidebar’s replication line', () => {
  it('says connected, offline with what waits, and when the last exchange was', () => {
    expect(m.describeReplication(status({}), now)).toBe(
      'Devices: connected; last exchange just now.',
    );
    expect(m.describeReplication(status({ state: 'offline', waitingChanges: 1 }), now)).toBe(
      'Devices: offline, 1 change waiting; last exchange just now.',
    );
    expect(
      m.describeReplication(
        status({ state: 'offline', waitingChanges: 1234, lastExchangeAt: null }),
        now,
      ),
    ).toBe('Devices: offline, 1,234 changes waiting; last exchange never.');
    expect(m.describeReplication(status({ state: 'refused' }), now)).toMatch(/refused/);
  });
});
