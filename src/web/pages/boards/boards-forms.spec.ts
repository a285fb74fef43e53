import { agendaItems, agendaProblems, closeErrors, decisionErrors, ownerProblems } from './boards-forms';

describe('boards pages: form wording', () => {
  it.each([
    [{ note: 'must say what was done: an action is closed with a note' }, { note: '' }, ['The note must say what was done: an action is closed with a note']],
    [{ note: 'must be shorter than or equal to 2000 characters' }, { note: 'x'.repeat(2001) }, ['The note must be shorter than or equal to 2000 characters']],
    [{ status: 'the action is already closed' }, { note: 'Done' }, ['The action is already closed']],
    [{ version: 'must be the whole-number version you loaded' }, { note: 'Done', version: 'x' }, ['The form could not be read. Open the meeting again and close the action from there.']],
  ])('closing with %j says %j, linked to the note', (problems, input, expected) => {
    const errors = closeErrors(problems, input);
    expect(errors.summary.map((error) => error.text)).toEqual(expected);
    expect(errors.summary.every((error) => error.href === '#note')).toBe(true);
  });

  it('words owners once, however many are refused, and leaves other fields alone', () => {
    expect(ownerProblems({ 'ownerIds[0]': 'is not a chair or member of the board', 'ownerIds[2]': 'is listed twice', dueOn: 'is required' })).toEqual({
      ownerIds: 'must sit at the board: choose from its chairs and members',
      dueOn: 'is required',
    });
    expect(ownerProblems({ 'ownerIds[1]': 'is listed twice' })).toEqual({ ownerIds: 'is listed twice' });
  });

  it.each([
    [{ decision: 'only a rejected recommendation is reported as rejected' }, ['Only a rejected recommendation is reported as rejected'], ['#decision']],
    [{ decision: 'cannot decide on an item no longer on the list (accepted)' }, ['The panel cannot decide on an item no longer on the list (accepted)'], ['#decision']],
    [{ meetingId: 'is a cancelled meeting: it decided nothing' }, ['The meeting is a cancelled meeting: it decided nothing'], ['#meetingId']],
    [
      { meetingId: 'is not a meeting of this panel', decision: 'has already recorded this decision for the item' },
      ['The meeting is not a meeting of this panel', 'The panel has already recorded this decision for the item'],
      ['#meetingId', '#decision'],
    ],
  ])('words the panel’s refused decision %j', (problems, texts, hrefs) => {
    const errors = decisionErrors(problems, { meetingId: 'm1', decision: 'accepted' });
    expect(errors.summary.map((error) => error.text)).toEqual(texts);
    expect(errors.summary.map((error) => error.href)).toEqual(hrefs);
  });
});

describe('boards pages: the meeting forms', () => {
  it.each([
    ['Matters arising\nPerformance report', ['Matters arising', 'Performance report']],
    ['  Matters arising  \r\n\r\n\nAOB\n', ['Matters arising', 'AOB']],
    ['', []],
  ])('reads the agenda %j as %j', (text, expected) => {
    expect(agendaItems(text)).toEqual(expected);
  });

  it('names the agenda item the API refuses, once', () => {
    expect(agendaProblems({ 'agenda[2]': 'must be shorter than or equal to 500 characters', 'agenda[4]': 'must be shorter than or equal to 500 characters', meetingDate: 'must be a real date written YYYY-MM-DD' })).toEqual({
      agenda: 'item 3 must be shorter than or equal to 500 characters',
      meetingDate: 'must be a real date written YYYY-MM-DD',
    });
    expect(agendaProblems({ agenda: 'each value in agenda must be shorter than or equal to 500 characters' })).toEqual({ agenda: 'each item must be shorter than or equal to 500 characters' });
  });
});
