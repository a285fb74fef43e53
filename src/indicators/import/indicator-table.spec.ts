import { readFileSync } from 'fs';
import * as path from 'path';
import { ImportProblem } from '../../imports/import-model';
import { linesOfCsv } from '../../imports/parsers/table-sources';
import { readIndicatorTable } from './indicator-table';
import { parseIndicatorInput } from './parse-indicator-input';
import { ParsedIndicatorImport } from './parsed-indicators';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/indicators');

function read(csv: string, layout?: 'wide' | 'long'): ParsedIndicatorImport {
  return readIndicatorTable(linesOfCsv(csv), { layout });
}

function messages(parsed: ParsedIndicatorImport): string[] {
  return parsed.messages.map((m) => `${m.severity} ${m.code}: ${m.message}`);
}

function problemOf(run: () => unknown): ImportProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportProblem) return error;
    throw error;
  }
  throw new Error('expected an ImportProblem');
}

describe('readIndicatorTable: the wide board-report table', () => {
  it('reads a priority column carried down, months however typed, a target, comparators, and leaves unknown columns with a note', () => {
    const parsed = read(
      [
        'Priority,Indicator,Outturn type,Sept 21,Oct-21,Target 21/22,England 20/21,Hampshire,Comments',
        'Front door,Contacts,NUMBER,"1,200",1300,<17k,N/A,1100,rising',
        ',Re-referrals,PERCENTAGE,22%,24%,≤ 25%,22.7%,,',
        'Children in care,Visits,%,90,91,95,93,92,',
      ].join('\n'),
    );
    expect(parsed.layout).toBe('wide');
    expect(parsed.months).toEqual(['2021-09', '2021-10']);
    expect(parsed.priorities.map((p) => [p.title, p.indicators.map((i) => i.title)])).toEqual([
      ['Front door', ['Contacts', 'Re-referrals']],
      ['Children in care', ['Visits']],
    ]);
    const [contacts, reReferrals] = parsed.priorities[0].indicators;
    expect(contacts).toMatchObject({ unit: 'number', polarity: null, unitText: 'NUMBER' });
    expect(contacts.values.map((v) => [v.month, v.value])).toEqual([['2021-09', 1200], ['2021-10', 1300]]);
    expect(contacts.targets.map((t) => [t.financialYear, t.target])).toEqual([[2021, { kind: 'bound', comparison: '<', value: 17000 }]]);
    expect(contacts.comparators.map((c) => [c.name, c.kind, c.financialYear, c.value])).toEqual([
      ['England 20/21', 'england', 2020, null],
      ['Hampshire', 'other', null, 1100],
    ]);
    expect(reReferrals.targets[0].target).toEqual({ kind: 'bound', comparison: '<=', value: 25 });
    expect(reReferrals.comparators.map((c) => c.name)).toEqual(['England 20/21']);
    expect(messages(parsed)).toEqual(["note ignored_column: row 1, column 'Comments': not a month, target or comparator; not read"]);
  });

  it('reads priority heading rows, with the RAG and risk label a heading states, and skips a header repeated after a page break', () => {
    const parsed = read(
      [
        'Indicator,Outturn type,Oct-21,Nov-21,Target',
        '"Effective Assessment and Intervention — RAG: Amber, Medium Risk",,,,',
        'Re-referrals,PERCENTAGE,21%,22%,23%',
        'Indicator,Outturn type,Oct-21,Nov-21,Target',
        ',Priority 2: Children in care,,,',
        'Visits,PERCENTAGE,90%,91%,95%',
      ].join('\n'),
    );
    expect(parsed.priorities.map((p) => [p.title, p.number, p.rating, p.riskLabel, p.indicators.length])).toEqual([
      ['Effective Assessment and Intervention', null, 'amber', 'medium', 1],
      ['Children in care', '2', null, null, 1],
    ]);
    expect(parsed.priorities[0].place).toEqual({ row: 2, column: 'Indicator' });
  });

  it('puts indicators before any priority under no priority', () => {
    const parsed = read(['Indicator,Outturn type,Oct-21', 'Contacts,NUMBER,12'].join('\n'));
    expect(parsed.priorities.map((p) => [p.title, p.indicators.length])).toEqual([[null, 1]]);
  });

  it.each<[string, string[], string[]]>([
    [
      'a typed slip in a month heading is read and reported',
      ['Indicator,Outturn type,Nov-21,Dec-2l', 'Contacts,NUMBER,1,2'],
      ["warning month_heading_corrected: row 1, column 'Dec-2l': read as December 2021"],
    ],
    [
      'a second column for a month is ignored',
      ['Indicator,Outturn type,Nov-21,November 2021', 'Contacts,NUMBER,1,2'],
      ["warning duplicate_month_column: row 1, column 'November 2021': a second column for Nov-21; ignored"],
    ],
    [
      'cells that are not values are left empty, naming row, column and text',
      ['Indicator,Outturn type,Oct-21,Nov-21,Dec-21,Jan-22', 'Contacts,NUMBER,≈20,<5,TBC,12'],
      [
        "warning unreadable_value: row 2, column 'Oct-21': '≈20' is not a number; left empty",
        "warning unreadable_value: row 2, column 'Nov-21': '<5' is not a value; left empty",
        "warning unreadable_value: row 2, column 'Dec-21': 'TBC' is not a value; left empty",
      ],
    ],
    [
      'an unreadable target',
      ['Indicator,Outturn type,Oct-21,Target 22/23', 'Contacts,NUMBER,12,≈20'],
      ["warning unreadable_target: row 2, column 'Target 22/23': '≈20' is not a number"],
    ],
    [
      'a percentage target for a count',
      ['Indicator,Outturn type,Oct-21,Target 22/23', 'Contacts,NUMBER,12,5%'],
      ["warning unreadable_target: row 2, column 'Target 22/23': '5%' is a percentage, but the indicator is not counted in percent"],
    ],
    [
      'an unknown outturn type',
      ['Indicator,Outturn type,Oct-21', 'Wellbeing,SCORE,12'],
      ["warning unknown_unit: row 2, column 'Outturn type': 'SCORE' is not an outturn type (PERCENTAGE, NUMBER, RATE, DAYS or RATIO)"],
    ],
    [
      'no outturn type: from the title, from "%" cells, or asked for',
      ['Indicator,Outturn type,Oct-21', 'Percentage of re-referrals,,21', 'Re-referrals,,21%', 'Wellbeing,,3'],
      [
        "note unit_guessed: row 2, column 'Indicator': no outturn type: read as a percentage from the indicator's title",
        'note unit_guessed: row 3, column \'Indicator\': no outturn type: read as a percentage because its values carry "%"',
        "warning no_unit: row 4, column 'Indicator': no outturn type: say whether it is a percentage, number, rate per 10,000, days or ratio",
      ],
    ],
    [
      'a % sign on a count',
      ['Indicator,Outturn type,Oct-21', 'Contacts,NUMBER,12%'],
      ["warning percent_sign_ignored: row 2, column 'Oct-21': '12%' has a % sign but the indicator is a number: read as 12"],
    ],
    [
      'the same indicator twice under one priority',
      ['Indicator,Outturn type,Oct-21', 'Contacts,NUMBER,12', 'contacts,NUMBER,13'],
      ['warning duplicate_indicator: row 3, column \'Indicator\': "contacts" appears again under the same priority; this row is ignored'],
    ],
    [
      'figures with no indicator',
      ['Indicator,Outturn type,Oct-21', ',NUMBER,12'],
      ['warning ignored_row: row 2: no indicator named in this row; ignored'],
    ],
    [
      'an unreadable comparator; N/A is kept as not available',
      ['Indicator,Outturn type,Oct-21,England,South East', 'Contacts,NUMBER,12,n.k.,N/A'],
      ["warning unreadable_comparator: row 2, column 'England': 'n.k.' is not a number"],
    ],
  ])('%s', (_rule, rows, expected) => {
    expect(messages(read(rows.join('\n')))).toEqual(expected);
  });

  it('keeps "N/A" as not available, never zero, in values and comparators', () => {
    const parsed = read(['Indicator,Outturn type,Oct-21,Nov-21,England', 'Contacts,NUMBER,N/A,0,N/A'].join('\n'));
    const [contacts] = parsed.priorities[0].indicators;
    expect(contacts.values.map((v) => [v.month, v.value, v.notAvailable])).toEqual([['2021-10', null, true], ['2021-11', 0, false]]);
    expect(contacts.comparators.map((c) => [c.name, c.value, c.text])).toEqual([['England', null, 'N/A']]);
  });

  it('refuses a sheet without a header row, saying what it looked for', () => {
    const problem = problemOf(() => read('Contacts,12,13\nVisits,90,91'));
    expect(problem.code).toBe('no_header');
    expect(problem.message).toMatch(/Indicator and at least one month/);
  });
});

describe('readIndicatorTable: the long return', () => {
  it('reads indicator, period, value, numerator, denominator, status and note, with warnings naming the cell', async () => {
    const parsed = await parseIndicatorInput({ bytes: readFileSync(path.join(FIXTURES, 'long-return.csv')), fileName: 'long-return.csv' }, { maxBytes: 1_000_000 });
    expect(parsed.layout).toBe('long');
    expect(parsed.months).toEqual(['2022-05', '2022-06']);
    const indicators = parsed.priorities.flatMap((p) => p.indicators);
    const reReferrals = indicators.find((i) => i.title === 'Percentage of re-referrals within 12 months')!;
    expect(reReferrals.values.map((v) => [v.month, v.value, v.numerator, v.denominator, v.status, v.note])).toEqual([
      ['2022-05', 25.5, 51, 200, 'final', 'Late return from the MASH, now validated'],
      ['2022-06', 26, 52, 200, 'provisional', null],
    ]);
    const assessments = indicators.find((i) => i.title.startsWith('Percentage of Single Assessments'))!;
    expect(assessments.values.map((v) => [v.month, v.value])).toEqual([['2022-06', 92]]);
    const supervision = indicators.find((i) => i.title === 'Percentage of supervision on time')!;
    expect(supervision.values.map((v) => [v.value, v.notAvailable, v.note])).toEqual([[null, true, 'System migration: no report this month']]);
    expect(indicators.find((i) => i.title === 'Number of contacts')!.values.map((v) => [v.month, v.value, v.status])).toEqual([['2022-06', 1415, 'final']]);
    expect(parsed.messages.filter((m) => m.severity === 'warning').map((m) => m.message)).toEqual([
      "row 7, column 'Value': 83% does not agree with 415 / 480 (86.5%)",
      "row 9, column 'Period': 'Jnue-22' is not a month; row ignored",
      "row 10, column 'Value': 'about 110' is not a number; left empty",
      "row 10, column 'Status': 'Draft' is neither provisional nor final; left unsaid",
    ]);
    expect(parsed.messages.find((m) => m.code === 'value_from_numerator')?.message).toBe("row 4, column 'Value': no value: worked out as 92% from 184 / 200");
  });

  it('keeps the first of two values for the same month', () => {
    const parsed = read(['Indicator,Period,Value', 'Contacts,May-22,12', 'Contacts,2022-05,13'].join('\n'));
    expect(parsed.priorities[0].indicators[0].values.map((v) => v.value)).toEqual([12]);
    expect(messages(parsed)).toContain(`warning duplicate_value: row 3, column 'Period': a second value for "Contacts" in May-22; the first is kept`);
  });
});

describe('the test fixture: a board report in CSV and in a workbook', () => {
  const csv = readFileSync(path.join(FIXTURES, 'board-report-wide.csv'));
  const xlsx = readFileSync(path.join(FIXTURES, 'board-report-wide.xlsx'));

  it('reads three priorities and a dozen indicators, October 2021 to June 2022, with warnings for the unreadable cells', async () => {
    const parsed = await parseIndicatorInput({ bytes: csv, fileName: 'board-report-wide.csv' }, { maxBytes: 1_000_000 });
    expect(parsed.months).toHaveLength(9);
    expect(parsed.months[0]).toBe('2021-10');
    expect(parsed.months[8]).toBe('2022-06');
    expect(parsed.priorities.map((p) => [p.title, p.rating, p.riskLabel, p.indicators.length])).toEqual([
      ['Effective Assessment and Intervention', 'amber', 'medium', 4],
      ['Children in Care', 'red', 'high', 4],
      ['Early Help', null, null, 4],
    ]);
    const reReferrals = parsed.priorities[0].indicators[0];
    expect(reReferrals).toMatchObject({ title: 'Percentage of re-referrals within 12 months', unit: 'percentage', polarity: 'lower_is_better' });
    // May 2022 is empty in the sheet: no value, so the report will say "no data for May 2022".
    expect(reReferrals.values.map((v) => v.month)).not.toContain('2022-05');
    expect(reReferrals.comparators.map((c) => [c.name, c.kind, c.financialYear, c.value])).toEqual([
      ['Southampton 19/20', 'own_previous_year', 2019, 22.1],
      ['Southampton 20/21', 'own_previous_year', 2020, 20.4],
      ['Statistical Neighbours', 'statistical_neighbours', null, 28],
      ['South East', 'region', null, 24.9],
      ['England', 'england', null, 22.7],
    ]);
    expect(parsed.messages.filter((m) => m.severity === 'warning').map((m) => m.message)).toEqual([
      "row 3, column 'Dec-2l': read as December 2021",
      "row 10, column 'Feb-22': '≈88' is not a number; left empty",
      "row 12, column 'South East': 'n.k.' is not a number",
      "row 18, column 'Target': '≈20' is not a number",
    ]);
  });

  it('reads the workbook (dates under month headings, percentages stored as fractions) to the same indicators as the CSV', async () => {
    const fromCsv = await parseIndicatorInput({ bytes: csv, fileName: 'board-report-wide.csv' }, { maxBytes: 1_000_000 });
    const fromXlsx = await parseIndicatorInput({ bytes: xlsx, fileName: 'board-report-wide.xlsx' }, { maxBytes: 1_000_000 });
    expect(fromXlsx.sheet).toBe('Performance');
    const shape = (parsed: ParsedIndicatorImport) =>
      parsed.priorities.map((p) => ({
        title: p.title,
        rating: p.rating,
        indicators: p.indicators.map((i) => ({
          title: i.title,
          unit: i.unit,
          polarity: i.polarity,
          values: i.values.map((v) => [v.month, v.value, v.notAvailable]),
          targets: i.targets.map((t) => [t.financialYear, t.target]),
          comparators: i.comparators.map((c) => [c.name, c.kind, c.value]),
        })),
      }));
    expect(shape(fromXlsx)).toEqual(shape(fromCsv));
    expect(fromXlsx.messages.map((m) => m.code)).toEqual(['ignored_sheet', ...fromCsv.messages.map((m) => m.code)]);
    expect(fromXlsx.messages.find((m) => m.code === 'unreadable_target')?.message).toBe(`sheet "Performance", row 18, column 'Target': '≈20' is not a number`);
  });
});
