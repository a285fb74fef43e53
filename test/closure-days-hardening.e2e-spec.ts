import { TestApp, startTestApp } from './support/test-app';

describe('Closure days removed by several people at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('removes the day once, with one event on the record; the others are told it is not a closure day', async () => {
    for (const date of ['2031-12-24', '2031-12-29']) {
      await t.http.post('/api/closure-days').send({ date, description: 'Christmas closure' }).expect(201);
      const answers = await Promise.all(Array.from({ length: 5 }, () => t.http.delete(`/api/closure-days/${date}`)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([204, 404, 404, 404, 404]);
      for (const answer of answers.filter((a) => a.status === 404)) expect(answer.body.message).toBe(`${date} is not a closure day`);
      const events = await t.dataSource.query(`SELECT before FROM audit_events WHERE entity_type = 'closure_day' AND entity_id = $1 AND action = 'delete'`, [date]);
      expect(events).toEqual([{ before: { date, description: 'Christmas closure' } }]);
    }
  });
});
