import { readFileSync } from 'fs';
import * as path from 'path';
import { linesOfCsv } from '../../imports/parsers/table-sources';
import type { Month } from '../domain';
import { ExistingIndicator, ImportContext, IndicatorImportPlan, looksYearToDate, planIndicatorImport } from './import-plan';
import { readIndicatorTable } from './indicator-table';

const FIXTURE = readFileSync(path.resolve(__dirname, '../../../test/fixtures/indicators/board-report-wide.csv'), 'utf8');
const SECTIONS = [
  { id: 's1', title: 'Effective assessment and intervention' },
  { id: 's2', title: 'Children in Care' },
  { id: 's3', title: 'Early Help' },
];

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  return { sections: SECTIONS, indicators: new Map(), ratings: new Map(), currentMonth: '2022-07', createSections: false, fileName: 'board.csv', ...overrides };
}

const plan = (csv: string, ctx: ImportContext = context()) => planIndicatorImport(readIndicatorTable(linesOfCsv(csv)), ctx);

/** The plan's record after committing `done`, as the next import would find it. */
function recordOf(done: IndicatorImportPlan): ImportContext['indicators'] {
  return new Map(
    done.indicators.map((i): [string, ExistingIndicator] => [
      i.key,
      {
        id: i.key,
        title: i.title,
        unit: i.unit!,
        polarity: i.polarity,
        cumulation: i.cumulation,
        sectionIds: [],
        values: new Map(i.values.map((v) => [v.month, { ...v.next, id: `${i.key}:${v.month}`, version: 1 }])),
        targets: new Map(i.targets.map((t) => [t.financialYear, { ...t.next, id: `${i.key}:${t.financialYear}`, version: 1 }])),
        comparators: new Map(i.comparators.map((c) => [c.nameKey, { ...c.next, id: `${i.key}:${c.nameKey}`, version: 1 }])),
      },
    ]),
  );
}

describe('planIndicatorImport: what an import would do to a plan', () => {
  it('matches the sheet’s priorities to the plan’s sections by title and plans every indicator, value, target and comparator as new', () => {
    const result = plan(FIXTURE);
    expect(result.priorities.map((p) => [p.title, p.action, p.section?.id ?? null])).toEqual([
      ['Effective Assessment and Intervention', 'matched', 's1'],
      ['Children in Care', 'matched', 's2'],
      ['Early Help', 'matched', 's3'],
    ]);
    expect(result.problems).toEqual({});
    expect(result.summary).toMatchObject({ sectionsCreated: 0, indicatorsCreated: 12, indicatorsUpdated: 0, valuesCorrected: 0, ratingsRecorded: 2 });
    // 12 rows x 9 months, less the blank, unreadable and missing cells.
    expect(result.summary.valuesCreated).toBe(result.indicators.reduce((n, i) => n + i.values.length, 0));
    const rate = result.indicators.find((i) => i.title.startsWith('Rates of Single Assessments'))!;
    expect(rate).toMatchObject({ unit: 'rate_per_10000', polarity: 'higher_is_better', cumulation: 'year_to_date' });
    expect(result.indicators.find((i) => i.title === 'Number of contacts')).toMatchObject({ unit: 'number', polarity: 'context_only', cumulation: 'month' });
    expect(result.priorities[0].rating).toEqual({ outcome: 'created', current: undefined, next: { rating: 'amber', riskLabel: 'medium', reason: 'as stated in the imported board report "board.csv"' } });
  });

  it('imported again, changes nothing', () => {
    const first = plan(FIXTURE);
    const rated = (index: number) => ({ ...first.priorities[index].rating!.next, id: `rating-${index}`, version: 1 });
    const again = plan(FIXTURE, context({ indicators: recordOf(first), ratings: new Map([['s1', rated(0)], ['s2', rated(1)]]) }));
    expect(again.summary).toEqual({
      sectionsCreated: 0,
      indicatorsCreated: 0,
      indicatorsUpdated: 0,
      indicatorsUnchanged: 12,
      valuesCreated: 0,
      valuesCorrected: 0,
      valuesUnchanged: first.summary.valuesCreated,
      targetsSet: 0,
      comparatorsSet: 0,
      ratingsRecorded: 0,
    });
  });

  it('takes a changed figure as a correction, and leaves a month the sheet leaves blank as recorded', () => {
    const first = plan(FIXTURE);
    const record = recordOf(first);
    const corrected = FIXTURE.replace('Percentage of re-referrals within 12 months,PERCENTAGE,21%,22%,23%,22%,24%,25%,24%,,26%', 'Percentage of re-referrals within 12 months,PERCENTAGE,21%,22%,23%,22%,24%,25%,24%,,27%');
    // May was blank in the first sheet; say it was recorded since by hand.
    const reReferrals = record.get('percentage of re referrals within 12 months')!;
    (reReferrals.values as Map<Month, unknown>).set('2022-05', { value: 25.5, notAvailable: false, numerator: 51, denominator: 200, status: 'final', note: null, id: 'may', version: 1 });
    const result = plan(corrected, context({ indicators: record }));
    const planned = result.indicators.find((i) => i.key === 'percentage of re referrals within 12 months')!;
    expect(planned.action).toBe('update');
    expect(planned.values.filter((v) => v.outcome !== 'unchanged').map((v) => [v.month, v.current?.value, v.next.value, v.outcome])).toEqual([['2022-06', 26, 27, 'changed']]);
    expect(planned.values.some((v) => v.month === '2022-05')).toBe(false);
    expect(result.summary).toMatchObject({ valuesCorrected: 1, indicatorsUpdated: 1 });
  });

  it('proposes a priority the plan lacks as a new section, and refuses to commit it unless asked', () => {
    const sections = SECTIONS.filter((s) => s.id !== 's3');
    const refused = plan(FIXTURE, context({ sections }));
    expect(refused.priorities[2]).toMatchObject({ title: 'Early Help', action: 'unmatched', section: null });
    expect(refused.problems).toEqual({
      'priorities[2]': 'row 14, column \'Indicator\': the priority "Early Help" is not a section of the plan; rename it to match a section, or import again with createSections to add it as a new section',
    });
    const created = plan(FIXTURE, context({ sections, createSections: true }));
    expect(created.priorities[2].action).toBe('create');
    expect(created.problems).toEqual({});
    expect(created.summary.sectionsCreated).toBe(1);
  });

  it('refuses a new indicator whose unit cannot be told, naming the row', () => {
    const result = plan(['Indicator,Oct-21,Nov-21', 'Average caseload,18,19'].join('\n'));
    expect(result.problems).toEqual({
      'indicators[0].unit': "row 2, column 'Indicator': the unit of \"Average caseload\" cannot be told; add an Outturn type column (PERCENTAGE, NUMBER, RATE, DAYS, RATIO)",
    });
  });

  it('keeps the chair’s rating on record when the sheet states another, with a warning', () => {
    const result = plan(FIXTURE, context({ ratings: new Map([['s1', { rating: 'red', riskLabel: 'high', reason: 'the chair’s', id: 'r1', version: 1 }]]) }));
    expect(result.priorities[0].rating).toBeNull();
    expect(result.messages.map((m) => m.message)).toContain(
      'row 4, column \'Indicator\': the sheet rates "Effective Assessment and Intervention" Amber, Medium Risk; the chair\'s rating for June 2022 on record, Red, High Risk, is kept',
    );
  });

  it('leaves out months after the current one, saying so', () => {
    const result = plan(FIXTURE, context({ currentMonth: '2022-05' }));
    expect(result.indicators[0].values.map((v) => v.month)).not.toContain('2022-06');
    expect(result.messages.some((m) => /June 2022 is after the current month: left out/.test(m.message))).toBe(true);
  });

  it.each<[string, Parameters<typeof looksYearToDate>[1], boolean]>([
    ['restarts in April, grows within the year', [['2022-02', 465], ['2022-03', 510.3], ['2022-04', 45.2], ['2022-05', 90.8]].map(([month, value]) => ({ month: month as Month, value: value as number })), true],
    ['a monthly count that dips in April', [['2022-02', 120], ['2022-03', 131], ['2022-04', 99], ['2022-05', 104]].map(([month, value]) => ({ month: month as Month, value: value as number })), false],
    ['grows but never restarts', [['2021-10', 1], ['2021-11', 2], ['2021-12', 3], ['2022-01', 4]].map(([month, value]) => ({ month: month as Month, value: value as number })), false],
  ])('year to date? %s: %s', (_rule, values, expected) => {
    expect(looksYearToDate('rate_per_10000', values)).toBe(expected);
  });
});
