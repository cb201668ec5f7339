import fs from 'node:fs';
import path from 'node:path';
import type { NetworkSettings } from '../../../shared/api/settings';
import { Option, type Command } from 'commander';
import {
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  type ExportFormat,
  type ExportScope,
  type ImportFormat,
} from '../../../shared/api/io';
import { READING_STATUSES, type ReadingStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { AppEvent } from '../../../shared/events';
import { resolveLibraryPath } from '../../db/paths';
import { readVaultDir, writeAtomic, writeVault } from '../../io/vault-writer';
import type { Service } from '../../service';
import { usageError, withLibrary, withService, type CliContext } from '../context';
import { paperJson } from './library';

/** export, import, add: getting papers in and out from the command line. */
export function registerIoCommands(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('export')
      .description('export papers as BibTeX, CSL-JSON, a Markdown vault or a JSON backup')
      .addOption(
        new Option('--format <format>', 'what to write')
          .choices(EXPORT_FORMATS)
          .makeOptionMandatory(),
      )
      .option(
        '--out <path>',
        'file to write (default: standard output); for markdown, the vault folder (updated in place)',
      )
      .option('--tag <tag>', 'only papers with this tag (or a child of it)')
      .addOption(
        new Option('--status <status>', 'only papers with this status').choices(READING_STATUSES),
      )
      .option('--starred', 'only starred papers')
      .option('--query <query>', 'only papers matching this search'),
  ).action(
    async (opts: {
      format: ExportFormat;
      out?: string;
      tag?: string;
      status?: ReadingStatus;
      starred?: boolean;
      query?: string;
      library?: string;
    }) => {
      if (opts.format === 'markdown' && !opts.out) {
        throw usageError('A Markdown vault is a folder: give it with --out DIR');
      }
      if (opts.starred && opts.status) throw usageError('Use --status or --starred, not both');
      const scope: ExportScope = {
        ...(opts.starred ? { view: 'starred' as const } : {}),
        ...(opts.status ? { view: opts.status } : {}),
        ...(opts.tag ? { tag: opts.tag } : {}),
        ...(opts.query ? { query: opts.query } : {}),
      };
      await withService(ctx, opts, async (service) => {
        const result = await withProgress(ctx, service, () =>
          service.api.exportPapers({ format: opts.format, scope }),
        );
        if (result.format === 'markdown') {
          const dir = path.resolve(opts.out!);
          const written = writeVault(dir, result.files);
          ctx.print(
            `Exported ${result.count} papers to ${dir}: ${written.created} created, ${written.updated} updated, ${written.unchanged} unchanged`,
          );
          return;
        }
        if (!opts.out) {
          ctx.stdout.write(result.content);
          return;
        }
        const file = path.resolve(opts.out);
        if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
          throw usageError(`${file} is a folder; give a file name (e.g. ${result.fileName})`);
        }
        writeAtomic(file, result.content);
        ctx.print(`Exported ${result.count} papers to ${file}`);
      });
    },
  );

  withLibrary(
    program
      .command('import')
      .description(
        'import a Papershelf JSON backup, a BibTeX file, a list of arXiv ids or URLs, or the notes of a Markdown vault folder',
      )
      .argument('<file>', "the file to import ('-' for standard input), or a vault folder")
      .addOption(
        new Option(
          '--format <format>',
          'the file format (default: guessed; a folder is a vault)',
        ).choices([...IMPORT_FORMATS, 'vault']),
      )
      .addOption(
        new Option(
          '--status <status>',
          'status for every paper of a BibTeX file or id list',
        ).choices(READING_STATUSES),
      )
      .option(
        '--tag <tag>',
        'tag every paper of a BibTeX file or id list (repeatable)',
        collect,
        [] as string[],
      ),
  ).action(
    async (
      file: string,
      opts: {
        format?: ImportFormat | 'vault';
        status?: ReadingStatus;
        tag: string[];
        library?: string;
      },
    ) => {
      const isFolder = file !== '-' && fs.existsSync(file) && fs.statSync(file).isDirectory();
      if (opts.format === 'vault' || isFolder) {
        if (!isFolder) throw usageError(`A vault is a folder: ${file} is not one`);
        await importVaultFolder(ctx, path.resolve(file), opts);
        return;
      }
      const format = opts.format;
      const content = readInput(file);
      const fileName = file === '-' ? 'standard input' : path.basename(file);
      // A library that does not exist yet is created empty: a restore should not
      // find the bundled sample papers already there.
      const exists = fs.existsSync(resolveLibraryPath(opts.library, ctx.env));
      await withService(
        ctx,
        { ...opts, seedSample: exists ? undefined : false },
        async (service) => {
          // Ctrl-C while an id list is being looked up stops the lookups; nothing is written.
          const cancel = () => void service.api.cancelImport({});
          process.once('SIGINT', cancel);
          process.once('SIGTERM', cancel);
          const result = await withProgress(ctx, service, () =>
            service.api.importFile({
              fileName,
              content,
              ...(format ? { format } : {}),
              ...(opts.status ? { status: opts.status } : {}),
              tags: opts.tag,
            }),
          ).finally(() => {
            process.off('SIGINT', cancel);
            process.off('SIGTERM', cancel);
          });
          for (const warning of result.warnings)
            ctx.stderr.write(`papershelf: warning: ${warning}\n`);
          const { added, updated, unchanged } = result.papers;
          const verb = result.mode === 'restore' ? 'Restored' : 'Imported';
          const extras = [
            result.tagsCreated > 0 ? `${result.tagsCreated} tags created` : null,
            result.notes.added > 0 ? `${result.notes.added} notes added` : null,
            result.notes.merged > 0 ? `${result.notes.merged} notes merged` : null,
          ].filter(Boolean);
          ctx.print(
            `${verb} ${fileName}: ${added} added, ${updated} updated, ${unchanged} unchanged${extras.length ? `; ${extras.join(', ')}` : ''}`,
          );
          const skipped = describeSkippedSettings(result.skippedSettings);
          if (skipped) {
            ctx.print(
              `Skipped settings from the file (they choose where and how often Papershelf connects; set them yourself if you want them): ${skipped}`,
            );
          }
        },
      );
    },
  );

  withLibrary(
    program
      .command('add')
      .description('add a paper by arXiv id or URL (arxiv.org or huggingface.co/papers)')
      .argument(
        '<id-or-url>',
        'e.g. 2509.04664, arXiv:2509.04664v2, https://arxiv.org/abs/2509.04664',
      )
      .addOption(
        new Option('--status <status>', 'set its reading status').choices(READING_STATUSES),
      )
      .option('--tag <tag>', 'tag it (repeatable)', collect, [] as string[])
      .option('--source <url>', 'Hugging Face API base URL (default: the feed setting)')
      .option('--json', 'print the paper as JSON'),
  ).action(
    async (
      idOrUrl: string,
      opts: {
        status?: ReadingStatus;
        tag: string[];
        source?: string;
        json?: boolean;
        library?: string;
      },
    ) => {
      await withService(ctx, opts, async (service) => {
        const result = await service.api.addPaper({
          idOrUrl,
          tags: opts.tag,
          ...(opts.status ? { status: opts.status } : {}),
          ...(opts.source ? { source: opts.source } : {}),
        });
        if (opts.json) {
          ctx.print(JSON.stringify({ ...result, paper: paperJson(result.paper) }, null, 2));
          return;
        }
        const p = result.paper;
        const from = result.from === 'arxiv' ? 'arXiv' : 'Hugging Face';
        ctx.print(
          result.added
            ? `Added ${p.id} “${p.title}” (from ${from})`
            : `${p.id} “${p.title}” is already in the library`,
        );
        const state = [p.status, ...(p.tags.length ? [`tags: ${p.tags.join(', ')}`] : [])];
        ctx.print(`  ${state.join(', ')}`);
      });
    },
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readInput(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (code ?? String(error));
    throw new AppError('bad_file', `Cannot read ${file}: ${why}`);
  }
}

/** Shows io-progress on a terminal's stderr (one line, rewritten); silent otherwise. */
async function withProgress<T>(
  ctx: CliContext,
  service: Service,
  run: () => Promise<T>,
): Promise<T> {
  if (!ctx.stderr.isTTY) return run();
  let shown = false;
  const unsubscribe = service.events.subscribe((event: AppEvent) => {
    if (event.type !== 'io-progress') return;
    if (event.phase !== 'fetching' && event.total < 200) return; // quick: no flicker
    ctx.stderr.write(`\r${event.phase} ${event.done}/${event.total}   `);
    shown = true;
  });
  try {
    return await run();
  } finally {
    unsubscribe();
    if (shown) ctx.stderr.write('\r\x1b[K');
  }
}

/** `feed URL https://…, sync interval 0.5 h`: what an import left for the user to decide. */
function describeSkippedSettings(skipped: NetworkSettings): string {
  const parts: string[] = [];
  if ('feedUrl' in skipped) parts.push(`feed URL ${JSON.stringify(skipped.feedUrl)}`);
  if ('syncIntervalHours' in skipped) parts.push(`sync interval ${skipped.syncIntervalHours} h`);
  return parts.join(', ');
}

/** `papershelf import --format vault DIR`: the notes edited in a Markdown vault come back. */
async function importVaultFolder(
  ctx: CliContext,
  dir: string,
  opts: { status?: ReadingStatus; tag: string[]; library?: string },
): Promise<void> {
  if (opts.status || opts.tag.length > 0)
    throw usageError('--status and --tag apply to BibTeX files and id lists, not to a vault');
  const files = readVaultDir(dir);
  await withService(ctx, opts, async (service) => {
    const result = await service.api.importVault({ files });
    ctx.print(
      `Imported notes from ${dir}: ${result.files} files, ${result.updated.length} notes updated, ${result.unchanged} unchanged, ${result.conflicts.length} changed in both places, ${result.unknown.length} not in the library, ${result.skipped.length} without a paper id`,
    );
    for (const c of result.conflicts)
      ctx.print(
        `  changed in both places, both versions kept in the note: ${c.id} (${c.fileName})`,
      );
    for (const u of result.unknown)
      ctx.print(`  not in the library (nothing added): ${u.id} (${u.fileName})`);
  });
}
