import { Command, CommanderError } from 'commander';
import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../service';
import { createCliContext, type CliContext } from './context';
import { damagedLibraryHint, registerBackupCommands } from './commands/backup';
import { registerDailyCommands } from './commands/daily';
import { registerDiscoveryCommands } from './commands/discovery';
import { registerIoCommands } from './commands/io';
import { registerLibraryCommands } from './commands/library';
import { registerPdfCommand } from './commands/pdf';
import { registerIndexCommand, registerSearchCommand } from './commands/search';
import { registerReplicationCommands } from './commands/replication';
import { registerServeCommand } from './commands/serve';
import { registerSyncCommand } from './commands/sync';

/**
 * Door 3: the `papershelf` command. Each command lives in its own module under
 * commands/ and is registered here. Failures print one line and exit non-zero.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('papershelf')
    .description('Papershelf: a reading list for machine-learning papers')
    .version(APP_VERSION)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  registerLibraryCommands(program, ctx);
  registerServeCommand(program, ctx);
  registerIoCommands(program, ctx);
  registerPdfCommand(program, ctx);
  registerSyncCommand(program, ctx);
  registerBackupCommands(program, ctx);
  registerSearchCommand(program, ctx);
  registerDiscoveryCommands(program, ctx);
  registerIndexCommand(program, ctx);
  registerDailyCommands(program, ctx);
  registerReplicationCommands(program, ctx);
  return program;
}

export async function runCli(
  argv: string[],
  ctx: CliContext = createCliContext(),
): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (help and version exit 0).
      return error.exitCode;
    }
    if (error instanceof AppError) {
      ctx.stderr.write(`papershelf: ${error.message}\n`);
      const hint = damagedLibraryHint(error, ctx);
      if (hint) ctx.stderr.write(`papershelf: ${hint}\n`);
      return error.code === 'invalid_input' ? 2 : 1;
    }
    ctx.stderr.write(`papershelf: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

// Run when executed directly (bin/papershelf.js, tsx, or the built out/main/cli.js).
const isEntry = (() => {
  const entry = process.argv[1] ?? '';
  return /(?:cli(?:[\\/]index)?\.[cm]?[jt]s|papershelf(?:\.js)?)$/.test(entry);
})();

if (isEntry) {
  // `papershelf list | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const ctx = createCliContext();
  void runCli(process.argv.slice(2), ctx).then((code) => {
    if (!ctx.keepAlive || code !== 0) process.exitCode = code;
    if (code !== 0) process.exit(code);
  });
}
