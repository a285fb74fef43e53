import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');

/** Starts the embedded server in its own process and resolves with its first line of output. */
function startProcess(dataDir: string, ...args: string[]): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'test/support/run-embedded.ts', dataDir, ...args], {
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
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

describe('The embedded database behind the demo', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-embedded-'));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second instance on the same DATA_DIR while the first runs', async () => {
    const first = startProcess(dataDir);
    children.push(first.child);
    expect(await first.firstLine).toBe('ready');
    const second = startProcess(dataDir, '--stop');
    children.push(second.child);
    expect(await second.firstLine).toMatch(/^failed: .*is in use by another running instance/);
  }, 60000);

  it('recovers the folder after the instance that owned it was killed outright', async () => {
    const owner = children[0];
    owner.kill('SIGKILL');
    await exited(owner);
    const next = startProcess(dataDir, '--stop');
    children.push(next.child);
    expect(await next.firstLine).toBe('ready');
    expect(await exited(next.child)).toBe(0);
  }, 60000);
});
