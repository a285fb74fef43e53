import * as fs from 'fs';
import * as htmlparser2 from 'htmlparser2';
import * as domutils from 'domutils';
import type { Element } from 'domhandler';
import * as path from 'path';
import { databaseState } from './fixtures/imports/database-state';
import { PlanTreeBody, planTree } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Issue 15: an outcome-first business plan kept as its authors wrote it. The
 * fixture has the real plan's shape: a key to abbreviations above the tables
 * (one-capital and digit-first entries), "Priority n:" headings outside the
 * table lines (with and without trailing tabs), an outcome continued across a
 * page break with its priority heading printed again between the two parts,
 * "Quarterly" and "September 2015 / 16 / 17" timescales, and a lead, "Chair",
 * that the key does not name.
 */

const plan = fs.readFileSync(path.join(__dirname, 'fixtures/imports/lscb-business-plan-2015-18.txt'));

/** The plan as written: priority -> outcome -> actions (with their leads). */
const AS_WRITTEN: Array<[string, Array<[string, Array<[string, string]>]>]> = [
  [
    'Priority 1: Ensure safeguarding is a whole city theme',
    [
      [
        "Safeguarding is understood as everybody's business across the city",
        [
          ['Agree a safeguarding statement with every partner agency', 'Board'],
          ['Hold a safeguarding week each year with the Safeguarding Adults Board', 'Board / Exec'],
          ["Publish the Board's annual report", 'Chair'],
        ],
      ],
      ['Partners hold each other to account', [['Run a challenge event for partner agencies', 'Exec']]],
    ],
  ],
  [
    'Priority 2: Early help is offered as soon as problems emerge',
    [
      [
        'Children and young people at risk of neglect are protected from harm earlier in their experiences.',
        [
          ['Roll out the neglect toolkit to all front-line practitioners', 'L&D'],
          ['Audit the use of the neglect toolkit', 'QA'],
          ['Train multi-agency staff in early help assessment', 'L&D / CSL - Safeguarding'],
        ],
      ],
      ['Families get help from the right service first time', [['Publish the threshold document', 'Board']]],
    ],
  ],
  [
    'Priority 3: Children are safe from sexual exploitation and going missing',
    [
      [
        'Children at risk of exploitation are identified early',
        [
          ['Use the exploitation screening tool in every referral', '4LSCB'],
          ['Map exploitation hot spots with the police', 'Exec / Police'],
        ],
      ],
      ['Children who go missing are found and helped', [['Offer a return interview after every missing episode', 'CSL - Safeguarding']]],
    ],
  ],
  [
    'Priority 4: Learning from reviews changes practice',
    [
      [
        'Learning from serious case reviews changes practice',
        [
          ['Publish a seven-minute briefing for each review', 'L&D'],
          ['Audit neglect cases across agencies', 'QA'],
        ],
      ],
    ],
  ],
  [
    'Priority 5: The voice of the child is heard',
    [
      [
        "Children's views shape services",
        [
          ["Hold a young people's conference each year", 'Board'],
          ['Report what children told us to the Board', 'Chair'],
        ],
      ],
    ],
  ],
];

interface Tree {
  sections: Array<{ title: string; recommendations: Array<{ text: string; activities: Array<{ text: string; leadAgencyText: string | null }> }> }>;
}
const shape = (tree: Tree) =>
  tree.sections.map((s) => [s.title, s.recommendations.map((r) => [r.text, r.activities.map((a) => [a.text, a.leadAgencyText])])]);

const all = (root: Element | Element[], test: (el: Element) => boolean): Element[] => domutils.findAll(test, Array.isArray(root) ? root : [root]);
const text = (node: Element | Element[]) => domutils.textContent(node).replace(/\s+/g, ' ').trim();

describe('Imports: an outcome-first business plan kept as written (issue 15)', () => {
  let t: TestApp;
  let planId: string;
  let imported: PlanTreeBody & { startsOn: string | null; endsOn: string | null; abbreviations: Array<{ abbreviation: string; meaning: string }> };
  let lscbId: string;
  let safeguardingId: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    const agencies = (await t.http.get('/api/lead-agencies?pageSize=200').expect(200)).body.items as Array<{ id: string; name: string; shortName: string | null }>;
    lscbId = agencies.find((a) => a.shortName === 'LSCB')!.id;
    safeguardingId = agencies.find((a) => a.shortName === 'CSL Safeguarding')!.id;
  });
  afterAll(() => t.close());

  describe('the preview', () => {
    let body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    beforeAll(async () => {
      const before = await databaseState(t.dataSource);
      body = (await t.http.post('/api/imports/preview').attach('file', plan, 'lscb-business-plan-2015-18.txt').expect(200)).body;
      expect(await databaseState(t.dataSource)).toEqual(before);
    });

    it('has a table per priority, its outcomes and their actions exactly as written', () => {
      expect(body).toMatchObject({ format: 'text', layout: 'outcome-first', plan: { title: 'Business Plan 2015-18', kind: 'business_plan' } });
      expect(shape(body as Tree)).toEqual(AS_WRITTEN);
      expect(body.counts).toMatchObject({ sections: 5, recommendations: 8, activities: 15 });
      expect(body.sections.map((s: { line: number }) => s.line)).toEqual([11, 18, 28, 34, 39]);
    });

    it('joins the outcome continued across the page break, past the priority heading printed again', () => {
      const outcome = body.sections[1].recommendations[0];
      expect(outcome).toMatchObject({ line: 20, lines: [20, 25] });
      expect(body.notes.filter((n: { code: string }) => n.code === 'joined_across_rows')).toEqual([expect.objectContaining({ lines: [20, 25] })]);
    });

    it('proposes the plan’s period from its title, and says so', () => {
      expect(body.plan).toMatchObject({ startsOn: '2015-04-01', endsOn: '2018-03-31', periodFrom: { startsOn: 'title', endsOn: 'title' } });
      expect(body.notes.find((n: { code: string }) => n.code === 'proposed_period').message).toBe(
        'The plan\'s period is taken from its title "Business Plan 2015-18": 1 April 2015 to 31 March 2018, financial years (2015-18); send startsOn and endsOn to change it',
      );
    });

    it('lays out "Quarterly" and "September 2015 / 16 / 17" within that period', () => {
      const activities = body.sections.flatMap((s: Tree['sections'][number]) => s.recommendations.flatMap((r) => r.activities)) as Array<{
        text: string;
        timescale: { text: string; cadence: string | null; milestones: Array<{ date: string }> };
        dueDate: { date: string };
      }>;
      const byText = (start: string) => activities.find((a) => a.text.startsWith(start))!;
      expect(byText('Audit the use').timescale.milestones.map((m) => m.date)).toEqual([
        '2015-06-30', '2015-09-30', '2015-12-31', '2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31', '2017-03-31', '2017-06-30', '2017-09-30', '2017-12-31', '2018-03-31',
      ]);
      expect(byText('Use the exploitation screening').timescale).toMatchObject({ text: 'Quarterly', cadence: 'quarterly' });
      expect(byText('Use the exploitation screening').dueDate.date).toBe('2018-03-31');
      expect(byText('Hold a safeguarding week').timescale.milestones.map((m) => m.date)).toEqual(['2015-09-30', '2016-09-30', '2017-09-30']);
      expect(byText('Hold a young people').timescale.milestones.map((m) => m.date)).toEqual(['2016-04-30', '2017-04-30']);
    });

    it('matches the key’s abbreviations to the council’s agencies, or proposes them with their short names', () => {
      const agency = (spelling: string) => body.leadAgencies.find((a: { spellings: string[] }) => a.spellings.includes(spelling));
      // "Board: The full board / LSCB": the council knows the LSCB.
      expect(agency('Board')).toMatchObject({ id: lscbId, action: 'match', matchedBy: ['plan_key'] });
      expect(['Exec', 'L&D', 'QA', '4LSCB'].map((s) => [agency(s).name, agency(s).action, agency(s).shortName, agency(s).matchedBy])).toEqual([
        ['Executive Group', 'create', 'Exec', ['plan_key']],
        ['Learning and Development Group', 'create', 'L&D', ['plan_key']],
        ['Quality Assurance Group', 'create', 'QA', ['plan_key']],
        ['Hampshire, Isle of Wight, Portsmouth & Southampton', 'create', '4LSCB', ['plan_key']],
      ]);
      // "CSL - Safeguarding" is the division whose short name is "CSL Safeguarding".
      expect(agency('CSL - Safeguarding')).toMatchObject({ id: safeguardingId, action: 'match', matchedBy: ['short_name'] });
      expect(agency('Police')).toMatchObject({ action: 'match', matchedBy: ['name'] });
      expect(body.plan.abbreviations.map((a: { abbreviation: string }) => a.abbreviation)).toEqual(['Board', 'Exec', 'L&D', 'QA', '4LSCB']);
    });

    it('lists the lead the key does not name and nothing matches, for a person to map, and creates nothing for it', () => {
      expect(body.unmatchedLeadAgencies).toEqual([{ text: 'Chair', activities: 2, line: 15, lines: [15, 42] }]);
      expect(body.warnings.find((w: { code: string }) => w.code === 'unmatched_lead_agency')).toMatchObject({ line: 15, lines: [15, 42], message: expect.stringMatching(/^Line 15: "Chair" is not in the plan's key/) });
      expect(body.leadAgencies.some((a: { name: string }) => a.name === 'Chair')).toBe(false);
      const publish = body.sections[0].recommendations[0].activities[2];
      expect(publish.leadAgencies).toEqual([{ text: 'Chair', name: 'Chair', id: null, matchedBy: 'unmatched' }]);
    });

    it('takes a person’s mapping of the unmatched lead', async () => {
      const mapped = (await t.http.post('/api/imports/preview').attach('file', plan, 'plan.txt').field('agencyAliases', JSON.stringify({ Chair: 'Southampton Local Safeguarding Children Board' })).expect(200)).body;
      expect(mapped.unmatchedLeadAgencies).toEqual([]);
      expect(mapped.sections[0].recommendations[0].activities[2].leadAgencies).toEqual([{ text: 'Chair', name: 'Southampton Local Safeguarding Children Board', id: lscbId, matchedBy: 'request_alias' }]);
    });
  });

  describe('the import', () => {
    beforeAll(async () => {
      const response = await t.http.post('/api/imports').attach('file', plan, 'lscb-business-plan-2015-18.txt').expect(201);
      planId = response.body.planId;
      expect(response.body.changes.summary.created).toEqual({ plans: 1, sections: 5, recommendations: 8, activities: 15, leadAgencies: 4, milestones: 12 + 3 + 12 + 12 + 3 + 2 + 12 });
      imported = (await planTree(t, planId)) as typeof imported;
    });

    it('keeps the plan as written, with its period and its key', () => {
      expect(shape(imported as unknown as Tree)).toEqual(AS_WRITTEN);
      expect(imported).toMatchObject({ title: 'Business Plan 2015-18', kind: 'business_plan', startsOn: '2015-04-01', endsOn: '2018-03-31' });
      expect(imported.abbreviations).toEqual([
        { abbreviation: 'Board', meaning: 'The full board / LSCB' },
        { abbreviation: 'Exec', meaning: 'Executive Group' },
        { abbreviation: 'L&D', meaning: 'Learning and Development Group' },
        { abbreviation: 'QA', meaning: 'Quality Assurance Group' },
        { abbreviation: '4LSCB', meaning: 'Hampshire, Isle of Wight, Portsmouth & Southampton' },
      ]);
    });

    it('creates the key’s agencies with their short names, links each action to its leads, and leaves "Chair" unlinked', async () => {
      const agencies = (await t.http.get('/api/lead-agencies?pageSize=200').expect(200)).body.items as Array<{ name: string; shortName: string | null }>;
      expect(agencies.filter((a) => ['Exec', 'L&D', 'QA', '4LSCB'].includes(a.shortName ?? '')).map((a) => [a.shortName, a.name]).sort()).toEqual([
        ['4LSCB', 'Hampshire, Isle of Wight, Portsmouth & Southampton'],
        ['Exec', 'Executive Group'],
        ['L&D', 'Learning and Development Group'],
        ['QA', 'Quality Assurance Group'],
      ]);
      expect(agencies.some((a) => a.name === 'Chair')).toBe(false);
      const actions = imported.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities)) as unknown as Array<{ text: string; leadAgencyText: string; leadAgencies: Array<{ name: string }> }>;
      const leads = (start: string) => actions.find((a) => a.text.startsWith(start))!.leadAgencies.map((l) => l.name);
      expect(leads('Hold a safeguarding week')).toEqual(['Southampton Local Safeguarding Children Board', 'Executive Group']);
      expect(leads('Train multi-agency staff')).toEqual(['Learning and Development Group', 'SCC – CSL Directorate – Safeguarding']);
      expect(leads("Publish the Board's annual report")).toEqual([]);
      expect(actions.find((a) => a.text.startsWith("Publish the Board's annual report"))!.leadAgencyText).toBe('Chair');
    });

    it('re-imported into the plan without a period, uses the stored one and changes nothing', async () => {
      const before = await databaseState(t.dataSource);
      const again = await t.http.post('/api/imports').attach('file', plan, 'lscb-business-plan-2015-18.txt').field('planId', planId).expect(201);
      expect(again.body.plan).toMatchObject({ startsOn: '2015-04-01', endsOn: '2018-03-31', periodFrom: { startsOn: 'plan', endsOn: 'plan' } });
      expect(again.body.changes.summary).toEqual({
        created: { plans: 0, sections: 0, recommendations: 0, activities: 0, leadAgencies: 0, milestones: 0 },
        updated: { plans: 0, sections: 0, recommendations: 0, activities: 0 },
        unchanged: { sections: 5, recommendations: 8, activities: 15 },
        notInImport: { recommendations: 0, activities: 0 },
      });
      expect(again.body.warnings.map((w: { code: string }) => w.code)).not.toContain('plan_exists');
      expect(await databaseState(t.dataSource)).toEqual({ ...before, audit_events: before.audit_events + 1 });
    });

    it('moves the period, and the recurring milestones with it, only when the request says so', async () => {
      const shorter = (await t.http.post('/api/imports/preview').attach('file', plan, 'plan.txt').field('planId', planId).field('endsOn', '2017-03-31').expect(200)).body;
      expect(shorter.changes.lines[0]).toMatchObject({ action: 'update', entityType: 'plan', fields: { endsOn: { before: '2018-03-31', after: '2017-03-31' } } });
      const audit = shorter.sections[1].recommendations[0].activities[1];
      expect(audit.changes.milestones.after.slice(-1)).toEqual(['2017-03-31']);
    });

    it('warns that importing it again without planId would make a second plan', async () => {
      const before = await databaseState(t.dataSource);
      const again = (await t.http.post('/api/imports/preview').attach('file', plan, 'plan.txt').expect(200)).body;
      expect(again.warnings[0]).toEqual({
        code: 'plan_exists',
        planId,
        message: `A plan titled "Business Plan 2015-18" already exists (${planId}); this import would create a second plan. To bring it into that plan, send planId=${planId}`,
      });
      expect(await databaseState(t.dataSource)).toEqual(before);
    });
  });

  describe('the paper', () => {
    let doc: Element[];
    beforeAll(async () => {
      doc = htmlparser2.parseDocument((await t.http.get(`/api/plans/${planId}/appendix`).expect(200)).text).children as Element[];
    });

    it('introduces the plan in its own words: five priorities, their outcomes and actions, and its period', () => {
      const intro = all(doc, (el) => el.name === 'section' && el.attribs.class === 'intro')[0];
      expect(text(all(intro, (el) => el.name === 'p')[0])).toBe(
        'This business plan for 2015-18 sets out five priorities, with eight outcomes and 15 actions: ' +
          'Priority 1: Ensure safeguarding is a whole city theme (two outcomes, four actions); ' +
          'Priority 2: Early help is offered as soon as problems emerge (two outcomes, four actions); ' +
          'Priority 3: Children are safe from sexual exploitation and going missing (two outcomes, three actions); ' +
          'Priority 4: Learning from reviews changes practice (one outcome, two actions) and ' +
          'Priority 5: The voice of the child is heard (one outcome, two actions).',
      );
    });

    it('prints priority -> outcome -> action in the plan’s order, not by due date', () => {
      const tables = all(doc, (el) => el.name === 'table');
      expect(tables.map((table) => text(all(table, (el) => el.name === 'caption')))).toEqual(AS_WRITTEN.map(([priority]) => priority));
      expect(all(doc, (el) => el.name === 'tr' && el.attribs.class === 'band')).toEqual([]);
      const printed = tables.map((table) =>
        all(table, (el) => el.name === 'tr' && el.attribs.class === 'activity').map((row) => text(all(row, (el) => el.name === 'td')[0])),
      );
      expect(printed).toEqual(AS_WRITTEN.map(([, outcomes]) => outcomes.flatMap(([, actions]) => actions.map(([action]) => action))));
      const outcomes = tables.map((table) => all(table, (el) => el.name === 'th' && el.attribs.scope === 'row').map(text));
      expect(outcomes[1]).toEqual(['1. Children and young people at risk of neglect are protected from harm earlier in their experiences.', '2. Families get help from the right service first time']);
    });

    it('explains every abbreviation the plan uses from the plan’s own key', () => {
      const key = all(doc, (el) => el.name === 'section' && el.attribs.class === 'abbreviations')[0];
      const terms = all(key, (el) => el.name === 'dt').map(text);
      const meanings = all(key, (el) => el.name === 'dd').map(text);
      expect(terms.map((term, i) => [term, meanings[i]])).toEqual([
        ['Board', 'The full board / LSCB'],
        ['Exec', 'Executive Group'],
        ['L&D', 'Learning and Development Group'],
        ['QA', 'Quality Assurance Group'],
        ['4LSCB', 'Hampshire, Isle of Wight, Portsmouth & Southampton'],
        ['CSL', "Children's Services and Learning"],
      ]);
    });
  });

  describe('the plan’s period through the plans API', () => {
    it('is shown, set and validated like the plan’s other dates', async () => {
      const current = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
      const changed = await t.http.patch(`/api/plans/${planId}`).send({ version: current.version, startsOn: '2015-05-01', endsOn: '2018-04-30' }).expect(200);
      expect(changed.body).toMatchObject({ startsOn: '2015-05-01', endsOn: '2018-04-30' });
      const backwards = await t.http.patch(`/api/plans/${planId}`).send({ version: changed.body.version, endsOn: '2015-01-31' }).expect(400);
      expect(backwards.body.errors).toEqual({ endsOn: 'must not be before startsOn' });
      const notADate = await t.http.patch(`/api/plans/${planId}`).send({ version: changed.body.version, startsOn: '2015-02-30' }).expect(400);
      expect(notADate.body.errors).toEqual({ startsOn: 'must be a real date written YYYY-MM-DD' });
      const created = await t.http
        .post('/api/plans')
        .send({ title: 'Business Plan 2016/17', kind: 'business_plan', startsOn: '2016-04-01', endsOn: '2017-03-31', abbreviations: [{ abbreviation: 'QA', meaning: 'Quality Assurance Group' }] })
        .expect(201);
      expect(created.body).toMatchObject({ startsOn: '2016-04-01', endsOn: '2017-03-31', abbreviations: [{ abbreviation: 'QA', meaning: 'Quality Assurance Group' }] });
      const badKey = await t.http.post('/api/plans').send({ title: 'Plan', kind: 'business_plan', abbreviations: [{ abbreviation: '', meaning: 'x' }] }).expect(400);
      expect(Object.keys(badKey.body.errors)).toEqual(['abbreviations[0].abbreviation']);
    });
  });
});
