import { deadlineInText, milestonesFor, parseTimescale } from './timescales';

describe('parseTimescale: "By when" as plans write it', () => {
  it.each([
    ['April 2016', { kind: 'date', date: { date: '2016-04-30', precision: 'month' } }],
    ['Apr-16', { kind: 'date', date: { date: '2016-04-30', precision: 'month' } }],
    ["April '16", { kind: 'date', date: { date: '2016-04-30', precision: 'month' } }],
    ['By end of February 2016', { kind: 'date', date: { date: '2016-02-29', precision: 'month' } }],
    ['1 September 2012', { kind: 'date', date: { date: '2012-09-01', precision: 'day' } }],
    ['1st Sept 2012', { kind: 'date', date: { date: '2012-09-01', precision: 'day' } }],
    ['01/09/2012', { kind: 'date', date: { date: '2012-09-01', precision: 'day' } }],
    ['2012-09-01', { kind: 'date', date: { date: '2012-09-01', precision: 'day' } }],
    ['09/2016', { kind: 'date', date: { date: '2016-09-30', precision: 'month' } }],
    ['2016/17', { kind: 'date', date: { date: '2017-03-31', precision: 'month' } }],
    [
      'September 2015 / 16 / 17',
      { kind: 'dates', dates: [{ date: '2015-09-30', precision: 'month' }, { date: '2016-09-30', precision: 'month' }, { date: '2017-09-30', precision: 'month' }] },
    ],
    [
      'Sept 2015, 2016 and 2017',
      { kind: 'dates', dates: [{ date: '2015-09-30', precision: 'month' }, { date: '2016-09-30', precision: 'month' }, { date: '2017-09-30', precision: 'month' }] },
    ],
    ['December 2099 / 00', { kind: 'dates', dates: [{ date: '2099-12-31', precision: 'month' }, { date: '2100-12-31', precision: 'month' }] }],
    ['April 2016 and July 2016', { kind: 'dates', dates: [{ date: '2016-04-30', precision: 'month' }, { date: '2016-07-31', precision: 'month' }] }],
    ['March 2016 (end of 2015/16)', { kind: 'date', date: { date: '2016-03-31', precision: 'month' } }],
    ['April 2016, March 2016, April 2016', { kind: 'dates', dates: [{ date: '2016-03-31', precision: 'month' }, { date: '2016-04-30', precision: 'month' }] }],
    ['Quarterly', { kind: 'cadence', cadence: 'quarterly', from: null }],
    ['Quarterly review of action plans', { kind: 'cadence', cadence: 'quarterly', from: null }],
    ['Quarterly from April 2016', { kind: 'cadence', cadence: 'quarterly', from: { date: '2016-04-30', precision: 'month' } }],
    ['Monthly', { kind: 'cadence', cadence: 'monthly', from: null }],
    ['Bi-monthly board', { kind: 'cadence', cadence: 'bi_monthly', from: null }],
    ['Six-monthly', { kind: 'cadence', cadence: 'six_monthly', from: null }],
    ['Termly', { kind: 'cadence', cadence: 'termly', from: null }],
    ['Annual report', { kind: 'cadence', cadence: 'annually', from: null }],
    ['Weekly', { kind: 'cadence', cadence: 'weekly', from: null }],
    ['Ongoing', { kind: 'ongoing' }],
    ['When the review reports', { kind: 'unreadable' }],
    ['31 February 2016', { kind: 'unreadable' }],
    ['April 1850', { kind: 'unreadable' }],
    ['', { kind: 'unreadable' }],
  ])('%j', (text, expected) => {
    expect(parseTimescale(text)).toEqual(expected);
  });

  it('reads only the start of a very long cell, quickly', () => {
    const started = Date.now();
    expect(parseTimescale(`${'9/'.repeat(200_000)}April 2016`).kind).toBe('unreadable');
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('deadlineInText: a deadline an activity states itself', () => {
  it.each([
    ['Embed the new electronic Care Plan document onto PARIS by 1 September 2012.', { date: '2012-09-01', precision: 'day' }],
    ['Complete the audit by September 2012', { date: '2012-09-30', precision: 'month' }],
    ['Report to the board by the end of March 2013.', { date: '2013-03-31', precision: 'month' }],
    ['From July 2012 all practitioners will distribute the leaflet.', null],
    ['All staff using the new system from 1 September 2012.', null],
    ['Review and reconfigure services.', null],
  ])('%j', (text, expected) => {
    expect(deadlineInText(text)).toEqual(expected);
  });
});

describe('milestonesFor: checkpoints of a recurring commitment', () => {
  it('puts quarterly milestones at the ends of the financial quarters between start and end', () => {
    expect(milestonesFor('quarterly', '2015-04-01', '2016-04-30')).toEqual([
      { date: '2015-06-30', precision: 'month', label: 'Quarter to June 2015' },
      { date: '2015-09-30', precision: 'month', label: 'Quarter to September 2015' },
      { date: '2015-12-31', precision: 'month', label: 'Quarter to December 2015' },
      { date: '2016-03-31', precision: 'month', label: 'Quarter to March 2016' },
    ]);
  });

  it('includes the end of the month the plan ends in', () => {
    expect(milestonesFor('quarterly', '2015-04-01', '2015-06-15').map((m) => m.date)).toEqual(['2015-06-30']);
  });

  it.each([
    ['monthly', '2015-04-01', '2015-07-31', ['2015-05-31', '2015-06-30', '2015-07-31']],
    ['bi_monthly', '2015-04-01', '2015-10-31', ['2015-06-30', '2015-08-31', '2015-10-31']],
    ['six_monthly', '2015-04-01', '2016-04-30', ['2015-10-31', '2016-04-30']],
    ['annually', '2015-04-01', '2017-09-30', ['2016-04-30', '2017-04-30']],
    ['termly', '2015-09-01', '2016-07-31', ['2015-12-31', '2016-04-30', '2016-07-31']],
    ['weekly', '2015-04-01', '2016-04-30', []],
    ['fortnightly', '2015-04-01', '2016-04-30', []],
    ['quarterly', '2016-04-01', '2015-04-30', []],
  ] as const)('%s from %s to %s', (cadence, start, end, dates) => {
    expect(milestonesFor(cadence, start, end).map((m) => m.date)).toEqual(dates);
  });

  it('labels terms as schools name them', () => {
    expect(milestonesFor('termly', '2015-09-01', '2016-07-31').map((m) => m.label)).toEqual(['Autumn term 2015', 'Spring term 2016', 'Summer term 2016']);
  });

  it('stops at 120 milestones however long the plan', () => {
    expect(milestonesFor('monthly', '2000-01-01', '2099-12-31')).toHaveLength(120);
  });
});
