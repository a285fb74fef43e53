import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_BAND_OFFSETS, WorkingDayCalendar } from '../deadlines';
import demo from '../plans/demo/southampton-2012.plan.json';
import { KnownAgency } from './agency-matching';
import { ImportProblem } from './import-model';
import { ResolveInput, resolveImport } from './import-resolver';
import { readPlanTable } from './parsers/plan-table';
import { linesOfPastedText } from './parsers/table-sources';

const fixtures = path.join(__dirname, '../../test/fixtures');
const paper = fs.readFileSync(path.join(fixtures, 'reference/southampton-2012-quality-improvement-plan.txt'), 'utf8');
const businessPlan = fs.readFileSync(path.join(fixtures, 'imports/outcome-first-business-plan.txt'), 'utf8');
const agencies: KnownAgency[] = demo.leadAgencies.map((a) => ({ id: a.name, name: a.name, shortName: a.shortName, aliases: a.aliases, parentId: a.parent }));

function resolve(text: string, plan: Partial<ResolveInput['plan']> = {}, extra: Partial<ResolveInput> = {}) {
  return resolveImport({
    parsed: readPlanTable(linesOfPastedText(text), { format: 'text', what: 'The text' }),
    agencies,
    calendar: new WorkingDayCalendar(),
    plan: { title: null, kind: null, publishedOn: null, bandOffsets: DEFAULT_BAND_OFFSETS, startsOn: null, endsOn: null, ...plan },
    ...extra,
  });
}

describe('resolveImport on the reference paper, against the demo’s agencies', () => {
  const resolved = resolve(paper, { publishedOn: '2012-06-13' }, { paragraphs: ['23', '102'] });
  const fixes = new Set(demo.fixes.filter((f) => /lead agency/i.test(f.defect)).flatMap((f) => f.lines));

  it('gives the hand-checked demo plan back, except the lead agency the paper lost on line 83', () => {
    const ours = resolved.sections.map((s) => ({
      title: s.title,
      sourceReference: s.sourceReference,
      recommendations: s.recommendations.map((r) => ({
        number: r.number,
        band: r.band,
        text: r.text,
        sourceReference: r.sourceReference,
        activities: r.activities.map((a) => ({
          text: a.text,
          outcomeMeasures: a.outcomeMeasures,
          costText: a.cost.text,
          leadAgencyText: a.leadAgencyText,
          leadAgencies: a.leadAgencies.filter((p) => !p.absorbedInto).map((p) => p.name),
          sourceLines: a.places.map((p) => p.line),
          ...(a.dueDate ? { dueDate: a.dueDate.date } : {}),
        })),
      })),
    }));
    const theirs = demo.sections.map((s) => ({
      ...s,
      recommendations: s.recommendations.map((r) => ({
        ...r,
        activities: r.activities.map((a) => (fixes.has(a.sourceLines[0]) && a.sourceLines[0] === 83 ? { ...a, leadAgencyText: null, leadAgencies: [] } : a)),
      })),
    }));
    expect(ours).toEqual(theirs);
    expect(resolved.newAgencies).toEqual([]);
  });

  it('warns about the shifted row, the lost lead agency, the truncated sentence and the repeated activities, with their lines', () => {
    expect(resolved.warnings.map((w) => [w.code, w.lines ?? w.line])).toEqual([
      ['shifted_row', 83],
      ['truncated_text', 69],
      ['missing_lead_agency', [83, 88]],
      ['repeated_activity', [31, 34, 75, 82, 91, 101, 103, 110, 112, 125]],
      ['repeated_activity', [41, 83]],
    ]);
  });

  it('parses costs and works out due dates from the publication date and the bands', () => {
    const all = resolved.sections.flatMap((s) => s.recommendations);
    expect(all.map((r) => r.dueDate).filter((d, i, a) => a.indexOf(d) === i)).toEqual(['2012-06-27', '2012-09-13', '2012-12-13']);
    const hr = all[0].activities[2];
    expect(hr.cost).toMatchObject({ text: '£3k per month', kind: 'amount', amountPence: 300000, period: 'monthly', annualPence: 3600000 });
    const paris = resolved.sections[1].recommendations[5].activities[0];
    expect([paris.dueDate, paris.effectiveDueDate]).toEqual([{ date: '2012-09-01', precision: 'day', from: 'text' }, '2012-09-01']);
  });
});

describe('resolveImport on an outcome-first plan', () => {
  const resolved = resolve(businessPlan, { startsOn: '2015-04-01', kind: 'business_plan' });
  const activities = resolved.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities));
  const byText = (start: string) => activities.find((a) => a.text.startsWith(start))!;

  it('reads months, cadences and several years into due dates and milestones', () => {
    expect(byText('Roll out').dueDate).toEqual({ date: '2016-04-30', precision: 'month', from: 'timescale' });
    const quarterly = byText('Review the CSE action plan');
    expect(quarterly.timescale).toMatchObject({ text: 'Quarterly review of action plans', cadence: 'quarterly' });
    expect(quarterly.timescale!.milestones.map((m) => m.date)).toEqual([
      '2015-06-30', '2015-09-30', '2015-12-31', '2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31', '2017-03-31', '2017-06-30', '2017-09-30',
    ]);
    expect(quarterly.dueDate).toEqual({ date: '2017-09-30', precision: 'month', from: 'timescale' });
    const yearly = byText('Train taxi drivers');
    expect(yearly.timescale!.milestones.map((m) => [m.date, m.label])).toEqual([
      ['2015-09-30', 'September 2015'],
      ['2016-09-30', 'September 2016'],
      ['2017-09-30', 'September 2017'],
    ]);
    expect(byText('Annual report').timescale!.milestones.map((m) => m.date)).toEqual(['2016-04-30', '2017-04-30']);
  });

  it('dates each outcome by its latest action', () => {
    expect(resolved.sections.flatMap((s) => s.recommendations.map((r) => [r.number, r.band, r.targetDate, r.dueDate]))).toEqual([
      [1, 'by_date', '2017-09-30', '2017-09-30'],
      [2, 'by_date', '2017-09-30', '2017-09-30'],
      [1, 'by_date', '2017-04-30', '2017-04-30'],
    ]);
  });

  it('reads the key to abbreviations and leads joined by " / "', () => {
    expect(byText('Roll out').leadAgencies.map((p) => [p.text, p.name, p.matchedBy])).toEqual([
      ['CEA', 'Child Exploitation and Abuse sub-group', 'plan_key'],
      ['P&P', 'Policy and Procedures sub-group', 'plan_key'],
    ]);
    expect(byText('Annual report').leadAgencies.map((p) => [p.name, p.matchedBy])).toEqual([['Southampton Local Safeguarding Children Board', 'alias']]);
  });

  it('warns about an unreadable date, a date before the plan starts and an action with no measure', () => {
    expect(resolved.warnings.map((w) => [w.code, w.line])).toEqual([
      ['unreadable_date', 18],
      ['empty_measures', 19],
      ['date_before_plan_start', 19],
    ]);
  });

  it('asks for the plan’s period when a cadence has nothing to count from', () => {
    const unstarted = resolve(businessPlan);
    expect(unstarted.warnings.find((w) => w.code === 'no_plan_start')).toMatchObject({ line: 9, lines: [9, 11, 20] });
    expect(activities.length).toBe(unstarted.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities)).length);
  });
});

describe('resolveImport refuses what a plan cannot hold, naming the line', () => {
  const HEADER = 'Area for development - Ofsted report\tActivity to be delivered\tOutcome measure\tCost (if app.)\tLead agency';
  it.each([
    ['an activity of more than 5,000 characters', `1. A.\t${'x'.repeat(5001)}\tDone.\tNone\tSCC`, /Line 3: the activity text is 5,001 characters long/],
    ['a cost of more than 1,000 characters', `1. A.\tDo it.\tDone.\t${'£'.repeat(1001)}\tSCC`, /Line 3: the cost is 1,001 characters long/],
    ['more than 50 outcome measures', `1. A.\tDo it.\t${Array.from({ length: 51 }, (_, i) => `M${i}`).join('  ')}\tNone\tSCC`, /Line 3: the activity has 51 outcome measures/],
  ])('%s', (_name, row, message) => {
    try {
      resolve([HEADER, 'Immediately\t\t\t\t', row].join('\n'));
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportProblem);
      expect((error as ImportProblem).message).toMatch(message);
      expect((error as ImportProblem).place).toEqual({ line: 3 });
    }
  });

  it('refuses a publication date whose deadlines fall outside the years of known bank holidays', () => {
    expect(() => resolve([HEADER, 'Immediately\t\t\t\t', '1. A.\tDo it.\tDone.\tNone\tSCC'].join('\n'), { publishedOn: '2999-01-01' })).toThrow(/The deadlines cannot be worked out/);
  });

  it('gives a recommendation with no band the six-month band, and warns', () => {
    const resolved = resolve([HEADER, '1. A.\tDo it.\tDone.\tNone\tSCC'].join('\n'));
    expect(resolved.sections[0].recommendations[0].band).toBe('within_six_months');
    expect(resolved.warnings.map((w) => w.code)).toEqual(['no_timescale']);
  });
});

describe('resolveImport: the plan’s period (issue 15)', () => {
  const lscb = fs.readFileSync(path.join(fixtures, 'imports/lscb-business-plan-2015-18.txt'), 'utf8');
  const period = (plan: Partial<ResolveInput['plan']>) => {
    const resolved = resolve(lscb, plan);
    return [resolved.plan.startsOn, resolved.plan.endsOn, resolved.plan.periodFrom.startsOn, resolved.plan.periodFrom.endsOn, resolved.notes.some((n) => n.code === 'proposed_period')];
  };

  it.each<[string, Partial<ResolveInput['plan']>, unknown[]]>([
    ['from the title, with a note', {}, ['2015-04-01', '2018-03-31', 'title', 'title', true]],
    ['as the request gives it', { startsOn: '2015-06-01', endsOn: '2017-12-31' }, ['2015-06-01', '2017-12-31', 'request', 'request', false]],
    ['half from the request, half from the title', { startsOn: '2015-06-01' }, ['2015-06-01', '2018-03-31', 'request', 'title', true]],
    ['as the plan keeps it, over the title', { existing: { title: 'Business Plan 2015-18', startsOn: '2015-05-01', endsOn: '2018-04-30' } }, ['2015-05-01', '2018-04-30', 'plan', 'plan', false]],
    ['from the title of the plan it goes into', { existing: { title: 'Business Plan 2016/17', startsOn: null, endsOn: null } }, ['2016-04-01', '2017-03-31', 'title', 'title', true]],
    ['from a title the request gives', { title: 'LSCB Business Plan 2014-16' }, ['2014-04-01', '2016-03-31', 'title', 'title', true]],
  ])('%s', (_name, plan, expected) => {
    expect(period(plan)).toEqual(expected);
  });

  it('is left unset for a plan whose title names none and that has no recurring commitments', () => {
    const resolved = resolve(paper, { publishedOn: '2012-06-13' });
    expect([resolved.plan.startsOn, resolved.plan.endsOn]).toEqual([null, null]);
  });

  it('lays out recurring milestones within it', () => {
    const resolved = resolve(lscb, { existing: { title: 'Business Plan 2015-18', startsOn: '2015-04-01', endsOn: '2016-03-31' } });
    const quarterly = resolved.sections[2].recommendations[0].activities[0];
    expect(quarterly.timescale?.milestones.map((m) => m.date)).toEqual(['2015-06-30', '2015-09-30', '2015-12-31', '2016-03-31']);
  });

  it('carries the plan’s key in its order', () => {
    expect(resolve(lscb).plan.abbreviations.map((a) => a.abbreviation)).toEqual(['Board', 'Exec', 'L&D', 'QA', '4LSCB']);
  });
});
