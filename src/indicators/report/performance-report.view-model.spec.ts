import { parseSvg } from '../charts/svg-tree';
import type { RenderedChart } from '../charts/chart-renderer';
import { chartId, labelledChart, performanceChartInputs, performanceReportView } from './performance-report.view-model';
import { boardInput, contacts } from './testing/performance-input';

const options = { appendix: '3', title: null };

describe('performanceReportView', () => {
  const view = performanceReportView(boardInput(), new Map(), options);
  const [assessmentPriority, care] = view.priorities;

  it('titles the report and marks a draft', () => {
    expect(view.title).toBe('Appendix 3: Performance report on the Children’s Services Improvement Plan, June 2022');
    expect(view.fileName).toBe('appendix-3-performance-report-on-the-children-s-services-improvement-plan-june-2022');
    expect(view.draft).toBe(true);
    expect(view.asOf).toBe('June 2022');
    expect(view.summary).toBe('As of June 2022, of the two priorities in this report, one Amber and one Green; four indicators are reported, each against its target and comparators.');
  });

  it("heads each priority with its RAG and risk label, the chair's reason first and the record's counts after", () => {
    expect(assessmentPriority.heading).toBe('Effective Assessment and Intervention — RAG: Amber, Medium Risk');
    expect(assessmentPriority.tone).toBe('amber');
    expect(assessmentPriority.reasons).toEqual([
      'Rated Amber, Medium Risk by Jane Smith on 14 Jun 2022 (until 31 Aug 2022): re-referrals are falling since the front door changed',
      'The record alone says Red',
      'Indicators: 1 red, 1 amber, 1 not rated',
      'Activities: 1 red, 1 amber, 1 green',
      'Red: Percentage of re-referrals within 12 months: 26% against a target of 23% (lower is better): 3 points worse, beyond the amber tolerance',
      'Amber: Rates of Single Assessments completed per 10,000: 130.5 per 10,000 against a target of 137.5 per 10,000 (higher is better): 7 per 10,000 worse (5.1% of the target), within the amber tolerance',
    ]);
    expect(care.heading).toBe('Children in Care — RAG: Green');
    expect(care.reasons).toEqual(['Indicators: 1 without data', 'Activities: 1 green', 'Percentage of children in care visited within timescale: not available for June 2022']);
  });

  it('prints the last nine months, each value in words as well as colour, with no data and N/A said', () => {
    const table = assessmentPriority.table!;
    expect(table.caption).toBe('Effective Assessment and Intervention: indicators, October 2021 to June 2022');
    expect(table.monthLabels).toEqual(['Oct-21', 'Nov-21', 'Dec-21', 'Jan-22', 'Feb-22', 'Mar-22', 'Apr-22', 'May-22', 'Jun-22']);
    expect(table.comparatorLabels).toEqual(['Southampton 19/20', 'Statistical Neighbours', 'England']);
    expect(table.columns.map((c) => c.label)).toEqual(['Indicator', ...table.monthLabels, 'Target', ...table.comparatorLabels, 'RAG and why']);
    expect(table.columns.reduce((sum, c) => sum + c.width, 0)).toBe(100);

    const [reReferrals, rate, counts] = table.rows;
    expect(reReferrals.description).toBe('Percentage, rolling 12 months, lower is better');
    expect(reReferrals.months.slice(6)).toEqual([
      { text: '24%', mark: 'Green', tone: 'green', note: null },
      { text: 'No data', mark: null, tone: null, note: null },
      { text: '26%', mark: 'Red', tone: 'red', note: 'prov.' },
    ]);
    expect(reReferrals.months[0]).toEqual({ text: '21%', mark: 'Green', tone: 'green', note: null });
    expect(reReferrals.months[5]).toEqual({ text: '25%', mark: 'Amber', tone: 'amber', note: null });
    expect(reReferrals.target).toBe('23%');
    expect(reReferrals.comparators).toEqual(['22.1%', '28%', 'N/A']);
    expect(reReferrals.rating).toEqual({
      label: 'Red',
      tone: 'red',
      reasons: ['26% against a target of 23% (lower is better): 3 points worse, beyond the amber tolerance'],
    });
    expect(reReferrals.travel).toEqual(['No data for May 2022 (previous month)', 'Worsening from 24% in June 2021 (same month last year)']);
    expect(reReferrals.positions).toEqual(['Worse than Southampton 19/20 (22.1%)', 'Better than statistical neighbours (28%)', 'England: not available']);

    expect(rate.target).toBe('550 a year (137.5 by Jun-22)');
    expect(rate.months[6]).toEqual({ text: '45.2', mark: 'Green', tone: 'green', note: null });
    expect(rate.comparators).toEqual(['', '610', '']);
    expect(rate.travel[0]).toBe('Year to date, so compared with the same month last year only (previous month)');

    expect(counts.rating).toEqual({ label: 'Not rated', tone: null, reasons: ['1,415 (context only, not rated)'] });
    expect(counts.target).toBe('None set');
    expect(counts.months[8]).toEqual({ text: '1,415', mark: null, tone: null, note: null });

    const [visits] = care.table!.rows;
    expect(visits.months[8]).toEqual({ text: 'N/A', mark: null, tone: null, note: null });
    expect(visits.months[5]).toEqual({ text: '86%', mark: null, tone: null, note: null });
    expect(visits.target).toBe('TBC');
  });

  it('prints the narratives as paragraphs, and says when one is not written', () => {
    expect(assessmentPriority.dataTellsUs).toEqual(['Re-referrals rose in June.', 'The rate of assessments is on track for the year.']);
    expect(assessmentPriority.nextSteps).toEqual(['Audit a sample of re-referrals.']);
    expect(care.dataTellsUs).toEqual([]);
  });

  it("lists the priority's overdue actions before those at risk, with due date, owner, lead and RAG", () => {
    const table = assessmentPriority.exceptions!;
    expect(table.columns.map((c) => c.label)).toEqual(['Action', 'Due', 'Owner and lead', 'RAG and why']);
    expect(table.groups[0].rows.map((r) => r.cells.map((c) => [c.strong, ...c.paragraphs]))).toEqual([
      [[null, '1.2 Audit re-referrals to the front door'], [null, '31 May 2022', 'Overdue'], [null, 'Head of MASH', 'SCC – CSL Directorate'], ['Red', 'Due 31 May 2022, 22 working days overdue']],
      [[null, 'Train staff in the new assessment framework'], [null, '29 Jul 2022', 'At risk'], [null], ['Amber', 'Nothing reported since 2 May 2022 (59 days)']],
    ]);
    expect(care.exceptions).toBeNull();
  });

  it('has a chart per indicator; without a drawing it still has its sentence', () => {
    expect(assessmentPriority.charts.map((c) => [c.id, c.svg])).toEqual([
      ['chart-1-1', null],
      ['chart-1-2', null],
      ['chart-1-3', null],
    ]);
    expect(assessmentPriority.charts[0].text).toBe(
      'Percentage of re-referrals within 12 months, October 2021 to June 2022: rose from 21% to 26% against a target of 23%; no data for May 2022; Southampton 19/20 22.1%, statistical neighbours 28%, England not available',
    );
    expect(assessmentPriority.charts[1].data.targets.slice(5, 9)).toEqual([550, 45.833333333333336, 91.66666666666667, 137.5]);
  });

  it('takes the drawn charts by id, labelled as one image named by the sentence under it', () => {
    const inputs = performanceChartInputs(boardInput());
    expect(inputs.map((i) => i.key)).toEqual(['chart-1-1', 'chart-1-2', 'chart-1-3', 'chart-2-1']);
    const drawn: RenderedChart = { svg: parseSvg('<svg role="graphics-document" aria-label="x"><g><text>Oct-21</text></g></svg>'), text: 'Drawn sentence' };
    const withCharts = performanceReportView(boardInput(), new Map([[chartId(0, 2), drawn]]), options);
    const chart = withCharts.priorities[0].charts[2];
    expect(chart.text).toBe('Drawn sentence');
    expect(chart.svg!.attributes).toEqual([
      { name: 'role', value: 'img' },
      { name: 'aria-labelledby', value: 'chart-1-3-text' },
      { name: 'focusable', value: 'false' },
    ]);
    expect(chart.svg!.children[0]).toEqual({ tag: 'title', attributes: [], text: contacts.title, children: [] });
  });

  it('prints as many months as asked', () => {
    const short = performanceReportView({ ...boardInput(), months: 3 }, new Map(), options);
    expect(short.priorities[0].table!.monthLabels).toEqual(['Apr-22', 'May-22', 'Jun-22']);
    expect(short.priorities[0].charts[0].data.months).toEqual(['2022-04', '2022-05', '2022-06']);
  });

  it('says when a plan has no priorities, and when a priority has no indicators', () => {
    expect(performanceReportView({ ...boardInput(), priorities: [] }, new Map(), options).summary).toBe('As of June 2022, this plan has no priorities to report on.');
    const empty = performanceReportView({ ...boardInput(), priorities: [{ ...boardInput().priorities[1], indicators: [] }] }, new Map(), options);
    expect(empty.priorities[0].table).toBeNull();
    expect(empty.priorities[0].charts).toEqual([]);
  });
});

describe('labelledChart', () => {
  it('makes the drawing one image named by its caption, its parts without roles of their own (a paper as a page)', () => {
    const point = { tag: 'path', attributes: [{ name: 'role', value: 'graphics-symbol' }, { name: 'aria-roledescription', value: 'point' }, { name: 'd', value: 'M0,0' }], text: null, children: [] };
    const svg = {
      tag: 'svg',
      attributes: [{ name: 'role', value: 'graphics-document' }, { name: 'width', value: '400' }],
      text: null,
      children: [{ tag: 'g', attributes: [{ name: 'role', value: 'graphics-object' }, { name: 'aria-label', value: 'marks' }], text: null, children: [point] }],
    };
    expect(labelledChart(svg, 'chart-7', 'Re-referrals')).toEqual({
      tag: 'svg',
      attributes: [
        { name: 'width', value: '400' },
        { name: 'role', value: 'img' },
        { name: 'aria-labelledby', value: 'chart-7-text' },
        { name: 'focusable', value: 'false' },
      ],
      text: null,
      children: [
        { tag: 'title', attributes: [], text: 'Re-referrals', children: [] },
        { tag: 'g', attributes: [], text: null, children: [{ tag: 'path', attributes: [{ name: 'd', value: 'M0,0' }], text: null, children: [] }] },
      ],
    });
  });
});
