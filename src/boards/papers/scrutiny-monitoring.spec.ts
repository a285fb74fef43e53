import { MonitoredItem, MonitoringRow, decisionProblem, monitoringStanding, numbered, scrutinyMonitoringView } from './scrutiny-monitoring';

const item = (over: Partial<MonitoredItem>): MonitoredItem => ({ meetingDate: '2022-01-20', progress: 'continue_monitoring', pausedReason: null, rejected: false, decisions: [], ...over });

describe('scrutiny monitoring: what stays on the list', () => {
  it.each<[string, MonitoredItem, string | undefined, boolean, string]>([
    ['in progress stays', item({}), undefined, true, 'Continue monitoring'],
    ['unacceptable progress stays', item({ progress: 'unacceptable_progress' }), undefined, true, 'Unacceptable progress'],
    ['paused stays, with its reason', item({ progress: 'paused', pausedReason: 'Awaiting the Ofsted visit' }), undefined, true, 'Paused: Awaiting the Ofsted visit'],
    ['completed but not yet decided stays', item({ progress: 'achieved' }), undefined, true, "Completed: awaiting the panel's acceptance"],
    [
      'completed but not accepted stays and is reported again',
      item({ progress: 'achieved', decisions: [{ meetingDate: '2022-03-17', decision: 'not_accepted' }] }),
      undefined,
      true,
      'Completed, but not accepted by the panel on 17 March 2022: reported again',
    ],
    [
      'completed and accepted leaves',
      item({ progress: 'achieved', decisions: [{ meetingDate: '2022-03-17', decision: 'not_accepted' }, { meetingDate: '2022-05-19', decision: 'accepted' }] }),
      undefined,
      false,
      'Accepted as completed by the panel on 19 May 2022',
    ],
    [
      'accepted at a meeting is still on the list that meeting receives',
      item({ progress: 'achieved', decisions: [{ meetingDate: '2022-05-19', decision: 'accepted' }] }),
      '2022-05-19',
      true,
      "Completed: awaiting the panel's acceptance",
    ],
    ['rejected but not yet reported stays', item({ rejected: true }), undefined, true, 'Rejected: stays on the list until the rejection has been reported to the panel'],
    [
      'rejected and reported leaves',
      item({ rejected: true, decisions: [{ meetingDate: '2022-03-17', decision: 'rejection_reported' }] }),
      undefined,
      false,
      'Rejected; reported to the panel on 17 March 2022',
    ],
    ['rejected and reported leaves only after the meeting it was reported to', item({ rejected: true, decisions: [{ meetingDate: '2022-03-17', decision: 'rejection_reported' }] }), '2022-03-17', true, 'Rejected: stays on the list until the rejection has been reported to the panel'],
  ])('%s', (_name, monitored, before, listed, reason) => {
    expect(monitoringStanding(monitored, before)).toMatchObject({ listed, reason });
  });
});

describe('scrutiny monitoring: which decisions can be recorded', () => {
  it.each<[string, MonitoredItem, Parameters<typeof decisionProblem>[1], string, string | null]>([
    ['accepting a completed item', item({ progress: 'achieved' }), 'accepted', '2022-03-17', null],
    ['declining a completed item', item({ progress: 'achieved' }), 'not_accepted', '2022-03-17', null],
    ['accepting an item still being monitored', item({}), 'accepted', '2022-03-17', 'only an item the service has marked achieved (completed) can be accepted or not; this one is: continue monitoring'],
    ['reporting a rejection', item({ rejected: true }), 'rejection_reported', '2022-03-17', null],
    ['reporting a rejection that was not made', item({}), 'rejection_reported', '2022-03-17', 'only a rejected recommendation is reported as rejected'],
    ['a meeting before the recommendation was made', item({ progress: 'achieved' }), 'accepted', '2021-12-01', 'is a meeting before the one that made the recommendation (20 January 2022)'],
    [
      'an item already accepted',
      item({ progress: 'achieved', decisions: [{ meetingDate: '2022-03-17', decision: 'accepted' }] }),
      'not_accepted',
      '2022-05-19',
      'cannot decide on an item no longer on the list (accepted as completed by the panel on 17 March 2022)',
    ],
    ['the same decision twice at one meeting', item({ progress: 'achieved', decisions: [{ meetingDate: '2022-03-17', decision: 'not_accepted' }] }), 'not_accepted', '2022-03-17', 'has already recorded this decision for the item'],
  ])('%s', (_name, monitored, decision, meetingDate, problem) => {
    expect(decisionProblem(monitored, decision, meetingDate)).toBe(problem);
  });
});

describe('the monitoring appendix', () => {
  const row = (over: Partial<MonitoringRow>): MonitoringRow => ({ ...item({}), title: 'Early help', actionProposed: ['Report the audit'], actionTaken: [], ...over });

  it('numbers the points within an item, "1)", "2)", and leaves a single point alone', () => {
    expect(numbered(['Audit the plans', 'Report back in March'])).toEqual(['1) Audit the plans', '2) Report back in March']);
    expect(numbered(['Audit the plans'])).toEqual(['Audit the plans']);
  });

  it('lists what is still monitored for the meeting, grouped by the date of the meeting that made it', () => {
    const view = scrutinyMonitoringView('Children and Families Scrutiny Panel', '2022-07-21', [
      row({ meetingDate: '2022-03-17', title: 'Missing children', actionProposed: ['Publish the protocol', 'Train staff'], actionTaken: ['Published in April'] }),
      row({ meetingDate: '2022-01-20', title: 'Early help', progress: 'achieved', decisions: [{ meetingDate: '2022-05-19', decision: 'not_accepted' }] }),
      row({ meetingDate: '2022-01-20', title: 'Accepted item', progress: 'achieved', decisions: [{ meetingDate: '2022-05-19', decision: 'accepted' }] }),
      row({ meetingDate: '2022-07-21', title: 'Made at this meeting' }),
    ]);
    expect(view.title).toBe('Scrutiny Monitoring — 21 July 2022');
    expect(view.summary).toBe('2 recommendations of the Children and Families Scrutiny Panel are still being monitored, from 2 meetings.');
    const table = view.table!;
    expect(table.columns.map((c) => c.label)).toEqual(['Date', 'Title', 'Action proposed', 'Action taken', 'Progress status']);
    expect(table.groups.map((g) => g.label)).toEqual(['Meeting of 20 January 2022', 'Meeting of 17 March 2022']);
    const text = (cells: (typeof table.groups)[number]['rows'][number]['cells']) => cells.map((cell) => [...(cell.strong ? [cell.strong] : []), ...cell.paragraphs]);
    expect(text(table.groups[0].rows[0].cells)).toEqual([
      ['20 January 2022'],
      ['Early help'],
      ['Report the audit'],
      ['No response yet'],
      ['Achieved', 'Completed, but not accepted by the panel on 19 May 2022: reported again'],
    ]);
    expect(text(table.groups[1].rows[0].cells)).toEqual([['17 March 2022'], ['Missing children'], ['1) Publish the protocol', '2) Train staff'], ['Published in April'], ['Continue monitoring']]);
  });
});
