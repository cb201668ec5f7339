import type { Command } from 'commander';
import { startServer } from '../../server';
import { findRendererDir } from '../../server/static-files';
import { startSyncScheduler } from '../../sync/scheduler';
import { usageError, withLibrary, type CliContext } from '../context';

/** `papershelf serve`: browser mode. The first stdout line is the URL (tests read it). */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  withLibrary(
    program
      .command('serve')
      .description('run Papershelf in your browser (binds 127.0.0.1 only)')
      .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
      .option('--no-sync', 'do not sync the feed on start and every syncIntervalHours'),
  ).action(async (opts: { port: string; sync: boolean; library?: string }) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw usageError(`--port must be a whole number from 0 to 65535, not “${opts.port}”`);
    }
    const service = await ctx.openService(opts);
    const rendererDir = findRendererDir(ctx.env);
    let server;
    try {
      server = await startServer({ service, port, rendererDir });
    } catch (error) {
      await service.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw usageError(`Port ${port} is already in use; try --port 0`);
      throw error;
    }
    ctx.keepAlive = true;
    ctx.print(`Papershelf is running at ${server.url}`);
    ctx.print(`Library: ${service.lib.path}`);
    if (!rendererDir)
      ctx.print('The renderer is not built yet: run `npm run build` (the API works meanwhile).');
    ctx.print('Press Ctrl+C to stop.');
    const scheduler = opts.sync ? startSyncScheduler(service, { env: ctx.env }) : null;
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
