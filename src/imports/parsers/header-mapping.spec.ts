import { ImportProblem } from '../import-model';
import { findHeader, isRepeatedHeader, mapHeaderRow } from './header-mapping';

const fields = (cells: string[], options = {}) => {
  const mapping = mapHeaderRow(cells, options);
  return mapping && { layout: mapping.layout, columns: Object.fromEntries([...mapping.columns].map(([i, f]) => [f, i])), labels: mapping.labels };
};

describe('mapHeaderRow: which column holds what', () => {
  it('reads the committee paper header', () => {
    expect(fields(['Area for development - Ofsted report', 'Activity to be delivered', 'Outcome measure', 'Cost (if app.)', 'Lead agency'])).toEqual({
      layout: 'ofsted',
      columns: { recommendation: 0, activity: 1, outcomeMeasures: 2, cost: 3, leadAgency: 4 },
      labels: ['Area for development - Ofsted report', 'Activity to be delivered', 'Outcome measure', 'Cost (if app.)', 'Lead agency'],
    });
  });

  it('reads an outcome-first header', () => {
    expect(fields(['Outcome', 'Action required', 'By who', 'By when', 'Measure of success'])).toMatchObject({
      layout: 'outcome-first',
      columns: { recommendation: 0, activity: 1, leadAgency: 2, timescale: 3, outcomeMeasures: 4 },
    });
  });

  it.each([
    [['Table', 'No.', 'Recommendation', 'Band', 'Actions', 'Success measure', 'Costs', 'Lead'], { section: 0, number: 1, recommendation: 2, band: 3, activity: 4, outcomeMeasures: 5, cost: 6, leadAgency: 7 }],
    [['  ACTIVITY TO BE DELIVERED ', 'outcome measures', 'Responsible'], { activity: 0, outcomeMeasures: 1, leadAgency: 2 }],
    [['Ofsted paragraph', 'Area for improvement', 'Action', 'Due date', 'Lead agency'], { paragraph: 0, recommendation: 1, activity: 2, timescale: 3, leadAgency: 4 }],
  ])('recognises the words councils use: %j', (cells, columns) => {
    expect(fields(cells)?.columns).toEqual(columns);
  });

  it('prefers the plan’s own labels, and takes an explicit mapping', () => {
    const planLabels = ['Priority area', 'What we will do', 'Evidence', 'Money', 'Who leads'];
    expect(fields(planLabels, { planLabels, planLayout: 'ofsted' })?.columns).toEqual({ recommendation: 0, activity: 1, outcomeMeasures: 2, cost: 3, leadAgency: 4 });
    expect(fields(['Theme', 'Task', 'Owner'], { explicit: { recommendation: 'theme', activity: 'TASK' } })?.columns).toEqual({ recommendation: 0, activity: 1, leadAgency: 2 });
  });

  it.each([
    [['1. Ensure that', 'Rollout revised QAF', 'Updated self assessment', 'Existing resources', 'SCC']],
    [['Outcome measure', 'Lead agency']],
    [['Name', 'Email']],
  ])('is not fooled by a data row or a table without an activity column: %j', (cells) => {
    expect(mapHeaderRow(cells)).toBeNull();
  });

  it('recognises the header when it repeats after a page break', () => {
    const cells = ['Area for development - Ofsted report', 'Activity to be delivered', 'Outcome measure', 'Cost (if app.)', 'Lead agency'];
    const mapping = mapHeaderRow(cells)!;
    expect(isRepeatedHeader([...cells], mapping)).toBe(true);
    expect(isRepeatedHeader(['', 'Activity to be delivered', 'Outcome measure', 'Cost (if app.)', 'Lead agency'], mapping)).toBe(false);
  });
});

describe('findHeader', () => {
  it('refuses rows with no recognisable header, naming the first row', () => {
    const rows = [
      { cells: ['Name', 'Email'], place: { line: 1 } },
      { cells: ['Ann', 'ann@example.org'], place: { line: 2 } },
    ];
    try {
      findHeader(rows, {}, 'The file');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportProblem);
      expect((error as ImportProblem).code).toBe('no_header');
      expect((error as ImportProblem).place).toEqual({ line: 1 });
      expect((error as ImportProblem).message).toMatch(/^The file has no recognisable header row.*the first row, line 1, has: "Name", "Email"/);
    }
  });

  it('names the mapped headings it could not find', () => {
    expect(() => findHeader([{ cells: ['A', 'B'], place: { line: 1 } }], { explicit: { activity: 'Task' } }, 'The file')).toThrow(/mapped headings "Task"/);
  });
});

describe('mapHeaderRow: the columns officers use (issue 15)', () => {
  it.each<[string[], Record<string, number>]>([
    [['Recommendation', 'Action', 'Lead Officer/Agency', 'Target Date', 'Success Measure', 'Budget'], { recommendation: 0, activity: 1, leadAgency: 2, timescale: 3, outcomeMeasures: 4, cost: 5 }],
    [['Recommendation', 'Action', 'Lead', 'Deadline', 'Measure of success', 'Resources'], { recommendation: 0, activity: 1, leadAgency: 2, timescale: 3, outcomeMeasures: 4, cost: 5 }],
    [['Recommendation', 'Action', 'Responsible', 'Due', 'Measure of success', 'Budget'], { recommendation: 0, activity: 1, leadAgency: 2, timescale: 3, outcomeMeasures: 4, cost: 5 }],
    [['Recommendation', 'Actions', 'Lead officer / agency', 'Target completion date', 'Measures of success (impact)', 'Resources required'], { recommendation: 0, activity: 1, leadAgency: 2, timescale: 3, outcomeMeasures: 4, cost: 5 }],
    [['Recommendation', 'Action', 'Accountable lead', 'Review date', 'Evidence of success', 'Funding source'], { recommendation: 0, activity: 1, leadAgency: 2, timescale: 3, outcomeMeasures: 4, cost: 5 }],
  ])('%j', (cells, columns) => {
    expect(fields(cells)?.columns).toEqual(columns);
  });

  it('lists the headed columns that map to nothing, and a second column for a field already taken', () => {
    const mapping = mapHeaderRow(['Recommendation', 'Action', 'Lead', 'RAG', '', 'Progress update', 'Lead'])!;
    expect(mapping.unmapped).toEqual([
      { index: 3, heading: 'RAG' },
      { index: 5, heading: 'Progress update' },
      { index: 6, heading: 'Lead' },
    ]);
  });

  it('never takes a data row for the header by a word in it', () => {
    expect(mapHeaderRow(['Lead agency to agree the budget', 'Due in March'])).toBeNull();
  });
});

describe('findHeader: a "Timescale" column read from what it holds', () => {
  const rows = (values: string[]) => [
    { cells: ['Recommendation', 'Action', 'Lead', 'Timescale'], place: { line: 1 } },
    ...values.map((value, i) => ({ cells: ['1. Act.', 'Do it', 'SCC', value], place: { line: i + 2 } })),
  ];
  const columnsOf = (values: string[]) => {
    const { mapping } = findHeader(rows(values), {}, 'The file');
    return { layout: mapping.layout, columns: Object.fromEntries([...mapping.columns].map(([i, f]) => [f, i])) };
  };

  it.each([
    [['Immediate', '3 months', '6 months', 'within six months']],
    [['Immediately', 'Within three months', '', 'Within 3 months']],
  ])('holding Ofsted’s bands, it is the band: %j', (values) => {
    expect(columnsOf(values)).toEqual({ layout: 'ofsted', columns: { recommendation: 0, activity: 1, leadAgency: 2, band: 3 } });
  });

  it('beside a "Target Date", holding Ofsted’s bands, it is the band and the date is the "By when"', () => {
    const rows = [
      { cells: ['Recommendation', 'Action', 'Lead', 'Target Date', 'Timescale'], place: { line: 1 } },
      { cells: ['1. Act.', 'Do it', 'SCC', '30/09/2012', 'Immediate'], place: { line: 2 } },
      { cells: ['2. Act.', 'Do it', 'SCC', '31/12/2012', '6 months'], place: { line: 3 } },
    ];
    const { mapping } = findHeader(rows, {}, 'The file');
    expect(Object.fromEntries([...mapping.columns].map(([i, f]) => [f, i]))).toEqual({ recommendation: 0, activity: 1, leadAgency: 2, timescale: 3, band: 4 });
    expect(mapping.unmapped).toEqual([]);
  });

  it.each([
    [['April 2016', 'Quarterly', 'September 2015 / 16 / 17']],
    [['Immediate', 'March 2016', 'June 2016', 'Ongoing']],
  ])('holding dates and cadences, it is the "By when": %j', (values) => {
    expect(columnsOf(values).columns).toEqual({ recommendation: 0, activity: 1, leadAgency: 2, timescale: 3 });
  });
});
