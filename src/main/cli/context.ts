import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { resolveLibraryPath } from '../db/paths';
import { createService, type Service } from '../service';

/** What every CLI command module gets: output streams and a way to open the library. */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Open the library chosen by --library / PAPERSHELF_LIBRARY / the per-user default. */
  openService(options: { library?: string; seedSample?: boolean }): Promise<Service>;
  print(line: string): void;
  /** Set by long-running commands (serve) so the process is not exited when the action returns. */
  keepAlive: boolean;
}

export function createCliContext(
  stdout: CliContext['stdout'] = process.stdout,
  stderr: CliContext['stderr'] = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): CliContext {
  return {
    stdout,
    stderr,
    env,
    keepAlive: false,
    openService: ({ library, seedSample }) =>
      createService({ path: resolveLibraryPath(library, env), seedSample, env }),
    print: (line) => stdout.write(`${line}\n`),
  };
}

/** Every command takes --library. */
export function withLibrary(command: Command): Command {
  return command.option(
    '--library <path>',
    'library file (default: $PAPERSHELF_LIBRARY, else the per-user app data folder)',
  );
}

/** Open the service, run, always close. */
export async function withService<T>(
  ctx: CliContext,
  options: { library?: string; seedSample?: boolean },
  action: (service: Service) => Promise<T>,
): Promise<T> {
  const service = await ctx.openService(options);
  try {
    return await action(service);
  } finally {
    await service.close();
  }
}

export function usageError(message: string): AppError {
  return new AppError('invalid_input', message);
}
