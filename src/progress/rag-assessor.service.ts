import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, WorkingDayCalendar } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import { RagAssessment, RagRating, assessActivity } from './rag';

interface RagRow {
  id: string;
  status: ActivityStatus;
  percent_complete: number | null;
  start_date: string | null;
  published_on: string | null;
  due_date: string | null;
  last_reported_on: string | null;
  verified: boolean;
  blocked_note: string | null;
  override_rating: RagRating | null;
  override_reason: string | null;
  override_expires_on: string | null;
  override_set_by: string | null;
}

/**
 * Gathers what the RAG rules need for many activities in one query and
 * applies them: the rules themselves are the plain functions in rag.ts.
 */
@Injectable()
export class RagAssessor {
  constructor(private readonly dataSource: DataSource) {}

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
    const rows: RagRow[] = await manager.query(
      `SELECT a.id, a.status, a.percent_complete, a.start_date, p.published_on, a.due_date,
              (a.last_reported_at AT TIME ZONE 'Europe/London')::date::text AS last_reported_on,
              (a.verified_at IS NOT NULL) AS verified,
              latest.note AS blocked_note,
              o.rating AS override_rating, o.reason AS override_reason, o.expires_on AS override_expires_on,
              COALESCE(setter.name, 'a former user') AS override_set_by
         FROM activities a
         JOIN recommendations r ON r.id = a.recommendation_id
         JOIN sections s ON s.id = r.section_id
         JOIN plans p ON p.id = s.plan_id
         LEFT JOIN LATERAL (
           SELECT u.note FROM progress_updates u
            WHERE u.activity_id = a.id AND a.status = 'blocked'
            ORDER BY u.created_at DESC LIMIT 1) latest ON TRUE
         LEFT JOIN LATERAL (
           SELECT ro.* FROM rag_overrides ro
            WHERE ro.activity_id = a.id AND ro.cleared_at IS NULL
            ORDER BY ro.created_at DESC LIMIT 1) o ON TRUE
         LEFT JOIN users setter ON setter.id = o.set_by_id
        WHERE a.id = ANY($1::uuid[])`,
      [activityIds],
    );
    for (const row of rows) {
      result.set(
        row.id,
        assessOrExplain(row.verified, () => assessActivity(
          {
            status: row.status,
            verified: row.verified,
            percentComplete: row.percent_complete,
            // Work is taken to start when Ofsted published, unless the activity says otherwise.
            startDate: (row.start_date ?? row.published_on) as CalendarDate | null,
            dueDate: row.due_date as CalendarDate | null,
            lastReportedOn: row.last_reported_on as CalendarDate | null,
            blockedReason: row.blocked_note,
          },
          asOf,
          workingDays,
          row.override_rating
            ? {
                rating: row.override_rating,
                reason: row.override_reason ?? '',
                expiresOn: row.override_expires_on as CalendarDate,
                setBy: row.override_set_by ?? 'the chair',
              }
            : null,
        )),
      );
    }
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
