import { writeFileSync } from 'fs';
import type { Response } from 'supertest';
import { demoPlan } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';
jest.setTimeout(300_000);
let t: TestApp;
async function bin(url: string): Promise<Buffer> {
  const r = (await t.http.get(url).buffer(true).parse((res, done) => { const c: Buffer[] = []; res.on('data', (x: Buffer) => c.push(x)); res.on('end', () => done(null, Buffer.concat(c))); }).expect(200)) as Response & { body: Buffer };
  return r.body;
}
beforeAll(async () => { t = await startTestApp({ demo: true }); });
afterAll(() => t.close());
it('writes', async () => {
  const demo = await demoPlan(t);
  const out = process.env.SCRATCH_OUT ?? '/work/wt/imports/.scratch';
  for (const [name, url] of [
    ['appendix', `/api/plans/${demo.id}/appendix?format=pdf`],
    ['progress', `/api/plans/${demo.id}/progress-report?format=pdf&asOf=2012-09-14`],
    ['exceptions', `/api/reviews/exceptions?format=pdf&asOf=2012-09-14`],
  ]) writeFileSync(`${out}/${name}.pdf`, await bin(url));
  writeFileSync(`${out}/progress.html`, (await t.http.get(`/api/plans/${demo.id}/progress-report?asOf=2012-09-14`)).text);
});
it('counts', async () => {
  const r = await t.http.get(`/api/reviews/exceptions?asOf=2012-09-14`);
  require('fs').writeFileSync('/work/wt/imports/.scratch/exceptions.html', r.text);
});
