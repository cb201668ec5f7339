import path from 'node:path';
import type { Command } from 'commander';
import { userDataDir } from '../../db/paths';
import { DEFAULT_DOCUMENT_NAME } from '../../replication/control';
import { usageError, withLibrary, withService, type CliContext } from '../context';

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw usageError(`--port must be a whole number from 0 to 65535, not “${text}”`);
  return port;
}

/**
 * Several devices, one library (docs/REPLICATION.md): `relay` runs the relay;
 * `link`, `unlink` and `replicate` connect a library to it.
 */
export function registerReplicationCommands(program: Command, ctx: CliContext): void {
  program
    .command('relay')
    .description('run the relay other devices replicate through (binds 127.0.0.1 unless --host)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '4710')
    .option('--host <address>', 'address to bind (default 127.0.0.1)', '127.0.0.1')
    .option('--data <dir>', 'folder for the relay’s store (default: the app data folder’s relay/)')
    .option('--token <token>', 'the token devices must present (default: a new random one)')
    .action(async (opts: { port?: string; host: string; data?: string; token?: string }) => {
      const port = parsePort(opts.port, 4710);
      if (opts.token !== undefined && opts.token.length < 8)
        throw usageError('--token must be at least 8 characters');
      const dataDir = path.resolve(opts.data ?? path.join(userDataDir(ctx.env), 'relay'));
      // The Hocuspocus server loads only for this command.
      const { randomToken, startRelay } = await import('../../replication/relay-server');
      const relay = await startRelay({
        port,
        host: opts.host,
        dataDir,
        token: opts.token ?? randomToken(),
      });
      ctx.keepAlive = true;
      ctx.print(`Papershelf relay at ${relay.url} token ${relay.token}`);
      ctx.print(`Data: ${dataDir}`);
      if (!['127.0.0.1', '::1', 'localhost'].includes(opts.host))
        ctx.print(
          `Listening on ${opts.host}: beyond this machine, put TLS in front (a reverse proxy) or use a private network; the relay can read what it stores (README, Several devices).`,
        );
      ctx.print(
        'Link a library with: papershelf link <address> --token <token>. Press Ctrl+C to stop.',
      );
      const stop = async () => {
        await relay.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });

  withLibrary(
    program
      .command('link <url>')
      .description('replicate this library through a relay (ws:// or wss:// address)')
      .requiredOption('--token <token>', 'the relay’s token')
      .option('--name <name>', 'the library’s name on the relay', DEFAULT_DOCUMENT_NAME),
  ).action(async (url: string, opts: { token: string; name: string; library?: string }) => {
    await withService(ctx, opts, async (service) => {
      await service.replication.link({ url, token: opts.token, name: opts.name });
      const status = service.replication.status();
      ctx.print(`Linked to ${status.relayUrl}. Run \`papershelf replicate\` to exchange changes.`);
    });
  });

  withLibrary(
    program.command('unlink').description('stop replicating this library (it keeps its data)'),
  ).action(async (opts: { library?: string }) => {
    await withService(ctx, opts, async (service) => {
      if (service.replication.status().state === 'unlinked') {
        ctx.print('This library is not linked to a relay.');
        return;
      }
      await service.replication.unlink();
      ctx.print('Unlinked: this library no longer replicates.');
    });
  });

  withLibrary(
    program
      .command('replicate')
      .description('exchange changes with the relay: live until Ctrl+C, or once with --once')
      .option('--once', 'exchange everything once, then exit')
      .option('--timeout <seconds>', 'with --once: give up after this long', '60'),
  ).action(async (opts: { once?: boolean; timeout: string; library?: string }) => {
    const seconds = Number(opts.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw usageError(`--timeout must be a positive number of seconds, not “${opts.timeout}”`);
    if (opts.once) {
      await withService(ctx, opts, async (service) => {
        if (service.replication.status().state === 'unlinked')
          throw usageError('This library is not linked: run `papershelf link URL --token T` first');
        const status = await service.replication.replicateOnce(seconds * 1000);
        ctx.print(`Exchanged with ${status.relayUrl} at ${status.lastExchangeAt}.`);
      });
      return;
    }
    const service = await ctx.openService(opts);
    if (service.replication.status().state === 'unlinked') {
      await service.close();
      throw usageError('This library is not linked: run `papershelf link URL --token T` first');
    }
    ctx.keepAlive = true;
    service.replication.startLive();
    ctx.print(`Replicating ${service.lib.path} with ${service.replication.status().relayUrl}.`);
    ctx.print('Press Ctrl+C to stop.');
    service.events.subscribe((event) => {
      if (event.type !== 'replication-status') return;
      const { state, waitingChanges, lastExchangeAt } = event.status;
      ctx.print(`${state}; ${waitingChanges} waiting; last exchange ${lastExchangeAt ?? 'never'}`);
    });
    const stop = async () => {
      await service.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });
}
