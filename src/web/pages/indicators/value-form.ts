import { formatCell, FRACTION_SCALE, IndicatorUnit, VALUE_STATUSES } from '../../../indicators/domain';
import type { ValueView } from '../../../indicators/indicator-views';
import { addError, FormErrors, noErrors, text } from '../../forms';

/** What the value form holds, as typed: kept on an error so nothing needs typing twice. */
export interface ValueEntries {
  value: string;
  notAvailable: boolean;
  numerator: string;
  denominator: string;
  status: string;
  note: string;
}

/** The fields in the form's order: the error summary lists problems in this order. */
export const VALUE_FIELDS = ['value', 'notAvailable', 'numerator', 'denominator', 'status', 'note'] as const;

const LABELS: Record<(typeof VALUE_FIELDS)[number], string> = {
  value: 'Value',
  notAvailable: 'Not available (N/A)',
  numerator: 'Numerator',
  denominator: 'Denominator',
  status: 'Provisional or final',
  note: 'Note',
};

export const STATUS_CHOICES = VALUE_STATUSES.map((value) => ({
  value,
  text: value === 'provisional' ? 'Provisional' : 'Final',
  hint: { text: value === 'provisional' ? 'It may still be corrected, for example before the data is validated.' : 'Validated: the figure the board should quote.' },
}));

export function valueEntriesFrom(body: Record<string, unknown>): ValueEntries {
  return {
    value: text(body.value),
    notAvailable: text(body.notAvailable) === 'yes',
    numerator: text(body.numerator),
    denominator: text(body.denominator),
    status: text(body.status),
    note: text(body.note),
  };
}

/** The form as it opens: the month's value as recorded, or empty for a first entry. */
export function valueEntriesOf(current: ValueView | null): ValueEntries {
  const figure = (n: number | null) => (n === null ? '' : String(n));
  return {
    value: current ? figure(current.value) : '',
    notAvailable: current?.notAvailable ?? false,
    numerator: current ? figure(current.numerator) : '',
    denominator: current ? figure(current.denominator) : '',
    status: current?.status ?? '',
    note: current?.note ?? '',
  };
}

/**
 * A figure as typed: "26", "26%", "1,234", " 45.2 " are numbers; anything
 * else goes to the API's DTO as typed, so it is refused by the DTO's own words
 * ("must be a number"); blank is left out.
 */
export function figureOf(typed: string): number | string | undefined {
  const trimmed = typed.trim();
  if (trimmed === '') return undefined;
  const plain = trimmed.replace(/%$/, '').replace(/,(?=\d{3}(\D|$))/g, '').trim();
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(plain) ? Number(plain) : trimmed;
}

/** The API's EnterValueDto from the form, with the version of the month's value the person loaded (0 for none). */
export function enterValueInput(entries: ValueEntries, version: number): Record<string, unknown> {
  const input: Record<string, unknown> = { version };
  const value = figureOf(entries.value);
  const numerator = figureOf(entries.numerator);
  const denominator = figureOf(entries.denominator);
  if (value !== undefined) input.value = value;
  if (entries.notAvailable) input.notAvailable = true;
  if (numerator !== undefined) input.numerator = numerator;
  if (denominator !== undefined) input.denominator = denominator;
  if (entries.status) input.status = entries.status;
  if (entries.note.trim()) input.note = entries.note;
  return input;
}

/** Whether the form offers numerator and denominator: the units a value can be worked out from. */
export function hasFraction(unit: IndicatorUnit): boolean {
  return FRACTION_SCALE[unit] !== undefined;
}

/**
 * The API's problems (its DTO's or the return's rules) as the form shows
 * them: the API's own words after the field's label, each linked to its
 * input; "notAvailable: true" is said as the box the form has. A problem with
 * something the form does not show (the month, the version) is said at the
 * value, where the person looks first.
 */
export function valueErrors(problems: Record<string, string>): FormErrors {
  const errors = noErrors();
  const words = (problem: string) => problem.replace(/notAvailable: true for N\/A/g, 'tick Not available (N/A)').replace(/\(N\/A\) \(N\/A\)/g, '(N/A)');
  for (const field of VALUE_FIELDS) {
    if (problems[field]) addError(errors, field, `${LABELS[field]} ${words(problems[field])}`);
  }
  for (const [field, problem] of Object.entries(problems)) {
    if ((VALUE_FIELDS as readonly string[]).includes(field)) continue;
    if (field === 'month') addError(errors, 'value', `The month ${problem}`);
    else addError(errors, 'value', `The form could not be read (${field} ${problem}). Open the indicator again and enter the value from there.`);
  }
  return errors;
}

/** The month's versions, newest first, as the form lists them: the figure, how it was given, who and when, and whether it still stands. */
export function valueHistoryRows(versions: readonly ValueView[], unit: IndicatorUnit) {
  return [...versions].reverse().map((version) => ({
    version: version.version,
    figure: version.notAvailable ? 'N/A' : version.value === null ? 'No value' : formatCell(version.value, unit),
    fraction: version.numerator !== null && version.denominator !== null ? `${version.numerator} of ${version.denominator}` : null,
    status: version.status,
    note: version.note,
    by: version.enteredBy?.name ?? (version.fromImport ? 'An import' : 'Unknown'),
    at: version.recordedAt,
    standing: version.supersededAt === null,
  }));
}
