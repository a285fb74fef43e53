import type { ActionView } from '../../../boards/board-views';
import { changeActionEntries, changeActionProblems, changeActionRows, initialsHint } from './change-action-form';

const seated = [
  { name: 'Anne Wright', initials: 'AW' },
  { name: 'Fiona Bruce', initials: 'FB' },
  { name: 'Frank Brown', initials: 'FB' },
];

describe('the chair’s "change an action" form', () => {
  it('starts from the action as saved', () => {
    const action = { text: 'Audit', owners: [{ id: 'u1', name: 'Anne Wright', initials: 'AW' }], unresolvedOwners: ['FB', 'XY'], dueOn: '2012-12-17' } as unknown as ActionView;
    expect(changeActionEntries(action)).toEqual({ text: 'Audit', ownerIds: ['u1'], unresolved: ['FB', 'XY'], dueOn: { day: '17', month: '12', year: '2012' } });
  });

  it.each([
    ['initials nobody has', 'XY', 'Nobody at the board has these initials. Choose whom they meant above, or untick them once settled.'],
    ['initials one person has now', 'aw', 'Anne Wright has these initials: choosing them as an owner settles them.'],
    ['initials several people have', 'FB', '2 people at the board have these initials: Fiona Bruce, Frank Brown. Choose the one meant as an owner.'],
  ])('says why %s were not settled', (_case, initials, hint) => {
    expect(initialsHint(initials, seated)).toBe(hint);
  });

  it.each([
    ['an owner who does not sit at the board', { 'ownerIds[1]': 'is not a chair or member of the board' }, { ownerIds: 'must sit at the board: choose from its chairs and members' }],
    ['initials the action never had', { 'unresolvedOwners[0]': 'is not among the initials from the minutes still to settle on this action' }, { unresolvedOwners: 'choose from the initials the minutes used' }],
    ['the text, as the API says it', { text: 'must be shorter than or equal to 2000 characters' }, { text: 'must be shorter than or equal to 2000 characters' }],
  ])('words the API’s refusal of %s once for its box', (_case, problems, expected) => {
    expect(changeActionProblems(problems)).toEqual(expected);
  });

  it('gives the conflict page owners by name', () => {
    const names: Record<string, string> = { u1: 'Anne Wright', u2: 'Fiona Bruce' };
    expect(changeActionRows({ text: ' Audit ', ownerIds: ['u1', 'u2'], unresolved: ['XY'], dueOn: { day: '17', month: '12', year: '2012' } }, (id) => names[id])).toEqual({
      text: 'Audit',
      owners: 'Anne Wright\nFiona Bruce',
      unresolved: 'XY',
      due: '17 / 12 / 2012',
    });
  });
});
