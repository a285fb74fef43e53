import { loadWorkingDayCalendar } from '../src/deadlines/working-day-calendar.loader';
import { TestApp, countQueries, startTestApp } from './support/test-app';

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

  it('shares one calendar while the closure days stay the same, and builds it again on any change, by the API or by SQL by hand', async () => {
    const counter = countQueries(t.dataSource);
    const first = await loadWorkingDayCalendar(t.dataSource.manager);
    expect(await loadWorkingDayCalendar(t.dataSource.manager)).toBe(first);
    // Read afresh each time (one prepared statement), built once.
    expect(counter.count()).toBe(2);
    counter.stop();

    await t.http.post('/api/closure-days').send({ date: '2031-12-29', description: 'Christmas closure' }).expect(201);
    const closed = await loadWorkingDayCalendar(t.dataSource.manager);
    expect(closed).not.toBe(first);
    expect(closed.isClosureDay('2031-12-29')).toBe(true);
    expect(first.isClosureDay('2031-12-29')).toBe(false);

    await t.dataSource.query(`UPDATE closure_days SET date = '2031-12-30' WHERE date = '2031-12-29'`);
    const moved = await loadWorkingDayCalendar(t.dataSource.manager);
    expect([moved.isClosureDay('2031-12-29'), moved.isClosureDay('2031-12-30')]).toEqual([false, true]);

    await t.http.delete('/api/closure-days/2031-12-30').expect(204);
    expect((await loadWorkingDayCalendar(t.dataSource.manager)).isClosureDay('2031-12-30')).toBe(false);
  });
});
