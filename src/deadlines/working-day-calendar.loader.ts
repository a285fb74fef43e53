import { EntityManager } from 'typeorm';
import { CalendarDate } from './calendar-date';
import { ClosureDay } from './closure-day.entity';
import { WorkingDayCalendar } from './working-days';

/** The bank holidays shipped with the code plus the closure days the council has added. */
export async function loadWorkingDayCalendar(manager: EntityManager): Promise<WorkingDayCalendar> {
  const closures = await manager.find(ClosureDay, { select: { date: true } });
  return new WorkingDayCalendar(closures.map((closure) => closure.date as CalendarDate));
}
