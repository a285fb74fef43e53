import { ReportPlan, appendixView, completesEnsureThat, documentTitle, fileNameOf, recommendationSummary, summaryBand, summaryItem } from './appendix.view-model';
import { Table } from './report-model';
import { demoReportPlan } from './testing/demo-report-plan';

const rowsOf = (table: Table) => table.groups.flatMap((group) => group.rows);

describe('appendixView of the Southampton 2012 plan', () => {
  const { plan, agencies } = demoReportPlan();
  const view = appendixView(plan, agencies, { appendix: '2', title: null, layout: null });

  it('is titled and marked as the paper is', () => {
    expect(view.title).toBe('Appendix 2: Quality Improvement Plan in response to OfSTED Announced Inspection 2012');
    expect(view.draft).toBe(true);
    expect(view.fileName).toBe('appendix-2-quality-improvement-plan-in-response-to-ofsted-announced-inspection-2012');
  });

  it('has two tables of 7 and 10 recommendations and 24 and 34 activities, under their bands', () => {
    expect(view.tables.map((table) => table.heading)).toEqual(['Table 1: Safeguarding', 'Table 2: Children looked after']);
    expect(view.tables.map((table) => rowsOf(table).filter((row) => row.header).length)).toEqual([7, 10]);
    expect(view.tables.map((table) => rowsOf(table).filter((row) => row.isActivity).length)).toEqual([24, 34]);
    expect(view.tables.map((table) => table.groups.map((group) => [group.label, group.rows.length]))).toEqual([
      [
        ['Safeguarding: Immediately', 12],
        ['Safeguarding: within three months', 10],
        ['Safeguarding: within six months', 2],
      ],
      [
        ['Children looked after: Immediately', 4],
        ['Children looked after: within three months', 22],
        ['Children looked after: within six months', 8],
      ],
    ]);
  });

  it('prints the recommendation once, spanning its activity rows', () => {
    const [first, ...rest] = rowsOf(view.tables[0]).slice(0, 9);
    expect(first.header).toEqual({
      number: '1.',
      text: expect.stringMatching(/^Ensure that the quality of social work/),
      rowSpan: 9,
    });
    expect(rest.every((row) => row.header === null && row.continuesHeader)).toBe(true);
  });

  it('keeps outcome measures as separate paragraphs, costs and lead agencies verbatim', () => {
    const [first] = rowsOf(view.tables[0]);
    expect(first.cells.map((cell) => cell.paragraphs)).toEqual([
      ['Rollout revised Quality Assurance Framework; self assessment, quality improvement planning and management audit and review.'],
      [
        'Updated self assessment, QIP and introduction of regular management audit process to ensure ongoing overview of service quality and consistent.',
        'Audit trail of improvements, linked to audits, implemented.',
      ],
      ['Existing resources'],
      ['SCC - CSL Directorate  Safeguarding / Commissioning'],
    ]);
    const costs = view.tables.flatMap((table) => rowsOf(table).map((row) => row.cells[2].paragraphs[0]));
    expect(costs).toContain('£145k to be found from reconfiguration of existing resources');
    expect(costs).toContain('£3k per month');
  });

  it('keys the abbreviations the lead agency cells use', () => {
    expect(view.abbreviations).toEqual([
      { abbreviation: 'CSL', meaning: "Children's Services and Learning" },
      { abbreviation: 'LSCB', meaning: 'Southampton Local Safeguarding Children Board' },
      { abbreviation: 'SCC', meaning: 'Southampton City Council' },
    ]);
  });

  it('closes with the summary by section and band', () => {
    expect(view.summary?.heading).toBe('Summary of Safeguarding and Children looked after Ofsted inspection recommendations');
    const [safeguarding, cla] = view.summary!.sections;
    expect(safeguarding.heading).toBe('Safeguarding services');
    expect(safeguarding.bands.map((band) => [band.before, band.strong, band.after, band.items.length])).toEqual([
      ['', 'Immediately', ', ensure that:', 2],
      // "Increase staffing stability" is an instruction of its own: "ensure that: increase …" does not read (issue 15).
      ['Within ', 'three months', ':', 4],
      ['Within ', 'six months', ', ensure that:', 1],
    ]);
    expect(safeguarding.bands[0].items[0]).toMatch(/^the quality of social work to safeguard children/);
    expect(safeguarding.bands[0].items[1]).toMatch(/^core groups are held regularly/);
    expect(safeguarding.bands[1].items[0]).toMatch(/^increase staffing stability/);
    expect(safeguarding.bands[1].items[1]).toMatch(/^ensure that the needs of homeless children/);
    expect(cla.bands[2].after).toBe(':');
    expect(cla.bands[2].items[2]).toMatch(/^NHS Southampton PCT should ensure/);
  });
});

describe('the closing summary reads naturally (issue 15)', () => {
  it.each<[string[], string, string[]]>([
    [['Ensure that the quality is high.', 'Core groups are held regularly'], ', ensure that:', ['the quality is high.', 'core groups are held regularly']],
    [['ensure that visits are timely', 'ensure that plans are specific'], ', ensure that:', ['visits are timely', 'plans are specific']],
    [['Increase staffing stability', 'Ensure that the needs are assessed'], ':', ['increase staffing stability', 'ensure that the needs are assessed']],
    [['Increase staffing stability', 'The needs are assessed'], ':', ['increase staffing stability', 'ensure that the needs are assessed']],
    [['ensure staffing stability, in particular in court teams', 'ensure that homeless children are assessed'], ':', ['ensure staffing stability, in particular in court teams', 'ensure that homeless children are assessed']],
    [['Ensure that there is capacity', 'NHS Southampton PCT should ensure that there is capacity'], ':', ['ensure that there is capacity', 'NHS Southampton PCT should ensure that there is capacity']],
  ])('%j', (texts, after, items) => {
    expect(summaryBand('within_three_months', 'within three months', texts)).toEqual({ before: 'Within ', strong: 'three months', after, items });
  });

  it.each([
    ['Ensure that the quality is high', true],
    ['Core groups are held regularly', true],
    ['Increase staffing stability', false],
    ['ensure staffing stability', false],
    ['NHS Southampton PCT should ensure that there is capacity', false],
  ])('%s completes "ensure that": %s', (text, expected) => {
    expect(completesEnsureThat(text)).toBe(expected);
  });
});

describe('the outcome-first layout', () => {
  const { plan, agencies } = demoReportPlan();

  it('renders from the same tables with the outcome-first columns, By who and By when', () => {
    const view = appendixView(plan, agencies, { appendix: 'B', title: 'Learning plan', layout: 'outcome-first' });
    expect(view.title).toBe('Appendix B: Learning plan');
    expect(view.tables[0].columns.map((column) => column.label)).toEqual(['Outcome', 'Action required', 'By who', 'By when', 'Measure of success']);
    const [first] = view.tables[0].groups[0].rows;
    expect(first.cells.map((cell) => cell.paragraphs[0])).toEqual([
      'Rollout revised Quality Assurance Framework; self assessment, quality improvement planning and management audit and review.',
      'SCC - CSL Directorate  Safeguarding / Commissioning',
      '27 June 2012',
      'Updated self assessment, QIP and introduction of regular management audit process to ensure ongoing overview of service quality and consistent.',
    ]);
    expect(view.summary).toBeNull();
    expect(view.abbreviations.map((a) => a.abbreviation)).toEqual(['CSL', 'LSCB', 'SCC']);
  });

  it('is chosen by a plan whose columns lead with the outcome, with the plan’s own labels', () => {
    const labels = ['Outcome', 'Action required', 'By who', 'By when', 'Measure of success (evidence)'];
    const view = appendixView({ ...plan, kind: 'serious_case_review', columnLabels: labels }, agencies, { appendix: '1', title: null, layout: null });
    expect(view.tables[0].columns.map((column) => column.label)).toEqual(labels);
    expect(view.intro.columns[4]).toBe('Column five: Measure of success (evidence)');
  });

  it('prints short names in By who when the plan wrote no lead-agency text, and prints months for month dates', () => {
    const [section] = plan.sections;
    const activity = { ...section.recommendations[0].activities[0], leadAgencyText: null, dueDate: '2016-04-30', dueDatePrecision: 'month' as const };
    const small: ReportPlan = { ...plan, sections: [{ ...section, recommendations: [{ ...section.recommendations[0], activities: [activity] }] }] };
    const view = appendixView(small, agencies, { appendix: '1', title: null, layout: 'outcome-first' });
    const [row] = view.tables[0].groups[0].rows;
    expect(row.cells[1].paragraphs).toEqual(['CSL Safeguarding, CSL Commissioning']);
    expect(row.cells[2].paragraphs).toEqual(['April 2016']);
  });

  it('prints "By when" in the plan’s own words when it wrote a cadence', () => {
    const [section] = plan.sections;
    const activity = { ...section.recommendations[0].activities[0], byWhen: 'Quarterly review of action plans' };
    const small: ReportPlan = { ...plan, sections: [{ ...section, recommendations: [{ ...section.recommendations[0], activities: [activity] }] }] };
    const view = appendixView(small, agencies, { appendix: '1', title: null, layout: 'outcome-first' });
    expect(view.tables[0].groups[0].rows[0].cells[2].paragraphs).toEqual(['Quarterly review of action plans']);
  });
});

describe('a plan with by-date recommendations and one with none', () => {
  const { plan, agencies } = demoReportPlan();

  it('prints a band row per date, after the timescale bands, and says "By <date>" in the summary', () => {
    const [section] = plan.sections;
    const dated = (number: number, date: string) => ({ ...section.recommendations[0], number, band: 'by_date' as const, targetDate: date, dueDate: date });
    const view = appendixView(
      { ...plan, sections: [{ ...section, recommendations: [dated(9, '2012-11-30'), section.recommendations[0], dated(8, '2012-10-31')] }] },
      agencies,
      { appendix: '1', title: null, layout: null },
    );
    expect(view.tables[0].groups.map((group) => group.label)).toEqual([
      'Safeguarding: Immediately',
      'Safeguarding: by 31 October 2012',
      'Safeguarding: by 30 November 2012',
    ]);
    expect(view.summary?.sections[0].bands.map((band) => `${band.before}${band.strong}`)).toEqual(['Immediately', 'By 31 October 2012', 'By 30 November 2012']);
  });

  it('prints a recommendation with no activities yet as one row, and leaves out empty tables', () => {
    const [section] = plan.sections;
    const bare = { ...section.recommendations[0], activities: [] };
    const view = appendixView({ ...plan, status: 'approved', sections: [{ ...section, recommendations: [bare] }, { ...section, title: 'Empty', recommendations: [] }] }, agencies, {
      appendix: '1',
      title: null,
      layout: null,
    });
    expect(view.draft).toBe(false);
    expect(view.tables).toHaveLength(1);
    const [row] = view.tables[0].groups[0].rows;
    expect(row).toMatchObject({ isActivity: false, header: { rowSpan: 1 } });
    expect(row.cells).toHaveLength(4);
    expect(view.intro.paragraph).toContain('contains one table: Table 1: Safeguarding with one recommendation.');
  });
});

describe('summaryItem', () => {
  it.each([
    ['Ensure that the quality of social work is high.', 'the quality of social work is high.'],
    ['ensure that core groups are held', 'core groups are held'],
    ['Ensure staffing stability', 'staffing stability'],
    ['Core groups are held regularly', 'core groups are held regularly'],
    ['Increase staffing stability', 'increase staffing stability'],
    ['NHS Southampton PCT should ensure that there is capacity', 'NHS Southampton PCT should ensure that there is capacity'],
  ])('%s -> %s', (text, expected) => {
    expect(summaryItem(text)).toBe(expected);
  });
});

describe('titles and file names', () => {
  it.each([
    [{ appendix: '2', title: null }, 'Appendix 2: Plan'],
    [{ appendix: 'A', title: '  Our plan  ' }, 'Appendix A: Our plan'],
    [{ appendix: '3', title: '' }, 'Appendix 3: Plan'],
  ])('%p -> %s', (options, expected) => {
    expect(documentTitle(options, 'Plan')).toBe(expected);
  });

  it.each([
    ['Appendix 2: Quality Improvement Plan', 'appendix-2-quality-improvement-plan'],
    ['Appendix A: Children’s services — café <script>', 'appendix-a-children-s-services-cafe-script'],
    ['???', 'report'],
  ])('%s -> %s', (title, expected) => {
    expect(fileNameOf(title)).toBe(expected);
  });

  it('is at most 100 characters', () => {
    expect(fileNameOf('word '.repeat(60)).length).toBeLessThanOrEqual(100);
  });
});

describe('recommendationSummary', () => {
  it('is null for a plan with no recommendations', () => {
    expect(recommendationSummary({ kind: 'ofsted_inspection', sections: [{ title: 'Empty', recommendations: [] }] })).toBeNull();
  });
});
