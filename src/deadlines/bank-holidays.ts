import { CalendarDate, calendarDateParts } from './calendar-date';

/**
 * England and Wales bank holidays, shipped as data so a deadline never depends on a
 * network call, and so a reviewer can check every line against
 * https://www.gov.uk/bank-holidays.
 *
 * Where a holiday falls on a weekend the "substitute day" (the following weekday that
 * is not already a holiday) is listed under the original holiday's name and marked
 * substituteDay, as gov.uk does.
 *
 * Years from 2028 onwards follow the regular rules but have not been announced;
 * when a one-off holiday is proclaimed (a jubilee, a state funeral) it must be added
 * here, and the table's spec lists it among the one-off years.
 */
export interface BankHoliday {
  readonly date: CalendarDate;
  readonly name: string;
  readonly substituteDay?: true;
}

export const BANK_HOLIDAYS_FIRST_YEAR = 2010;
export const BANK_HOLIDAYS_LAST_YEAR = 2032;

const TABLE: readonly BankHoliday[] = [
  // 2010
  { date: '2010-01-01', name: "New Year's Day" }, // Fri
  { date: '2010-04-02', name: 'Good Friday' }, // Fri
  { date: '2010-04-05', name: 'Easter Monday' }, // Mon
  { date: '2010-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2010-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2010-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2010-12-27', name: 'Christmas Day', substituteDay: true }, // Mon
  { date: '2010-12-28', name: 'Boxing Day', substituteDay: true }, // Tue
  // 2011
  { date: '2011-01-03', name: "New Year's Day", substituteDay: true }, // Mon
  { date: '2011-04-22', name: 'Good Friday' }, // Fri
  { date: '2011-04-25', name: 'Easter Monday' }, // Mon
  { date: '2011-04-29', name: 'Royal wedding' }, // Fri: one-off
  { date: '2011-05-02', name: 'Early May bank holiday' }, // Mon
  { date: '2011-05-30', name: 'Spring bank holiday' }, // Mon
  { date: '2011-08-29', name: 'Summer bank holiday' }, // Mon
  { date: '2011-12-26', name: 'Boxing Day' }, // Mon
  { date: '2011-12-27', name: 'Christmas Day', substituteDay: true }, // Tue
  // 2012
  { date: '2012-01-02', name: "New Year's Day", substituteDay: true }, // Mon
  { date: '2012-04-06', name: 'Good Friday' }, // Fri
  { date: '2012-04-09', name: 'Easter Monday' }, // Mon
  { date: '2012-05-07', name: 'Early May bank holiday' }, // Mon
  // No holiday on Mon 28 May 2012: the Spring bank holiday moved for the Diamond Jubilee.
  { date: '2012-06-04', name: 'Spring bank holiday' }, // Mon: moved
  { date: '2012-06-05', name: "Queen's Diamond Jubilee" }, // Tue: one-off
  { date: '2012-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2012-12-25', name: 'Christmas Day' }, // Tue
  { date: '2012-12-26', name: 'Boxing Day' }, // Wed
  // 2013
  { date: '2013-01-01', name: "New Year's Day" }, // Tue
  { date: '2013-03-29', name: 'Good Friday' }, // Fri
  { date: '2013-04-01', name: 'Easter Monday' }, // Mon
  { date: '2013-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2013-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2013-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2013-12-25', name: 'Christmas Day' }, // Wed
  { date: '2013-12-26', name: 'Boxing Day' }, // Thu
  // 2014
  { date: '2014-01-01', name: "New Year's Day" }, // Wed
  { date: '2014-04-18', name: 'Good Friday' }, // Fri
  { date: '2014-04-21', name: 'Easter Monday' }, // Mon
  { date: '2014-05-05', name: 'Early May bank holiday' }, // Mon
  { date: '2014-05-26', name: 'Spring bank holiday' }, // Mon
  { date: '2014-08-25', name: 'Summer bank holiday' }, // Mon
  { date: '2014-12-25', name: 'Christmas Day' }, // Thu
  { date: '2014-12-26', name: 'Boxing Day' }, // Fri
  // 2015
  { date: '2015-01-01', name: "New Year's Day" }, // Thu
  { date: '2015-04-03', name: 'Good Friday' }, // Fri
  { date: '2015-04-06', name: 'Easter Monday' }, // Mon
  { date: '2015-05-04', name: 'Early May bank holiday' }, // Mon
  { date: '2015-05-25', name: 'Spring bank holiday' }, // Mon
  { date: '2015-08-31', name: 'Summer bank holiday' }, // Mon
  { date: '2015-12-25', name: 'Christmas Day' }, // Fri
  { date: '2015-12-28', name: 'Boxing Day', substituteDay: true }, // Mon
  // 2016
  { date: '2016-01-01', name: "New Year's Day" }, // Fri
  { date: '2016-03-25', name: 'Good Friday' }, // Fri
  { date: '2016-03-28', name: 'Easter Monday' }, // Mon
  { date: '2016-05-02', name: 'Early May bank holiday' }, // Mon
  { date: '2016-05-30', name: 'Spring bank holiday' }, // Mon
  { date: '2016-08-29', name: 'Summer bank holiday' }, // Mon
  { date: '2016-12-26', name: 'Boxing Day' }, // Mon
  { date: '2016-12-27', name: 'Christmas Day', substituteDay: true }, // Tue
  // 2017
  { date: '2017-01-02', name: "New Year's Day", substituteDay: true }, // Mon
  { date: '2017-04-14', name: 'Good Friday' }, // Fri
  { date: '2017-04-17', name: 'Easter Monday' }, // Mon
  { date: '2017-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2017-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2017-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2017-12-25', name: 'Christmas Day' }, // Mon
  { date: '2017-12-26', name: 'Boxing Day' }, // Tue
  // 2018
  { date: '2018-01-01', name: "New Year's Day" }, // Mon
  { date: '2018-03-30', name: 'Good Friday' }, // Fri
  { date: '2018-04-02', name: 'Easter Monday' }, // Mon
  { date: '2018-05-07', name: 'Early May bank holiday' }, // Mon
  { date: '2018-05-28', name: 'Spring bank holiday' }, // Mon
  { date: '2018-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2018-12-25', name: 'Christmas Day' }, // Tue
  { date: '2018-12-26', name: 'Boxing Day' }, // Wed
  // 2019
  { date: '2019-01-01', name: "New Year's Day" }, // Tue
  { date: '2019-04-19', name: 'Good Friday' }, // Fri
  { date: '2019-04-22', name: 'Easter Monday' }, // Mon
  { date: '2019-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2019-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2019-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2019-12-25', name: 'Christmas Day' }, // Wed
  { date: '2019-12-26', name: 'Boxing Day' }, // Thu
  // 2020
  { date: '2020-01-01', name: "New Year's Day" }, // Wed
  { date: '2020-04-10', name: 'Good Friday' }, // Fri
  { date: '2020-04-13', name: 'Easter Monday' }, // Mon
  // No holiday on Mon 4 May 2020: moved to the 75th anniversary of VE Day.
  { date: '2020-05-08', name: 'Early May bank holiday (VE day)' }, // Fri: moved
  { date: '2020-05-25', name: 'Spring bank holiday' }, // Mon
  { date: '2020-08-31', name: 'Summer bank holiday' }, // Mon
  { date: '2020-12-25', name: 'Christmas Day' }, // Fri
  { date: '2020-12-28', name: 'Boxing Day', substituteDay: true }, // Mon
  // 2021
  { date: '2021-01-01', name: "New Year's Day" }, // Fri
  { date: '2021-04-02', name: 'Good Friday' }, // Fri
  { date: '2021-04-05', name: 'Easter Monday' }, // Mon
  { date: '2021-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2021-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2021-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2021-12-27', name: 'Christmas Day', substituteDay: true }, // Mon
  { date: '2021-12-28', name: 'Boxing Day', substituteDay: true }, // Tue
  // 2022
  { date: '2022-01-03', name: "New Year's Day", substituteDay: true }, // Mon
  { date: '2022-04-15', name: 'Good Friday' }, // Fri
  { date: '2022-04-18', name: 'Easter Monday' }, // Mon
  { date: '2022-05-02', name: 'Early May bank holiday' }, // Mon
  // No holiday on Mon 30 May 2022: the Spring bank holiday moved for the Platinum Jubilee.
  { date: '2022-06-02', name: 'Spring bank holiday' }, // Thu: moved
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' }, // Fri: one-off
  { date: '2022-08-29', name: 'Summer bank holiday' }, // Mon
  { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' }, // Mon: one-off
  { date: '2022-12-26', name: 'Boxing Day' }, // Mon
  { date: '2022-12-27', name: 'Christmas Day', substituteDay: true }, // Tue
  // 2023
  { date: '2023-01-02', name: "New Year's Day", substituteDay: true }, // Mon
  { date: '2023-04-07', name: 'Good Friday' }, // Fri
  { date: '2023-04-10', name: 'Easter Monday' }, // Mon
  { date: '2023-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }, // Mon: one-off
  { date: '2023-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2023-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2023-12-25', name: 'Christmas Day' }, // Mon
  { date: '2023-12-26', name: 'Boxing Day' }, // Tue
  // 2024
  { date: '2024-01-01', name: "New Year's Day" }, // Mon
  { date: '2024-03-29', name: 'Good Friday' }, // Fri
  { date: '2024-04-01', name: 'Easter Monday' }, // Mon
  { date: '2024-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2024-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2024-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2024-12-25', name: 'Christmas Day' }, // Wed
  { date: '2024-12-26', name: 'Boxing Day' }, // Thu
  // 2025
  { date: '2025-01-01', name: "New Year's Day" }, // Wed
  { date: '2025-04-18', name: 'Good Friday' }, // Fri
  { date: '2025-04-21', name: 'Easter Monday' }, // Mon
  { date: '2025-05-05', name: 'Early May bank holiday' }, // Mon
  { date: '2025-05-26', name: 'Spring bank holiday' }, // Mon
  { date: '2025-08-25', name: 'Summer bank holiday' }, // Mon
  { date: '2025-12-25', name: 'Christmas Day' }, // Thu
  { date: '2025-12-26', name: 'Boxing Day' }, // Fri
  // 2026
  { date: '2026-01-01', name: "New Year's Day" }, // Thu
  { date: '2026-04-03', name: 'Good Friday' }, // Fri
  { date: '2026-04-06', name: 'Easter Monday' }, // Mon
  { date: '2026-05-04', name: 'Early May bank holiday' }, // Mon
  { date: '2026-05-25', name: 'Spring bank holiday' }, // Mon
  { date: '2026-08-31', name: 'Summer bank holiday' }, // Mon
  { date: '2026-12-25', name: 'Christmas Day' }, // Fri
  { date: '2026-12-28', name: 'Boxing Day', substituteDay: true }, // Mon
  // 2027
  { date: '2027-01-01', name: "New Year's Day" }, // Fri
  { date: '2027-03-26', name: 'Good Friday' }, // Fri
  { date: '2027-03-29', name: 'Easter Monday' }, // Mon
  { date: '2027-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2027-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2027-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2027-12-27', name: 'Christmas Day', substituteDay: true }, // Mon
  { date: '2027-12-28', name: 'Boxing Day', substituteDay: true }, // Tue
  // 2028
  { date: '2028-01-03', name: "New Year's Day", substituteDay: true }, // Mon
  { date: '2028-04-14', name: 'Good Friday' }, // Fri
  { date: '2028-04-17', name: 'Easter Monday' }, // Mon
  { date: '2028-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2028-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2028-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2028-12-25', name: 'Christmas Day' }, // Mon
  { date: '2028-12-26', name: 'Boxing Day' }, // Tue
  // 2029
  { date: '2029-01-01', name: "New Year's Day" }, // Mon
  { date: '2029-03-30', name: 'Good Friday' }, // Fri
  { date: '2029-04-02', name: 'Easter Monday' }, // Mon
  { date: '2029-05-07', name: 'Early May bank holiday' }, // Mon
  { date: '2029-05-28', name: 'Spring bank holiday' }, // Mon
  { date: '2029-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2029-12-25', name: 'Christmas Day' }, // Tue
  { date: '2029-12-26', name: 'Boxing Day' }, // Wed
  // 2030
  { date: '2030-01-01', name: "New Year's Day" }, // Tue
  { date: '2030-04-19', name: 'Good Friday' }, // Fri
  { date: '2030-04-22', name: 'Easter Monday' }, // Mon
  { date: '2030-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2030-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2030-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2030-12-25', name: 'Christmas Day' }, // Wed
  { date: '2030-12-26', name: 'Boxing Day' }, // Thu
  // 2031
  { date: '2031-01-01', name: "New Year's Day" }, // Wed
  { date: '2031-04-11', name: 'Good Friday' }, // Fri
  { date: '2031-04-14', name: 'Easter Monday' }, // Mon
  { date: '2031-05-05', name: 'Early May bank holiday' }, // Mon
  { date: '2031-05-26', name: 'Spring bank holiday' }, // Mon
  { date: '2031-08-25', name: 'Summer bank holiday' }, // Mon
  { date: '2031-12-25', name: 'Christmas Day' }, // Thu
  { date: '2031-12-26', name: 'Boxing Day' }, // Fri
  // 2032
  { date: '2032-01-01', name: "New Year's Day" }, // Thu
  { date: '2032-03-26', name: 'Good Friday' }, // Fri
  { date: '2032-03-29', name: 'Easter Monday' }, // Mon
  { date: '2032-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2032-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2032-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2032-12-27', name: 'Christmas Day', substituteDay: true }, // Mon
  { date: '2032-12-28', name: 'Boxing Day', substituteDay: true }, // Tue
];

/** In date order, frozen: nobody may add a holiday to another council's calendar. */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = Object.freeze(
  TABLE.map((holiday) => Object.freeze({ ...holiday })),
);

const BY_DATE: ReadonlyMap<CalendarDate, BankHoliday> = new Map(
  ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => [holiday.date, holiday]),
);

export function isWithinBankHolidayYears(date: CalendarDate): boolean {
  const { year } = calendarDateParts(date);
  return year >= BANK_HOLIDAYS_FIRST_YEAR && year <= BANK_HOLIDAYS_LAST_YEAR;
}

/**
 * Outside the shipped years we do not know the holidays, and treating every weekday
 * as a working day would quietly give a council a wrong deadline. So we refuse.
 */
export function assertWithinBankHolidayYears(date: CalendarDate): void {
  if (!isWithinBankHolidayYears(date)) {
    const { year } = calendarDateParts(date);
    throw new RangeError(
      `Bank holidays are only known for ${BANK_HOLIDAYS_FIRST_YEAR} to ${BANK_HOLIDAYS_LAST_YEAR}; ` +
        `cannot tell working days in ${year} (${date})`,
    );
  }
}

/** The bank holiday on that date, if any; throws a RangeError outside the shipped years. */
export function findBankHoliday(date: CalendarDate): BankHoliday | undefined {
  assertWithinBankHolidayYears(date);
  return BY_DATE.get(date);
}

/** A year's holidays in date order; throws a RangeError outside the shipped years. */
export function bankHolidaysInYear(year: number): readonly BankHoliday[] {
  if (!Number.isInteger(year) || year < BANK_HOLIDAYS_FIRST_YEAR || year > BANK_HOLIDAYS_LAST_YEAR) {
    throw new RangeError(
      `Bank holidays are only known for ${BANK_HOLIDAYS_FIRST_YEAR} to ${BANK_HOLIDAYS_LAST_YEAR}; asked for ${year}`,
    );
  }
  const prefix = `${year}-`;
  return ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((holiday) => holiday.date.startsWith(prefix));
}
