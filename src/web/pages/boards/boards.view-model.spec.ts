import type { ActionView, BoardView, MeetingView } from '../../../boards/board-views';
import { actionImportPreviewViewModel, boardViewModel, closeActionViewModel, importedBanner, mattersArising, meetingViewModel, nextMeeting, ownerChoices, ownersToSend, packSummary, personText, yourBoardsViewModel } from './boards.view-model';

const person = (id: string, name: string, agencies: string[] = []) => ({ id, name, initials: name.split(' ').map((w) => w[0]).join(''), agencies });

const board: BoardView = {
  id: 'b1',
  name: 'Improvement Board',
  kind: 'improvement_board',
  cadenceMonths: 2,
  chairs: [person('u1', 'Helen Carter')],
  members: [person('u2', 'Anne Wright', ['Children’s Social Care']), person('u3', 'Omar Said')],
  plans: [{ id: 'p1', title: 'Ofsted plan' }],
  indicators: [],
  version: 1,
  createdAt: '2012-01-01T00:00:00.000Z',
  updatedAt: '2012-01-01T00:00:00.000Z',
};

const meeting = (id: string, meetingDate: string, status: MeetingView['status'] = 'scheduled', packs: MeetingView['packs'] = []): MeetingView => ({
  id,
  boardId: 'b1',
  meetingDate,
  status,
  agenda: [],
  packs,
  version: 1,
  createdAt: '2012-01-01T00:00:00.000Z',
  updatedAt: '2012-01-01T00:00:00.000Z',
});

const action = (id: string, meetingId: string, meetingDate: string, status: ActionView['status'], extra: Partial<ActionView> = {}): ActionView => ({
  id,
  meetingId,
  boardId: 'b1',
  meetingDate,
  number: 1,
  text: `Action ${id}`,
  owners: [person('u2', 'Anne Wright')],
  unresolvedOwners: [],
  dueOn: '2012-12-17',
  status,
  note: null,
  closedAt: null,
  closedBy: null,
  version: 1,
  createdAt: '2012-01-01T00:00:00.000Z',
  updatedAt: '2012-01-01T00:00:00.000Z',
  ...extra,
});

const issued = (version: number, asOf = '2012-10-10') => ({ version, asOf, builtAt: '2012-10-10T09:00:00.000Z', issuedAt: '2012-10-10T09:00:00.000Z' });
const draft = { version: 0, asOf: '2012-10-09', builtAt: '2012-10-09T09:00:00.000Z', issuedAt: null };

describe('boards pages: view models', () => {
  it.each([
    ['the first meeting on or after today that is not cancelled', [meeting('a', '2012-08-13', 'held'), meeting('b', '2012-10-15', 'cancelled'), meeting('c', '2012-12-17'), meeting('d', '2012-11-01')], '2012-10-01', 'd'],
    ['a meeting today is still the next one', [meeting('a', '2012-10-01', 'held'), meeting('b', '2012-12-01')], '2012-10-01', 'a'],
    ['none when every later meeting is cancelled', [meeting('a', '2012-08-13'), meeting('b', '2012-12-17', 'cancelled')], '2012-10-01', null],
    ['none without meetings', [], '2012-10-01', null],
  ] as const)('next meeting: %s', (_case, meetings, today, expected) => {
    expect(nextMeeting(meetings, today)?.id ?? null).toBe(expected);
  });

  it('lists each board with its next meeting, linked to the meeting', () => {
    const model = yourBoardsViewModel({ items: [board], total: 1, page: 1, pageSize: 20 }, new Map([['b1', [meeting('m1', '2012-08-13', 'held'), meeting('m2', '2012-10-15')]]]), '2012-10-01');
    expect(model.boards).toEqual([
      { href: '/boards/b1', name: 'Improvement Board', kind: 'Improvement board', chairs: 'Helen Carter', next: { href: '/boards/b1/meetings/m2', text: '15 October 2012', date: '2012-10-15', status: { text: 'Scheduled', classes: 'govuk-tag--purple' } } },
    ]);
    expect(model.pagination).toBeNull();
    const paged = yourBoardsViewModel({ items: [board], total: 45, page: 2, pageSize: 20 }, new Map(), '2012-10-01');
    expect(paged.boards[0].next).toBeNull();
    expect(paged.pagination?.previous?.href).toBe('/your-boards');
    expect(paged.pagination?.next?.href).toBe('/your-boards?page=3');
  });

  it('shows a board: seats with agencies, plans linked, meetings latest first with the next marked and the pack’s state', () => {
    const model = boardViewModel(board, [meeting('m1', '2012-08-13', 'held', [issued(1), issued(2)]), meeting('m2', '2012-10-15', 'scheduled', [draft]), meeting('m3', '2012-12-17')], '2012-10-01', false);
    expect(model.chairs).toEqual(['Helen Carter']);
    expect(model.members).toEqual(['Anne Wright (Children’s Social Care)', 'Omar Said']);
    expect(model.plans).toEqual([{ href: '/plans/p1', title: 'Ofsted plan' }]);
    expect(model.cadence).toBe('Every 2 months');
    expect(model.meetings.map((m) => [m.text, m.isNext, m.pack])).toEqual([
      ['17 December 2012', false, 'No pack yet'],
      ['15 October 2012', true, 'Draft built, not issued'],
      ['13 August 2012', false, 'Version 2 issued'],
    ]);
    expect(boardViewModel({ ...board, cadenceMonths: null }, [], '2012-10-01', false).cadence).toBe('Not set');
  });

  it.each([
    [[], 'No pack yet'],
    [[draft], 'Draft built, not issued'],
    [[issued(1), issued(3), issued(2)], 'Version 3 issued'],
  ])('pack summary of %j is %s', (packs, expected) => {
    expect(packSummary(packs)).toBe(expected);
  });

  it('takes matters arising as the open actions of earlier meetings only', () => {
    const actions = [action('a1', 'm1', '2012-08-13', 'open'), action('a2', 'm1', '2012-08-13', 'closed'), action('a3', 'm1', '2012-08-13', 'in_progress'), action('a4', 'm2', '2012-10-15', 'open'), action('a5', 'm3', '2012-12-17', 'open')];
    expect(mattersArising(actions, { meetingDate: '2012-10-15' }).map((a) => a.id)).toEqual(['a1', 'a3']);
  });

  it('shows a meeting: issued versions latest first with their files, the draft, the chair’s next version, and a close link only where the person may close', () => {
    const m = { ...meeting('m2', '2012-10-15', 'scheduled', [draft, issued(1), issued(2)]), agenda: ['Matters arising'] };
    const agreed = [action('a4', 'm2', '2012-10-15', 'open', { note: 'Started', unresolvedOwners: ['FB'] }), action('a5', 'm2', '2012-10-15', 'closed', { closedAt: '2012-10-20T10:00:00.000Z', closedBy: 'Anne Wright' })];
    const arising = [action('a1', 'm1', '2012-08-13', 'open', { number: 3 })];
    const model = meetingViewModel(board, m, agreed, arising, { chairs: true, closes: new Set(['a1', 'a5']) });
    expect(model.title).toBe('Meeting of 15 October 2012');
    expect(model.issued.map((p) => [p.version, p.latest])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(model.issued[0].files).toEqual([
      { text: 'HTML', href: '/boards/b1/meetings/m2/pack?version=2&format=html' },
      { text: 'PDF', href: '/boards/b1/meetings/m2/pack?version=2&format=pdf' },
      { text: 'Word', href: '/boards/b1/meetings/m2/pack?version=2&format=docx' },
    ]);
    expect(model.draft?.files[0].href).toBe('/boards/b1/meetings/m2/pack?version=0&format=html');
    expect(model.nextVersion).toBe(3);
    expect(model.actions[0]).toMatchObject({ owners: ['Anne Wright (AW)', 'FB (not matched to a member)'], due: '17 December 2012', status: { text: 'Open' }, note: 'Started', closeHref: null });
    // A closed action offers no close link even to its closer, and says who closed it.
    expect(model.actions[1]).toMatchObject({ closeHref: null, closed: 'Closed by Anne Wright on 20 Oct 2012 at 11am', status: { text: 'Closed' } });
    expect(model.mattersArising[0]).toMatchObject({ number: 3, agreedAt: '13 August 2012', closeHref: '/boards/b1/meetings/m1/actions/a1/close' });
    expect(model.papers).toEqual([
      {
        title: 'Action log',
        files: [
          { text: 'HTML', href: '/boards/b1/meetings/m2/action-log?format=html' },
          { text: 'PDF', href: '/boards/b1/meetings/m2/action-log?format=pdf' },
          { text: 'Word', href: '/boards/b1/meetings/m2/action-log?format=docx' },
        ],
      },
    ]);
    expect(model.monitoringHref).toBeNull();
    // A scrutiny panel's meeting has the monitoring appendix too, and its list.
    const panel = meetingViewModel({ ...board, kind: 'scrutiny_panel' }, m, [], [], { chairs: false, closes: new Set() });
    expect(panel.papers.map((paper) => [paper.title, paper.files[1].href])).toEqual([
      ['Action log', '/boards/b1/meetings/m2/action-log?format=pdf'],
      ['Scrutiny monitoring appendix', '/boards/b1/meetings/m2/scrutiny-monitoring?format=pdf'],
    ]);
    expect(panel.monitoringHref).toBe('/boards/b1/monitoring');
    const first = meetingViewModel(board, meeting('m3', '2012-12-17'), [], [], { chairs: false, closes: new Set() });
    expect([first.issued, first.draft, first.nextVersion, first.chairs]).toEqual([[], null, 1, false]);
  });

  it('closes an action at its own meeting’s address, with the version the form carries', () => {
    const model = closeActionViewModel(board, meeting('m1', '2012-08-13'), action('a1', 'm1', '2012-08-13', 'open', { version: 4 }));
    expect(model).toMatchObject({ version: 4, formAction: '/boards/b1/meetings/m1/actions/a1/close', meeting: { title: 'Meeting of 13 August 2012', href: '/boards/b1/meetings/m1' } });
  });

  it('offers as owners everyone who sits at the board, chairs first, keeping what was ticked', () => {
    expect(ownerChoices(board, ['u3']).map((c) => [c.value, c.text, c.checked, c.hint?.text])).toEqual([
      ['u1', 'Helen Carter (HC)', false, undefined],
      ['u2', 'Anne Wright (AW)', false, 'Children’s Social Care'],
      ['u3', 'Omar Said (OS)', true, undefined],
    ]);
    expect(personText(person('x', 'Jo Bloggs'))).toBe('Jo Bloggs');
  });
});

describe('boards pages: the action log pasted from the minutes', () => {
  const preview = {
    actions: [
      { line: 2, text: 'Circulate the audit', owners: [{ initials: 'AA', name: 'Amir Ali', problem: null }, { initials: 'FB', name: null, problem: 'ambiguous: Fiona Brown or Fred Bell' }], dueOn: null, warnings: [], alreadyRecorded: false },
      { line: 3, text: 'Report re-referrals', owners: [{ initials: 'AW', name: 'Anne Wright', problem: null }], dueOn: '2022-06-30', warnings: [], alreadyRecorded: false },
      { line: 4, text: 'Old action', owners: [], dueOn: null, warnings: [], alreadyRecorded: true },
    ],
    skipped: [{ line: 5, reason: 'no action text' }],
  };

  it('previews each action with its line, owners matched or flagged, due date, and the lines not read', () => {
    const model = actionImportPreviewViewModel(preview);
    expect(model.summary).toBe('2 actions to record; 1 owner flagged for the chair to settle; 1 already in the meeting’s log, not recorded again; 1 line not read');
    expect(model.actions[0]).toEqual({
      line: 2,
      text: 'Circulate the audit',
      owners: [
        { text: 'Amir Ali (AA)', problem: null },
        { text: 'FB', problem: 'ambiguous: Fiona Brown or Fred Bell' },
      ],
      due: 'The board’s next meeting',
      alreadyRecorded: false,
    });
    expect(model.actions[1].due).toBe('30 June 2022');
    expect(model.actions[2].alreadyRecorded).toBe(true);
    expect(model.skipped).toEqual([{ text: 'Line 5: no action text' }]);
    expect(actionImportPreviewViewModel({ actions: [preview.actions[1]], skipped: [] }).summary).toBe('1 action to record');
  });

  it.each([
    [3, 0, '3 actions are recorded from the minutes.'],
    [1, 1, '1 action is recorded from the minutes. 1 owner’s initials match nobody or several people at the board: they are kept on the action, marked “not matched to a member”.'],
  ])('after recording %i with %i flagged says so', (created, flagged, expected) => {
    expect(importedBanner(created, flagged)).toBe(expected);
  });
});

describe('ownersToSend: what a change to an action sends of its owners', () => {
  it.each<[string, string[], string[], string[], string[] | undefined]>([
    ['the same owners ticked: none sent, so the owners stay as they are', ['amir', 'fiona'], ['fiona', 'amir'], ['amir', 'fiona', 'sam'], undefined],
    ['an owner who left the board (not offered) and the rest ticked as they were: none sent, so they stay', ['fiona'], ['gone', 'fiona'], ['amir', 'fiona'], undefined],
    ['an owner added', ['amir', 'fiona'], ['fiona'], ['amir', 'fiona'], ['amir', 'fiona']],
    ['an owner unticked', ['fiona'], ['amir', 'fiona'], ['amir', 'fiona'], ['fiona']],
    ['every owner unticked', [], ['amir'], ['amir', 'fiona'], []],
    ['owners changed while one has left the board: the ticked ones, the one who left dropped', ['amir'], ['gone', 'fiona'], ['amir', 'fiona'], ['amir']],
    ['no owners before, none ticked', [], [], ['amir'], undefined],
  ])('%s', (_, ticked, owners, offered, expected) => {
    expect(ownersToSend(ticked, owners, offered)).toEqual(expected);
  });
});
