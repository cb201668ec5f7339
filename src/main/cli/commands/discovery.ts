import type { Command } from 'commander';
import { usageError, withLibrary, withService, type CliContext } from '../context';

const MAX_RELATED = 50;
const MAX_FOR_YOU = 1_000;

/** `papershelf related ID` and `papershelf foryou`: discovery from the command line. */
export function registerDiscoveryCommands(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('related')
      .description(
        'papers of the library most like this one, each with why (shared terms, authors, tags)',
      )
      .argument('<id>', 'the paper’s arXiv id')
      .option('--json', 'print a JSON array of {id, title, score, reasons}, best first')
      .option(
        '--limit <n>',
        `at most this many papers (1-${MAX_RELATED})`,
        limitParser(MAX_RELATED),
        8,
      ),
  ).action(async (id: string, opts: { json?: boolean; limit: number; library?: string }) => {
    await withService(ctx, opts, async (service) => {
      const related = await service.api.relatedPapers({ id, limit: opts.limit });
      if (opts.json) {
        const rows = related.map((r) => ({
          id: r.paper.id,
          title: r.paper.title,
          score: r.score,
          reasons: r.reasons,
        }));
        ctx.print(JSON.stringify(rows, null, 2));
        return;
      }
      if (related.length === 0) ctx.print('No related papers in the library');
      related.forEach((r, i) =>
        ctx.print(
          `${String(i + 1).padStart(3)}. ${r.paper.id.padEnd(12)} ${r.paper.title}\n` +
            `     ${r.reasons.join(' · ')}`,
        ),
      );
    });
  });

  withLibrary(
    program
      .command('foryou')
      .description(
        'the Inbox ranked for you, by a model trained on your stars, tags and statuses ' +
          '(archived papers count against); by upvotes until 3 papers are starred, tagged or triaged',
      )
      .option('--json', 'print a JSON array of {id, title, score, because}, best first')
      .option(
        '--limit <n>',
        `at most this many papers (1-${MAX_FOR_YOU})`,
        limitParser(MAX_FOR_YOU),
        20,
      ),
  ).action(async (opts: { json?: boolean; limit: number; library?: string }) => {
    await withService(ctx, opts, async (service) => {
      const ranked = await service.api.forYou({ view: 'inbox', limit: opts.limit });
      if (ranked.needs) ctx.stderr.write(`papershelf: ${ranked.needs}\n`);
      if (opts.json) {
        const rows = ranked.picks.map((p) => ({
          id: p.paper.id,
          title: p.paper.title,
          score: p.score,
          because: p.because,
        }));
        ctx.print(JSON.stringify(rows, null, 2));
        return;
      }
      if (ranked.picks.length === 0) ctx.print('The Inbox is empty');
      ranked.picks.forEach((p, i) =>
        ctx.print(
          `${String(i + 1).padStart(3)}. ${p.paper.id.padEnd(12)} ${p.paper.title}\n     ${p.because}`,
        ),
      );
    });
  });
}

function limitParser(max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw usageError(`--limit must be a whole number from 1 to ${max}`);
    }
    return n;
  };
}
