import { DEFAULT_BAND_OFFSETS, WorkingDayCalendar } from '../deadlines';
import { KnownAgency } from './agency-matching';
import { ExistingPlan, changeLines, planImportWork, summarise } from './import-diff';
import { resolveImport } from './import-resolver';
import { readPlanTable } from './parsers/plan-table';
import { linesOfPastedText } from './parsers/table-sources';

const HEADER = 'Area for development - Ofsted report\tActivity to be delivered\tOutcome measure\tCost (if app.)\tLead agency';
const agencies: KnownAgency[] = [
  { id: 'scc', name: 'Southampton City Council', shortName: 'SCC', aliases: [], parentId: null },
  { id: 'police', name: 'Police', shortName: null, aliases: [], parentId: null },
];

function resolve(rows: string[]) {
  return resolveImport({
    parsed: readPlanTable(linesOfPastedText([HEADER, ...rows].join('\n')), { format: 'text', what: 'The text' }),
    agencies,
    calendar: new WorkingDayCalendar(),
    plan: { title: null, kind: null, publishedOn: null, bandOffsets: DEFAULT_BAND_OFFSETS, startsOn: null, endsOn: null },
  });
}

const activity = (id: string, text: string, extra: Partial<ExistingPlan['sections'][0]['recommendations'][0]['activities'][0]> = {}) => ({
  id,
  text,
  position: 1,
  version: 1,
  outcomeMeasures: ['Done.'],
  costText: 'None',
  leadAgencyText: 'SCC',
  leadAgencyIds: ['scc'],
  leadAgencyNames: ['Southampton City Council'],
  dueDateOverride: null,
  dueDatePrecision: 'day' as const,
  timescale: null,
  milestones: [],
  ...extra,
});

const existing: ExistingPlan = {
  id: 'plan',
  title: 'Plan',
  version: 1,
  publishedOn: null,
  inspectionStartDate: null,
  inspectionEndDate: null,
  sourceReportTitle: null,
  startsOn: null,
  endsOn: null,
  abbreviations: [],
  sections: [
    {
      id: 's1',
      title: 'Front door',
      sourceReference: null,
      position: 1,
      version: 1,
      recommendations: [
        {
          id: 'r1',
          number: 1,
          text: 'Screen contacts.',
          band: 'immediately',
          targetDate: null,
          sourceReference: null,
          version: 1,
          activities: [activity('a1', 'Daily huddle.'), activity('a2', 'Audit decisions.', { leadAgencyText: 'Police', leadAgencyIds: ['police'], leadAgencyNames: ['Police'] })],
        },
      ],
    },
  ],
};

const idOf = (ref: { kind: string; id?: string }) => (ref.kind === 'existing' ? ref.id! : null);

describe('planImportWork: re-importing into an existing plan', () => {
  it('matches the same plan row for row and changes nothing', () => {
    const work = planImportWork(
      resolve(['<b>Front door: Immediately</b>\t\t\t\t', '1. Screen contacts.\tDaily huddle.\tDone.\tNone\tSCC', '\tAudit decisions.\tDone.\tNone\tPolice']),
      existing,
      idOf,
    );
    expect(summarise(work, false, 0)).toEqual({
      created: { plans: 0, sections: 0, recommendations: 0, activities: 0, leadAgencies: 0, milestones: 0 },
      updated: { plans: 0, sections: 0, recommendations: 0, activities: 0 },
      unchanged: { sections: 1, recommendations: 1, activities: 2 },
      notInImport: { recommendations: 0, activities: 0 },
    });
    expect(changeLines(work, 'plan')).toEqual([]);
  });

  it('matches activities by text whatever their case and spacing, updates what changed and adds what is new', () => {
    const work = planImportWork(
      resolve([
        '<b>Front door: within three months</b>\t\t\t\t',
        '1. Screen all contacts.\tDAILY  huddle\tDone.  Reported.\t£3k per month\tSCC',
        '\tNew activity.\tDone.\tNone\tPolice',
        '2. A new recommendation.\tIts activity.\tDone.\tNone\tSCC',
      ]),
      existing,
      idOf,
    );
    const lines = changeLines(work, 'plan');
    expect(lines.map((l) => [l.action, l.entityType, l.id, Object.keys(l.fields ?? {}), l.place?.line])).toEqual([
      ['update', 'recommendation', 'r1', ['text', 'band'], 3],
      ['update', 'activity', 'a1', ['text', 'outcomeMeasures', 'costText'], 3],
      ['create', 'activity', null, [], 4],
      ['create', 'recommendation', null, [], 5],
      ['create', 'activity', null, [], 5],
    ]);
    expect(work.notInImport).toEqual([{ entityType: 'activity', id: 'a2', section: 'Front door', recommendation: 1, text: 'Audit decisions.' }]);
  });

  it('never blanks what the plan has: an empty cell leaves the value alone', () => {
    const work = planImportWork(resolve(['<b>Front door: Immediately</b>\t\t\t\t', '1. Screen contacts.\tDaily huddle.\t\t\t', '\tAudit decisions.\tDone.\tNone\tPolice']), existing, idOf);
    expect(changeLines(work, 'plan')).toEqual([]);
  });

  it('changes the lead agencies when the cell names others', () => {
    const work = planImportWork(resolve(['<b>Front door: Immediately</b>\t\t\t\t', '1. Screen contacts.\tDaily huddle.\tDone.\tNone\tSCC and Police', '\tAudit decisions.\tDone.\tNone\tPolice']), existing, idOf);
    expect(changeLines(work, 'plan').map((l) => l.fields)).toEqual([
      {
        leadAgencyText: { before: 'SCC', after: 'SCC and Police' },
        leadAgencies: { before: ['Southampton City Council'], after: ['Southampton City Council', 'Police'] },
      },
    ]);
  });

  it('puts a table with another title alongside, unless its paragraph matches', () => {
    const work = planImportWork(resolve(['<b>Care leavers: Immediately</b>\t\t\t\t', '1. Screen contacts.\tDaily huddle.\tDone.\tNone\tSCC']), existing, idOf);
    expect(work.sections.map((s) => [s.resolved.title, s.existing?.id ?? null])).toEqual([['Care leavers', null]]);
    expect(summarise(work, false, 0).notInImport).toEqual({ recommendations: 1, activities: 0 });
  });
});

describe('planImportWork: the plan’s period and key on re-import (issue 15)', () => {
  const OUTCOME_HEADER = 'Outcome\tAction\tBy who\tBy when\tMeasure of success';
  const text = ['Business Plan 2015-18', 'Key', 'QA: Quality Assurance Group', 'Exec: Executive Group', OUTCOME_HEADER, 'Children are safe\tReview the plan\tQA\tQuarterly\tReviewed'].join('\n');
  const kept = { ...existing, title: 'Business Plan 2015-18', sections: [] };
  const work = (plan: Partial<ExistingPlan>, request: { startsOn?: string; endsOn?: string } = {}) =>
    planImportWork(
      resolveImport({
        parsed: readPlanTable(linesOfPastedText(text), { format: 'text', what: 'The text' }),
        agencies,
        calendar: new WorkingDayCalendar(),
        plan: { title: null, kind: null, publishedOn: null, bandOffsets: DEFAULT_BAND_OFFSETS, startsOn: request.startsOn ?? null, endsOn: request.endsOn ?? null, existing: { title: kept.title, startsOn: plan.startsOn ?? null, endsOn: plan.endsOn ?? null } },
      }),
      { ...kept, ...plan },
      idOf,
    ).planChanges;

  it.each<[string, Partial<ExistingPlan>, { startsOn?: string; endsOn?: string }, Record<string, unknown>]>([
    ['fills a period the plan lacks', {}, {}, { startsOn: { before: null, after: '2015-04-01' }, endsOn: { before: null, after: '2018-03-31' } }],
    ['leaves the period the plan keeps', { startsOn: '2015-05-01', endsOn: '2018-04-30' }, {}, {}],
    ['changes it when the request says so', { startsOn: '2015-05-01', endsOn: '2018-04-30' }, { endsOn: '2017-03-31' }, { endsOn: { before: '2018-04-30', after: '2017-03-31' } }],
  ])('%s', (_name, plan, request, expected) => {
    const changes = work({ abbreviations: [{ abbreviation: 'QA', meaning: 'Quality Assurance Group' }, { abbreviation: 'Exec', meaning: 'Executive Group' }], ...plan }, request);
    expect(changes).toEqual(expected);
  });

  it('adds the abbreviations the plan’s key lacks and keeps its own meanings', () => {
    const changes = work({ startsOn: '2015-04-01', endsOn: '2018-03-31', abbreviations: [{ abbreviation: 'QA', meaning: 'Quality Assurance' }] });
    expect(changes).toEqual({
      abbreviations: {
        before: [{ abbreviation: 'QA', meaning: 'Quality Assurance' }],
        after: [
          { abbreviation: 'QA', meaning: 'Quality Assurance' },
          { abbreviation: 'Exec', meaning: 'Executive Group' },
        ],
      },
    });
  });
});
