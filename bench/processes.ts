/** Starting the built app (dist/) as an operator would: a process with only its environment. */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { existsSync } from 'fs';
import { createServer } from 'net';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Builds dist/ when scripts/demo.sh would (the same stamp), so the benches time the code as it is. */
export function ensureBuilt(): void {
  const stale = execFileSync('bash', ['-c', `cd "${ROOT}" && { [ -f dist/.built ] && [ -f dist/src/main.js ] && [ -z "$(find src migrations templates -newer dist/.built -print -quit)" ]; } && echo fresh || echo stale`])
    .toString()
    .trim();
  if (stale === 'fresh' && existsSync(path.join(ROOT, 'dist/src/worker.js'))) return;
  console.log('Building dist/ for the process benches...');
  execFileSync('bash', ['-c', `cd "${ROOT}" && started=$(mktemp) && node_modules/.bin/nest build && mv "$started" dist/.built`], { stdio: 'inherit' });
}

export interface Running {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function startProcess(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'log', ...env },
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65536));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once GET url answers 200, with the milliseconds it took from `since`. */
export async function waitForHttp(url: string, since: number, running: Running, timeoutMs = 120000): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return Date.now() - since;
    } catch {
      // not listening yet
    }
    if (running.child.exitCode !== null) throw new Error(`${url}: the process exited:\n${running.output()}`);
    if (Date.now() - since > timeoutMs) throw new Error(`${url} did not answer in time:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function waitForOutput(running: Running, pattern: RegExp, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(running.output())) {
    if (running.child.exitCode !== null) throw new Error(`The process exited:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
