import { ActionLine, actionLogTable, actionLogView } from './action-log';

const line = (over: Partial<ActionLine>): ActionLine => ({
  number: 1,
  meetingDate: '2012-10-15',
  text: 'Circulate the audit of child protection plans',
  owners: [{ name: 'Anne Wright', initials: 'AW' }],
  unresolvedOwners: [],
  dueOn: '2012-12-17',
  status: 'open',
  note: null,
  ...over,
});

describe('the action log: Action | Owner | Due | Status', () => {
  it.each<[string, ActionLine, string[][]]>([
    ['an open action with one owner', line({}), [['1. Circulate the audit of child protection plans'], ['Anne Wright (AW)'], ['17 Dec 2012'], ['Open']]],
    [
      'two owners, one set of initials nobody could be matched to',
      line({ number: 2, owners: [{ name: 'Amir Ali', initials: 'AA' }], unresolvedOwners: ['AW'] }),
      [['2. Circulate the audit of child protection plans'], ['Amir Ali (AA)', 'AW (not matched to a member)'], ['17 Dec 2012'], ['Open']],
    ],
    ['closed, with its note', line({ status: 'closed', note: 'Circulated on 1 November' }), [['1. Circulate the audit of child protection plans'], ['Anne Wright (AW)'], ['17 Dec 2012'], ['Closed', 'Circulated on 1 November']]],
    ['no owner', line({ owners: [], status: 'in_progress' }), [['1. Circulate the audit of child protection plans'], ['No owner'], ['17 Dec 2012'], ['In progress']]],
  ])('%s', (_name, action, cells) => {
    const table = actionLogTable('Action log', [action]);
    expect(table.columns.map((column) => column.label)).toEqual(['Action', 'Owner', 'Due', 'Status']);
    expect(table.groups[0].rows[0].cells.map((cell) => [...(cell.strong ? [cell.strong] : []), ...cell.paragraphs])).toEqual(cells);
  });

  it('groups matters arising by the meeting that agreed them, oldest first, in their numbers', () => {
    const table = actionLogTable('Matters arising', [line({ meetingDate: '2012-12-17', number: 1 }), line({ number: 3 }), line({ number: 2 })]);
    expect(table.groups.map((group) => [group.label, group.rows.map((row) => row.cells[0].paragraphs[0].slice(0, 2))])).toEqual([
      ['Agreed at the meeting of 15 October 2012', ['2.', '3.']],
      ['Agreed at the meeting of 17 December 2012', ['1.']],
    ]);
  });

  it('says how many actions a meeting agreed and how many are open', () => {
    expect(actionLogView('Improvement Board', '2012-10-15', [line({}), line({ number: 2, status: 'closed', note: 'Done' })])).toMatchObject({
      title: 'Improvement Board: actions agreed on 15 October 2012',
      summary: '2 actions were agreed at this meeting; 1 is still open.',
    });
    expect(actionLogView('Improvement Board', '2012-10-15', [])).toMatchObject({ summary: 'No actions were agreed at this meeting.', table: null });
  });
});
