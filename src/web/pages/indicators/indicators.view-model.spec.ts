import type { RenderedChart } from '../../../indicators/charts';
import type { IndicatorView, ValueView } from '../../../indicators/indicator-views';
import { describeIndicator, indicatorPageViewModel, indicatorsPageViewModel, indicatorSummary, latestMonthOf, performanceInputOf, returnMonths, chartOnPage } from './indicators.view-model';

function indicator(overrides: Partial<IndicatorView> = {}): IndicatorView {
  return {
    id: 'i1',
    planId: 'p1',
    position: 1,
    title: 'Percentage of re-referrals within 12 months',
    definition: null,
    unit: 'percentage',
    polarity: 'lower_is_better',
    frequency: 'monthly',
    cumulation: 'month',
    owner: { id: 'u1', name: 'Olive Owner' },
    leadAgencies: [{ id: 'a1', name: 'Safeguarding' }],
    priorities: [{ sectionId: 's1', title: 'Effective assessment', position: 1 }],
    outcomeMeasures: [],
    tolerance: null,
    targets: [{ financialYear: 2022, month: null, text: '23%', kind: 'value', comparison: null, value: 23, version: 1 }],
    comparators: [{ name: 'Statistical Neighbours', kind: 'statistical_neighbours', financialYear: 2021, source: null, value: 28, version: 1 }],
    version: 1,
    createdAt: new Date('2022-04-01T00:00:00Z'),
    updatedAt: new Date('2022-04-01T00:00:00Z'),
    can: { enterValues: true, manage: false },
    ...overrides,
  };
}

function value(month: string, figure: number | null, extra: Partial<ValueView> = {}): ValueView {
  return {
    month: month as ValueView['month'],
    value: figure,
    notAvailable: false,
    numerator: null,
    denominator: null,
    status: null,
    note: null,
    version: 1,
    enteredBy: { id: 'u1', name: 'Olive Owner' },
    fromImport: null,
    recordedAt: new Date('2022-07-05T10:00:00Z'),
    supersededAt: null,
    ...extra,
  };
}

describe('indicator pages: view models', () => {
  it('reads targets as the rules do: a year, a month, a bound and TBC', () => {
    const input = performanceInputOf(
      indicator({
        targets: [
          { financialYear: 2022, month: null, text: '23%', kind: 'value', comparison: null, value: 23, version: 1 },
          { financialYear: null, month: '2022-06', text: '<25%', kind: 'bound', comparison: '<', value: 25, version: 1 },
          { financialYear: 2023, month: null, text: 'TBC', kind: 'tbc', comparison: null, value: null, version: 1 },
        ],
      }),
      [],
      { basis: 'units', green: 1, amber: 3 },
    );
    expect(input.targets).toEqual([
      { appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 23 } },
      { appliesTo: { month: '2022-06' }, target: { kind: 'bound', comparison: '<', value: 25 } },
      { appliesTo: { financialYear: 2023 }, target: { kind: 'tbc' } },
    ]);
    // The plan's default stands in for an indicator without its own tolerance; its own wins.
    expect(input.tolerance).toEqual({ basis: 'units', green: 1, amber: 3 });
    expect(performanceInputOf(indicator({ tolerance: { basis: 'percent_of_target', green: 2, amber: 4 } }), [], null).tolerance).toEqual({ basis: 'percent_of_target', green: 2, amber: 4 });
  });

  it.each([
    ['the latest month with a figure', [value('2022-05', 20), value('2022-06', 26), value('2022-04', 21)], '2022-06'],
    ['a month recorded as not available counts', [value('2022-05', 20), value('2022-06', null, { notAvailable: true })], '2022-06'],
    ['with nothing recorded, the month before the current one', [], '2022-07'],
  ])('judges an indicator on %s', (_case, values, month) => {
    expect(latestMonthOf(values, '2022-08')).toBe(month);
  });

  it('describes what the figures are', () => {
    expect(describeIndicator(indicator())).toBe('Percentage, lower is better, monthly');
    expect(describeIndicator(indicator({ unit: 'rate_per_10000', cumulation: 'year_to_date', polarity: null, frequency: 'quarterly' }))).toBe('Rate per 10,000, year to date, which way is better not yet set, quarterly');
  });

  it('summarises the latest month against target in the board’s words: RAG with reasons, direction of travel, comparators', () => {
    const summary = indicatorSummary(indicator(), [value('2021-06', 26), value('2022-05', 28), value('2022-06', 26, { status: 'provisional' })], null, '2022-07', 'chart-1');
    expect(summary).toMatchObject({
      href: '/plans/p1/indicators/i1',
      month: 'June 2022',
      latest: '26%',
      provisional: true,
      target: '23%',
      // The default tolerance: within 5% of the target green, 5-15% amber.
      rag: { text: 'Amber', classes: 'govuk-tag--orange' },
      reasons: ['26% against a target of 23% (lower is better): 3 points worse (13% of the target), within the amber tolerance'],
      comparators: ['Better than statistical neighbours 21/22 (28%)'],
      owner: 'Olive Owner',
      leadAgencies: 'Safeguarding',
      canEnterValues: true,
    });
    expect(summary.travel[0]).toMatch(/^Improving from 28% in May 2022/);
    expect(summary.travel[1]).toMatch(/^No change from 26% in June 2021/);
    expect(summary.chart.input.months).toHaveLength(9);
    expect(summary.chart.input.months[8]).toBe('2022-06');
  });

  it('says there is no data rather than leaving a gap', () => {
    const summary = indicatorSummary(indicator(), [], null, '2022-07', 'chart-1');
    expect(summary).toMatchObject({ month: 'June 2022', latest: 'No data', rag: { text: 'Not rated', classes: 'govuk-tag--grey' } });
    expect(summary.reasons).toEqual(['No data for June 2022']);
  });

  it('groups by priority in the plan’s order, lists an indicator under each priority it evidences, and draws its chart once', () => {
    const a = indicatorSummary(indicator({ id: 'a', title: 'A', priorities: [{ sectionId: 's2', title: 'Second', position: 1 }, { sectionId: 's1', title: 'First', position: 1 }] }), [], null, '2022-07', 'chart-1');
    const b = indicatorSummary(indicator({ id: 'b', title: 'B', priorities: [] }), [], null, '2022-07', 'chart-2');
    const c = indicatorSummary(indicator({ id: 'c', title: 'C', priorities: [{ sectionId: 's1', title: 'First', position: 2 }] }), [], null, '2022-07', 'chart-3');
    const svg = { tag: 'svg', attributes: [], text: null, children: [{ tag: 'g', attributes: [{ name: 'role', value: 'graphics-symbol' }, { name: 'aria-roledescription', value: 'symbol mark container' }, { name: 'fill', value: 'none' }], text: null, children: [] }] };
    const model = indicatorsPageViewModel({
      plan: { id: 'p1', title: 'Plan' },
      sectionOrder: ['s1', 's2'],
      summaries: [a, b, c],
      charts: new Map<string, RenderedChart>([['chart-1', { svg, text: 'A drawn' }]]),
      chartTexts: new Map([['chart-1', 'A said'], ['chart-2', 'B said'], ['chart-3', 'C said']]),
      manage: true,
      wholePlan: true,
    });
    expect(model.groups.map((g) => [g.title, g.rows.map((r) => r.title), g.charts.map((chart) => chart.title)])).toEqual([
      ['First', ['A', 'C'], ['A', 'C']],
      ['Second', ['A'], []],
      ['Indicators not linked to a priority', ['B'], ['B']],
    ]);
    // A drawn chart is one image named by its caption; one not drawn keeps its sentence.
    const drawn = model.groups[0].charts[0];
    expect(drawn.text).toBe('A drawn');
    expect(drawn.svg?.attributes).toEqual(expect.arrayContaining([{ name: 'role', value: 'img' }, { name: 'aria-labelledby', value: 'chart-1-text' }]));
    expect(drawn.svg?.children[0]).toEqual({ tag: 'title', attributes: [], text: 'A', children: [] });
    // Its parts have no roles of their own: one image.
    expect(drawn.svg?.children[1]).toEqual({ tag: 'g', attributes: [{ name: 'fill', value: 'none' }], text: null, children: [] });
    expect(model.groups[0].charts[1]).toEqual({ id: 'chart-3', title: 'C', text: 'C said', svg: null });
    expect(model).toMatchObject({ total: 3, manage: true, addHref: '/admin/plans/p1/indicators/new' });
  });

  it.each([
    ['monthly', ['2022-07', '2022-06', '2022-05']],
    ['quarterly', ['2022-06', '2022-03', '2021-12']],
    ['annual', ['2022-03']],
  ] as const)('lists the %s return months newest first', (frequency, first) => {
    expect(returnMonths(frequency, '2022-07').slice(0, 3)).toEqual(first);
  });

  it('gives each return month its figure, mark and a link to enter or correct it, for those who enter values only', () => {
    const view = indicator();
    const values = [value('2022-06', 26), value('2022-05', 22)];
    const summary = indicatorSummary(view, values, null, '2022-07', 'chart-1');
    const chart = chartOnPage('chart-1', view.title, undefined, 'said');
    const model = indicatorPageViewModel({ indicator: view, summary, values, planTolerance: null, thisMonth: '2022-07', chart });
    expect(model.months.slice(0, 3).map((m) => [m.label, m.text, m.rag?.text ?? null, m.enter?.text, m.enter?.href])).toEqual([
      ['July 2022', 'No data', null, 'Enter', '/plans/p1/indicators/i1/values/2022-07'],
      ['June 2022', '26%', 'Amber', 'Correct', '/plans/p1/indicators/i1/values/2022-06'],
      ['May 2022', '22%', 'Green', 'Correct', '/plans/p1/indicators/i1/values/2022-05'],
    ]);
    expect(model.targets).toEqual([{ applies: '2022/23', text: '23%' }]);
    const reader = indicator({ can: { enterValues: false, manage: false } });
    const read = indicatorPageViewModel({ indicator: reader, summary: indicatorSummary(reader, values, null, '2022-07', 'chart-1'), values, planTolerance: null, thisMonth: '2022-07', chart });
    expect(read.months.every((m) => m.enter === null)).toBe(true);
    expect(read.manageHref).toBeNull();
  });
});
