import { useEffect, useState } from 'react';
import type { ReplicationStatus } from '../../../shared/api';
import { useNow } from '../lib/use-now';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { describeReplication } from './replication-text';

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
        <span>{describeReplication(status, now)}</span>
      </p>
    </section>
  );
}
