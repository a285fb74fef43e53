import * as fs from 'fs';
import * as path from 'path';
import demoData from '../src/plans/demo/southampton-2012.plan.json';
import { databaseState } from './fixtures/imports/database-state';
import { PlanTreeBody, demoPlan, missingId, planTree } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

const REFERENCE = path.join(__dirname, 'fixtures/reference');
const paper = fs.readFileSync(path.join(REFERENCE, 'southampton-2012-quality-improvement-plan.txt'), 'utf8');
const ofsted = fs.readFileSync(path.join(REFERENCE, 'southampton-2012-ofsted-areas-for-improvement.txt'), 'utf8');
const bullets = ofsted.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2));

interface TreeActivity {
  text: string;
  outcomeMeasures: string[];
  cost: { text: string };
  leadAgencyText: string | null;
  leadAgencies: Array<{ name: string }>;
  dueDate: string | null;
  dueDatePrecision: string;
  version: number;
}

/** A plan as a council reads it, without ids and timestamps, to compare two plans. */
function readable(plan: PlanTreeBody) {
  return plan.sections.map((section) => ({
    title: section.title,
    sourceReference: (section as unknown as { sourceReference: string | null }).sourceReference,
    recommendations: section.recommendations.map((r) => ({
      number: r.number,
      band: r.band,
      text: (r as unknown as { text: string }).text,
      dueDate: r.dueDate,
      activities: (r.activities as unknown as TreeActivity[]).map((a) => ({
        text: a.text,
        outcomeMeasures: a.outcomeMeasures,
        cost: a.cost.text,
        leadAgencyText: a.leadAgencyText,
        leadAgencies: a.leadAgencies.map((l) => l.name),
        dueDate: a.dueDate,
      })),
    })),
  }));
}

describe('Imports: the Southampton 2012 plan and Ofsted report', () => {
  let t: TestApp;
  let demo: PlanTreeBody;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
  });
  afterAll(() => t.close());

  describe('the pasted committee paper', () => {
    it('previews 17 recommendations and 58 activities, per table and per band, and writes nothing', async () => {
      const before = await databaseState(t.dataSource);
      const response = await t.http.post('/api/imports/preview').send({ text: paper, publishedOn: '2012-06-13' }).expect(200);
      expect(await databaseState(t.dataSource)).toEqual(before);
      expect(response.body.counts).toEqual({
        sections: 2,
        recommendations: 17,
        activities: 58,
        byBand: {
          immediately: { recommendations: 3, activities: 16 },
          within_three_months: { recommendations: 10, activities: 32 },
          within_six_months: { recommendations: 4, activities: 10 },
          by_date: { recommendations: 0, activities: 0 },
        },
      });
      expect(response.body.sections.map((s: { title: string; counts: object }) => [s.title, s.counts])).toEqual([
        ['Safeguarding', { recommendations: 7, activities: 24 }],
        ['Children looked after', { recommendations: 10, activities: 34 }],
      ]);
      expect(response.body.plan).toMatchObject({ id: null, action: 'create', title: demoData.plan.title, kind: 'ofsted_inspection', columnLabels: demoData.plan.columnLabels });
    });

    it('flags the shifted row and the truncated sentence with their line numbers', async () => {
      const { body } = await t.http.post('/api/imports/preview').send({ text: paper }).expect(200);
      // The demo plan has the paper's title: without planId the import would make a second one (issue 15).
      expect(body.warnings.map((w: { code: string; line: number }) => [w.code, w.line])).toEqual([
        ['plan_exists', undefined],
        ['shifted_row', 83],
        ['truncated_text', 69],
        ['missing_lead_agency', 83],
        ['repeated_activity', 31],
        ['repeated_activity', 41],
      ]);
      expect(body.warnings[0]).toMatchObject({ planId: demo.id, message: expect.stringContaining(`send planId=${demo.id}`) });
      expect(body.warnings[1].message).toMatch(/^Line 83: the row is shifted one column to the right/);
      expect(body.warnings[2].message).toMatch(/^Line 69: the activity text stops mid-sentence: "… .*Supported through a"/);
      expect(body.notes.filter((n: { code: string }) => n.code === 'joined_across_rows').map((n: { lines: number[] }) => n.lines)).toEqual([
        [83, 88],
        [83, 88],
        [92, 97],
        [104, 109],
        [118, 123],
      ]);
    });

    it('shows the parsed costs and dates, and which agency each cell matched and how', async () => {
      const { body } = await t.http.post('/api/imports/preview').send({ text: paper, publishedOn: '2012-06-13' }).expect(200);
      const first = body.sections[0].recommendations[0];
      expect(first).toMatchObject({ number: 1, band: 'immediately', dueDate: '2012-06-27', line: 19 });
      expect(first.activities[2]).toMatchObject({
        cost: { text: '£3k per month', kind: 'amount', amountPence: 300000, period: 'monthly', annualPence: 3600000 },
        effectiveDueDate: '2012-06-27',
        line: 21,
      });
      expect(first.activities[0].leadAgencies).toEqual([
        expect.objectContaining({ text: 'SCC - CSL Directorate', name: 'SCC – CSL Directorate', matchedBy: 'name', absorbedInto: 'SCC – CSL Directorate – Safeguarding' }),
        expect.objectContaining({ text: 'Safeguarding', name: 'SCC – CSL Directorate – Safeguarding', matchedBy: 'alias' }),
        expect.objectContaining({ text: 'Commissioning', name: 'SCC – CSL Directorate – Commissioning', matchedBy: 'alias' }),
      ]);
      const paris = body.sections[1].recommendations[5].activities[0];
      expect(paris).toMatchObject({ dueDate: { date: '2012-09-01', precision: 'day', from: 'text' }, effectiveDueDate: '2012-09-01', line: 104 });
      expect(body.leadAgencies.every((a: { action: string; id: string }) => a.action === 'match' && a.id)).toBe(true);
      expect(body.leadAgencies.find((a: { name: string }) => a.name === 'SCC – CSL Directorate')).toMatchObject({
        spellings: expect.arrayContaining(['SCC - CSL Directorate', 'SCC -CSL Directorate', 'SCC – CSL']),
        parent: 'Southampton City Council',
      });
    });

    it('lets a person correct a match before committing', async () => {
      const { body } = await t.http.post('/api/imports/preview').send({ text: paper, agencyAliases: { Health: 'NHS Southampton' } }).expect(200);
      const pathway = body.sections[1].recommendations[2].activities[1];
      expect(pathway.line).toBe(89);
      expect(pathway.leadAgencies.map((p: { name: string; matchedBy: string }) => [p.name, p.matchedBy])).toEqual([
        ['SCC – CSL Directorate', 'alias'],
        ['NHS Southampton', 'request_alias'],
      ]);
    });

    it('imports it as a new plan that matches the demo plan except the hand fixes, every row on the audit record', async () => {
      const before = await databaseState(t.dataSource);
      const response = await t.http.post('/api/imports').send({ text: paper, publishedOn: '2012-06-13', paragraphs: ['23', '102'], fileName: 'qip-2012.txt' }).expect(201);
      expect(response.body.changes.summary).toEqual({
        created: { plans: 1, sections: 2, recommendations: 17, activities: 58, leadAgencies: 0, milestones: 0 },
        updated: { plans: 0, sections: 0, recommendations: 0, activities: 0 },
        unchanged: { sections: 0, recommendations: 0, activities: 0 },
        notInImport: { recommendations: 0, activities: 0 },
      });
      const imported = await planTree(t, response.body.planId);
      const theirs = readable(demo);
      const ours = readable(imported);
      // The one hand fix the paper cannot give back: line 83's lead agency, lost by the shift, borrowed from line 41.
      const fixed = theirs[1].recommendations[2].activities[0];
      expect(demoData.fixes.some((f) => f.lines.includes(83) && f.lines.includes(41))).toBe(true);
      expect(ours[1].recommendations[2].activities[0]).toEqual({ ...fixed, leadAgencyText: null, leadAgencies: [] });
      ours[1].recommendations[2].activities[0] = fixed;
      expect(ours).toEqual(theirs);

      const after = await databaseState(t.dataSource);
      expect(after.lead_agencies).toBe(before.lead_agencies);
      expect(after.activities - before.activities).toBe(58);
      const audited: Array<{ entity_type: string; action: string; count: string }> = await t.dataSource.query(
        `SELECT entity_type, action, COUNT(*) AS count FROM audit_events WHERE plan_id = $1 GROUP BY entity_type, action ORDER BY entity_type`,
        [response.body.planId],
      );
      expect(audited.map((r) => [r.entity_type, r.action, Number(r.count)])).toEqual([
        ['activity', 'create', 58],
        ['import', 'create', 1],
        ['plan', 'create', 1],
        ['recommendation', 'create', 17],
        ['section', 'create', 2],
      ]);
      const [record] = await t.dataSource.query(`SELECT after FROM audit_events WHERE entity_type = 'import' AND entity_id = $1`, [response.body.importId]);
      // Five in the paper, and the plan of the same title it would duplicate.
      expect(record.after).toMatchObject({ format: 'text', fileName: 'qip-2012.txt', warnings: 6, summary: { created: { activities: 58 } } });
    });

    it('re-importing the same paper into the demo plan changes nothing and duplicates nothing', async () => {
      const before = await databaseState(t.dataSource);
      const response = await t.http.post('/api/imports').send({ text: paper, planId: demo.id }).expect(201);
      expect(response.body.changes.summary).toEqual({
        created: { plans: 0, sections: 0, recommendations: 0, activities: 0, leadAgencies: 0, milestones: 0 },
        updated: { plans: 0, sections: 0, recommendations: 0, activities: 0 },
        unchanged: { sections: 2, recommendations: 17, activities: 58 },
        notInImport: { recommendations: 0, activities: 0 },
      });
      expect(response.body.changes.lines).toEqual([]);
      expect(await databaseState(t.dataSource)).toEqual({ ...before, audit_events: before.audit_events + 1 });
      expect(readable(await planTree(t, demo.id))).toEqual(readable(demo));
    });

    it('re-importing an edited paper updates what matched, adds what is new and reports each change with its line', async () => {
      const { body: created } = await t.http.post('/api/imports').send({ text: paper, publishedOn: '2012-06-13', title: 'Plan to re-import' }).expect(201);
      const lines = paper.split('\n');
      lines[20] = lines[20].replace('£3k per month', '£4k per month');
      lines.splice(23, 0, '\tPublish a supervision audit every quarter.\tAudit published.\tExisting resources\tSCC -CSL Directorate');
      lines[61] = lines[61].replace('7. There are sufficient', '7. There are enough');
      const edited = lines.join('\n');
      const response = await t.http.post('/api/imports').send({ text: edited, planId: created.planId }).expect(201);
      expect(response.body.changes.summary).toMatchObject({
        created: { plans: 0, sections: 0, recommendations: 0, activities: 1 },
        updated: { recommendations: 1, activities: 1 },
        unchanged: { sections: 2, recommendations: 16, activities: 57 },
      });
      expect(response.body.changes.lines.map((l: { action: string; entityType: string; line: number; fields?: object }) => [l.action, l.entityType, l.line, l.fields])).toEqual([
        ['update', 'activity', 21, { costText: { before: '£3k per month', after: '£4k per month' } }],
        ['create', 'activity', 24, undefined],
        ['update', 'recommendation', 62, { text: { before: expect.stringMatching(/^There are sufficient/), after: expect.stringMatching(/^There are enough/) } }],
      ]);
      const tree = await planTree(t, created.planId);
      const first = tree.sections[0].recommendations[0].activities as unknown as Array<TreeActivity & { position: number }>;
      expect(first.map((a) => a.text.slice(0, 30))).toHaveLength(10);
      expect(first[2]).toMatchObject({ cost: { text: '£4k per month', amountPence: 400000 }, version: 2 });
      expect(first[9]).toMatchObject({ text: 'Publish a supervision audit every quarter.', position: 10, leadAgencies: [expect.objectContaining({ name: 'SCC – CSL Directorate' })] });
      expect(tree.sections[0].recommendations[6]).toMatchObject({ version: 2 });
      const updates: Array<{ entity_type: string; before: object; after: object }> = await t.dataSource.query(
        `SELECT entity_type, before, after FROM audit_events WHERE plan_id = $1 AND action = 'update' ORDER BY id`,
        [created.planId],
      );
      expect(updates.map((u) => [u.entity_type, Object.keys(u.after).sort()])).toEqual([
        ['activity', ['costText', 'version']],
        ['recommendation', ['text', 'version']],
      ]);
    });
  });

  describe('Ofsted’s report', () => {
    it('gives 17 recommendations, bands 3 / 10 / 4, paragraphs 23 and 102, in Ofsted’s words', async () => {
      const before = await databaseState(t.dataSource);
      const { body } = await t.http.post('/api/imports/preview').send({ text: ofsted, paragraphs: ['23', '102'] }).expect(200);
      expect(await databaseState(t.dataSource)).toEqual(before);
      expect(body.format).toBe('ofsted-report');
      expect(body.counts).toMatchObject({
        sections: 2,
        recommendations: 17,
        activities: 0,
        byBand: { immediately: { recommendations: 3 }, within_three_months: { recommendations: 10 }, within_six_months: { recommendations: 4 } },
      });
      expect(body.sections.map((s: { title: string; sourceReference: string }) => [s.title, s.sourceReference])).toEqual([
        ['Safeguarding', '23'],
        ['Children looked after', '102'],
      ]);
      const recommendations = body.sections.flatMap((s: { recommendations: unknown[] }) => s.recommendations);
      expect(recommendations.map((r: { text: string }) => r.text)).toEqual(bullets);
      expect(recommendations.map((r: { sourceReference: string }) => r.sourceReference)).toEqual([...Array(7).fill('23'), ...Array(10).fill('102')]);
      expect(body.plan).toMatchObject({
        title: 'Improvement plan: Inspection of safeguarding and looked after children services: Southampton',
        source: { reportTitle: 'Inspection of safeguarding and looked after children services: Southampton', inspectionStartDate: '2012-04-23', inspectionEndDate: '2012-05-04', publishedOn: '2012-06-13' },
      });
    });

    it('says where the paragraph number is missing when the request does not give it', async () => {
      const { body } = await t.http.post('/api/imports/preview').send({ text: ofsted }).expect(200);
      expect(body.sections.map((s: { sourceReference: string | null }) => s.sourceReference)).toEqual(['23', null]);
      expect(body.warnings).toEqual([expect.objectContaining({ code: 'missing_paragraph', line: 44 })]);
    });

    it('makes a plan ready for activities, and the council’s paper then fills it, matched by table and number', async () => {
      const { body: fromReport } = await t.http.post('/api/imports').send({ text: ofsted, paragraphs: ['23', '102'] }).expect(201);
      const report = await planTree(t, fromReport.planId);
      expect(report.sections.flatMap((s) => s.recommendations.map((r) => r.dueDate)).filter((d, i, a) => a.indexOf(d) === i)).toEqual(['2012-06-27', '2012-09-13', '2012-12-13']);

      const { body } = await t.http.post('/api/imports').send({ text: paper, planId: fromReport.planId }).expect(201);
      expect(body.changes.summary).toMatchObject({
        created: { sections: 0, recommendations: 0, activities: 58 },
        updated: { recommendations: 17 },
      });
      expect(body.sections.map((s: { match: { by: string } }) => s.match.by)).toEqual(['title', 'title']);
      const plan = await planTree(t, fromReport.planId);
      expect(readable(plan).map((s) => [s.title, s.sourceReference, s.recommendations.length])).toEqual([
        ['Safeguarding', '23', 7],
        ['Children looked after', '102', 10],
      ]);
      expect(plan.sections[1].recommendations.map((r) => r.activities.length)).toEqual([4, 6, 4, 5, 2, 3, 2, 3, 4, 1]);
    });
  });

  describe('who may import', () => {
    it('is for administrators: chairs, service heads and viewers are refused, and nobody unsigned', async () => {
      for (const email of ['chair@demo.test', 'head.csl@demo.test', 'viewer@demo.test']) {
        const as = await t.as(email);
        await as.post('/api/imports/preview').send({ text: paper }).expect(403);
        await as.post('/api/imports').send({ text: paper }).expect(403);
      }
      await t.anon.post('/api/imports/preview').send({ text: paper }).expect(401);
    });

    it('answers 404 for a plan that does not exist', async () => {
      const response = await t.http.post('/api/imports').send({ text: paper, planId: missingId() }).expect(404);
      expect(response.body.message).toMatch(/No plan with id/);
    });
  });
});
