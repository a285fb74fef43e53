import { periodFromTitle } from './plan-period';

describe('periodFromTitle: a plan’s period from its title, in financial years', () => {
  it.each<[string | null, [string, string, string] | null]>([
    ['Business Plan 2015-18', ['2015-04-01', '2018-03-31', '2015-18']],
    ['LSCB Business Plan 2015 – 18', ['2015-04-01', '2018-03-31', '2015 – 18']],
    ['Business Plan 2016/17', ['2016-04-01', '2017-03-31', '2016/17']],
    ['Safeguarding Strategy 2015-2018', ['2015-04-01', '2018-03-31', '2015-2018']],
    ['Plan 1999-01', ['1999-04-01', '2001-03-31', '1999-01']],
    // Calendar years or a single year name no span of financial years.
    ['Business Plan 2015 to 2017', null],
    ['Quality Improvement Plan in response to OfSTED Announced Inspection 2012', null],
    ['Plan 2018-15', null],
    ['Plan 2015-2040', null],
    ['Budget £2015-16k', null],
    ['Report 13/06/2012', null],
    ['Version 2015-18.2', null],
    [null, null],
  ])('%j', (title, expected) => {
    const period = periodFromTitle(title);
    expect(period && [period.startsOn, period.endsOn, period.written]).toEqual(expected);
  });
});
