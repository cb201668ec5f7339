import { Option, type Command } from 'commander';
import type { PdfDownload } from '../../../shared/api/pdf';
import { formatBytes } from '../../../shared/bytes';
import { VIEWS, type View } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { PdfStore } from '../../pdf/store';
import type { Service } from '../../service';
import { usageError, withLibrary, withService, type CliContext } from '../context';

interface PdfOptions {
  status?: View;
  tag?: string;
  open?: boolean;
  remove?: boolean;
  list?: boolean;
  json?: boolean;
  library?: string;
}

interface Outcome {
  id: string;
  state: 'saved' | 'already-saved' | 'failed' | 'unavailable' | 'interrupted' | 'cancelled';
  path: string | null;
  sizeBytes: number | null;
  error: string | null;
}

/**
 * `papershelf pdf`: keep papers' PDFs offline. Downloads run one at a time, a
 * few seconds apart (arXiv's request); an interrupted download (Ctrl+C, a
 * crash) resumes where it stopped the next time.
 */
export function registerPdfCommand(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('pdf')
      .description('save papers’ PDFs for offline reading (or list / remove them)')
      .argument('[ids...]', 'arXiv ids')
      .addOption(
        new Option('--status <view>', 'every paper in this view (e.g. toread)').choices(VIEWS),
      )
      .option('--tag <tag>', 'with --status: only papers with this tag')
      .option('--open', 'print the path of each saved PDF (to open it with another program)')
      .option('--remove', 'delete the saved PDFs of these papers')
      .option('--list', 'list saved PDFs and the space they use')
      .option('--json', 'print JSON'),
  ).action(async (ids: string[], opts: PdfOptions) => {
    const modes = [opts.remove, opts.list, opts.status !== undefined].filter(Boolean).length;
    if (opts.list && (ids.length > 0 || modes > 1)) throw usageError('--list takes no ids or view');
    if (!opts.list && ids.length > 0 === (opts.status !== undefined)) {
      throw usageError('Give paper ids, or --status VIEW for a whole view (or --list)');
    }
    if (opts.tag && opts.status === undefined) throw usageError('--tag narrows --status VIEW');
    if (opts.remove && opts.status !== undefined) throw usageError('--remove takes paper ids');
    await withService(ctx, opts, async (service) => {
      if (opts.list) return listSaved(ctx, service, Boolean(opts.json));
      if (opts.remove) return removeSaved(ctx, service, ids, Boolean(opts.json));
      const outcomes = await download(ctx, service, ids, opts);
      report(ctx, outcomes, opts);
      // In a whole view, papers without an arXiv PDF are simply skipped.
      const failed = outcomes.filter(
        (o) =>
          o.state !== 'saved' &&
          o.state !== 'already-saved' &&
          (ids.length > 0 || o.state !== 'unavailable'),
      );
      if (failed.length > 0) {
        const first = failed[0];
        throw new AppError(
          'network',
          failed.length === 1
            ? `${first.id}: ${first.error ?? first.state}`
            : `${failed.length} PDFs were not saved (first: ${first.id}: ${first.error ?? first.state})`,
        );
      }
    });
  });
}

async function download(
  ctx: CliContext,
  service: Service,
  ids: string[],
  opts: PdfOptions,
): Promise<Outcome[]> {
  const store = new PdfStore(service.lib.path);
  const finished = new Map<string, PdfDownload>();
  const progress = new ProgressPrinter(ctx);
  let waitingFor = new Set<string>();
  let resolveAll: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (resolveAll = resolve));
  const unsubscribe = service.events.subscribe((event) => {
    if (event.type !== 'pdf-download') return;
    const d = event.download;
    if (d.state === 'queued' || d.state === 'downloading') {
      progress.show(d);
      return;
    }
    progress.clear();
    finished.set(d.id, d);
    waitingFor.delete(d.id);
    if (waitingFor.size === 0) resolveAll();
  });
  try {
    const result = await service.api.downloadPdfs(
      opts.status !== undefined ? { view: opts.status, tag: opts.tag } : { ids },
    );
    waitingFor = new Set(result.queued.filter((id) => !finished.has(id)));
    if (result.queued.length > 1) {
      ctx.stderr.write(
        `Downloading ${result.queued.length} PDFs, one at a time and a few seconds apart (as arXiv asks)…\n`,
      );
    }
    if (waitingFor.size > 0) await allDone;
    const outcomes: Outcome[] = [];
    for (const id of result.alreadyCached) outcomes.push(saved(store, id, 'already-saved'));
    for (const id of result.unavailable) {
      outcomes.push({
        id,
        state: 'unavailable',
        path: null,
        sizeBytes: null,
        error: 'not an arXiv paper: there is no PDF to download',
      });
    }
    for (const id of result.queued) {
      const d = finished.get(id);
      if (d?.state === 'done') outcomes.push(saved(store, id, 'saved'));
      else {
        outcomes.push({
          id,
          state: d?.state === 'cancelled' || d?.state === 'interrupted' ? d.state : 'failed',
          path: null,
          sizeBytes: null,
          error: d?.error?.message ?? null,
        });
      }
    }
    return outcomes;
  } finally {
    unsubscribe();
    progress.clear();
  }
}

function saved(store: PdfStore, id: string, state: 'saved' | 'already-saved'): Outcome {
  return {
    id,
    state,
    path: store.keptPath(id),
    sizeBytes: store.kept(id)?.size ?? null,
    error: null,
  };
}

function report(ctx: CliContext, outcomes: Outcome[], opts: PdfOptions): void {
  if (opts.json) {
    ctx.print(JSON.stringify(outcomes, null, 2));
    return;
  }
  for (const o of outcomes) {
    if (o.path && opts.open) ctx.print(o.path);
    else if (o.path) {
      const what = o.state === 'saved' ? 'saved' : 'already saved';
      ctx.print(`${o.id.padEnd(12)} ${what}  ${formatBytes(o.sizeBytes ?? 0)}`);
    } else ctx.stderr.write(`${o.id.padEnd(12)} ${o.state}: ${o.error ?? ''}\n`);
  }
}

async function listSaved(ctx: CliContext, service: Service, json: boolean): Promise<void> {
  const [{ ids }, usage] = await Promise.all([
    service.api.listCachedPdfs({}),
    service.api.getStorageUsage({}),
  ]);
  const store = new PdfStore(service.lib.path);
  const rows = ids.map((id) => ({
    id,
    sizeBytes: store.kept(id)?.size ?? 0,
    path: store.keptPath(id),
  }));
  if (json) {
    ctx.print(JSON.stringify({ pdfs: rows, usage }, null, 2));
    return;
  }
  for (const r of rows) ctx.print(`${r.id.padEnd(12)} ${formatBytes(r.sizeBytes).padStart(9)}`);
  ctx.print(
    `${usage.pdfCount} PDFs, ${formatBytes(usage.pdfBytes)} in ${usage.pdfFolder}; library file ${formatBytes(usage.libraryBytes)}; total ${formatBytes(usage.totalBytes)}`,
  );
}

async function removeSaved(
  ctx: CliContext,
  service: Service,
  ids: string[],
  json: boolean,
): Promise<void> {
  const result = await service.api.removePdfs({ ids });
  if (json) ctx.print(JSON.stringify(result));
  else
    ctx.print(
      `Removed ${result.removed} PDF${result.removed === 1 ? '' : 's'} (${formatBytes(result.freedBytes)} freed)`,
    );
}

/** One live line on a terminal; on a pipe, a line per 10% so logs stay short. */
class ProgressPrinter {
  private readonly lastStep = new Map<string, number>();
  private live = false;

  constructor(private readonly ctx: CliContext) {}

  show(d: PdfDownload): void {
    if (d.state !== 'downloading' || d.receivedBytes === 0) return;
    const pct = d.totalBytes ? Math.floor((100 * d.receivedBytes) / d.totalBytes) : null;
    const text = `${d.id}  ${pct !== null ? `${pct}%  ` : ''}${formatBytes(d.receivedBytes)}${d.totalBytes ? ` of ${formatBytes(d.totalBytes)}` : ''}${d.resumedFromBytes > 0 ? ' (resumed)' : ''}`;
    if (this.ctx.stderr.isTTY) {
      this.ctx.stderr.write(`\r\x1b[2K${text}`);
      this.live = true;
      return;
    }
    const step = pct !== null ? Math.floor(pct / 10) : Math.floor(d.receivedBytes / 1_000_000);
    if (this.lastStep.get(d.id) === step) return;
    this.lastStep.set(d.id, step);
    this.ctx.stderr.write(`${text}\n`);
  }

  clear(): void {
    if (this.live) this.ctx.stderr.write('\r\x1b[2K');
    this.live = false;
  }
}
