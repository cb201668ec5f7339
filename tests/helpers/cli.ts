import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/main/cli';
import { createCliContext } from '../../src/main/cli/context';

const ROOT = path.resolve(__dirname, '../..');

/** Run the CLI in-process with captured output (fast; the same code path as the bin). */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(args, createCliContext(stdout, stderr, { ...process.env, ...env }));
  return { code, stdout: out, stderr: err };
}

/** Run the CLI as a real child process (exit codes, signals, pipes). */
export function cliProcess(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/main/cli/index.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0', ...options.env },
      input: options.input,
      encoding: 'utf8',
      // A command that should have ended but serves on (a damaged library that
      // opened, say) fails its test instead of hanging the run.
      timeout: 60_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
