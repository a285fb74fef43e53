import { assertWithinBankHolidayYears } from './bank-holidays';
import { addCalendarDays, addCalendarMonths, CalendarDate } from './calendar-date';
import { WorkingDayCalendar } from './working-days';

/** The timescale Ofsted gives each recommendation in its report. */
export const TimescaleBand = {
  Immediately: 'immediately',
  WithinThreeMonths: 'within_three_months',
  WithinSixMonths: 'within_six_months',
  /** The recommendation (or the plan) names its own date; there is no offset to apply. */
  ByDate: 'by_date',
} as const;

export type TimescaleBand = (typeof TimescaleBand)[keyof typeof TimescaleBand];

/** The bands whose due date follows from the publication date. */
export type OffsetBand = Exclude<TimescaleBand, 'by_date'>;

/** Every band, in the order Ofsted lists them; for validators and select lists. */
export const TIMESCALE_BANDS: readonly TimescaleBand[] = Object.freeze([
  TimescaleBand.Immediately,
  TimescaleBand.WithinThreeMonths,
  TimescaleBand.WithinSixMonths,
  TimescaleBand.ByDate,
]);

export const OFFSET_BANDS: readonly OffsetBand[] = Object.freeze([
  TimescaleBand.Immediately,
  TimescaleBand.WithinThreeMonths,
  TimescaleBand.WithinSixMonths,
]);

/**
 * Sort rank: most urgent first, explicit dates last, as the report and the plan
 * group them. Use as `(a, b) => BAND_ORDER[a] - BAND_ORDER[b]`.
 */
export const BAND_ORDER: Readonly<Record<TimescaleBand, number>> = Object.freeze({
  immediately: 0,
  within_three_months: 1,
  within_six_months: 2,
  by_date: 3,
});

export function isTimescaleBand(value: unknown): value is TimescaleBand {
  return typeof value === 'string' && (TIMESCALE_BANDS as readonly string[]).includes(value);
}

const LABELS: Readonly<Record<TimescaleBand, string>> = {
  immediately: 'Immediately',
  within_three_months: 'Within three months',
  within_six_months: 'Within six months',
  by_date: 'By date',
};

/** The band as the report prints it. */
export function bandLabel(band: TimescaleBand): string {
  if (!isTimescaleBand(band)) throw new TypeError(`Unknown timescale band: ${JSON.stringify(band)}`);
  return LABELS[band];
}

export const OFFSET_UNITS = ['working_days', 'calendar_days', 'months'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

export interface BandOffset {
  readonly unit: OffsetUnit;
  readonly amount: number;
}

export type BandOffsets = Readonly<Record<OffsetBand, BandOffset>>;

/** Enough for "within a year" counted in calendar days, leap years included. */
export const MAX_OFFSET_AMOUNT = 366;

/**
 * What Ofsted's bands mean unless a plan says otherwise: "immediately" is read as
 * ten working days; three and six months are the same day of the month later.
 */
export const DEFAULT_BAND_OFFSETS: BandOffsets = Object.freeze({
  immediately: Object.freeze({ unit: 'working_days', amount: 10 }),
  within_three_months: Object.freeze({ unit: 'months', amount: 3 }),
  within_six_months: Object.freeze({ unit: 'months', amount: 6 }),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Everything wrong with a plan's offsets, as sentences a plan owner can act on;
 * an empty list means they are usable. Unknown fields are reported rather than
 * ignored, because a misspelt "ammount" would otherwise silently fall back.
 */
export function validateBandOffsets(value: unknown): string[] {
  if (!isPlainObject(value)) {
    return [`Band offsets must be an object with ${OFFSET_BANDS.join(', ')}`];
  }
  const problems: string[] = [];
  for (const band of OFFSET_BANDS) {
    if (!(band in value)) {
      problems.push(`${band}: missing`);
      continue;
    }
    const offset = value[band];
    if (!isPlainObject(offset)) {
      problems.push(`${band} must be an object with unit and amount`);
      continue;
    }
    const { unit, amount } = offset;
    if (!(OFFSET_UNITS as readonly unknown[]).includes(unit)) {
      problems.push(`${band}.unit must be one of ${OFFSET_UNITS.join(', ')} (got ${JSON.stringify(unit)})`);
    }
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > MAX_OFFSET_AMOUNT) {
      problems.push(
        `${band}.amount must be a whole number from 0 to ${MAX_OFFSET_AMOUNT} (got ${JSON.stringify(amount) ?? 'nothing'})`,
      );
    }
    for (const field of Object.keys(offset)) {
      if (field !== 'unit' && field !== 'amount') problems.push(`${band}: unexpected field "${field}"`);
    }
  }
  for (const key of Object.keys(value)) {
    if (!(OFFSET_BANDS as readonly string[]).includes(key)) {
      problems.push(
        key === TimescaleBand.ByDate
          ? `by_date cannot have an offset: each such recommendation carries its own date`
          : `unexpected band "${key}"`,
      );
    }
  }
  return problems;
}

/**
 * When a recommendation in the band falls due, counted from the report's publication
 * date. Whatever the unit, a due date on a weekend, bank holiday or closure day moves
 * to the next working day, because Ofsted counts working days and nobody can deliver
 * on Christmas Day.
 *
 * Throws for `by_date` (the caller has the date), for invalid offsets, and with a
 * RangeError when the publication date or the due date lies outside the years whose
 * bank holidays are known.
 */
export function bandDueDate(
  publishedOn: CalendarDate,
  band: TimescaleBand,
  offsets: BandOffsets,
  calendar: WorkingDayCalendar,
): CalendarDate {
  if (band === TimescaleBand.ByDate) {
    throw new TypeError('A "by_date" recommendation carries its own date; there is no band deadline to work out');
  }
  if (!isTimescaleBand(band)) throw new TypeError(`Unknown timescale band: ${JSON.stringify(band)}`);
  const problems = validateBandOffsets(offsets);
  if (problems.length > 0) throw new TypeError(`Invalid band offsets: ${problems.join('; ')}`);
  assertWithinBankHolidayYears(publishedOn);

  const { unit, amount } = offsets[band];
  switch (unit) {
    case 'working_days':
      return calendar.addWorkingDays(publishedOn, amount);
    case 'calendar_days':
      return calendar.nextWorkingDayOnOrAfter(addCalendarDays(publishedOn, amount));
    case 'months':
      return calendar.nextWorkingDayOnOrAfter(addCalendarMonths(publishedOn, amount));
  }
}
