import { spawn } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { freePort, parentIsNode } from '../database/embedded-postgres';

const PID_FILE = 'redis-server.pid';

export interface RunningRedis {
  url: string;
  port: number;
  pid: number;
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
 * Whether a process is running, zombies excluded: a server orphaned by a
 * killed app belongs to init, which may be slow to reap it once it exits.
 */
async function processRunning(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self/stat')) return false;
    // No /proc (not Linux): ask the kernel.
    try {
      process.kill(pid, 0);
      return true;
    } catch (killError) {
      return (killError as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await processRunning(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !(await processRunning(pid));
}

/** redis-server works in its --dir, so a process's working folder says which data it writes. */
async function isRedisServerIn(pid: number, dir: string): Promise<boolean> {
  try {
    if ((await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim() !== 'redis-server') return false;
    return (await fs.readlink(`/proc/${pid}/cwd`)) === dir && (await processRunning(pid));
  } catch {
    return false;
  }
}

/**
 * The redis-server processes running on a data folder, found in /proc by
 * their working folder: so also a server started before there was a pid file,
 * or whose file was removed. Without /proc, the pid file's process if alive.
 */
export async function redisServersUsing(dataDir: string): Promise<number[]> {
  const dir = existsSync(dataDir) ? await fs.realpath(dataDir) : path.resolve(dataDir);
  if (!existsSync('/proc/self/stat')) {
    const pidFile = path.join(dir, PID_FILE);
    const recorded = existsSync(pidFile) ? Number((await fs.readFile(pidFile, 'utf8')).trim()) : NaN;
    return Number.isInteger(recorded) && recorded > 0 && (await processRunning(recorded)) ? [recorded] : [];
  }
  const pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const found: number[] = [];
  for (const pid of pids) if (await isRedisServerIn(pid, dir)) found.push(pid);
  return found;
}

/**
 * An app killed outright (kill -9, a power cut of its container) leaves its
 * redis-server running, and a second one on the same append-only file would
 * mean two writers. A server no Node process owns any more is stopped cleanly
 * (SIGTERM: Redis flushes the append-only file and exits); one that belongs to
 * another running instance owns this folder: say so rather than share it.
 */
async function takeOverDataFolder(dir: string, warn: (message: string) => void): Promise<void> {
  for (const pid of await redisServersUsing(dir)) {
    if (await parentIsNode(pid)) {
      throw new Error(
        `The Redis folder ${dir} is in use by another running instance (redis-server pid ${pid}). ` + 'Stop it, or give this instance its own DATA_DIR.',
      );
    }
    warn(`Stopping redis-server (pid ${pid}) left running on ${dir} by an instance that ended without shutting it down`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    if (!(await waitForExit(pid, 15000))) throw new Error(`redis-server (pid ${pid}) left by a crashed instance did not stop`);
  }
  await fs.rm(path.join(dir, PID_FILE), { force: true });
}

/**
 * Starts Debian's redis-server for the demo (and tests) when no REDIS_URL is
 * given: loopback only, data under dataDir with the append-only file on, so
 * queued reminders survive a restart. Null when there is no redis-server.
 * A server orphaned on the same folder by a killed instance is stopped first.
 */
export async function startRedisServer(options: {
  dataDir: string;
  port?: number;
  /** redis-server's own output. */
  log?: (line: string) => void;
  /** Told when an orphaned server is stopped. */
  warn?: (message: string) => void;
  /** Told once the server process is launched (or there is none to launch). */
  onLaunched?: () => void;
}): Promise<RunningRedis | null> {
  const binary = findOnPath('redis-server');
  if (!binary) {
    options.onLaunched?.();
    return null;
  }
  await fs.mkdir(path.resolve(options.dataDir), { recursive: true });
  const dir = await fs.realpath(options.dataDir);
  await takeOverDataFolder(dir, options.warn ?? (() => undefined));
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--pidfile', path.join(dir, PID_FILE), '--appendonly', 'yes', '--save', '', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  options.onLaunched?.();
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
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
