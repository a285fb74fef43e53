/**
 * `npm run demo` to /health when nothing changed since the last build, on an
 * existing data folder: the start a person waits for every morning. Beside
 * it, a bare node process answering HTTP (the floor any start pays).
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ensureBuilt, freePort, startProcess, waitForHttp } from './processes';
import { recordAbsolute } from './lib';

export async function benchDemoStart(): Promise<void> {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-bench-demo-'));
  try {
    const env = async () => ({ DATA_DIR: dataDir, PORT: String(await freePort()), DEMO_PASSWORD: 'bench demo password', LOG_LEVEL: 'warn' });
    // First start: creates the database and loads the demo plan (not timed).
    let e = await env();
    let demo = startProcess('bash', ['scripts/demo.sh'], e);
    await waitForHttp(`http://127.0.0.1:${e.PORT}/health`, Date.now(), demo, 180000);
    await demo.stop();

    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      e = await env();
      const started = Date.now();
      demo = startProcess('bash', ['scripts/demo.sh'], e);
      samples.push(await waitForHttp(`http://127.0.0.1:${e.PORT}/health`, started, demo));
      await demo.stop();
    }
    const port = await freePort();
    const started = Date.now();
    const bare = startProcess(process.execPath, ['-e', `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], {});
    const bareMs = await waitForHttp(`http://127.0.0.1:${port}/`, started, bare);
    await bare.stop();
    const worst = Math.max(...samples);
    recordAbsolute(
      '`npm run demo` to /health, existing data, nothing changed',
      `${samples.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`,
      '<= 4 s',
      worst <= 4000,
      `bare node HTTP process: ${(bareMs / 1000).toFixed(2)} s`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
