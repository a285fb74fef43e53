import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import Redis from 'ioredis';
import { tmpdir } from 'os';
import * as path from 'path';
import { RunningRedis, redisServersUsing, startRedisServer } from '../src/queue/redis-server';

const root = path.resolve(__dirname, '..');

/** Starts the demo's redis-server from a process of its own, as the app would, and resolves with what it printed first. */
function startOwner(dataDir: string): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'test/support/run-redis.ts', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = new Promise<string>((resolve) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0]);
    });
    child.on('exit', () => resolve(output.split('\n')[0] || 'exited'));
  });
  return { child, firstLine };
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.signalCode ?? child.exitCode) : child.once('exit', (code, signal) => resolve(signal ?? code))));

async function valueIn(url: string, key: string, value?: string): Promise<string | null> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    if (value !== undefined) await client.set(key, value);
    return await client.get(key);
  } finally {
    client.disconnect();
  }
}

/**
 * Issue 11, item 14: after kill -9 of the app its redis-server survived and the
 * next start ran a second one on the same append-only file. As for PostgreSQL:
 * the orphan is found by its data folder and stopped before a new one starts,
 * and a folder a live instance still uses is refused.
 */
describe('The demo redis-server on a data folder', () => {
  let dataDir: string;
  const owners: ChildProcess[] = [];
  let replacement: RunningRedis | undefined;
  let firstPid: number;
  let firstUrl: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-redis-'));
  });
  afterAll(async () => {
    await replacement?.stop();
    for (const owner of owners) if (owner.exitCode === null && owner.signalCode === null) owner.kill('SIGTERM');
    await Promise.all(owners.map(exited));
    // A failed test may have left an orphan behind: stop it here rather than leak it.
    for (const pid of await redisServersUsing(dataDir)) process.kill(pid, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second instance on the same folder while the first runs', async () => {
    const first = startOwner(dataDir);
    owners.push(first.child);
    const ready = /^ready (\S+) (\d+)$/.exec(await first.firstLine);
    expect(ready).not.toBeNull();
    [firstUrl, firstPid] = [ready![1], Number(ready![2])];

    const second = startOwner(dataDir);
    owners.push(second.child);
    expect(await second.firstLine).toMatch(new RegExp(`^failed: The Redis folder .* is in use by another running instance \\(redis-server pid ${firstPid}\\)`));
    expect(await exited(second.child)).toBe(1);
    expect(await redisServersUsing(dataDir)).toEqual([firstPid]);
  }, 60000);

  it('stops the redis-server left by an instance killed outright, keeps its data, and runs only one on the folder', async () => {
    expect(await valueIn(firstUrl, 'ipm:orphan-test', 'queued before the crash')).toBe('queued before the crash');
    const owner = owners[0];
    owner.kill('SIGKILL');
    expect(await exited(owner)).toBe('SIGKILL');
    // The orphan is still running on the folder, owned by no Node process now.
    expect(await redisServersUsing(dataDir)).toEqual([firstPid]);

    const warnings: string[] = [];
    replacement = (await startRedisServer({ dataDir, warn: (message) => warnings.push(message) }))!;
    expect(warnings).toEqual([expect.stringContaining(`Stopping redis-server (pid ${firstPid}) left running on`)]);
    expect(await redisServersUsing(dataDir)).toEqual([replacement.pid]);
    expect(replacement.pid).not.toBe(firstPid);
    // It stopped cleanly and the new one read the same append-only file.
    expect(await valueIn(replacement.url, 'ipm:orphan-test')).toBe('queued before the crash');
  }, 60000);

  it('starts again on the folder after a clean stop, with nothing to take over', async () => {
    await replacement!.stop();
    expect(await redisServersUsing(dataDir)).toEqual([]);
    const warnings: string[] = [];
    replacement = (await startRedisServer({ dataDir, warn: (message) => warnings.push(message) }))!;
    expect(warnings).toEqual([]);
    expect(await redisServersUsing(dataDir)).toEqual([replacement.pid]);
  }, 60000);
});
