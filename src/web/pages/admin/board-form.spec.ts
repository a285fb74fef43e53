import { boardDifferences, boardInput, boardProblems, cadenceText, emptyBoardForm, personHint, readBoardForm } from './board-form';

const names: Record<string, string> = { u1: 'Chris Chair', u2: 'Vic Viewer', p1: 'Quality Improvement Plan' };
const nameOf = (id: string) => names[id];

describe('the board form', () => {
  it('reads what was sent: text trimmed, one ticked box as a list of one, nothing ticked as none', () => {
    expect(readBoardForm({ name: '  Improvement Board ', kind: 'scrutiny_panel', cadence: ' 2 ', chairIds: 'u1', memberIds: ['u2', ''], planIds: undefined })).toEqual({
      name: 'Improvement Board',
      kind: 'scrutiny_panel',
      cadence: '2',
      chairIds: ['u1'],
      memberIds: ['u2'],
      planIds: [],
      indicatorIds: [],
    });
  });

  it.each([
    ['', null],
    ['2', 2],
    ['024', 24],
    ['two', 'two'],
    ['1.5', '1.5'],
    ['-1', '-1'],
  ])('sends how often it meets "%s" as %p (the DTO judges what is not a whole number)', (cadence, sent) => {
    expect(boardInput({ ...emptyBoardForm(), cadence }).cadenceMonths).toEqual(sent);
  });

  it('sends no kind when none is chosen, so the DTO says to select one', () => {
    expect(boardInput(emptyBoardForm()).kind).toBeUndefined();
    expect(boardInput({ ...emptyBoardForm(), kind: 'other' }).kind).toBe('other');
  });

  it.each([
    ['one item names the person it is about', { 'memberIds[1]': 'is already a chair of the board' }, { memberIds: 'Vic Viewer is already a chair of the board' }],
    ['a plan', { 'planIds[0]': 'is listed twice' }, { planIds: 'Quality Improvement Plan is listed twice' }],
    ['an id nobody knows', { 'chairIds[0]': 'no person with id u9' }, { chairIds: 'choose from the list: one of those ticked no longer exists' }],
    ['the first problem of a box is the one said', { 'memberIds[0]': 'is listed twice', 'memberIds[1]': 'is already a chair of the board' }, { memberIds: 'Vic Viewer is listed twice' }],
    ['a whole box refused by the DTO', { chairIds: 'must be a list of people (user ids)' }, { chairIds: 'choose from the list' }],
    ['other fields as the API says them', { name: 'is already the name of another board' }, { name: 'is already the name of another board' }],
  ])('%s', (_case, problems, expected) => {
    const values = { ...emptyBoardForm(), chairIds: ['u9'], memberIds: ['u2', 'u2'], planIds: ['p1'] };
    expect(boardProblems(problems, values, nameOf)).toEqual(expected);
  });

  it('shows the conflict page only the fields that differ, lists as names', () => {
    const now = { ...emptyBoardForm(), name: 'Board', kind: 'improvement_board', cadence: '2', chairIds: ['u1'], memberIds: ['u2'] };
    expect(boardDifferences(now, { ...now, cadence: '', memberIds: ['u2', 'u1'] }, nameOf)).toEqual([
      { label: 'How often it meets', now: 'Every 2 months', yours: 'Not set' },
      { label: 'Members', now: 'Vic Viewer', yours: 'Vic Viewer\nChris Chair' },
    ]);
    expect(boardDifferences(now, { ...now, kind: 'scrutiny_panel', cadence: '1' }, nameOf)).toEqual([
      { label: 'Kind', now: 'Improvement board', yours: 'Scrutiny panel' },
      { label: 'How often it meets', now: 'Every 2 months', yours: 'Every month' },
    ]);
  });

  it.each([
    [null, 'Not set'],
    [1, 'Every month'],
    [2, 'Every 2 months'],
  ])('says a cadence of %p as "%s"', (months, words) => {
    expect(cadenceText(months)).toBe(words);
  });
});

describe('personHint', () => {
  it.each<[string, { jobTitle: string | null; email: string; leadAgencies: Array<{ name: string }> }, string]>([
    ['job title and agency', { jobTitle: 'Head of Safeguarding', email: 'sam@x.test', leadAgencies: [{ name: 'SCC – CSL Directorate – Safeguarding' }] }, 'Head of Safeguarding, SCC – CSL Directorate – Safeguarding'],
    ['an agency the job title names, once', { jobTitle: 'Designated Nurse, NHS Southampton', email: 'nat@x.test', leadAgencies: [{ name: 'NHS Southampton' }, { name: 'Police' }] }, 'Designated Nurse, NHS Southampton, Police'],
    ['agencies without a job title', { jobTitle: null, email: 'p@x.test', leadAgencies: [{ name: 'Police' }] }, 'Police'],
    ['neither: the email', { jobTitle: null, email: 'admin@test.local', leadAgencies: [] }, 'admin@test.local'],
  ])('%s', (_, person, expected) => {
    expect(personHint(person)).toBe(expected);
  });
});
