import { boardEntries } from './board-calendar-entries';

describe("a board's meetings and actions in calendar feeds", () => {
  const site = { publicUrl: 'https://plans.example.gov.uk' };
  const meeting = { id: 'm1', boardId: 'b1', boardName: 'Improvement Board', meetingDate: '2022-07-21', status: 'scheduled' as const, agenda: ['Matters arising', 'Performance report'] };
  const action = { id: 'a1', boardId: 'b1', meetingId: 'm0', boardName: 'Improvement Board', meetingDate: '2022-05-19', number: 2, text: 'Circulate the audit', dueOn: '2022-07-21', owners: ['Amir Ali', 'Fiona Brown'] };

  it.each<[string, Parameters<typeof boardEntries>, Array<[string, string, string, string]>]>([
    ['a meeting, with its agenda', [[meeting], [], site], [['meeting-m1@plans.example.gov.uk', '2022-07-21', 'Improvement Board meeting', 'Meeting']]],
    ['a cancelled meeting, marked', [[{ ...meeting, status: 'cancelled' }], [], site], [['meeting-m1@plans.example.gov.uk', '2022-07-21', 'Cancelled: Improvement Board meeting', 'Meeting']]],
    ['an action on its due date', [[], [action], site], [['action-a1@plans.example.gov.uk', '2022-07-21', 'Action due: Circulate the audit', 'Action']]],
  ])('%s', (_name, args, expected) => {
    expect(boardEntries(...args).map((entry) => [entry.uid, entry.date, entry.summary, entry.category])).toEqual(expected);
  });

  it('describes the meeting and the action in words', () => {
    const [m, a] = boardEntries([meeting], [action], site);
    expect(m.description).toBe('Improvement Board, 21 July 2022\nAgenda:\n1. Matters arising\n2. Performance report');
    expect(a.description).toBe('Improvement Board, agreed at the meeting of 19 May 2022, action 2\nAction: Circulate the audit\nDue 21 July 2022\nOwners: Amir Ali, Fiona Brown');
  });

  it("links each to its meeting's page, where an owner closes the action", () => {
    const [m, a] = boardEntries([meeting], [action], site);
    expect(m.url).toBe('https://plans.example.gov.uk/boards/b1/meetings/m1');
    expect(a.url).toBe('https://plans.example.gov.uk/boards/b1/meetings/m0');
  });
});
