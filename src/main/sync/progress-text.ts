import type { SyncRun, SyncStatus, SyncWait } from '../../shared/api/sync';

/**
 * Sync progress as text, for the CLI: a one-line bar redrawn in place on a
 * terminal, or one plain line per event worth a line (a day finished or
 * failed, a wait began) when the output is a file or a pipe.
 */
export interface ProgressWriter {
  update(status: SyncStatus): void;
  /** Clear the bar (TTY) before the summary is printed. */
  end(): void;
}

const BAR_WIDTH = 24;

export function createProgressWriter(
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
): ProgressWriter {
  return out.isTTY ? barWriter(out) : lineWriter(out);
}

function barWriter(out: NodeJS.WritableStream & { columns?: number }): ProgressWriter {
  let drawn = false;
  return {
    update(status) {
      const run = status.run;
      if (!run || run.state !== 'running') return;
      const line = barLine(run);
      // A pseudo-terminal may report 0 columns: treat that as unknown.
      const columns = out.columns && out.columns > 0 ? out.columns : 100;
      const width = Math.max(20, columns - 1);
      out.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      drawn = true;
    },
    end() {
      if (drawn) out.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

export function barLine(run: SyncRun): string {
  const finished = run.doneDays + run.failedDays;
  const fraction = run.totalDays === 0 ? 1 : finished / run.totalDays;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const parts = [`${bar} ${finished}/${run.totalDays} days`];
  if (run.currentDay) parts.push(run.currentDay);
  parts.push(`${run.added} new, ${run.updated} updated`);
  if (run.skipped > 0) parts.push(`${run.skipped} skipped`);
  if (run.failedDays > 0) parts.push(`${run.failedDays} failed`);
  if (run.waiting) parts.push(describeWait(run.waiting));
  return parts.join(' · ');
}

function lineWriter(out: NodeJS.WritableStream): ProgressWriter {
  let previous: SyncRun | null = null;
  return {
    update(status) {
      const run = status.run;
      if (!run) return;
      const before = previous && previous.id === run.id ? previous : null;
      previous = run;
      if (!before) {
        if (run.state === 'running') {
          out.write(
            run.totalDays === 0
              ? 'Nothing to fetch: every day is already in the library\n'
              : `Syncing ${plural(run.totalDays, 'day')} (${run.from} to ${run.to}) from ${run.source}\n`,
          );
        }
        return;
      }
      const position = `${before.doneDays + before.failedDays + 1}/${run.totalDays}`;
      if (run.doneDays > before.doneDays && before.currentDay) {
        const added = run.added - before.added;
        const updated = run.updated - before.updated;
        const unchanged = run.unchanged - before.unchanged;
        const skipped = run.skipped - before.skipped;
        out.write(
          `day ${position} ${before.currentDay}: ${added} new, ${updated} updated, ${unchanged} unchanged${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
        );
      } else if (run.failedDays > before.failedDays && before.currentDay) {
        out.write(
          `day ${position} ${before.currentDay}: failed: ${run.error?.message ?? 'error'}\n`,
        );
      }
      if (run.waiting && !sameWait(run.waiting, before.waiting)) {
        out.write(`${describeWait(run.waiting)}\n`);
      }
    },
    end() {},
  };
}

function sameWait(a: SyncWait, b: SyncWait | null): boolean {
  return b !== null && a.until === b.until && a.reason === b.reason;
}

export function describeWait(wait: SyncWait): string {
  switch (wait.reason) {
    case 'rate-limit':
      return `waiting ${wait.seconds} s: the feed's rate limit`;
    case 'slow-down':
      return `pacing requests (${wait.seconds} s): few calls left in the feed's rate-limit window`;
    case 'retry':
      return `retrying in ${wait.seconds} s${wait.message ? ` (${wait.message})` : ''}`;
    default: {
      const never: never = wait.reason;
      return never;
    }
  }
}

/** The final line: days, added, updated, skipped, errors. */
export function summaryLine(run: SyncRun): string {
  const range =
    run.from && run.to
      ? run.from === run.to
        ? ` (${run.from})`
        : ` (${run.from} to ${run.to})`
      : '';
  const counts = `${run.added} added, ${run.updated} updated, ${run.unchanged} unchanged, ${run.skipped} skipped, ${run.failedDays} errors`;
  const days =
    run.state === 'done'
      ? `${plural(run.doneDays, 'day')}${range}`
      : `${run.doneDays} of ${plural(run.totalDays, 'day')}${range}`;
  const head: Record<SyncRun['state'], string> = {
    running: 'Sync running',
    done: 'Sync done',
    failed: 'Sync incomplete',
    offline: 'Sync stopped, offline',
    cancelled: 'Sync cancelled',
  };
  return `${head[run.state]}: ${days}; ${counts}`;
}

/** One clear line for a run that did not finish every day, or null when it did. */
export function failureLine(run: SyncRun): string | null {
  const kept =
    run.doneDays > 0
      ? `; ${run.doneDays === 1 ? 'the finished day is' : `the ${run.doneDays} finished days are`} kept`
      : '';
  switch (run.state) {
    case 'done':
    case 'running':
      return null;
    case 'offline':
      return `offline: ${run.error?.message ?? 'the feed could not be reached'}${kept}; run sync again when connected`;
    case 'cancelled':
      return `sync cancelled${kept}`;
    case 'failed':
      return run.failedDays > 0 && !/^Stopped/.test(run.error?.message ?? '')
        ? `${plural(run.failedDays, 'day')} could not be fetched (${run.error?.message ?? 'error'})${kept}; run sync again to retry them`
        : `sync failed: ${run.error?.message ?? 'unknown error'}${kept}`;
    default: {
      const never: never = run.state;
      return never;
    }
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
