import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/main/cli';
import { createCliContext } from '../../../src/main/cli/context';

/** The CLI in-process with captured output: the same code path as the bin, without a process start. */
export async function runCliCaptured(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(args, createCliContext(stdout, stderr, env));
  return { code, stdout: out, stderr: err };
}
