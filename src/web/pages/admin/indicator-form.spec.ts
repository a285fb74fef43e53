import { CreateIndicatorDto } from '../../../indicators/dto/indicator.dto';
import type { IndicatorView } from '../../../indicators/indicator-views';
import { dtoProblems } from '../../forms';
import { indicatorEntriesFrom, indicatorEntriesOf, indicatorErrors, indicatorInput, targetLinesOf } from './indicator-form';

const PLAN = '6f1b3c2e-1111-4a2b-9c3d-000000000001';
const AGENCY = '6f1b3c2e-1111-4a2b-9c3d-000000000002';

describe('the indicator form', () => {
  it.each([
    ['2022/23: 23%', [{ financialYear: 2022, target: '23%' }]],
    ['2022/2023 23%', [{ financialYear: 2022, target: '23%' }]],
    ['2022-2023: <17k', [{ financialYear: 2022, target: '<17k' }]],
    ['2022: TBC', [{ financialYear: 2022, target: 'TBC' }]],
    ['2022-06: at least 90%', [{ month: '2022-06', target: 'at least 90%' }]],
    ['2011-12: 5', [{ month: '2011-12', target: '5' }]],
    ['\n 2022/23 : 23% \n\n2023/24: 20%', [{ financialYear: 2022, target: '23%' }, { financialYear: 2023, target: '20%' }]],
  ])('reads the targets %j', (typed, targets) => {
    expect(targetLinesOf(typed)).toEqual({ targets, problems: [] });
  });

  it.each([
    ['23%', 'line 1 ("23%") must start with a financial year such as 2022/23 or a month such as 2022-06, then the target'],
    ['2022/25: 23%', 'line 1: 2022/25 is not a financial year (April to March, such as 2022/23)'],
    ['2022-13: 23%', 'line 1: 2022-13 is not a month (write a financial year as 2022/23)'],
    ['2022/23', 'line 1 ("2022/23") must start with a financial year such as 2022/23 or a month such as 2022-06, then the target'],
  ])('reports the target line %j by its number', (typed, problem) => {
    expect(targetLinesOf(typed).problems).toEqual([problem]);
  });

  it('sends the API’s DTO: a tolerance only when the indicator has its own, blank choices as null', () => {
    const entries = indicatorEntriesFrom({ title: 'Re-referrals', definition: ' ', unit: 'percentage', polarity: '', frequency: 'monthly', cumulation: 'month', ownerId: '', leadAgencyIds: AGENCY, sectionIds: [], toleranceBasis: 'units', toleranceGreen: '1', toleranceAmber: 'three' });
    const input = indicatorInput(entries, [{ financialYear: 2022, target: '23%' }], { planId: PLAN });
    expect(input).toEqual({
      planId: PLAN,
      title: 'Re-referrals',
      definition: null,
      unit: 'percentage',
      polarity: null,
      frequency: 'monthly',
      cumulation: 'month',
      ownerId: null,
      leadAgencyIds: [AGENCY],
      sectionIds: [],
      tolerance: { basis: 'units', green: 1, amber: 'three' },
      targets: [{ financialYear: 2022, target: '23%' }],
    });
    expect(indicatorInput({ ...entries, toleranceBasis: '' }, [], { version: '4' })).toMatchObject({ tolerance: null, version: 4 });
  });

  it('says the API’s problems at the form’s fields, in its order, each target’s problem at the targets box', () => {
    const input = indicatorInput(indicatorEntriesFrom({ title: ' ', toleranceBasis: 'units', toleranceGreen: '1', toleranceAmber: 'three', leadAgencyIds: ['nope'] }), [{ financialYear: 2022, target: ' ' }], { planId: PLAN });
    const { problems } = dtoProblems(CreateIndicatorDto, input);
    const errors = indicatorErrors(problems, input);
    expect(errors.summary.map((e) => [e.href, e.text])).toEqual([
      ['#title', 'Enter the indicator’s title'],
      ['#unit', 'Select the unit its figures are in'],
      ['#leadAgencyIds', 'Select lead agencies from the list'],
      ['#toleranceAmber', 'Amber tolerance must not be greater than 1000000; must not be less than 0; must be a number'],
      ['#targets', 'Targets on target 1: the target must not be blank; write TBC for a target still to be set'],
    ]);
    // The service's own refusals, a sentence said as it is, and the lines the form could not read.
    expect(indicatorErrors({ 'tolerance.amber': 'The amber tolerance (1) cannot be narrower than the green (2)' }, {}).summary).toEqual([{ text: 'The amber tolerance (1) cannot be narrower than the green (2)', href: '#toleranceAmber' }]);
    expect(indicatorErrors({ 'targets[1].target': "'≈20' is not a number" }, {}, []).summary[0].text).toBe("Targets on target 2: the target '≈20' is not a number");
    expect(indicatorErrors({}, {}, ['line 2 ("x") must start with a financial year']).summary).toEqual([{ text: 'Targets: line 2 ("x") must start with a financial year', href: '#targets' }]);
  });

  it('opens on the indicator as recorded, its targets one a line as the form reads them back', () => {
    const entries = indicatorEntriesOf({
      title: 'Re-referrals',
      definition: null,
      unit: 'percentage',
      polarity: 'lower_is_better',
      frequency: 'monthly',
      cumulation: 'month',
      owner: { id: 'u1', name: 'Olive' },
      leadAgencies: [{ id: 'a1', name: 'A' }],
      priorities: [{ sectionId: 's1', title: 'S', position: 1 }],
      tolerance: { basis: 'percent_of_target', green: 5, amber: 10 },
      targets: [
        { financialYear: 2022, month: null, text: '23%' },
        { financialYear: null, month: '2022-06', text: '<25%' },
      ],
    } as unknown as IndicatorView);
    expect(entries).toMatchObject({ ownerId: 'u1', leadAgencyIds: ['a1'], sectionIds: ['s1'], toleranceBasis: 'percent_of_target', toleranceGreen: '5', toleranceAmber: '10', targets: '2022/23: 23%\n2022-06: <25%' });
    expect(targetLinesOf(entries.targets).targets).toEqual([{ financialYear: 2022, target: '23%' }, { month: '2022-06', target: '<25%' }]);
  });
});
