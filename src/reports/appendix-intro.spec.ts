import { TimescaleBand } from '../deadlines';
import { OFSTED_COLUMN_LABELS, OUTCOME_FIRST_COLUMN_LABELS } from '../plans/plan-vocabulary';
import { IntroInput, IntroRecommendation, actionNoun, appendixIntro, monthRange, outcomeFirstIntro, outcomeNoun, periodText, sectionNoun } from './appendix-intro';

const DUE: Record<TimescaleBand, string | null> = {
  immediately: '2012-06-27',
  within_three_months: '2012-09-13',
  within_six_months: '2012-12-13',
  by_date: null,
};

function recommendations(counts: Partial<Record<TimescaleBand, number>>): IntroRecommendation[] {
  return (Object.entries(counts) as Array<[TimescaleBand, number]>).flatMap(([band, count]) =>
    Array.from({ length: count }, () => ({ band, dueDate: DUE[band], targetDate: null })),
  );
}

function input(sections: Array<[string, Partial<Record<TimescaleBand, number>>]>, overrides: Partial<IntroInput> = {}): IntroInput {
  return {
    kind: 'ofsted_inspection',
    publishedOn: '2012-06-13',
    sections: sections.map(([title, counts]) => ({ title, recommendations: recommendations(counts) })),
    columnLabels: [...OFSTED_COLUMN_LABELS],
    ...overrides,
  };
}

describe('appendixIntro', () => {
  it('writes the Southampton paper’s sentences, with 10 in figures', () => {
    const intro = appendixIntro(
      input([
        ['Safeguarding', { immediately: 2, within_three_months: 4, within_six_months: 1 }],
        ['Children looked after', { immediately: 1, within_three_months: 6, within_six_months: 3 }],
      ]),
    );
    expect(intro.paragraph).toBe(
      'The 2012 safeguarding and children looked after Ofsted report makes 17 recommendations. ' +
        'These include three for immediate implementation; 10 for completion within three months (September 2012) ' +
        'and four to be addressed within six months (December 2012). ' +
        'This improvement plan contains two tables: Table 1: Safeguarding with seven recommendations ' +
        'and Table 2: Children looked after with 10 recommendations.',
    );
    expect(intro.columnsLead).toBe('Each table has five columns:');
    expect(intro.columns).toEqual([
      'Column one: Area for development - Ofsted report',
      'Column two: Activity to be delivered',
      'Column three: Outcome measure',
      'Column four: Cost (if app.)',
      'Column five: Lead agency',
    ]);
  });

  it.each<[string, Array<[string, Partial<Record<TimescaleBand, number>>]>, string]>([
    [
      'a band with none is left out',
      [['Front door', { immediately: 1, within_six_months: 2 }]],
      'The 2012 front door Ofsted report makes three recommendations. These include one for immediate implementation and two to be addressed within six months (December 2012). This improvement plan contains one table: Table 1: Front door with three recommendations.',
    ],
    [
      'one band of several',
      [['Front door', { within_three_months: 12 }]],
      'The 2012 front door Ofsted report makes 12 recommendations. All 12 are for completion within three months (September 2012). This improvement plan contains one table: Table 1: Front door with 12 recommendations.',
    ],
    [
      'a single recommendation',
      [['Front door', { immediately: 1 }]],
      'The 2012 front door Ofsted report makes one recommendation. It is for immediate implementation. This improvement plan contains one table: Table 1: Front door with one recommendation.',
    ],
    [
      'three tables, joined with semicolons',
      [
        ['Help and protection', { immediately: 1 }],
        ['Children in care', { within_three_months: 1 }],
        ['Care leavers', { within_three_months: 9 }],
      ],
      'The 2012 help and protection, children in care and care leavers Ofsted report makes 11 recommendations. These include one for immediate implementation and 10 for completion within three months (September 2012). This improvement plan contains three tables: Table 1: Help and protection with one recommendation; Table 2: Children in care with one recommendation and Table 3: Care leavers with nine recommendations.',
    ],
    [
      'an abbreviation keeps its capitals',
      [['MASH', { immediately: 2 }]],
      'The 2012 MASH Ofsted report makes two recommendations. Both are for immediate implementation. This improvement plan contains one table: Table 1: MASH with two recommendations.',
    ],
  ])('%s', (_name, sections, expected) => {
    expect(appendixIntro(input(sections)).paragraph).toBe(expected);
  });

  it('names months from the real due dates, including moved ones', () => {
    const intro = appendixIntro({
      ...input([]),
      sections: [
        {
          title: 'Front door',
          recommendations: [
            { band: 'within_three_months', dueDate: '2012-09-13', targetDate: null },
            { band: 'within_three_months', dueDate: '2012-10-01', targetDate: null },
          ],
        },
      ],
    });
    expect(intro.paragraph).toContain('Both are for completion within three months (September to October 2012).');
  });

  it('dates a by-date band with its own date', () => {
    const intro = appendixIntro({
      ...input([]),
      sections: [
        {
          title: 'Front door',
          recommendations: [
            { band: 'immediately', dueDate: '2012-06-27', targetDate: null },
            { band: 'by_date', dueDate: '2012-11-30', targetDate: '2012-11-30' },
          ],
        },
      ],
    });
    expect(intro.paragraph).toContain('These include one for immediate implementation and one for completion by 30 November 2012.');
  });

  it('leaves the months out when no due date is known and the year when no publication date is', () => {
    const intro = appendixIntro({
      ...input([]),
      publishedOn: null,
      sections: [{ title: 'Front door', recommendations: [{ band: 'within_six_months', dueDate: null, targetDate: null }, { band: 'immediately', dueDate: null, targetDate: null }] }],
    });
    expect(intro.paragraph).toBe(
      'The front door Ofsted report makes two recommendations. These include one for immediate implementation and one to be addressed within six months. This improvement plan contains one table: Table 1: Front door with two recommendations.',
    );
  });

  it('names the source by kind and says "the table" for one table', () => {
    const intro = appendixIntro({
      ...input([['Learning', { by_date: 0, immediately: 1 }]]),
      kind: 'serious_case_review',
      columnLabels: [...OUTCOME_FIRST_COLUMN_LABELS],
    });
    expect(intro.paragraph).toMatch(/^The 2012 learning serious case review makes one recommendation\. .* This plan contains one table:/);
    expect(intro.columnsLead).toBe('The table has five columns:');
    expect(intro.columns[4]).toBe('Column five: Measure of success');
  });

  it('copes with a plan with no recommendations', () => {
    expect(appendixIntro(input([])).paragraph).toBe('The 2012 Ofsted report makes no recommendations. This improvement plan contains no tables yet.');
  });
});

describe('monthRange', () => {
  it.each<[Array<string | null>, string]>([
    [[], ''],
    [[null], ''],
    [['2012-09-13'], 'September 2012'],
    [['2012-09-13', '2012-09-14'], 'September 2012'],
    [['2012-10-01', '2012-09-13'], 'September to October 2012'],
    [['2012-12-13', '2013-01-02'], 'December 2012 to January 2013'],
  ])('%p -> %p', (dates, expected) => {
    expect(monthRange(dates)).toBe(expected);
  });
});

describe('the outcome-first introduction, in the plan’s own words (issue 15)', () => {
  const LABELS = ['Outcome', 'Action', 'By who', 'By when', 'Measure of success'];
  const priorities = [
    { heading: 'Priority 1: Ensure safeguarding is a whole city theme', title: 'Priority 1: Ensure safeguarding is a whole city theme', outcomes: 3, actions: 11 },
    { heading: 'Priority 2: Early help', title: 'Priority 2: Early help', outcomes: 2, actions: 12 },
    { heading: 'Priority 3: Exploitation', title: 'Priority 3: Exploitation', outcomes: 3, actions: 14 },
    { heading: 'Priority 4: Learning', title: 'Priority 4: Learning', outcomes: 2, actions: 10 },
    { heading: 'Priority 5: Voice of the child', title: 'Priority 5: Voice of the child', outcomes: 2, actions: 10 },
  ];

  it('counts priorities, outcomes and actions and names the period', () => {
    const intro = outcomeFirstIntro({ kind: 'business_plan', startsOn: '2015-04-01', endsOn: '2018-03-31', sections: priorities, columnLabels: LABELS });
    expect(intro.paragraph).toBe(
      'This business plan for 2015-18 sets out five priorities, with 12 outcomes and 57 actions: ' +
        'Priority 1: Ensure safeguarding is a whole city theme (three outcomes, 11 actions); Priority 2: Early help (two outcomes, 12 actions); ' +
        'Priority 3: Exploitation (three outcomes, 14 actions); Priority 4: Learning (two outcomes, 10 actions) and Priority 5: Voice of the child (two outcomes, 10 actions).',
    );
    expect(intro.columnsLead).toBe("Each priority's table has five columns:");
    expect(intro.columns[1]).toBe('Column two: Action');
  });

  it('says "table" for tables that are not priorities, and uses the columns’ own nouns', () => {
    const intro = outcomeFirstIntro({
      kind: 'serious_case_review',
      startsOn: null,
      endsOn: null,
      sections: [{ heading: 'Table 1: Learning', title: 'Learning', outcomes: 1, actions: 2 }],
      columnLabels: ['Intended outcomes', 'Activity to be delivered', 'Lead', 'By when', 'Evidence'],
    });
    expect(intro.paragraph).toBe('This serious case review action plan has one table, with one intended outcome and two activities: Table 1: Learning (one intended outcome, two activities).');
    expect(intro.columnsLead).toBe('The table has five columns:');
  });

  it.each<[string[], string]>([
    [['Priority 1: A', 'Priority 2: B'], 'priority'],
    [['Strategic priority 1: A', 'Strategic priority 2: B'], 'strategic priority'],
    [['Theme 1 - A'], 'theme'],
    [['Priority 1: A', 'Learning'], 'table'],
    [['Learning'], 'table'],
  ])('calls %j a %s', (titles, expected) => {
    expect(sectionNoun(titles)).toBe(expected);
  });

  it.each<[string | undefined, string, string]>([
    ['Outcome', 'outcome', 'outcome'],
    ['Outcomes', 'outcome', 'outcome'],
    ['Intended outcome (what will be different)', 'intended outcome', 'outcome'],
    ['Objective', 'objective', 'outcome'],
    ['Area for development - Ofsted report', 'outcome', 'outcome'],
    [undefined, 'outcome', 'outcome'],
  ])('reads %j as "%s"', (label, expected) => {
    expect(outcomeNoun(label)).toBe(expected);
  });

  it.each<[string | undefined, string]>([
    ['Action required', 'action'],
    ['Actions', 'action'],
    ['Activity to be delivered', 'activity'],
    ['Tasks', 'task'],
    ['What we will do', 'action'],
  ])('reads %j as "%s"', (label, expected) => {
    expect(actionNoun(label)).toBe(expected);
  });

  it.each<[string | null, string | null, string | null]>([
    ['2015-04-01', '2018-03-31', '2015-18'],
    ['2016-04-01', '2017-03-31', '2016/17'],
    ['1999-04-01', '2001-03-31', '1999-2001'],
    ['2015-05-01', '2016-06-30', 'May 2015 to June 2016'],
    ['2015-05-03', '2016-06-14', '3 May 2015 to 14 June 2016'],
    ['2015-04-01', null, 'from 1 April 2015'],
    [null, '2016-03-31', 'to 31 March 2016'],
    [null, null, null],
  ])('period %s to %s -> %s', (startsOn, endsOn, expected) => {
    expect(periodText(startsOn, endsOn)).toBe(expected);
  });
});
