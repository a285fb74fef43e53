import { Document, Element } from 'domhandler';
import * as domutils from 'domutils';
import { parseDocument } from 'htmlparser2';
import { addCalendarDays, todayInLondon } from '../src/deadlines';
import { ActivityBody, PlanTreeBody, allActivities, demoPlan } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * "As of" means as of: any figure for a past date is what the record said on
 * that date, so a board can reproduce what it was told. Work done today must
 * not show in a 2012 paper, and a judgement made today must not rewrite last
 * month.
 */
describe('As of a past date: what the record said then', () => {
  let t: TestApp;
  let demo: PlanTreeBody;
  let done: ActivityBody;
  let overridden: ActivityBody;
  let moved: ActivityBody;
  const today = todayInLondon();
  const lastMonth = addCalendarDays(today, -30);
  const TODAYS_NOTE = 'Finished today, after the September 2012 board';

  const textOf = (html: string) => domutils.textContent((parseDocument(html) as Document).children as Element[]);
  const ratingOf = async (id: string, asOf: string) => (await t.http.get(`/api/activities/${id}/rag`).query({ asOf }).expect(200)).body;
  const versionOf = async (id: string): Promise<number> => (await t.http.get(`/api/activities/${id}`).expect(200)).body.version;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
    const threeMonth = allActivities(demo).filter((a) => a.band === 'within_three_months' && a.leadAgencies.length > 0);
    [done, overridden, moved] = threeMonth;
    // Today (the real clock): the work is finished and the chair verifies it,
    // the chair overrides another rating, and an admin moves a third due date.
    await t.http.post(`/api/activities/${done.id}/updates`).send({ status: 'complete', note: TODAYS_NOTE }).expect(201);
    await t.http.post(`/api/activities/${done.id}/verification`).send({ note: 'Saw the signed-off report' }).expect(200);
    await t.http
      .put(`/api/activities/${overridden.id}/rag-override`)
      .send({ rating: 'green', reason: 'Recovery plan agreed today', expiresOn: addCalendarDays(today, 60), version: await versionOf(overridden.id) })
      .expect(200);
    await t.http.patch(`/api/activities/${moved.id}`).send({ dueDate: '2013-03-31', version: await versionOf(moved.id) }).expect(200);
  });
  afterAll(() => t.close());

  describe('through the API', () => {
    it('rates work completed today by its 2012 standing in 2012, and Blue today', async () => {
      const then = await ratingOf(done.id, '2012-09-14');
      expect(then).toMatchObject({ rating: 'red', verified: false });
      expect(then.reasons[0]).toBe('due 13 Sep 2012, 1 working day overdue');
      expect(await ratingOf(done.id, today)).toMatchObject({ rating: 'blue', verified: true, reasons: ['complete and verified'] });
    });

    it('does not apply an override set today to last month, nor to 2012', async () => {
      for (const asOf of ['2012-09-14', lastMonth]) {
        const rating = await ratingOf(overridden.id, asOf);
        expect({ asOf, override: rating.override, rating: rating.rating }).toEqual({ asOf, override: null, rating: 'red' });
      }
      expect(await ratingOf(overridden.id, today)).toMatchObject({ rating: 'green', override: { reason: 'Recovery plan agreed today', active: true } });
    });

    it('keeps the due date as it stood: moved today to 2013, it was due 13 September 2012 then', async () => {
      const then = await ratingOf(moved.id, '2012-09-14');
      expect(then.reasons[0]).toBe('due 13 Sep 2012, 1 working day overdue');
      expect((await ratingOf(moved.id, today)).reasons.join(' ')).not.toContain('13 Sep 2012');
    });

    it('lists today’s completed and moved work as overdue in the review as of 14 September 2012', async () => {
      const review = (await t.http.get('/api/reviews/overdue').query({ asOf: '2012-09-14', planId: demo.id }).expect(200)).body;
      expect(review.total).toBe(48);
      const byId = new Map(review.items.map((item: { activityId: string }) => [item.activityId, item]));
      expect(byId.get(done.id)).toMatchObject({ status: 'not_started', lastUpdate: null, dueDate: '2012-09-13' });
      expect(byId.get(moved.id)).toMatchObject({ dueDate: '2012-09-13', workingDaysOverdue: 1 });
      const now = (await t.http.get('/api/reviews/overdue').query({ asOf: today, planId: demo.id }).expect(200)).body;
      expect(now.items.map((item: { activityId: string }) => item.activityId)).not.toContain(done.id);
    });

    it('counts the plan summary as it stood: nothing complete in September 2012', async () => {
      const then = (await t.http.get(`/api/plans/${demo.id}/summary`).query({ asOf: '2012-09-14' }).expect(200)).body;
      expect(then.byStatus.complete).toBe(0);
      expect(then.percentVerified).toBe(0);
      const now = (await t.http.get(`/api/plans/${demo.id}/summary`).query({ asOf: today }).expect(200)).body;
      expect(now.byStatus.complete).toBe(1);
    });
  });

  describe('through each report (HTML text)', () => {
    it('the progress report as of 14 September 2012 does not mention today’s update, nor show the work complete', async () => {
      const html = (await t.http.get(`/api/plans/${demo.id}/progress-report`).query({ asOf: '2012-09-14' }).expect(200)).text;
      const text = textOf(html);
      expect(text).toContain('As of 14 September 2012');
      expect(text).not.toContain(TODAYS_NOTE);
      expect(text).not.toMatch(/Complete, verified/);
      expect(text).not.toContain('Recovery plan agreed today');
      const now = textOf((await t.http.get(`/api/plans/${demo.id}/progress-report`).query({ asOf: today }).expect(200)).text);
      expect(now).toContain(TODAYS_NOTE);
      expect(now).toContain('Complete, verified');
      expect(now).toContain('Recovery plan agreed today');
    });

    it('the exception report as of 14 September 2012 lists the work finished today as overdue, without today’s note or override', async () => {
      const html = (await t.http.get('/api/reviews/exceptions').query({ asOf: '2012-09-14', planId: demo.id }).expect(200)).text;
      const text = textOf(html);
      expect(text).toContain(done.text.slice(0, 40));
      expect(text).not.toContain(TODAYS_NOTE);
      expect(text).not.toContain('Recovery plan agreed today');
      const now = textOf((await t.http.get('/api/reviews/exceptions').query({ asOf: today, planId: demo.id }).expect(200)).text);
      expect(now).not.toContain(TODAYS_NOTE);
      expect(now).toContain('Recovery plan agreed today');
    });
  });

  describe('recorded on a past date (a fixed clock)', () => {
    it('shows an update from the day it was made, and not the day before', async () => {
      const [activity] = allActivities(demo).filter((a) => a.band === 'within_six_months');
      t.clock.set('2012-10-01T15:00:00+01:00');
      await t.http.post(`/api/activities/${activity.id}/updates`).send({ status: 'blocked', note: 'Waiting for the new case system' }).expect(201);
      t.clock.reset();
      expect((await ratingOf(activity.id, '2012-10-01')).reasons[0]).toBe('blocked: Waiting for the new case system');
      expect((await ratingOf(activity.id, '2012-09-30')).rating).not.toBe('red');
    });
  });
});
