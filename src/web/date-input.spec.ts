import { AS_OF_OUT_OF_RANGE, asOfErrors, partsOf, readAsOf, readDateInput } from './date-input';

describe('reading a GOV.UK date input', () => {
  const what = 'The date the override ends';
  it.each([
    [{ day: '14', month: '9', year: '2012' }, { kind: 'date', date: '2012-09-14' }],
    [{ day: ' 01 ', month: '09', year: '2012' }, { kind: 'date', date: '2012-09-01' }],
    [{ day: '14', month: 'Sep', year: '2012' }, { kind: 'date', date: '2012-09-14' }],
    [{ day: '14', month: 'september', year: '2012' }, { kind: 'date', date: '2012-09-14' }],
    [{ day: '29', month: '2', year: '2012' }, { kind: 'date', date: '2012-02-29' }],
    [{ day: '', month: '', year: '' }, { kind: 'empty' }],
    [{ day: '', month: '9', year: '2012' }, { kind: 'problem', message: `${what} must include a day`, parts: ['day'] }],
    [{ day: '14', month: '', year: '' }, { kind: 'problem', message: `${what} must include a month and year`, parts: ['month', 'year'] }],
    [{ day: '14', month: '9', year: '12' }, { kind: 'problem', message: 'Year must include 4 numbers', parts: ['year'] }],
    [{ day: '30', month: '2', year: '2012' }, { kind: 'problem', message: `${what} must be a real date`, parts: ['day'] }],
    [{ day: '14', month: '13', year: '2012' }, { kind: 'problem', message: `${what} must be a real date`, parts: ['month'] }],
    [{ day: '14', month: 'Se', year: '2012' }, { kind: 'problem', message: `${what} must be a real date`, parts: ['month'] }],
    [{ day: 'x', month: '9', year: '2012' }, { kind: 'problem', message: `${what} must be a real date`, parts: ['day'] }],
    [{ day: '<script>', month: '{{7*7}}', year: '2012' }, { kind: 'problem', message: `${what} must be a real date`, parts: ['month'] }],
  ])('%j -> %j', (parts, expected) => {
    expect(readDateInput(parts, what)).toEqual(expected);
  });

  it('shows a known date in the three boxes, and nothing for none', () => {
    expect(partsOf('2012-09-14')).toEqual({ day: '14', month: '9', year: '2012' });
    expect(partsOf(null)).toEqual({ day: '', month: '', year: '' });
    expect(partsOf('not a date')).toEqual({ day: '', month: '', year: '' });
  });
});

describe('an "as of" date from the address', () => {
  it.each([
    [{}, undefined, null],
    [{ asOf: '2012-09-14' }, '2012-09-14', null],
    [{ 'asOf-day': '14', 'asOf-month': '9', 'asOf-year': '2012' }, '2012-09-14', null],
    // The boxes win over an address left behind by an earlier choice.
    [{ asOf: '2012-01-01', 'asOf-day': '14', 'asOf-month': '9', 'asOf-year': '2012' }, '2012-09-14', null],
    // Outside the bank-holiday years: read here, refused by the page's DTO as the API refuses it.
    [{ asOf: '2040-01-01' }, '2040-01-01', null],
    [{ asOf: '14/09/2012' }, undefined, 'The date must be a real date, like 14 9 2012'],
    [{ 'asOf-day': '31', 'asOf-month': '9', 'asOf-year': '2012' }, undefined, 'The date must be a real date'],
    [{ asOf: ['2012-09-14', '2012-09-15'] }, undefined, null],
  ])('%j -> %s (%s)', (query, asOf, problem) => {
    const choice = readAsOf(query);
    expect(choice.asOf).toBe(asOf);
    expect(choice.problem?.message ?? null).toBe(problem);
  });

  it('names the years whose bank holidays are known, as the API does', () => {
    expect(AS_OF_OUT_OF_RANGE).toBe('The date must be between 2010 and 2032 (the years whose bank holidays are known)');
  });
});

describe('the errors of an "as of" choice', () => {
  it('links the boxes’ own problem to the box, and the API’s refusal to the first box', () => {
    expect(asOfErrors(readAsOf({ 'asOf-day': '14', 'asOf-month': '', 'asOf-year': '2012' }), {}).summary).toEqual([{ text: 'The date must include a month', href: '#asOf-month' }]);
    expect(asOfErrors(readAsOf({ asOf: '2040-01-01' }), { asOf: 'must be a real date written YYYY-MM-DD between 2010 and 2032 (the years whose bank holidays are known)' }).summary).toEqual([
      { text: AS_OF_OUT_OF_RANGE, href: '#asOf-day' },
    ]);
    expect(asOfErrors(readAsOf({ asOf: '2012-09-14' }), {}).summary).toEqual([]);
  });
});
