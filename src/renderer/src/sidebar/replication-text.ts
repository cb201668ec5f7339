import type { ReplicationStatus } from '../../../shared/api';
import { formatRelative, plural } from '../lib/format';

/** The sidebar's one line about replication (pure, so it is tested without a browser). */
export function describeReplication(status: ReplicationStatus, now: number): string {
  const waiting =
    status.waitingChanges > 0 ? `, ${plural(status.waitingChanges, 'change')} waiting` : '';
  const last = `last exchange ${formatRelative(status.lastExchangeAt, now)}`;
  switch (status.state) {
    case 'connected':
      return `Devices: connected${waiting}; ${last}.`;
    case 'connecting':
      return `Devices: connecting${waiting}; ${last}.`;
    case 'offline':
    case 'idle':
      return `Devices: offline${waiting}; ${last}.`;
    case 'refused':
      return 'Devices: the relay refused this library’s token. Link it again with the right one.';
    case 'unlinked':
      return '';
    default: {
      const never: never = status.state;
      return never;
    }
  }
}
