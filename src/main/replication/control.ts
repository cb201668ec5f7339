import type { ReplicationState, ReplicationStatus } from '../../shared/api/replication';
import { AppError } from '../../shared/errors';
import type { Handlers, ServiceContext } from '../context/service-context';
import type { RelayLink } from './relay-link';
import type { Replicator } from './replicator';
import * as repo from './replica-repo';

/**
 * Yjs and the Hocuspocus client load only for a linked library: every other
 * start (a CLI search, the app on an unlinked library) skips them (~100 ms).
 */
type Engine = { Replicator: typeof Replicator; RelayLink: typeof RelayLink };
let engine: Engine | null = null;
async function loadEngine(): Promise<Engine> {
  if (!engine) {
    const [{ Replicator: replicatorClass }, { RelayLink: linkClass }] = await Promise.all([
      import('./replicator'),
      import('./relay-link'),
    ]);
    engine = { Replicator: replicatorClass, RelayLink: linkClass };
  }
  return engine;
}

export const DEFAULT_DOCUMENT_NAME = 'papershelf';

export interface LinkSettings {
  url: string;
  token: string;
  name: string;
}

/** What the doors (and the CLI's replication commands) use. */
export interface ReplicationControl {
  status(): ReplicationStatus;
  link(settings: LinkSettings): Promise<void>;
  unlink(): Promise<void>;
  /** Replicate live until the service closes (the app, browser mode, `replicate`). */
  startLive(): void;
  /** Connect, exchange everything, disconnect. Rejects if the relay cannot be reached in time. */
  replicateOnce(timeoutMs?: number): Promise<ReplicationStatus>;
  /** The replicator, when linked (tests and benchmarks wait on it). */
  replicator(): Replicator | null;
}

export function checkRelayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('invalid_input', `Not a relay address: “${url.slice(0, 200)}”`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    throw new AppError('invalid_input', 'A relay address starts with ws:// or wss://');
  return parsed.toString().replace(/\/$/, '');
}

/**
 * Replication as the service holds it: a replicator while the library is linked
 * (so every edit, from any door, is recorded), and a live relay connection only
 * when a door asks for one.
 */
export async function createReplication(
  ctx: ServiceContext,
): Promise<{ control: ReplicationControl; handlers: Handlers<'getReplicationStatus'> }> {
  const { db } = ctx.lib;
  const state = await repo.readState(db);
  let settings: LinkSettings | null = state.has('url')
    ? {
        url: state.get('url')!,
        token: state.get('token') ?? '',
        name: state.get('name') ?? DEFAULT_DOCUMENT_NAME,
      }
    : null;
  let lastExchangeAt = state.get('lastExchangeAt') ?? null;
  let replicator = settings
    ? await (await loadEngine()).Replicator.open(ctx.lib, ctx.events)
    : null;
  let link: RelayLink | null = null;
  let live = false;
  let closed = false;

  const linkState = (): ReplicationState => {
    if (!settings) return 'unlinked';
    if (!link) return 'idle';
    return link.state;
  };
  const status = (): ReplicationStatus => ({
    state: linkState(),
    relayUrl: settings?.url ?? null,
    waitingChanges: replicator?.waitingChanges ?? 0,
    lastExchangeAt,
  });
  const announce = () => ctx.events.emit({ type: 'replication-status', status: status() });
  let unwatch: (() => void) | null = replicator ? replicator.onChange(announce) : null;

  function connect(): RelayLink {
    if (!settings || !replicator)
      throw new AppError('not_found', 'This library is not linked to a relay');
    link?.close();
    replicator.reconcile();
    // Loaded with the replicator (there is none without it).
    const current = new engine!.RelayLink(replicator, {
      ...settings,
      onState: announce,
      onExchanged: () => {
        lastExchangeAt = new Date().toISOString();
        void repo.writeState(db, { lastExchangeAt }).catch(() => undefined);
        announce();
      },
    });
    link = current;
    return current;
  }

  async function stop(): Promise<void> {
    link?.close();
    link = null;
    unwatch?.();
    unwatch = null;
    await replicator?.close();
    replicator = null;
  }

  ctx.onClose(async () => {
    closed = true;
    await stop();
  });

  const control: ReplicationControl = {
    status,
    replicator: () => replicator,
    async link(next) {
      const url = checkRelayUrl(next.url);
      if (next.token.trim() === '') throw new AppError('invalid_input', 'The relay token is empty');
      await stop();
      await repo.writeState(db, { url, token: next.token, name: next.name });
      settings = { ...next, url };
      replicator = await (await loadEngine()).Replicator.open(ctx.lib, ctx.events);
      unwatch = replicator.onChange(announce);
      replicator.reconcile();
      if (live) connect();
      announce();
    },
    async unlink() {
      await stop();
      await db.transaction().execute((trx) => repo.clearReplica(trx));
      settings = null;
      lastExchangeAt = null;
      announce();
    },
    startLive() {
      live = true;
      if (settings && !closed && !link) connect();
    },
    async replicateOnce(timeoutMs = 30_000) {
      const current = link ?? connect();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          current.exchanged(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new AppError(
                    'network',
                    `Could not finish an exchange with the relay at ${settings?.url} within ${Math.round(timeoutMs / 1000)} s`,
                  ),
                ),
              timeoutMs,
            );
          }),
        ]);
        if (current.state === 'refused')
          throw new AppError(
            'unauthorized',
            'The relay refused the token: link again with the right one',
          );
        return status();
      } finally {
        clearTimeout(timer);
        if (!live) {
          current.close();
          if (link === current) link = null;
        }
      }
    },
  };
  return {
    control,
    handlers: { getReplicationStatus: async () => status() },
  };
}
