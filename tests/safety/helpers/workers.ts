import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Bundle } from './bundle';

const ROOT = path.resolve(__dirname, '../../..');

/** A crash-worker child: its stdout as lines, `go` to start it, `kill` to SIGKILL it. */
export interface Worker {
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  /** Resolves with the first line (past or future) that matches; rejects if the child exits first. */
  waitFor(match: (line: string) => boolean): Promise<string>;
  /** Called for every stdout line from now on. */
  onLine(listener: (line: string) => void): void;
  go(payload: object): void;
  /** SIGKILL and wait until the process is gone. */
  kill(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function spawnWorker(bundle: Bundle): Worker {
  const child = spawn(process.execPath, bundle.argv, {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PAPERSHELF_AUTO_SYNC: '0' },
  });
  const lines: string[] = [];
  const listeners: Array<(line: string) => void> = [];
  let partial = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    partial += chunk;
    let newline = partial.indexOf('\n');
    while (newline >= 0) {
      const line = partial.slice(0, newline);
      partial = partial.slice(newline + 1);
      lines.push(line);
      for (const listener of [...listeners]) listener(line);
      newline = partial.indexOf('\n');
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A worker killed while we write to its stdin: EPIPE is expected.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    onLine: (listener) => listeners.push(listener),
    waitFor(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const listener = (line: string) => {
          if (match(line)) resolve(line);
        };
        listeners.push(listener);
        void exited.then(({ code, signal }) => {
          const found = lines.find(match);
          if (found !== undefined) resolve(found);
          else
            reject(
              new Error(
                `the worker exited (${signal ?? code}) before the expected line; stdout tail:\n` +
                  `${lines.slice(-5).join('\n')}\nstderr:\n${stderr}`,
              ),
            );
        });
      });
    },
    go(payload) {
      child.stdin?.write(`go ${JSON.stringify(payload)}\n`);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Workers started ahead of time, so the next one is already loaded (`warm`)
 * when the current one is killed: the kill loop is not paced by Node start-up.
 */
export class WarmPool {
  private readonly ready: Worker[] = [];

  constructor(
    private readonly bundle: Bundle,
    private readonly size: number,
  ) {
    for (let i = 0; i < size; i += 1) this.ready.push(spawnWorker(bundle));
  }

  async take(): Promise<Worker> {
    const worker = this.ready.shift() ?? spawnWorker(this.bundle);
    this.ready.push(spawnWorker(this.bundle));
    await worker.waitFor((line) => line === 'warm');
    return worker;
  }

  async close(): Promise<void> {
    await Promise.all(this.ready.splice(0).map((w) => w.kill()));
  }
}
