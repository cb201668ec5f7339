import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type { Replicator } from './replicator';

export type LinkState = 'connecting' | 'connected' | 'offline' | 'refused';

export interface RelayLinkOptions {
  url: string;
  token: string;
  /** The document's name on the relay (one relay can hold several libraries). */
  name: string;
  onState?: (state: LinkState) => void;
  /** Everything sent so far is acknowledged by the relay, and all it had was received. */
  onExchanged?: () => void;
}

/**
 * A live connection between a library's wire document and the relay, through
 * Hocuspocus's provider (reconnects with back-off by itself). Nothing here
 * blocks an edit: edits land in SQLite and the document first, and leave
 * whenever the connection is up.
 */
export class RelayLink {
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly provider: HocuspocusProvider;
  state: LinkState = 'connecting';
  private exchangedWaiters: Array<() => void> = [];

  constructor(
    private readonly replicator: Replicator,
    private readonly options: RelayLinkOptions,
  ) {
    this.socket = new HocuspocusProviderWebsocket({
      url: options.url,
      WebSocketPolyfill: WebSocket,
      // Offline is normal: keep retrying, at most every 30 s.
      maxAttempts: 0,
      delay: 500,
      minDelay: 500,
      maxDelay: 30_000,
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: options.name,
      token: options.token,
      document: replicator.wire,
      onStatus: ({ status }) => {
        if (this.state === 'refused') return;
        this.setState(
          status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline',
        );
      },
      onAuthenticationFailed: () => {
        this.setState('refused');
        this.socket.disconnect();
        for (const resolve of this.exchangedWaiters.splice(0)) resolve();
      },
      onSynced: () => this.checkExchanged(),
      onUnsyncedChanges: () => this.checkExchanged(),
    });
    this.provider.attach();
  }

  private setState(state: LinkState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }

  get isExchanged(): boolean {
    return this.state === 'connected' && this.provider.synced && !this.provider.hasUnsyncedChanges;
  }

  private checkExchanged(): void {
    if (!this.isExchanged) return;
    void this.replicator.idle().then(() => {
      // An edit made meanwhile is not acknowledged yet: its own acknowledgement comes back here.
      if (!this.isExchanged || this.replicator.hasWork()) return;
      void this.replicator.acknowledged();
      this.options.onExchanged?.();
      for (const resolve of this.exchangedWaiters.splice(0)) resolve();
    });
  }

  /**
   * Resolves once the relay has acknowledged everything this device recorded and
   * everything it sent us is in SQLite (or the token was refused).
   */
  exchanged(): Promise<void> {
    return new Promise((resolve) => {
      this.exchangedWaiters.push(resolve);
      this.checkExchanged();
    });
  }

  close(): void {
    for (const resolve of this.exchangedWaiters.splice(0)) resolve();
    this.provider.destroy();
    this.socket.destroy();
  }
}
