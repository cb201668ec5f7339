import type { PdfDownload } from '../../shared/api/pdf';
import type { EventBus } from '../context/events';

/**
 * `pdf-download` events: every state change at once; bytes at most once per
 * interval per download, with the latest count always following within one
 * interval (so a UI never stays on a stale number while a transfer pauses).
 */
export class DownloadEvents {
  private readonly lastEmit = new Map<string, number>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly events: EventBus,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  emit(download: PdfDownload): void {
    this.lastEmit.set(download.id, this.now());
    clearTimeout(this.trailing.get(download.id));
    this.trailing.delete(download.id);
    this.events.emit({ type: 'pdf-download', download: { ...download } });
  }

  /** `isCurrent` says, when a delayed event comes due, whether the download still runs. */
  progress(download: PdfDownload, isCurrent: () => boolean): void {
    const wait = (this.lastEmit.get(download.id) ?? 0) + this.intervalMs - this.now();
    if (wait <= 0) {
      this.emit(download);
      return;
    }
    if (this.trailing.has(download.id)) return;
    this.trailing.set(
      download.id,
      setTimeout(() => {
        this.trailing.delete(download.id);
        if (isCurrent()) this.emit(download);
      }, wait),
    );
  }

  forget(id: string): void {
    this.lastEmit.delete(id);
    clearTimeout(this.trailing.get(id));
    this.trailing.delete(id);
  }
}
