import { ValidationOptions, registerDecorator } from 'class-validator';
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR, isCalendarDate, isWithinBankHolidayYears } from '../deadlines';

/**
 * Real dates a council plan can mean. Year 0000 is a valid pattern but not a
 * date PostgreSQL stores; nothing in a plan predates 1900 or follows 2999.
 */
function isPlanDate(value: string): boolean {
  if (!isCalendarDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 1900 && year <= 2999;
}

/** A real calendar date written YYYY-MM-DD (no time, no time zone). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a real date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPlanDate(value) },
    });
}

/** A due date: a day (YYYY-MM-DD) or, for plans that say "September 2012", a month (YYYY-MM). */
export function IsDueDateInput(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDueDateInput',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a date written YYYY-MM-DD, or a month written YYYY-MM', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && (isPlanDate(value) || (/^\d{4}-\d{2}$/.test(value) && isPlanDate(`${value}-01`))),
      },
    });
}

/**
 * A date working days can be counted from: within the years whose England and
 * Wales bank holidays the product ships. "As of" dates for ratings and reviews.
 */
export function IsWorkingDayCountable(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWorkingDayCountable',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `must be a real date written YYYY-MM-DD between ${BANK_HOLIDAYS_FIRST_YEAR} and ${BANK_HOLIDAYS_LAST_YEAR} (the years whose bank holidays are known)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) && isWithinBankHolidayYears(value),
      },
    });
}
