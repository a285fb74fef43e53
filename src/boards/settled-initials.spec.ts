import { settledInitials } from './settled-initials';

describe('settledInitials: what the minutes named that is still unmatched after the chair changes the owners', () => {
  it.each([
    ['nothing flagged stays nothing', [], ['AW'], undefined, [], []],
    ['an owner chosen with the flagged initials settles them', ['FB'], ['AW', 'FB'], undefined, [], []],
    ['initials no owner has stay flagged', ['XY', 'FB'], ['FB'], undefined, ['XY'], []],
    ['letters are compared without regard to case', ['fb'], ['FB'], undefined, [], []],
    ['the chair clears initials that matched nobody', ['XY', 'FB'], [], [], [], []],
    ['the chair keeps some flagged', ['XY', 'FB', 'QZ'], [], ['QZ', 'xy'], ['XY', 'QZ'], []],
    ['kept initials an owner now has are settled all the same', ['FB'], ['FB'], ['FB'], [], []],
    ['initials the action never had are reported by their place', ['XY'], [], ['XY', 'ZZ', 'AW'], ['XY'], [1, 2]],
    ['the order of the minutes is kept', ['QZ', 'XY'], [], ['XY', 'QZ'], ['QZ', 'XY'], []],
  ])('%s', (_case, current, owners, kept, unresolved, unknown) => {
    expect(settledInitials(current, owners, kept)).toEqual({ unresolved, unknown });
  });
});
