import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, WorkingDayCalendar } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { ActivityRow, ActivityRows } from './activity-rows.service';
import { RagAssessment, assessActivity } from './rag';

/**
 * An activity row's rating as of a date: the rules are the plain functions in
 * rag.ts, fed with the standing the read model gives for that date.
 */
export function assessRow(row: ActivityRow, asOf: CalendarDate, calendar: WorkingDayCalendar): RagAssessment {
  return assessOrExplain(row.verified, () =>
    assessActivity(
      {
        status: row.status,
        verified: row.verified,
        percentComplete: row.percentComplete,
        // Work is taken to start when Ofsted published, unless the activity says otherwise.
        startDate: (row.startDate ?? row.publishedOn) as CalendarDate | null,
        dueDate: row.dueDate as CalendarDate | null,
        lastReportedOn: row.latestUpdate?.reportedOn ?? null,
        blockedReason: row.status === 'blocked' ? (row.latestUpdate?.note ?? null) : null,
      },
      asOf,
      calendar,
      row.override,
    ),
  );
}

/** Ratings for activities a caller has already found (and may read), in one read. */
@Injectable()
export class RagAssessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rows: ActivityRows,
  ) {}

  /** `calendar` may be passed by a caller that has already loaded it. */
  async assess(
    activityIds: string[],
    asOf: CalendarDate,
    manager: EntityManager = this.dataSource.manager,
    calendar?: WorkingDayCalendar,
  ): Promise<Map<string, RagAssessment>> {
    const result = new Map<string, RagAssessment>();
    if (activityIds.length === 0) return result;
    const workingDays = calendar ?? (await loadWorkingDayCalendar(manager));
    for (const row of await this.rows.read({ asOf, activityIds, unscoped: true }, manager)) result.set(row.id, assessRow(row, asOf, workingDays));
    return result;
  }
}

/**
 * A due date outside the years whose bank holidays are known cannot be
 * counted in working days: say so on that one activity rather than fail the
 * whole review.
 */
function assessOrExplain(verified: boolean, assess: () => RagAssessment): RagAssessment {
  try {
    return assess();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { rating: null, computed: null, reasons: [`not rated: ${error.message}`], verified, override: null };
  }
}
