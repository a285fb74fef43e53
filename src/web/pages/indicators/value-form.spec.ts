import { EnterValueDto } from '../../../indicators/dto/indicator.dto';
import { resolveReturn } from '../../../indicators/domain';
import { dtoProblems } from '../../forms';
import { enterValueInput, figureOf, hasFraction, valueEntriesFrom, valueEntriesOf, valueErrors, valueHistoryRows } from './value-form';

describe('the value form', () => {
  it.each([
    ['26', 26],
    ['26%', 26],
    [' 45.2 ', 45.2],
    ['1,234', 1234],
    ['1,234.5', 1234.5],
    ['.5', 0.5],
    ['', undefined],
    ['   ', undefined],
    ['twenty', 'twenty'],
    ['1,23', '1,23'],
    ['12abc', '12abc'],
  ])('reads %j as %j', (typed, expected) => {
    expect(figureOf(typed)).toBe(expected);
  });

  it('sends the API what was entered, with the version loaded, and leaves out what was left blank', () => {
    const entries = valueEntriesFrom({ value: '26%', notAvailable: 'yes', numerator: '', denominator: '200', status: 'final', note: '  ', version: '3', extra: 'x' });
    expect(enterValueInput(entries, 3)).toEqual({ version: 3, value: 26, notAvailable: true, denominator: 200, status: 'final' });
    // A repeated field is not a value: nothing is taken from it.
    expect(valueEntriesFrom({ value: ['1', '2'] }).value).toBe('');
  });

  it('opens on the month as recorded, or empty for a first entry', () => {
    expect(valueEntriesOf(null)).toEqual({ value: '', notAvailable: false, numerator: '', denominator: '', status: '', note: '' });
    expect(
      valueEntriesOf({ month: '2022-06', value: 26, notAvailable: false, numerator: 52, denominator: 200, status: 'provisional', note: 'Late', version: 2, enteredBy: null, fromImport: null, recordedAt: new Date(), supersededAt: null }),
    ).toEqual({ value: '26', notAvailable: false, numerator: '52', denominator: '200', status: 'provisional', note: 'Late' });
  });

  it('says the API’s own problems after each label, in the form’s order, each linked to its field', () => {
    const { problems } = dtoProblems(EnterValueDto, enterValueInput(valueEntriesFrom({ value: 'twenty', status: 'maybe', note: 'x'.repeat(2001) }), 0));
    const errors = valueErrors(problems);
    expect(errors.summary).toEqual([
      { text: 'Value must be a number', href: '#value' },
      { text: 'Provisional or final must be one of: provisional, final', href: '#status' },
      { text: 'Note must be shorter than or equal to 2000 characters', href: '#note' },
    ]);
  });

  it('words the return’s rules as the form has them (a box for N/A), and a month refused at the value', () => {
    const resolved = resolveReturn('percentage', {});
    const problems = 'problems' in resolved ? resolved.problems : {};
    expect(valueErrors(problems).summary).toEqual([{ text: 'Value is required (or give numerator and denominator, or tick Not available (N/A))', href: '#value' }]);
    expect(valueErrors({ month: 'is after the current month (today is 1 July 2022)' }).summary).toEqual([{ text: 'The month is after the current month (today is 1 July 2022)', href: '#value' }]);
    expect(valueErrors({ version: 'must be the whole-number version' }).summary[0].text).toMatch(/^The form could not be read/);
  });

  it.each([
    ['percentage', true],
    ['rate_per_10000', true],
    ['ratio', true],
    ['number', false],
    ['days', false],
  ] as const)('offers numerator and denominator for a %s: %s', (unit, offered) => {
    expect(hasFraction(unit)).toBe(offered);
  });

  it('lists the month’s versions newest first, the corrected one kept', () => {
    const at = new Date('2022-07-05T10:00:00Z');
    const base = { month: '2022-06' as const, notAvailable: false, numerator: null, denominator: null, status: null, note: null, fromImport: null, recordedAt: at };
    const rows = valueHistoryRows(
      [
        { ...base, value: 1234.5, numerator: 52, denominator: 200, status: 'provisional', version: 1, enteredBy: { id: 'u1', name: 'Olive' }, supersededAt: at },
        { ...base, value: null, notAvailable: true, version: 2, enteredBy: null, fromImport: 'import-1', supersededAt: null },
      ],
      'number',
    );
    expect(rows).toEqual([
      { version: 2, figure: 'N/A', fraction: null, status: null, note: null, by: 'An import', at, standing: true },
      { version: 1, figure: '1,234.5', fraction: '52 of 200', status: 'provisional', note: null, by: 'Olive', at, standing: false },
    ]);
  });
});
