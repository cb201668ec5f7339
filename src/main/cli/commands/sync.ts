import type { Command } from 'commander';
import type { SyncRun } from '../../../shared/api/sync';
import { AppError } from '../../../shared/errors';
import { isValidDay } from '../../sync/days';
import { syncAndWait } from '../../sync/await-run';
import { createProgressWriter, failureLine, summaryLine } from '../../sync/progress-text';
import { usageError, withLibrary, withService, type CliContext } from '../context';

/**
 * `papershelf sync`: the same engine the app runs, awaited in-process.
 * Progress goes to stderr (a bar on a terminal, lines otherwise); the summary
 * to stdout. Exit 0 only when every day finished; finished days are kept either way.
 */
export function registerSyncCommand(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('sync')
      .description(
        'bring the library up to date with the Daily Papers feed, or backfill a range of days',
      )
      .option('--from <day>', 'backfill from this day (YYYY-MM-DD; the archive starts 2023-05-04)')
      .option('--to <day>', "backfill up to this day (default: the feed's today, New York time)")
      .option(
        '--source <url>',
        'feed base URL (default: $PAPERSHELF_FEED_URL, else the feedUrl setting, else https://huggingface.co)',
      )
      .option('--json', 'print the final run as JSON instead of the summary line'),
  ).action(
    async (opts: {
      from?: string;
      to?: string;
      source?: string;
      json?: boolean;
      library?: string;
    }) => {
      if (opts.to !== undefined && opts.from === undefined) {
        throw usageError('--to needs --from (a backfill range is --from DAY [--to DAY])');
      }
      for (const [flag, value] of [
        ['--from', opts.from],
        ['--to', opts.to],
      ] as const) {
        if (value !== undefined && !isValidDay(value)) {
          throw usageError(`${flag} takes a calendar day written YYYY-MM-DD, not “${value}”`);
        }
      }
      // A library created by `sync` is for real papers: no sample to remove later.
      await withService(ctx, { library: opts.library, seedSample: false }, async (service) => {
        const progress = createProgressWriter(ctx.stderr);
        const cancel = () => void service.api.cancelSync({});
        process.once('SIGINT', cancel);
        process.once('SIGTERM', cancel);
        let run: SyncRun;
        try {
          run = await syncAndWait(
            service,
            { from: opts.from, to: opts.to, source: opts.source },
            (status) => progress.update(status),
          );
        } finally {
          process.off('SIGINT', cancel);
          process.off('SIGTERM', cancel);
          progress.end();
        }
        ctx.print(opts.json ? JSON.stringify(run, null, 2) : summaryLine(run));
        const failure = failureLine(run);
        if (failure) {
          throw new AppError(
            run.error?.code ?? (run.state === 'cancelled' ? 'cancelled' : 'network'),
            failure,
          );
        }
      });
    },
  );
}
