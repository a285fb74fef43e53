import { NotFoundException } from '@nestjs/common';
import { WorkingDayCalendar } from '../../../deadlines';
import { abbreviationProblem, abbreviationsFromLines, locate, ordinal, positionChoices, publicationDateMoves } from './plans.view-model';

type Tree = Parameters<typeof publicationDateMoves>[0] & Parameters<typeof locate>[0];

function tree(recommendations: Array<{ band: string; dueDate: string | null; overridden?: boolean; activities?: boolean[] }>): Tree {
  return {
    bandOffsets: {},
    sections: [
      {
        id: 's1',
        recommendations: recommendations.map((r, index) => ({
          id: `r${index}`,
          band: r.band,
          dueDate: r.dueDate,
          dueDateOverridden: r.overridden ?? false,
          activities: (r.activities ?? [false]).map((own, a) => ({ id: `a${index}-${a}`, dueDateOverridden: own })),
        })),
      },
    ],
  } as unknown as Tree;
}

describe('plan pages: where a row sits, where it may go, what a new publication date moves', () => {
  it('finds a row in its plan, and answers 404 for a row of another plan', () => {
    const plan = tree([{ band: 'immediately', dueDate: null, activities: [false, false] }]);
    expect(locate(plan, { activityId: 'a0-1' }).recommendation?.id).toBe('r0');
    expect(locate(plan, { sectionId: 's1' }).recommendation).toBeUndefined();
    expect(() => locate(plan, { activityId: 'elsewhere' })).toThrow(NotFoundException);
  });

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [102, '102nd'],
  ])('says %i as %s', (n, words) => expect(ordinal(n)).toBe(words));

  it('names each position by the row it comes before, for a new row and a row that moves', () => {
    const siblings = [
      { id: 'a', label: 'Table 1: Safeguarding' },
      { id: 'b', label: 'Table 2: Children looked after' },
    ];
    expect(positionChoices(siblings, null, null).map((c) => [c.text, c.selected])).toEqual([
      ['1st, before Table 1: Safeguarding', false],
      ['2nd, before Table 2: Children looked after', false],
      ['3rd, at the end', true],
    ]);
    expect(positionChoices(siblings, 'b', 2).map((c) => [c.text, c.selected])).toEqual([
      ['1st, before Table 1: Safeguarding', false],
      ['2nd, at the end', true],
    ]);
    expect(positionChoices([{ id: 'a', label: 'x' }], 'a', 1).map((c) => c.text)).toEqual(['1st']);
  });

  it('works out which band dates move with a new publication date, and how many rows follow them', () => {
    const plan = tree([
      { band: 'within_three_months', dueDate: '2012-09-13', activities: [false, false, true] },
      { band: 'within_three_months', dueDate: '2012-09-13', activities: [false] },
      { band: 'within_three_months', dueDate: '2012-10-01', overridden: true },
      { band: 'by_date', dueDate: '2012-08-28' },
      { band: 'within_six_months', dueDate: '2012-12-13' },
    ]);
    expect(publicationDateMoves(plan, '2012-06-20', new WorkingDayCalendar())).toEqual([
      { band: 'Within three months', from: '2012-09-13', to: '2012-09-20', recommendations: 2, activities: 3 },
      { band: 'Within six months', from: '2012-12-13', to: '2012-12-20', recommendations: 1, activities: 1 },
    ]);
    // A closure day on the new date moves it to the next working day, as the plans module will.
    expect(publicationDateMoves(plan, '2012-06-20', new WorkingDayCalendar(['2012-09-20']))[0].to).toBe('2012-09-21');
    // The same date moves nothing; no date at all takes the band dates away.
    expect(publicationDateMoves(plan, '2012-06-13', new WorkingDayCalendar())).toEqual([]);
    expect(publicationDateMoves(plan, null, new WorkingDayCalendar())[0]).toMatchObject({ from: '2012-09-13', to: null });
  });

  it.each([
    [['L&D: Learning and Development Group'], [{ abbreviation: 'L&D', meaning: 'Learning and Development Group' }], null],
    [['Board – The full board / LSCB', '4LSCB = Hampshire, IoW, Portsmouth & Southampton'], [{ abbreviation: 'Board', meaning: 'The full board / LSCB' }, { abbreviation: '4LSCB', meaning: 'Hampshire, IoW, Portsmouth & Southampton' }], null],
    [['CSL-Safeguarding'], [], 'line 1 must be the abbreviation, a colon, then what it stands for, like L&D: Learning and Development Group'],
  ])('reads the key %j', (lines, entries, problem) => {
    expect(abbreviationsFromLines(lines)).toEqual({ entries, problem });
  });

  it('puts the API’s problem with an entry of the key on its line', () => {
    expect(abbreviationProblem('abbreviations[1].abbreviation', 'must be shorter than or equal to 20 characters')).toBe('line 2: the abbreviation must be shorter than or equal to 20 characters');
    expect(abbreviationProblem('title', 'x')).toBeNull();
  });
});
