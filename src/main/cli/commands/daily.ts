import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { DIGEST_FORMATS, type DigestFormat } from '../../../shared/api/daily';
import type { SavedSearch } from '../../../shared/api';
import type { Service } from '../../service';
import { AppError } from '../../../shared/errors';
import { withLibrary, withService, type CliContext } from '../context';

/** digest and views (issue 17): the daily habit from the command line. */
export function registerDailyCommands(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('digest')
      .description("what arrived since a day (default: the last visit to Today), in Today's order")
      .option('--since <day>', 'from this day (YYYY-MM-DD, midnight UTC) or ISO time')
      .addOption(
        new Option('--format <format>', 'md, html or json').choices(DIGEST_FORMATS).default('md'),
      )
      .option('--out <file>', 'write to this file instead of printing'),
  ).action(
    async (opts: { since?: string; format: DigestFormat; out?: string; library?: string }) => {
      await withService(ctx, opts, async (service) => {
        const digest = await service.api.getDigest({
          ...(opts.since ? { since: opts.since } : {}),
          format: opts.format,
        });
        if (!opts.out) {
          ctx.stdout.write(digest.content);
          return;
        }
        try {
          fs.writeFileSync(opts.out, digest.content);
        } catch (error) {
          throw new AppError(
            'bad_file',
            `Cannot write ${opts.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          );
        }
        ctx.print(`Wrote ${digest.count} papers to ${opts.out}`);
      });
    },
  );

  const views = withLibrary(
    program
      .command('views')
      .description(
        'saved searches: list them (views add NAME QUERY, views update NAME QUERY, views remove NAME)',
      )
      .option('--json', 'print JSON: [{name, query, count}]'),
  ).action(async (opts: { json?: boolean; library?: string }) => {
    await withService(ctx, opts, async (service) => {
      const list = await service.api.listSavedSearches({});
      if (opts.json) {
        ctx.print(
          JSON.stringify(
            list.map((v) => ({
              name: v.name,
              query: v.query,
              count: v.count,
              ...(v.view !== 'all' ? { view: v.view } : {}),
              ...(v.tag ? { tag: v.tag } : {}),
            })),
            null,
            2,
          ),
        );
        return;
      }
      for (const v of list) ctx.print(`${String(v.count).padStart(6)}  ${v.name}  (${v.query})`);
      if (ctx.stdout.isTTY && list.length === 0) ctx.print('No saved searches yet');
    });
  });

  withLibrary(
    views
      .command('add')
      .description('save a search as a named view')
      .argument('<name>', 'the view name')
      .argument('<query...>', 'the search (full query syntax)')
      .option('--tag <tag>', 'search within this tag'),
  ).action(async (name: string, query: string[], _opts: unknown, command: Command) => {
    // --library may be written after the subcommand's arguments, where `views` takes it.
    const opts = command.optsWithGlobals<{ tag?: string; library?: string }>();
    await withService(ctx, opts, async (service) => {
      const saved = await service.api.saveSearch({
        name,
        query: query.join(' '),
        ...(opts.tag ? { tag: opts.tag } : {}),
      });
      ctx.print(`Saved “${saved.name}”: ${saved.count} papers`);
    });
  });

  withLibrary(
    views
      .command('update')
      .description('search for something else under a saved name (its place is kept)')
      .argument('<name>', 'the view name')
      .argument('<query...>', 'the new search (full query syntax)')
      .option('--tag <tag>', 'search within this tag'),
  ).action(async (name: string, query: string[], _opts: unknown, command: Command) => {
    const opts = command.optsWithGlobals<{ tag?: string; library?: string }>();
    await withService(ctx, opts, async (service) => {
      const found = await findView(service, name);
      const updated = await service.api.updateSavedSearch({
        id: found.id,
        query: query.join(' '),
        view: found.view,
        ...(opts.tag ? { tag: opts.tag } : {}),
      });
      ctx.print(`Updated “${updated.name}”: ${updated.count} papers`);
    });
  });

  withLibrary(
    views.command('remove').description('delete a saved search').argument('<name>', 'the view'),
  ).action(async (name: string, _opts: unknown, command: Command) => {
    const opts = command.optsWithGlobals<{ library?: string }>();
    await withService(ctx, opts, async (service) => {
      const found = await findView(service, name);
      await service.api.deleteSavedSearch({ id: found.id });
      ctx.print(`Removed “${found.name}”`);
    });
  });
}

/** A saved search by name, as the sidebar shows it (case does not matter). */
async function findView(service: Service, name: string): Promise<SavedSearch> {
  const found = (await service.api.listSavedSearches({})).find(
    (v) => v.name.toLowerCase() === name.trim().replace(/\s+/g, ' ').toLowerCase(),
  );
  if (!found) throw new AppError('not_found', `There is no saved search named “${name}”`);
  return found;
}
