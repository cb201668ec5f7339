/**
 * Whether browser mode's server refused this page's token (401). The reader
 * then gives way to a page that says where the right link is.
 */
class AccessStore {
  private isRefused = false;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): boolean => this.isRefused;

  refuse(): void {
    if (this.isRefused) return;
    this.isRefused = true;
    for (const listener of this.listeners) listener();
  }
}

export const access = new AccessStore();
