import { spawn } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { freePort } from '../database/embedded-postgres';

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function findOnPath(binary: string, searchPath = process.env.PATH ?? ''): string | null {
  for (const folder of searchPath.split(path.delimiter)) {
    const candidate = path.join(folder, binary);
    if (folder && existsSync(candidate)) return candidate;
  }
  return ['/usr/bin', '/usr/local/bin', '/usr/sbin'].map((folder) => path.join(folder, binary)).find((file) => existsSync(file)) ?? null;
}

/**
 * Starts Debian's redis-server for the demo (and tests) when no REDIS_URL is
 * given: loopback only, data under dataDir with the append-only file on, so
 * queued reminders survive a restart. Null when there is no redis-server.
 */
export async function startRedisServer(options: { dataDir: string; port?: number; log?: (line: string) => void }): Promise<RunningRedis | null> {
  const binary = findOnPath('redis-server');
  if (!binary) return null;
  const dir = path.resolve(options.dataDir);
  await fs.mkdir(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)), 15000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      options.log?.(chunk.toString().trim());
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`));
    });
  });
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  child.stdout!.resume();
  child.stderr!.resume();
  // Never outlive the process that started it.
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
