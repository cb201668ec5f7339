/**
 * What discovery offers for the open paper, for the keyboard: the tag the `y`
 * key accepts. The detail pane sets it; the shortcut reads it. Also counts the
 * model retrains (the `discovery-updated` event), so the pane re-reads them.
 */
export class DiscoveryStore {
  private offer: { id: string; tag: string } | null = null;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  setOffer(offer: { id: string; tag: string } | null): void {
    this.offer = offer;
  }

  /** The suggested tag for this paper, if the detail pane shows one. */
  offerFor(id: string): string | null {
    return this.offer && this.offer.id === id ? this.offer.tag : null;
  }

  retrained(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;
}

export const discoveryStore = new DiscoveryStore();
