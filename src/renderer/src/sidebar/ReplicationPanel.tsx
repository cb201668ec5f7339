import { useEffect, useState } from 'react';
import type { ReplicationStatus } from '../../../shared/api';
import { formatRelative, plural } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';

/**
 * Several devices: one line in the sidebar's footer while the library is linked
 * to a relay — connected, or offline with how many changes wait to leave, and
 * when this device last exchanged. Nothing shows for a library that is not linked.
 */
export function ReplicationPanel() {
  const { backend } = useStores();
  const [status, setStatus] = useState<ReplicationStatus | null>(null);
  const now = useNow();
  useEffect(() => {
    let isCurrent = true;
    const unsubscribe = backend.subscribe((event) => {
      if (event.type === 'replication-status') setStatus(event.status);
    });
    backend.api
      .getReplicationStatus({})
      .then((first) => {
        // An event that arrived meanwhile is newer than this reply.
        if (isCurrent) setStatus((current) => current ?? first);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [backend]);

  if (!status || status.state === 'unlinked') return null;
  return (
    <section className="sidebar-footer replication" aria-label="Devices">
      <p
        className={`sync-line${status.state === 'connected' ? '' : ' sync-offline'}`}
        role="status"
      >
        {status.state !== 'connected' && <Icon name="offline" size={14} />}
        <span>{describe(status, now)}</span>
      </p>
    </section>
  );
}

export function describe(status: ReplicationStatus, now: number): string {
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
