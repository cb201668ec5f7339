import type { Command } from 'commander';
import { startServer, type BrowserServer } from '../../server';
import { loadServeLink, rememberPort, type LoadedServeLink } from '../../server/serve-link';
import { findRendererDir } from '../../util/static-files';
import { startSyncScheduler } from '../../sync/scheduler';
import { usageError, withLibrary, type CliContext } from '../context';

const RENEWED_NOTES: Record<NonNullable<LoadedServeLink['renewed']>, string | null> = {
  first: null,
  asked: 'A new token was made: links and bookmarks from before no longer work.',
  unsafe:
    'The kept link could be read by other users, so a new token was made (old links no longer work).',
  unreadable: 'The kept link was unreadable, so a new token was made (old links no longer work).',
};

/**
 * `papershelf serve`: browser mode. The first stdout line is the URL (tests read
 * it). The link (token and port) is kept beside the library, so a bookmark
 * survives restarts; `--new-token` rotates it.
 */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('serve')
      .description('run Papershelf in your browser (binds 127.0.0.1 only)')
      .option(
        '--port <n>',
        'port to listen on (0 picks a free one; default: the last run’s port, so the link stays the same)',
      )
      .option('--new-token', 'make a new secret token for the link (old links stop working)')
      .option('--no-sync', 'do not sync the feed on start and every syncIntervalHours'),
  ).action(async (opts: { port?: string; newToken?: boolean; sync: boolean; library?: string }) => {
    const asked = opts.port === undefined ? null : Number(opts.port);
    if (asked !== null && (!Number.isInteger(asked) || asked < 0 || asked > 65535)) {
      throw usageError(`--port must be a whole number from 0 to 65535, not “${opts.port}”`);
    }
    const service = await ctx.openService(opts);
    const rendererDir = findRendererDir(ctx.env);
    let link: LoadedServeLink;
    let server: BrowserServer;
    let portNote: string | null = null;
    try {
      link = loadServeLink(service.lib.path, { newToken: opts.newToken });
      const port = asked ?? link.port ?? 0;
      const start = (p: number) =>
        startServer({ service, port: p, rendererDir, token: link.token });
      try {
        server = await start(port);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        if (asked !== null) throw usageError(`Port ${port} is already in use; try --port 0`);
        // The remembered port is taken: run on another one (the link's port changes with it).
        server = await start(0);
        portNote = `Port ${port} (the last run’s) is in use, so the link’s port changed.`;
      }
      rememberPort(link.file, link, server.port);
    } catch (error) {
      await service.close();
      throw error;
    }
    ctx.keepAlive = true;
    ctx.print(`Papershelf is running at ${server.url}`);
    ctx.print(`Library: ${service.lib.path}`);
    const renewedNote = link.renewed ? RENEWED_NOTES[link.renewed] : null;
    if (renewedNote) ctx.print(renewedNote);
    if (portNote) ctx.print(portNote);
    ctx.print(
      `The link stays the same across restarts; it is kept, readable only by you, in ${link.file}`,
    );
    if (!rendererDir)
      ctx.print('The renderer is not built yet: run `npm run build` (the API works meanwhile).');
    ctx.print('Press Ctrl+C to stop.');
    const scheduler = opts.sync ? startSyncScheduler(service, { env: ctx.env }) : null;
    // A linked library replicates while browser mode runs (docs/REPLICATION.md).
    service.replication.startLive();
    const stop = async () => {
      scheduler?.stop();
      await server.close();
      await service.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });
}
