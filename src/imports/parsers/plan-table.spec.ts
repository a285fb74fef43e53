import * as fs from 'fs';
import * as path from 'path';
import { ImportProblem, ParsedImport } from '../import-model';
import { TableLine, readPlanTable } from './plan-table';
import { linesOfPastedText } from './table-sources';

const paper = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/reference/southampton-2012-quality-improvement-plan.txt'), 'utf8');
const HEADER = 'Area for development - Ofsted report\tActivity to be delivered\tOutcome measure\tCost (if app.)\tLead agency';

const read = (text: string): ParsedImport => readPlanTable(linesOfPastedText(text), { format: 'text', what: 'The text' });
const tree = (parsed: ParsedImport) =>
  parsed.sections.map((s) => ({
    title: s.title,
    recommendations: s.recommendations.map((r) => ({
      number: r.number,
      band: r.band,
      text: r.text,
      activities: r.activities.map((a) => [a.text, a.outcomeMeasures, a.costText, a.leadAgencyText, a.places.map((p) => p.line)]),
    })),
  }));
const codes = (parsed: ParsedImport) => parsed.messages.map((m) => [m.code, m.lines ?? m.line]);

describe('readPlanTable on the reference committee paper', () => {
  const parsed = read(paper);
  const recommendations = parsed.sections.flatMap((s) => s.recommendations);
  const activities = recommendations.flatMap((r) => r.activities.map((a) => ({ ...a, band: r.band })));

  it('finds the two tables, 17 recommendations and 58 activities', () => {
    expect(parsed.sections.map((s) => [s.title, s.recommendations.length, s.recommendations.reduce((n, r) => n + r.activities.length, 0)])).toEqual([
      ['Safeguarding', 7, 24],
      ['Children looked after', 10, 34],
    ]);
    expect(parsed.sections.map((s) => s.recommendations.map((r) => r.number))).toEqual([
      [1, 2, 3, 4, 5, 6, 7],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ]);
  });

  it('reads the bands from the band rows: 3 / 10 / 4 recommendations, 16 / 32 / 10 activities', () => {
    const count = (band: string) => [recommendations.filter((r) => r.band === band).length, activities.filter((a) => a.band === band).length];
    expect([count('immediately'), count('within_three_months'), count('within_six_months')]).toEqual([
      [3, 16],
      [10, 32],
      [4, 10],
    ]);
  });

  it('takes the title from the heading and the column labels from the header row', () => {
    expect(parsed.plan.title).toBe('Quality Improvement Plan in response to OfSTED Announced Inspection 2012');
    expect(parsed.plan.columnLabels).toEqual(HEADER.split('\t'));
  });

  it('moves the shifted row back and says so, naming line 83', () => {
    expect(parsed.messages.filter((m) => m.code === 'shifted_row')).toEqual([expect.objectContaining({ line: 83 })]);
    const cla3 = parsed.sections[1].recommendations[2];
    expect(cla3.text).toBe(
      'Pathway plans are in place for all care leavers, that they are comprehensive and specific and effectively support care leavers in achieving their objectives, including the development of independence skills and the transition to independence',
    );
    expect(cla3.activities[0]).toMatchObject({ costText: 'To be confirmed', leadAgencyText: null });
  });

  it('joins the rows continued across page breaks, and notes each join', () => {
    expect(codes(parsed).filter(([code]) => code === 'joined_across_rows').map(([, lines]) => lines)).toEqual([
      [83, 88],
      [83, 88],
      [92, 97],
      [104, 109],
      [118, 123],
    ]);
    const joined = activities.filter((a) => a.places.length > 1);
    expect(joined.map((a) => a.places.map((p) => p.line))).toEqual([
      [83, 88],
      [92, 97],
      [118, 123],
    ]);
    expect(joined[2].text).toContain('independent and supported semi independent accommodation for young people');
    expect(joined[1].outcomeMeasures).toHaveLength(2);
  });

  it('keeps a truncated activity verbatim', () => {
    expect(activities.find((a) => a.places[0].line === 69)?.text).toBe(
      'Monitoring of compliance with statutory visit at team performance meeting and individual supervision. Supported through a',
    );
  });

  it('ignores what follows the table (the summary of recommendations)', () => {
    expect(parsed.messages.filter((m) => m.code === 'stray_line')).toEqual([]);
  });
});

describe('readPlanTable: the paper’s conventions, one at a time', () => {
  it.each<[string, string[], ReturnType<typeof tree>]>([
    [
      'a band row sets the band; the number and text appear only on the first row',
      [HEADER, '<b>Front door: within three months</b>\t\t\t\t', '1. Screen contacts.\tDaily huddle\tAll screened\tNone\tMASH', '\tAudit decisions\tAudits done\t\tMASH'],
      [
        {
          title: 'Front door',
          recommendations: [
            {
              number: 1,
              band: 'within_three_months',
              text: 'Screen contacts.',
              activities: [
                ['Daily huddle', ['All screened'], 'None', 'MASH', [3]],
                ['Audit decisions', ['Audits done'], '', 'MASH', [4]],
              ],
            },
          ],
        },
      ],
    ],
    [
      'a continuation after a repeated header joins cell by cell',
      [HEADER, 'Within six months\t\t\t\t', '1. Improve plans for\tTrain staff in\tPlans are\tTBC\tSCC', 'DRAFT', HEADER, 'children in need.\tplan writing.\t<p>better.</p> <p>Audits improve.</p>\t\t'],
      [
        {
          title: 'Recommendations',
          recommendations: [
            {
              number: 1,
              band: 'within_six_months',
              text: 'Improve plans for children in need.',
              activities: [['Train staff in plan writing.', ['Plans are better.', 'Audits improve.'], 'TBC', 'SCC', [3, 6]]],
            },
          ],
        },
      ],
    ],
    [
      'a row with an outcome measure only adds it to the activity above',
      [HEADER, 'Immediately\t\t\t\t', '1. Act.\tDo it.\tDone.\tNone\tSCC', '\t\tReported.\t\t'],
      [{ title: 'Recommendations', recommendations: [{ number: 1, band: 'immediately', text: 'Act.', activities: [['Do it.', ['Done.', 'Reported.'], 'None', 'SCC', [3, 4]]] }] }],
    ],
    [
      'a repeated recommendation cell is the same recommendation',
      [HEADER, 'Immediately\t\t\t\t', '1. Act.\tDo it.\tDone.\tNone\tSCC', '1. Act.\tDo more.\tDone.\tNone\tSCC'],
      [
        {
          title: 'Recommendations',
          recommendations: [
            {
              number: 1,
              band: 'immediately',
              text: 'Act.',
              activities: [
                ['Do it.', ['Done.'], 'None', 'SCC', [3]],
                ['Do more.', ['Done.'], 'None', 'SCC', [4]],
              ],
            },
          ],
        },
      ],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(tree(read(lines.join('\n')))).toEqual(expected);
  });

  it('numbers an unnumbered recommendation and warns', () => {
    const parsed = read([HEADER, 'Immediately\t\t\t\t', 'Act now\tDo it.\tDone.\tNone\tSCC'].join('\n'));
    expect(parsed.sections[0].recommendations[0].number).toBe(1);
    expect(codes(parsed)).toEqual([['unnumbered_recommendation', 3]]);
  });

  it('warns about text inside the table that is not a row, and a row with no activity', () => {
    const parsed = read([HEADER, 'Immediately\t\t\t\t', '1. Act.\tDo it.\tDone.\tNone\tSCC', 'a stray line', '2. Also.\t\tDone.\t\t', '\tDo that.\tDone.\tNone\tSCC'].join('\n'));
    expect(codes(parsed)).toEqual([
      ['row_without_activity', 5],
      ['stray_line', 4],
    ]);
  });

  it('opens a table at each TABLE heading and keeps numbering per table', () => {
    const parsed = read(['**TABLE 1: FRONT DOOR**', HEADER, 'Immediately\t\t\t\t', '1. A.\tDo a.\tDone.\tNone\tSCC', '**TABLE 2: CARE LEAVERS**', HEADER, 'Immediately\t\t\t\t', '1. B.\tDo b.\tDone.\tNone\tSCC'].join('\n'));
    expect(parsed.sections.map((s) => [s.title, s.recommendations.map((r) => r.number)])).toEqual([
      ['Front door', [1]],
      ['Care leavers', [1]],
    ]);
  });

  it('reads spreadsheet columns for the table, number, band and paragraph', () => {
    const lines: TableLine[] = [
      ['Table', 'No.', 'Paragraph', 'Band', 'Recommendation', 'Activity', 'Outcome measure', 'Cost', 'Lead agency'],
      ['Safeguarding', '1', '23', 'Immediately', 'Ensure quality.', 'Audit', 'Audited.', 'None', 'SCC'],
      ['Safeguarding', '2', '23', 'Within three months', 'Ensure stability.', 'Recruit', 'Recruited.', '£53k pa', 'SCC'],
      ['Children looked after', '1', '102', 'Within six months', 'Ensure visits.', 'Visit', 'Visited.', 'None', 'SCC'],
    ].map((cells, i) => ({ kind: 'row', cells, place: { line: i + 1 } }));
    const parsed = readPlanTable(lines, { format: 'csv', what: 'The file' });
    expect(parsed.sections.map((s) => [s.title, s.sourceReference, s.recommendations.map((r) => [r.number, r.band, r.sourceReference])])).toEqual([
      ['Safeguarding', '23', [[1, 'immediately', '23'], [2, 'within_three_months', '23']]],
      ['Children looked after', '102', [[1, 'within_six_months', '102']]],
    ]);
  });

  it('reads an outcome-first plan with merged outcome cells and a key to its abbreviations', () => {
    const rows = [
      ['Outcome', 'Action required', 'By who', 'By when', 'Measure of success'],
      ['Children are safe from exploitation', 'Map exploitation hot spots', 'CEA / MET', 'April 2016', 'Map in use'],
      ['Children are safe from exploitation', 'Train taxi drivers', 'CEA', 'Quarterly', 'Drivers trained'],
      ['Learning is shared', 'Publish SCR learning', 'SCR / L&D', 'September 2015 / 16 / 17', 'Briefings held'],
    ];
    const merged = [[], [], [true], []].map((m) => m as boolean[]);
    const lines: TableLine[] = [
      ...rows.map((cells, i) => ({ kind: 'row' as const, cells, place: { sheet: 'Plan', row: i + 1 }, merged: merged[i] })),
      { kind: 'row', cells: ['Key', '', '', '', ''], place: { sheet: 'Plan', row: 6 } },
      { kind: 'row', cells: ['CEA', 'Child Exploitation and Abuse sub-group', '', '', ''], place: { sheet: 'Plan', row: 7 } },
      { kind: 'row', cells: ['MET', 'Missing, Exploited and Trafficked sub-group', '', '', ''], place: { sheet: 'Plan', row: 8 } },
    ];
    const parsed = readPlanTable(lines, { format: 'xlsx', what: 'Sheet "Plan"', sheet: 'Plan' });
    expect(parsed.layout).toBe('outcome-first');
    expect(parsed.sections[0].title).toBe('Outcomes');
    expect(parsed.sections[0].recommendations.map((r) => [r.number, r.text, r.band, r.activities.map((a) => [a.text, a.leadAgencyText, a.timescaleText])])).toEqual([
      [
        1,
        'Children are safe from exploitation',
        null,
        [
          ['Map exploitation hot spots', 'CEA / MET', 'April 2016'],
          ['Train taxi drivers', 'CEA', 'Quarterly'],
        ],
      ],
      [2, 'Learning is shared', null, [['Publish SCR learning', 'SCR / L&D', 'September 2015 / 16 / 17']]],
    ]);
    expect(parsed.abbreviations).toEqual({ CEA: 'Child Exploitation and Abuse sub-group', MET: 'Missing, Exploited and Trafficked sub-group' });
  });

  it.each<[string, string, string, Record<string, unknown>]>([
    ['text with no table', 'Dear colleagues,\nplease find the plan attached.', 'no_table', {}],
    ['a table with no recognisable header', 'Name\tEmail\nAnn\tann@example.org', 'no_header', { line: 1 }],
    ['a header and nothing beneath it', `${HEADER}\n\n`, 'no_recommendations', {}],
    ['two different recommendations with one number', [HEADER, 'Immediately\t\t\t\t', '1. A.\tDo a.\tDone.\tNone\tSCC', '1. B.\tDo b.\tDone.\tNone\tSCC'].join('\n'), 'duplicate_number', { line: 4 }],
  ])('refuses %s', (_name, text, code, place) => {
    try {
      read(text);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportProblem);
      expect(error).toMatchObject({ code, place });
    }
  });
});

describe('readPlanTable: outcome-first business plans kept as written (issue 15)', () => {
  const OUTCOME_HEADER = 'Outcome\tAction\tBy who\tBy when\tMeasure of success';
  const outline = (parsed: ParsedImport) =>
    parsed.sections.map((s) => [s.title, s.recommendations.map((r) => [r.number, r.text, r.activities.map((a) => a.text)])]);

  it.each<[string, string[], ReturnType<typeof outline>]>([
    [
      'a priority heading on its own line starts a table titled by it',
      ['Priority 1: Ensure safeguarding is a whole city theme', OUTCOME_HEADER, 'Partners are challenged\tHold an event\tExec\tMarch 2016\tHeld'],
      [['Priority 1: Ensure safeguarding is a whole city theme', [[1, 'Partners are challenged', ['Hold an event']]]]],
    ],
    [
      'with the trailing tabs Word leaves after it',
      ['Priority 1: Ensure safeguarding is a whole city theme\t\t\t\t', OUTCOME_HEADER, 'Partners are challenged\tHold an event\tExec\tMarch 2016\tHeld'],
      [['Priority 1: Ensure safeguarding is a whole city theme', [[1, 'Partners are challenged', ['Hold an event']]]]],
    ],
    [
      'inside the table, after the header row, with trailing tabs',
      [OUTCOME_HEADER, 'Priority 1: Whole city\t\t\t\t', 'A\tDo a\tExec\tMarch 2016\tDone', 'Priority 2: Early help\t\t\t\t', 'B\tDo b\tExec\tMarch 2016\tDone'],
      [
        ['Priority 1: Whole city', [[1, 'A', ['Do a']]]],
        ['Priority 2: Early help', [[1, 'B', ['Do b']]]],
      ],
    ],
    [
      'repeated after a page break, the same table goes on',
      ['Priority 1: Whole city', OUTCOME_HEADER, 'A\tDo a\tExec\tMarch 2016\tDone', '', 'Priority 1: Whole city\t\t\t\t', OUTCOME_HEADER, 'B\tDo b\tExec\tMarch 2016\tDone'],
      [['Priority 1: Whole city', [[1, 'A', ['Do a']], [2, 'B', ['Do b']]]]],
    ],
    [
      'in capitals, or as "Strategic priority two -"',
      ['PRIORITY 1: WHOLE CITY', OUTCOME_HEADER, 'A\tDo a\tExec\tMarch 2016\tDone', 'Strategic priority two - Early help', OUTCOME_HEADER, 'B\tDo b\tExec\tMarch 2016\tDone'],
      [
        ['Priority 1: whole city', [[1, 'A', ['Do a']]]],
        ['Strategic priority two - Early help', [[1, 'B', ['Do b']]]],
      ],
    ],
    [
      'an outcome continued across a page break, with the priority heading printed again between, joins the one above',
      [
        'Priority 2: Early help',
        OUTCOME_HEADER,
        'Children at risk of neglect are protected from\tRoll out the toolkit\tL&D\tDecember 2015\tToolkit used',
        '\tAudit the toolkit\tQA\tQuarterly\tAudited',
        '',
        'Priority 2: Early help\t\t\t\t',
        OUTCOME_HEADER,
        'harm earlier in their experiences.\tTrain staff in early help\tL&D\tMarch 2016\tStaff trained',
        'Families get help first time\tPublish thresholds\tBoard\tJune 2015\tPublished',
      ],
      [
        [
          'Priority 2: Early help',
          [
            [1, 'Children at risk of neglect are protected from harm earlier in their experiences.', ['Roll out the toolkit', 'Audit the toolkit', 'Train staff in early help']],
            [2, 'Families get help first time', ['Publish thresholds']],
          ],
        ],
      ],
    ],
    [
      'an unfinished outcome goes on even when the next page opens with the next priority',
      [
        'Priority 1: Whole city',
        OUTCOME_HEADER,
        'Children are protected from\tDo a\tExec\tMarch 2016\tDone',
        'Priority 2: Early help',
        OUTCOME_HEADER,
        'harm earlier.\tDo b\tExec\tMarch 2016\tDone',
        'Families get help\tDo c\tExec\tMarch 2016\tDone',
      ],
      [
        ['Priority 1: Whole city', [[1, 'Children are protected from harm earlier.', ['Do a', 'Do b']]]],
        ['Priority 2: Early help', [[1, 'Families get help', ['Do c']]]],
      ],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(outline(read(lines.join('\n')))).toEqual(expected);
  });

  it('notes the outcome joined across the page break with both lines', () => {
    const parsed = read(['Priority 2: Early help', OUTCOME_HEADER, 'Children are protected from\tDo a\tL&D\tMay 2016\tDone', 'Priority 2: Early help', OUTCOME_HEADER, 'harm.\tDo b\tL&D\tMay 2016\tDone'].join('\n'));
    expect(codes(parsed)).toEqual([['joined_across_rows', [3, 6]]]);
  });

  it.each<[string, string[]]>([
    ['above the tables', ['Key to abbreviations:', 'L&D: Learning and Development Group', 'Board: The full board / LSCB', '', '4LSCB – Hampshire, Isle of Wight, Portsmouth & Southampton', 'Exec\tExecutive Group', 'Priority 1: Whole city', OUTCOME_HEADER, 'A\tDo a\tL&D\tMarch 2016\tDone']],
    ['below them', ['Priority 1: Whole city', OUTCOME_HEADER, 'A\tDo a\tL&D\tMarch 2016\tDone', '', 'Key to abbreviations:', 'L&D: Learning and Development Group', 'Board: The full board / LSCB', '4LSCB – Hampshire, Isle of Wight, Portsmouth & Southampton', 'Exec\tExecutive Group']],
    ['between two tables', ['Priority 1: Whole city', OUTCOME_HEADER, 'A\tDo a\tL&D\tMarch 2016\tDone', 'Key', 'L&D = Learning and Development Group', 'Board  The full board / LSCB', '4LSCB: Hampshire, Isle of Wight, Portsmouth & Southampton', 'Exec: Executive Group', 'Priority 2: Early help', OUTCOME_HEADER, 'B\tDo b\tExec\tMarch 2016\tDone']],
  ])('reads the plan’s key to abbreviations %s, one capital or a digit first included', (_where, lines) => {
    const parsed = read(lines.join('\n'));
    expect(parsed.abbreviations).toEqual({
      'L&D': 'Learning and Development Group',
      Board: 'The full board / LSCB',
      '4LSCB': 'Hampshire, Isle of Wight, Portsmouth & Southampton',
      Exec: 'Executive Group',
    });
    expect(parsed.messages.filter((m) => m.code === 'stray_line')).toEqual([]);
  });

  it('ends the key at a line that is not an entry', () => {
    for (const note of ['Note: this plan is reviewed each year', 'Note: This plan is reviewed yearly by the whole board.']) {
      const parsed = read(['Key', 'QA: Quality Assurance Group', note, 'Priority 1: Whole city', OUTCOME_HEADER, 'A\tDo a\tQA\tMarch 2016\tDone'].join('\n'));
      expect(parsed.abbreviations).toEqual({ QA: 'Quality Assurance Group' });
    }
  });

  it('reads the business plan fixture: five priorities, their outcomes and actions as written, the key and the title', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/imports/lscb-business-plan-2015-18.txt'), 'utf8');
    const parsed = read(text);
    expect(parsed.layout).toBe('outcome-first');
    expect(parsed.plan.title).toBe('Business Plan 2015-18');
    expect(parsed.sections.map((s) => [s.title, s.recommendations.length, s.recommendations.reduce((n, r) => n + r.activities.length, 0)])).toEqual([
      ['Priority 1: Ensure safeguarding is a whole city theme', 2, 4],
      ['Priority 2: Early help is offered as soon as problems emerge', 2, 4],
      ['Priority 3: Children are safe from sexual exploitation and going missing', 2, 3],
      ['Priority 4: Learning from reviews changes practice', 1, 2],
      ['Priority 5: The voice of the child is heard', 1, 2],
    ]);
    expect(parsed.sections[1].recommendations[0].text).toBe('Children and young people at risk of neglect are protected from harm earlier in their experiences.');
    expect(Object.keys(parsed.abbreviations)).toEqual(['Board', 'Exec', 'L&D', 'QA', '4LSCB']);
    expect(parsed.messages.map((m) => m.code)).toEqual(['joined_across_rows']);
  });
});
