import { initialsOf } from '../initials';
import { matchInitials, readActionLog, splitInitials } from './action-log-import';
import { paperDate, pastedRows } from './pasted-table';

const SEATED = [
  { id: 'anne', name: 'Anne Wright' },
  { id: 'alan', name: 'Alan Ward' },
  { id: 'amir', name: 'Amir Ali' },
  { id: 'fiona', name: 'Dr Fiona Brown' },
];

describe('initials as minutes write them', () => {
  it.each([
    ['Anne Wright', 'AW'],
    ['Dr Fiona Brown', 'FB'],
    ['Cllr. Sarah Bogle-Smith', 'SBS'],
    ['amir ali', 'AA'],
  ])('%s is %s', (name, initials) => expect(initialsOf(name)).toBe(initials));

  it.each([
    ['AW/AA/FB', ['AW', 'AA', 'FB']],
    ['AW, FB', ['AW', 'FB']],
    ['AA & FB', ['AA', 'FB']],
    ['AA and FB', ['AA', 'FB']],
    ['', []],
  ])('%j splits into %j', (cell, parts) => expect(splitInitials(cell)).toEqual(parts));

  it.each<[string, string | null, string | null]>([
    ['AA', 'amir', null],
    ['FB', 'fiona', null],
    ['AW', null, 'ambiguous: Anne Wright or Alan Ward'],
    ['ZZ', null, 'nobody at the board has these initials'],
  ])('%s names %s (%s)', (initials, id, problem) => {
    const match = matchInitials(initials, SEATED);
    expect(match.person?.id ?? null).toBe(id);
    expect(match.problem).toBe(problem);
  });
});

describe('dates as papers write them', () => {
  it.each<[string, string | null]>([
    ['2012-12-17', '2012-12-17'],
    ['17/12/2012', '2012-12-17'],
    ['17 December 2012', '2012-12-17'],
    ['17th Dec 12', '2012-12-17'],
    ['December 2012', '2012-12-31'],
    ['31/02/2012', null],
    ['next meeting', null],
  ])('%s is %s', (text, date) => expect(paperDate(text)).toBe(date));
});

describe('an action log pasted from minutes', () => {
  it('reads a table with headings: the ACTION column of initials, each matched to a member, the ambiguous flagged', () => {
    const pasted = ['Action\tOwner\tDue', '1. Circulate the audit of child protection plans\tAA/FB\t17/12/2012', '2. Report re-referrals by team\tAW\t', '', '3. Invite the designated doctor\tZZ/AA\tnext meeting'].join('\n');
    const { actions, skipped } = readActionLog(pasted, SEATED);
    expect(skipped).toEqual([]);
    expect(actions.map((a) => [a.line, a.text, a.owners.map((o) => o.person?.id ?? `?${o.initials}`), a.dueOn, a.warnings])).toEqual([
      [2, 'Circulate the audit of child protection plans', ['amir', 'fiona'], '2012-12-17', []],
      [3, 'Report re-referrals by team', ['?AW'], null, ['AW: ambiguous: Anne Wright or Alan Ward']],
      [5, 'Invite the designated doctor', ['?ZZ', 'amir'], null, ['ZZ: nobody at the board has these initials', `"next meeting" is not a date; due by the board's next meeting instead`]],
    ]);
  });

  it('finds the columns of minutes pasted without headings', () => {
    const pasted = ['4.1\tThe board asked for the audit to be circulated.\tAA/FB', '4.2\tThe chair will write to the CCG.\tAW'].join('\n');
    const { actions } = readActionLog(pasted, SEATED);
    expect(actions.map((a) => [a.text, a.owners.map((o) => o.initials)])).toEqual([
      ['The board asked for the audit to be circulated.', ['AA', 'FB']],
      ['The chair will write to the CCG.', ['AW']],
    ]);
  });

  it('splits pipes and runs of spaces when there are no tabs', () => {
    expect(pastedRows('| Action | Owner |\n| Do it | AA |').map((row) => row.cells)).toEqual([
      ['Action', 'Owner'],
      ['Do it', 'AA'],
    ]);
    expect(pastedRows('Do it    AA').map((row) => row.cells)).toEqual([['Do it', 'AA']]);
  });

  it('skips rows with no action text and says why', () => {
    expect(readActionLog('Action\tOwner\n\tAA\nDo it\tAA', SEATED).skipped).toEqual([{ line: 2, reason: 'no action text' }]);
  });
});
