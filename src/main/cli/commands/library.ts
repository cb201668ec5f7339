import fs from 'node:fs';
import { Option, type Command } from 'commander';
import {
  READING_STATUSES,
  SORT_KEYS,
  type SortKey,
  type Paper,
  type PaperSummary,
  type ReadingStatus,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Service } from '../../service';
import { usageError, withLibrary, withService, type CliContext } from '../context';

/** list, show, set: the user's own data from the command line. */
export function registerLibraryCommands(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('list')
      .description('list papers (all of them, unless filtered)')
      .addOption(
        new Option('--status <status>', 'only papers with this status').choices(READING_STATUSES),
      )
      .option('--tag <tag>', 'only papers with this tag (or a child of it)')
      .option('--starred', 'only starred papers')
      .addOption(
        new Option('--sort <sort>', 'the list order').choices(SORT_KEYS).default('featured'),
      )
      .option('--view <name>', "a saved search's papers (see `papershelf views`)")
      .option('--json', 'print JSON'),
  ).action(
    async (opts: {
      status?: ReadingStatus;
      tag?: string;
      starred?: boolean;
      sort: SortKey;
      view?: string;
      json?: boolean;
      library?: string;
    }) => {
      if (opts.view && (opts.status || opts.tag || opts.starred)) {
        throw usageError('--view lists a saved search as it is: no --status, --tag or --starred');
      }
      await withService(ctx, opts, async (service) => {
        const view = opts.starred ? 'starred' : (opts.status ?? 'all');
        let papers = opts.view
          ? await savedSearchPapers(service, opts.view)
          : await listAll(service, { view, tag: opts.tag }, opts.sort);
        if (opts.starred && opts.status) papers = papers.filter((p) => p.status === opts.status);
        if (opts.json) {
          ctx.print(JSON.stringify(papers.map(summaryJson), null, 2));
          return;
        }
        for (const p of papers) {
          const star = p.starred ? '★' : ' ';
          const tags = p.tags.length > 0 ? `  [${p.tags.join(', ')}]` : '';
          ctx.print(`${star} ${p.id.padEnd(12)} ${p.status.padEnd(8)} ${p.title}${tags}`);
        }
        if (ctx.stdout.isTTY) ctx.print(`${papers.length} papers`);
      });
    },
  );

  withLibrary(
    program
      .command('show')
      .description('show one paper with its note')
      .argument('<id>', 'arXiv id')
      .option('--json', 'print JSON'),
  ).action(async (id: string, opts: { json?: boolean; library?: string }) => {
    await withService(ctx, opts, async (service) => {
      const paper = await service.api.getPaper({ id });
      const noteLinks = await service.api.getNoteLinks({ id: paper.id });
      // links: ids this note links to; backlinks: ids whose notes link here.
      const links = noteLinks.links.map((l) => l.id);
      const backlinks = noteLinks.backlinks.map((b) => b.id);
      if (opts.json) {
        const popularity = await service.api.getPopularity({ id });
        ctx.print(JSON.stringify({ ...paperJson(paper), popularity, links, backlinks }, null, 2));
      } else {
        const lines = [formatPaper(paper)];
        if (links.length > 0) lines.push(`Links to: ${links.join(', ')}`);
        if (backlinks.length > 0) lines.push(`Linked from: ${backlinks.join(', ')}`);
        ctx.print(lines.join('\n'));
      }
    });
  });

  withLibrary(
    program
      .command('set')
      .description("change a paper's status, star, tags or note")
      .argument('<id>', 'arXiv id')
      .addOption(
        new Option('--status <status>', 'set the reading status').choices(READING_STATUSES),
      )
      .option('--star', 'star the paper')
      .option('--unstar', 'unstar the paper')
      .option('--tag <tag>', 'add a tag (repeatable)', collect, [] as string[])
      .option('--untag <tag>', 'remove a tag (repeatable)', collect, [] as string[])
      .option(
        '--note-file <file>',
        "replace the paper's note with this markdown file ('-' for stdin)",
      ),
  ).action(
    async (
      id: string,
      opts: {
        status?: ReadingStatus;
        star?: boolean;
        unstar?: boolean;
        tag: string[];
        untag: string[];
        noteFile?: string;
        library?: string;
      },
    ) => {
      if (opts.star && opts.unstar) throw usageError('--star and --unstar cannot be used together');
      const note = opts.noteFile === undefined ? undefined : readNoteFile(opts.noteFile);
      const nothing =
        !opts.status &&
        !opts.star &&
        !opts.unstar &&
        opts.tag.length === 0 &&
        opts.untag.length === 0 &&
        note === undefined;
      if (nothing)
        throw usageError(
          'Nothing to change: give --status, --star, --unstar, --tag, --untag or --note-file',
        );
      await withService(ctx, opts, async (service) => {
        const ids = [id];
        await service.api.getPaper({ id }); // a clear "no paper" before any change
        if (opts.status) await service.api.setStatus({ ids, status: opts.status });
        if (opts.star || opts.unstar)
          await service.api.setStarred({ ids, starred: Boolean(opts.star) });
        for (const tag of opts.tag) await service.api.tagPapers({ ids, tag });
        for (const tag of opts.untag) await service.api.untagPapers({ ids, tag });
        if (note !== undefined) await service.api.saveNote({ id, markdown: note });
        const paper = await service.api.getPaper({ id });
        ctx.print(
          `${paper.id}: ${paper.status}${paper.starred ? ', starred' : ''}${paper.tags.length ? `, tags: ${paper.tags.join(', ')}` : ''}${paper.note ? ', has a note' : ''}`,
        );
      });
    },
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readNoteFile(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new AppError(
      'bad_file',
      `Cannot read the note file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

async function listAll(
  service: Service,
  filter: { view: PaperSummary['status'] | 'starred' | 'all'; tag?: string },
  sort: SortKey = 'featured',
): Promise<PaperSummary[]> {
  const papers: PaperSummary[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await service.api.listPapers({ ...filter, sort, offset, limit: 5000 });
    papers.push(...page.papers);
    if (papers.length >= page.total || page.papers.length === 0) return papers;
  }
}

/** A saved search's papers, in its search order (`list --view NAME`). */
async function savedSearchPapers(service: Service, name: string): Promise<PaperSummary[]> {
  const papers: PaperSummary[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await service.api.listSavedSearchPapers({ name, offset, limit: 1000 });
    papers.push(...page.papers);
    if (papers.length >= page.total || page.papers.length === 0) return papers;
  }
}

export function summaryJson(p: PaperSummary) {
  return {
    id: p.id,
    title: p.title,
    authors: p.authors,
    status: p.status,
    starred: p.starred,
    tags: p.tags,
    lastFeaturedDay: p.lastFeaturedDay,
    upvotes: p.upvotes,
    addedAt: p.addedAt,
    hasNote: p.hasNote,
  };
}

export function paperJson(p: Paper) {
  return {
    ...p,
    authors: p.authors.filter((a) => !a.hidden).map((a) => a.name),
    allAuthors: p.authors,
  };
}

function formatPaper(p: Paper): string {
  const lines = [
    p.title,
    p.authors
      .filter((a) => !a.hidden)
      .map((a) => a.name)
      .join(', '),
    '',
    `id:        ${p.id}   https://arxiv.org/abs/${p.id}`,
    `status:    ${p.status}${p.starred ? '  ★ starred' : ''}`,
    `tags:      ${p.tags.join(', ') || '—'}`,
    `featured:  ${p.days.join(', ') || '—'}`,
    `upvotes:   ${p.upvotes}   comments: ${p.numComments}${p.githubStars !== null ? `   GitHub stars: ${p.githubStars}` : ''}`,
  ];
  if (p.githubRepo) lines.push(`code:      ${p.githubRepo}`);
  if (p.projectPage) lines.push(`project:   ${p.projectPage}`);
  lines.push('', p.abstract);
  if (p.note) lines.push('', `--- note (updated ${p.note.updatedAt}) ---`, p.note.markdown);
  return lines.join('\n');
}
