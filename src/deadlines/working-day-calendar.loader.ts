import { EntityManager } from 'typeorm';
import { preparedStatement, runPrepared } from '../database/prepared-statement';
import { CalendarDate } from './calendar-date';
import { WorkingDayCalendar } from './working-days';

// Read by nearly every deadline, review, report and digest job: prepared, and in date order so equal lists compare equal.
const CLOSURE_DAYS = preparedStatement('closure_days', 'SELECT date::text AS date FROM closure_days ORDER BY date');

/**
 * The calendar last built, with the closure days it was built from: a
 * calendar is immutable, and the closure days change a few times a year,
 * while building one (every bank holiday sorted with the council's days)
 * cost each digest job and report a millisecond.
 */
let lastBuilt: { closures: string; calendar: WorkingDayCalendar } | null = null;

/** The bank holidays shipped with the code plus the closure days the council has added, as the database holds them now. */
export async function loadWorkingDayCalendar(manager: EntityManager): Promise<WorkingDayCalendar> {
  const rows = await runPrepared<{ date: CalendarDate }>(manager, CLOSURE_DAYS);
  const closures = rows.map((row) => row.date).join(',');
  if (lastBuilt?.closures !== closures) lastBuilt = { closures, calendar: new WorkingDayCalendar(rows.map((row) => row.date)) };
  return lastBuilt.calendar;
}
