import { empty } from './common';

/**
 * Several devices, one library: the library's replication through a relay
 * (docs/REPLICATION.md). Linking is done from the command line
 * (`papershelf link URL --token T`); the app shows the state and replicates
 * live while it runs.
 */
export const replicationInputs = {
  getReplicationStatus: empty,
};

/**
 * - unlinked:   no relay set for this library
 * - connecting: linked, trying to reach the relay
 * - connected:  linked and connected; changes leave as they are made
 * - offline:    linked, relay not reachable now; edits wait (`waitingChanges`)
 * - refused:    the relay turned the token down (link again with the right one)
 * - idle:       linked, but this process does not replicate (a CLI command)
 */
export const REPLICATION_STATES = [
  'unlinked',
  'connecting',
  'connected',
  'offline',
  'refused',
  'idle',
] as const;
export type ReplicationState = (typeof REPLICATION_STATES)[number];

export interface ReplicationStatus {
  state: ReplicationState;
  /** The relay's address (never its token). */
  relayUrl: string | null;
  /** Changes made here that the relay has not acknowledged yet. */
  waitingChanges: number;
  /** When this device last finished an exchange with the relay (ISO time). */
  lastExchangeAt: string | null;
}

export interface ReplicationOutputs {
  getReplicationStatus: ReplicationStatus;
}

export interface ReplicationStatusEvent {
  type: 'replication-status';
  status: ReplicationStatus;
}
