import * as http from 'http';
import type { AddressInfo } from 'net';
import { DemoPlanLoader } from '../src/plans/demo/demo-plan.loader';
import { startApi, startDatabase, time } from './lib';

(async () => {
  const database = await startDatabase('probe');
  const api = await startApi(database);
  try {
    const demoId = await api.app.get(DemoPlanLoader).load();
    const url = `/api/plans/${demoId}/appendix`;
    const server = api.app.getHttpServer();
    await api.app.listen(0, '127.0.0.1');
    const port = (server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string, auth: boolean) => () =>
      new Promise<void>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path, agent, headers: auth ? { authorization: `Bearer ${api.token}` } : {} }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve());
        }).on('error', reject);
      });
    const n = Number(process.env.PROBE_RUNS ?? 300);
    for (const [name, fn] of [['appendix', get(url, true)], ['me', get('/api/me', true)], ['health', get('/health', false)]] as const) {
      await time(100, fn);
      console.log(name, JSON.stringify(await time(n, fn)));
    }
  } finally {
    await api.close();
    await database.stop();
  }
})();
