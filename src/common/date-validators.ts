import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate } from '../deadlines';

/** A real calendar date written YYYY-MM-DD (no time, no time zone). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a real date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
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
          typeof value === 'string' && (isCalendarDate(value) || (/^\d{4}-\d{2}$/.test(value) && isCalendarDate(`${value}-01`))),
      },
    });
}
