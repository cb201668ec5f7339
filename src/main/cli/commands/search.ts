import type { Command } from 'commander';
import type { SearchResult } from '../../../shared/api/search';
import { missingWordsNote, partialMatchNotice } from '../../../shared/search-query';
import { SEARCH_SYNTAX_EXAMPLE, searchSyntaxLines } from '../../../shared/search-syntax';
import { usageError, withLibrary, withService, type CliContext } from '../context';

const MAX_LIMIT = 1_000;

/** `papershelf search QUERY`: the search box from the command line. */
export function registerSearchCommand(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('search')
      .description(
        'search the library: words (typos forgiven), "exact phrases", tag:NAME, author:NAME, ' +
          'status:toread, is:starred, year:2024, day:2025-11-12, an arXiv id or URL; -word leaves out',
      )
      .argument('<query...>', 'what to search for (several words are one query)')
      .option('--json', 'print a JSON array of {id, title, score, missing?}, best first')
      .option('--limit <n>', `at most this many results (1-${MAX_LIMIT})`, parseLimit, 20)
      // `-pruning` and `-tag:x` are part of the query, not options.
      .allowUnknownOption()
      .addHelpText(
        'after',
        [
          '',
          'Query syntax (the app’s search box takes the same):',
          ...searchSyntaxLines(),
          '',
          `Example: papershelf search '${SEARCH_SYNTAX_EXAMPLE}'`,
        ].join('\n'),
      ),
  ).action(async (words: string[], opts: { json?: boolean; limit: number; library?: string }) => {
    const query = words.join(' ');
    await withService(ctx, opts, async (service) => {
      // A library without a stored index builds one first (once): say so on a terminal.
      let indexing = false;
      const unsubscribe = ctx.stderr.isTTY
        ? service.events.subscribe((event) => {
            if (event.type !== 'search-index-progress') return;
            indexing = event.done < event.total;
            ctx.stderr.write(
              indexing ? `\rIndexing ${event.done} of ${event.total} papers…   ` : '\r\x1b[K',
            );
          })
        : () => undefined;
      const found = await service.api.search({ query, limit: opts.limit }).finally(() => {
        unsubscribe();
        if (indexing) ctx.stderr.write('\r\x1b[K');
      });
      for (const warning of found.warnings) ctx.stderr.write(`papershelf: ${warning}\n`);
      // Said when the printed list reaches papers that lack some of the words.
      if (found.partial && found.results.some((r) => r.missing)) {
        ctx.stderr.write(`papershelf: ${partialMatchNotice(found.partial)}\n`);
      }
      if (opts.json) {
        const rows = found.results.map((r) => ({
          id: r.paper.id,
          title: r.paper.title,
          score: r.score,
          ...(r.missing ? { missing: r.missing } : {}),
        }));
        ctx.print(JSON.stringify(rows, null, 2));
        return;
      }
      found.results.forEach((r, i) => ctx.print(formatResult(r, i + 1)));
      const id = found.parsed.lookupId;
      if (found.total === 0 && id) {
        ctx.stderr.write(
          `papershelf: ${id} is not in the library; add it with: papershelf add ${id}\n`,
        );
      }
      if (ctx.stdout.isTTY) {
        const shown = found.results.length;
        ctx.print(
          found.total === 0
            ? 'No matches'
            : `${shown < found.total ? `${shown} of ` : ''}${found.total} matches`,
        );
      }
    });
  });
}

/** `papershelf index [--rebuild]`: the search index stored beside the library. */
export function registerIndexCommand(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('index')
      .description(
        'show the search index stored beside the library (a cache, rebuilt when missing or stale)',
      )
      .option('--rebuild', 'build it anew from the library now')
      .option('--json', 'print {file, bytes, papers, words, builtAt, changedSinceStored, origin}'),
  ).action(async (opts: { rebuild?: boolean; json?: boolean; library?: string }) => {
    await withService(ctx, opts, async (service) => {
      let shown = false;
      const unsubscribe = ctx.stderr.isTTY
        ? service.events.subscribe((event) => {
            if (event.type !== 'search-index-progress') return;
            shown = event.done < event.total;
            ctx.stderr.write(
              shown ? `\rIndexing ${event.done} of ${event.total} papers…   ` : '\r\x1b[K',
            );
          })
        : () => undefined;
      const status = await (
        opts.rebuild ? service.api.rebuildSearchIndex({}) : service.api.searchIndexStatus({})
      ).finally(() => {
        unsubscribe();
        if (shown) ctx.stderr.write('\r\x1b[K');
      });
      if (opts.json) {
        ctx.print(JSON.stringify(status, null, 2));
        return;
      }
      const count = (n: number) => n.toLocaleString('en-US');
      ctx.print(
        `${count(status.papers)} papers, ${count(status.words)} distinct words` +
          (status.file
            ? `, ${(status.bytes / 1e6).toFixed(1)} MB in ${status.file}`
            : ', kept in memory only'),
      );
      if (status.builtAt) ctx.print(`written ${status.builtAt}`);
      if (status.changedSinceStored > 0) {
        ctx.print(`${count(status.changedSinceStored)} papers changed since (re-read on open)`);
      }
    });
  });
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw usageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  return n;
}

function formatResult(r: SearchResult, rank: number): string {
  const p = r.paper;
  const star = p.starred ? ' ★' : '';
  const tags = p.tags.length > 0 ? `  [${p.tags.join(', ')}]` : '';
  const where = r.matchedFields.filter((f) => f !== 'title' && f !== 'id');
  const also = where.length > 0 ? `  (in ${where.join(', ')})` : '';
  const missing = r.missing ? `  ${missingWordsNote(r.missing)}` : '';
  return `${String(rank).padStart(3)}. ${p.id.padEnd(12)} ${p.title}${star}${tags}${also}${missing}`;
}
