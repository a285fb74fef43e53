import { ConflictException } from '@nestjs/common';
import { noErrors } from '../../forms';
import { collapseIndexed, dateFromParts, datePartsOf, differences, formVersionOf, isStaleVersion, linesOf, listOf, paginationOf, replaceError, versionOf, withDateProblems } from './admin-forms';

const parts = (day: string, month: string, year: string) => ({ 'due-day': day, 'due-month': month, 'due-year': year });

describe('administration forms', () => {
  it.each([
    [parts('', '', ''), {}, null, null],
    [parts('13', '6', '2012'), {}, '2012-06-13', null],
    [parts(' 1 ', '09', '2012'), {}, '2012-09-01', null],
    [parts('', '9', '2012'), {}, null, 'The due date must include a day'],
    [parts('', '9', '2012'), { monthAllowed: true }, '2012-09', null],
    [parts('13', '', ''), {}, null, 'The due date must include a month and year'],
    [parts('', '', '2012'), { monthAllowed: true }, null, 'The due date must include a day and month'],
    [parts('13', 'June', '2012'), {}, null, 'The due date must be a real date'],
    [parts('13', '6', '12'), {}, null, 'The due date must be a real date'],
    [parts('113', '6', '2012'), {}, null, 'The due date must be a real date'],
  ])('reads the date input %j (%j) as %j, problem %j', (body, options, value, problem) => {
    const date = dateFromParts(body, 'due', 'The due date', options);
    expect(date.value).toBe(value);
    expect(date.problem).toBe(problem);
  });

  it('leaves a day that does not exist (30 February) to the API’s rule', () => {
    expect(dateFromParts(parts('30', '2', '2012'), 'due', 'The due date')).toMatchObject({ value: '2012-02-30', problem: null });
  });

  it.each([
    ['2012-09-13', 'day', { day: '13', month: '9', year: '2012' }],
    ['2012-09-30', 'month', { day: '', month: '9', year: '2012' }],
    ['2012-09', 'day', { day: '', month: '9', year: '2012' }],
    [null, 'day', { day: '', month: '', year: '' }],
  ] as const)('fills a date input from %j (%s)', (value, precision, expected) => {
    expect(datePartsOf(value, precision)).toEqual(expected);
  });

  it('reads lists typed one a line, ticked boxes and versions as the API expects them', () => {
    expect(linesOf(' EHH \r\n\n  Early Help\n')).toEqual(['EHH', 'Early Help']);
    expect(linesOf(['not', 'text'])).toEqual([]);
    expect(listOf('a')).toEqual(['a']);
    expect(listOf(['a', '', 'b', 3])).toEqual(['a', 'b']);
    expect(listOf(undefined)).toEqual([]);
    expect(versionOf('7')).toBe(7);
    expect(versionOf('7.5')).toBe('7.5');
    expect(versionOf(['7'])).toBe('');
    expect(formVersionOf({ version: '7' })).toBe(7);
    expect(formVersionOf({ version: '7.5' })).toBeNaN();
    expect(formVersionOf({ version: ['7'] })).toBeNaN();
    expect(formVersionOf({})).toBeNaN();
  });

  it('tells a stale version (the 409 carrying the current state) from any other conflict', () => {
    expect(isStaleVersion(new ConflictException({ statusCode: 409, message: 'changed', current: {} }))).toBe(true);
    expect(isStaleVersion(new ConflictException('This lead agency leads 3 activities'))).toBe(false);
    expect(isStaleVersion(new Error('no'))).toBe(false);
  });

  it('shows only the fields where what was entered differs from what is saved', () => {
    expect(
      differences([
        { label: 'Name', now: 'A', yours: 'B' },
        { label: 'Short name', now: 'X ', yours: 'X' },
      ]),
    ).toEqual([{ label: 'Name', now: 'A', yours: 'B' }]);
  });

  it('puts a date input’s own problem in place of the rule’s words, keeping its place', () => {
    const errors = noErrors();
    errors.byField['title'] = 'Enter the title';
    errors.byField['due-day'] = 'must be a real date';
    errors.summary.push({ text: 'Enter the title', href: '#title' }, { text: 'must be a real date', href: '#due-day' });
    withDateProblems(errors, [['due-day', dateFromParts(parts('', '6', '2012'), 'due', 'The due date')]]);
    expect(errors.summary).toEqual([
      { text: 'Enter the title', href: '#title' },
      { text: 'The due date must include a day', href: '#due-day' },
    ]);
    replaceError(errors, 'other', 'A new one');
    expect(errors.summary.map((item) => item.href)).toEqual(['#title', '#due-day', '#other']);
  });

  it('folds the errors of a list’s items onto the box it was typed in', () => {
    expect(collapseIndexed({ 'aliases[2]': '"X" is taken', 'aliases[0]': '"Y" is taken', name: 'is blank' }, 'aliases')).toEqual({ aliases: '"X" is taken', name: 'is blank' });
  });

  it.each([
    [1, 10, null],
    [1, 120, [1, 2, '…', 5]],
    [3, 120, [1, 2, 3, 4, 5]],
    [5, 250, [1, '…', 4, 5, 6, '…', 10]],
  ] as const)('paginates page %i of %i rows as %j', (page, total, expected) => {
    const pagination = paginationOf(page, 25, total, (n) => `/list?page=${n}`);
    if (expected === null) return expect(pagination).toBeNull();
    expect(pagination!.items.map((item) => (item.ellipsis ? '…' : item.number))).toEqual(expected);
    expect(pagination!.items.find((item) => item.current)?.href).toBe(`/list?page=${page}`);
    expect(pagination!.previous?.href ?? null).toBe(page > 1 ? `/list?page=${page - 1}` : null);
  });
});
