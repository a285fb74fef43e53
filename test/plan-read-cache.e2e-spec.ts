import { Client } from 'pg';
import { DemoPlanLoader } from '../src/plans/demo/demo-plan.loader';
import { PLAN_CHANGE_ROWS_KEPT } from '../src/plans/plan-read-cache';
import { PlanTreeBody, allActivities, demoPlan } from './support/plans-fixtures';
import { TestApp, startTestApp, statementsDuring } from './support/test-app';

/**
 * The tree and the appendix are kept between reads while their plan is
 * unchanged (src/plans/plan-read-cache.ts), and PostgreSQL's triggers count
 * every committed change to a plan's rows (migrations/…-PlanChanges.ts). A
 * read after any change, by the API or by SQL from another connection,
 * shows the change.
 */
describe('Plans kept between reads', () => {
  let t: TestApp;
  let plan: PlanTreeBody;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    plan = await demoPlan(t);
  });
  afterAll(async () => t?.close());

  const tree = async (planId = plan.id) => (await t.http.get(`/api/plans/${planId}`).expect(200)).text;
  const appendix = async (planId = plan.id) => (await t.http.get(`/api/plans/${planId}/appendix`).expect(200)).text;
  const changeMark = async (planId = plan.id): Promise<number> =>
    Number((await t.dataSource.query(`SELECT COALESCE(sum(weight), 0) AS n FROM plan_changes WHERE plan_id = $1 OR plan_id IS NULL`, [planId]))[0].n);

  it('sends the tree as the JSON Nest would write for it', async () => {
    const response = await t.http.get(`/api/plans/${plan.id}`).expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.text).toBe(JSON.stringify(response.body));
    expect(response.body.id).toBe(plan.id);
  });

  /** The first activity with outcome measures and lead agencies, and where it sits. */
  function anActivity() {
    for (const section of plan.sections) {
      for (const recommendation of section.recommendations) {
        for (const activity of recommendation.activities) {
          const measures = (activity as unknown as { outcomeMeasures: string[] }).outcomeMeasures;
          if (measures.length && activity.leadAgencies.length) return { section, recommendation, activity };
        }
      }
    }
    throw new Error('The demo plan has an activity with measures and lead agencies');
  }

  // [table, the change by SQL, the text the tree then shows (null: the tree does not show this table), the text the appendix then shows]
  const changes: Array<[string, (ids: ReturnType<typeof anActivity>) => [string, unknown[]], string | null, string | null]> = [
    ['plans', () => [`UPDATE plans SET title = 'Plan retitled by hand' WHERE id = $1`, [plan.id]], 'Plan retitled by hand', 'Plan retitled by hand'],
    ['sections', ({ section }) => [`UPDATE sections SET title = 'Table retitled by hand' WHERE id = $1`, [section.id]], 'Table retitled by hand', 'Table retitled by hand'],
    ['recommendations', ({ recommendation }) => [`UPDATE recommendations SET text = 'Recommendation reworded by hand' WHERE id = $1`, [recommendation.id]], 'Recommendation reworded by hand', 'Recommendation reworded by hand'],
    ['activities', ({ activity }) => [`UPDATE activities SET text = 'Activity reworded by hand' WHERE id = $1`, [activity.id]], 'Activity reworded by hand', 'Activity reworded by hand'],
    ['outcome_measures', ({ activity }) => [`UPDATE outcome_measures SET text = 'Measure reworded by hand' WHERE activity_id = $1 AND position = 1`, [activity.id]], 'Measure reworded by hand', 'Measure reworded by hand'],
    ['lead_agencies', ({ activity }) => [`UPDATE lead_agencies SET name = 'Agency renamed by hand', short_name = NULL WHERE id = $1`, [activity.leadAgencies[0].id]], 'Agency renamed by hand', null],
    ['activity_lead_agencies', ({ activity }) => [`DELETE FROM activity_lead_agencies WHERE activity_id = $1`, [activity.id]], null, null],
    [
      'activity_timescales',
      ({ activity }) => [`INSERT INTO activity_timescales (activity_id, text) VALUES ($1, 'Quarterly, set by hand') ON CONFLICT (activity_id) DO UPDATE SET text = EXCLUDED.text`, [activity.id]],
      null,
      null,
    ],
    ['activity_milestones', ({ activity }) => [`INSERT INTO activity_milestones (activity_id, position, due_date, label) VALUES ($1, 99, '2013-03-31', 'Set by hand')`, [activity.id]], null, null],
  ];

  it.each(changes)('shows a change to %s on the next read, made by SQL on another connection', async (table, change, inTree, inAppendix) => {
    plan = (await t.http.get(`/api/plans/${plan.id}`).expect(200)).body;
    const ids = anActivity();
    const [treeBefore, appendixBefore, markBefore] = [await tree(), await appendix(), await changeMark()];
    // Read twice: the second is the kept one, so what follows proves the kept copies are let go.
    expect(await tree()).toBe(treeBefore);
    expect(await appendix()).toBe(appendixBefore);

    const client = new Client({ connectionString: t.config.migrationDatabaseUrl });
    await client.connect();
    try {
      const [sql, parameters] = change(ids);
      expect((await client.query(sql, parameters)).rowCount).toBeGreaterThan(0);
    } finally {
      await client.end();
    }

    expect(await changeMark()).toBeGreaterThan(markBefore);
    const [treeAfter, appendixAfter] = [await tree(), await appendix()];
    if (inTree) expect(treeAfter).toContain(inTree);
    if (inAppendix) expect(appendixAfter).toContain(inAppendix);
    if (table === 'activity_lead_agencies') {
      const after = allActivities(JSON.parse(treeAfter)).find((activity) => activity.id === ids.activity.id)!;
      expect(after.leadAgencies).toEqual([]);
    }
    // Every change here shows in the tree or the appendix, except the "By when" and milestones of an
    // inspection plan's activity, which neither prints (the mark still moved, so nothing kept is given).
    if (!['activity_timescales', 'activity_milestones'].includes(table)) expect([treeAfter !== treeBefore, appendixAfter !== appendixBefore]).toContain(true);
  });

  it('shows a change made through the API on the next read', async () => {
    const before = JSON.parse(await tree());
    await appendix();
    await t.http.patch(`/api/plans/${plan.id}`).send({ version: before.version, title: 'Plan retitled through the API' }).expect(200);
    expect(JSON.parse(await tree()).title).toBe('Plan retitled through the API');
    expect(await appendix()).toContain('Plan retitled through the API');
  });

  it('answers 404 for a deleted plan it had kept, and keeps no count for it', async () => {
    const created = (await t.http.post('/api/plans').send({ title: 'A plan to delete', kind: 'other', sections: [{ title: 'Only table' }] }).expect(201)).body;
    await tree(created.id);
    await tree(created.id);
    await t.http.delete(`/api/plans/${created.id}`).query({ version: created.version }).expect(204);
    await t.http.get(`/api/plans/${created.id}`).expect(404);
    await t.http.get(`/api/plans/${created.id}/appendix`).expect(404);
    expect(await t.dataSource.query(`SELECT 1 FROM plan_changes WHERE plan_id = $1`, [created.id])).toEqual([]);
  });

  it('counts a transaction once per plan, however many statements and rows it changes', async () => {
    const before = await changeMark();
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE activities SET updated_at = updated_at WHERE plan_id = $1`, [plan.id]);
      await manager.query(`UPDATE outcome_measures SET text = text WHERE activity_id IN (SELECT id FROM activities WHERE plan_id = $1)`, [plan.id]);
      await manager.query(`UPDATE plans SET updated_at = updated_at WHERE id = $1`, [plan.id]);
    });
    expect(await changeMark()).toBe(before + 1);
    // A savepoint rolled back takes its note with it, so the change after it is still counted.
    await t.dataSource.transaction(async (manager) => {
      await manager.query('SAVEPOINT before_change');
      await manager.query(`UPDATE plans SET updated_at = updated_at WHERE id = $1`, [plan.id]);
      await manager.query('ROLLBACK TO SAVEPOINT before_change');
      await manager.query(`UPDATE plans SET title = 'Retitled after a savepoint' WHERE id = $1`, [plan.id]);
    });
    expect(await changeMark()).toBe(before + 2);
    expect(JSON.parse(await tree()).title).toBe('Retitled after a savepoint');
  });

  it('notes nothing for a statement that changed no row, so what is kept stays kept', async () => {
    await tree();
    const before = await changeMark();
    await t.dataSource.query(`UPDATE lead_agencies SET name = name WHERE false`);
    await t.dataSource.query(`DELETE FROM activities WHERE plan_id = $1 AND false`, [plan.id]);
    await t.dataSource.query(`INSERT INTO lead_agencies (name) SELECT name FROM lead_agencies WHERE false`);
    expect(await changeMark()).toBe(before);
    // And a lead agency's real change is a change to every plan.
    await t.dataSource.query(`UPDATE lead_agencies SET aliases = aliases WHERE id = (SELECT id FROM lead_agencies LIMIT 1)`);
    expect(await changeMark()).toBe(before + 1);
  });

  it(`folds a plan's change rows into one when there are more than ${PLAN_CHANGE_ROWS_KEPT}, keeping the count`, async () => {
    const created = (await t.http.post('/api/plans').send({ title: 'A much-changed plan', kind: 'other', sections: [{ title: 'Only table' }] }).expect(201)).body;
    await tree(created.id);
    await t.dataSource.query(`INSERT INTO plan_changes (plan_id) SELECT $1 FROM generate_series(1, $2::int)`, [created.id, PLAN_CHANGE_ROWS_KEPT + 5]);
    await t.dataSource.query(`INSERT INTO plan_changes (plan_id) SELECT NULL FROM generate_series(1, $1::int)`, [PLAN_CHANGE_ROWS_KEPT + 5]);
    const count = await changeMark(created.id);

    await tree(created.id);
    const rows = async (where: string, parameters: unknown[]) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM plan_changes WHERE ${where}`, parameters))[0].n;
    expect([await rows('plan_id = $1', [created.id]), await rows('plan_id IS NULL', [])]).toEqual([1, 1]);
    expect(await changeMark(created.id)).toBe(count);

    // And a change after the fold still shows.
    await t.dataSource.query(`UPDATE plans SET title = 'Retitled after the fold' WHERE id = $1`, [created.id]);
    expect(JSON.parse(await tree(created.id)).title).toBe('Retitled after the fold');
  });

  it("gives a service head the tree narrowed to their reach, not the whole tree kept for others, and the reverse", async () => {
    const whole = allActivities(JSON.parse(await tree())).length;
    const head = await t.as('head.nhs@demo.test');
    const narrowed = (await head.get(`/api/plans/${plan.id}`).expect(200)).body;
    expect(allActivities(narrowed).length).toBeGreaterThan(0);
    expect(allActivities(narrowed).length).toBeLessThan(whole);
    expect(allActivities(JSON.parse(await tree())).length).toBe(whole);
    // A paper shows the whole plan, so it stays refused to them, kept or not.
    await head.get(`/api/plans/${plan.id}/appendix`).expect(403);
  });
});

describe('Plans kept between reads: memory bounded by PLAN_CACHE_MB', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function statementsFor(app: TestApp, planId: string): Promise<number> {
    return (await statementsDuring(app.dataSource, () => app.http.get(`/api/plans/${planId}`).expect(200))).length;
  }

  it('keeps nothing with PLAN_CACHE_MB=0: every read makes the tree afresh', async () => {
    t = await startTestApp({ demo: true, config: { planCacheBytes: 0 } });
    const plan = await demoPlan(t);
    // Authentication with the change mark, then the plan's four reads, each time.
    expect([await statementsFor(t, plan.id), await statementsFor(t, plan.id)]).toEqual([5, 5]);
  });

  it('lets the least recently read plan go when the next would not fit', async () => {
    // Room for one demo tree (about 70 KB of JSON, twice that in memory) and not two.
    t = await startTestApp({ demo: true, config: { planCacheBytes: 200_000 } });
    // demoPlan() has read the first plan's tree once: it is kept.
    const first = (await demoPlan(t)).id;
    const second = await t.app.get(DemoPlanLoader).load();
    // Kept: one statement (authentication with the change mark); made: that and the plan's four reads.
    expect(await statementsFor(t, first)).toBe(1);
    expect(await statementsFor(t, second)).toBe(5);
    expect(await statementsFor(t, second)).toBe(1);
    // The first went to make room for the second.
    expect(await statementsFor(t, first)).toBe(5);
  });
});
