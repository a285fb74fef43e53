import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { FieldValidationException } from '../common/validation';
import {
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  CalendarDate,
  isWithinBankHolidayYears,
  todayInLondon,
} from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { CLOSED_ACTIVITY_STATUSES } from '../plans/plan-vocabulary';
import type { ActivityStatus, DueDatePrecision } from '../plans/plan-vocabulary';
import { Plan } from '../plans/entities/plan.entity';
import { PlanTreeView } from '../plans/plan-tree.reader';
import { PlansService } from '../plans/plans.service';
import { RagAssessor } from '../progress/rag-assessor.service';
import { AgencyRecord } from './abbreviations';
import { AppendixView, appendixView } from './appendix.view-model';
import { ExceptionActivity, ExceptionReportView, exceptionReportView } from './exception-report.view-model';
import { LatestUpdate, ProgressReportView, progressReportView } from './progress-report.view-model';
import { AppendixQuery, ExceptionReportQuery, ProgressReportQuery } from './reports.dto';

const CLOSED_LIST = CLOSED_ACTIVITY_STATUSES.map((status) => `'${status}'`).join(', ');

interface ExceptionRow {
  id: string;
  text: string;
  status: ActivityStatus;
  due_date: string | null;
  due_date_precision: DueDatePrecision;
  plan_title: string;
  section_title: string;
  recommendation_number: number;
  owner_name: string | null;
  lead_agencies: Array<{ id: string; name: string }> | null;
  latest_note: string | null;
  latest_on: string | null;
}

/**
 * Gathers what each report needs in a fixed number of queries, however large
 * the plan, and hands it to the view-model functions. Who may see what:
 * - the appendix and the progress report show a whole plan, so they are for
 *   those who read the whole plan (admins, its chair, its viewers); a service
 *   head who sees only part of it gets 403 rather than a paper that silently
 *   leaves most of the plan out, and anyone who cannot open it at all 404;
 * - the exception report is the chair's (admins too), across the plans they
 *   chair, enforced by the controller's role and the activity scope here.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly plans: PlansService,
    private readonly rag: RagAssessor,
  ) {}

  async appendix(planId: string, query: AppendixQuery): Promise<AppendixView> {
    const plan = await this.withTimescales(await this.wholePlan(planId));
    const agencies = await this.agencies(this.dataSource.manager);
    return appendixView(plan, agencies, { appendix: query.appendix ?? '1', title: query.title ?? null, layout: query.layout ?? null });
  }

  async progressReport(planId: string, query: ProgressReportQuery): Promise<ProgressReportView> {
    const asOf = this.asOf(query.asOf);
    const plan = await this.withTimescales(await this.wholePlan(planId));
    const ids = plan.sections.flatMap((section) => section.recommendations.flatMap((r) => r.activities.map((a) => a.id)));
    const assessments = await this.rag.assess(ids, asOf);
    const latest = await this.latestUpdates(ids);
    return progressReportView(plan, assessments, latest, asOf, {
      appendix: query.appendix ?? '1',
      title: query.title ?? null,
      layout: query.layout ?? null,
    });
  }

  async exceptionReport(query: ExceptionReportQuery): Promise<ExceptionReportView> {
    const asOf = this.asOf(query.asOf);
    if (query.planId) await this.assertPlanExists(query.planId);
    const rows = await this.openActivities(query.planId);
    const assessments = await this.rag.assess(
      rows.map((row) => row.id),
      asOf,
    );
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    const activities: ExceptionActivity[] = rows.map((row) => ({
      id: row.id,
      text: row.text,
      status: row.status,
      dueDate: row.due_date,
      dueDatePrecision: row.due_date_precision,
      planTitle: row.plan_title,
      sectionTitle: row.section_title,
      recommendationNumber: row.recommendation_number,
      owner: row.owner_name,
      leadAgencies: row.lead_agencies ?? [],
      latest: row.latest_on ? { note: row.latest_note, reportedOn: row.latest_on } : null,
    }));
    return exceptionReportView(activities, assessments, calendar, asOf, { appendix: query.appendix ?? '1', title: query.title ?? null });
  }

  /** Ratings count working days, which are known only for the years whose bank holidays ship with the code. */
  private asOf(value: string | undefined): CalendarDate {
    const asOf = (value ?? todayInLondon()) as CalendarDate;
    if (!isWithinBankHolidayYears(asOf)) {
      throw new FieldValidationException({
        asOf: `must be in ${BANK_HOLIDAYS_FIRST_YEAR}-${BANK_HOLIDAYS_LAST_YEAR}, the years whose bank holidays are known`,
      });
    }
    return asOf;
  }

  /** 404 for a plan the person cannot open, and for one that does not exist (admins can open any id). */
  private async assertPlanExists(planId: string): Promise<void> {
    await this.access.assertCanReadPlan(planId);
    if (!(await this.dataSource.manager.exists(Plan, { where: { id: planId } }))) throw new NotFoundException(`No plan with id ${planId}`);
  }

  private async wholePlan(planId: string): Promise<PlanTreeView> {
    await this.access.assertCanReadPlan(planId);
    if (!(await this.access.readsWholePlan(planId))) {
      throw new ForbiddenException('Reports show the whole plan; you can see only the activities your agencies lead or you own');
    }
    return this.plans.tree(planId);
  }

  /**
   * Each activity's "By when" as the plan wrote it ("Quarterly", "September
   * 2015 / 16 / 17"), kept by the importer beside the dates it implies: one query.
   */
  private async withTimescales(plan: PlanTreeView) {
    const ids = plan.sections.flatMap((section) => section.recommendations.flatMap((r) => r.activities.map((a) => a.id)));
    const rows: Array<{ activity_id: string; text: string }> = ids.length
      ? await this.dataSource.query('SELECT activity_id, text FROM activity_timescales WHERE activity_id = ANY($1::uuid[])', [ids])
      : [];
    const byWhen = new Map(rows.map((row) => [row.activity_id, row.text]));
    return {
      ...plan,
      sections: plan.sections.map((section) => ({
        ...section,
        recommendations: section.recommendations.map((r) => ({
          ...r,
          activities: r.activities.map((a) => ({ ...a, byWhen: byWhen.get(a.id) ?? null })),
        })),
      })),
    };
  }

  /** Every lead agency, for the key to abbreviations: a short list, read in one query. */
  private async agencies(manager: EntityManager): Promise<AgencyRecord[]> {
    const rows: Array<{ id: string; name: string; short_name: string | null; aliases: string[]; parent_id: string | null }> = await manager.query(
      'SELECT id, name, short_name, aliases, parent_id FROM lead_agencies',
    );
    return rows.map((row) => ({ id: row.id, name: row.name, shortName: row.short_name, aliases: row.aliases ?? [], parentId: row.parent_id }));
  }

  /** The latest progress update of each activity, in one query. */
  private async latestUpdates(activityIds: string[]): Promise<Map<string, LatestUpdate>> {
    const latest = new Map<string, LatestUpdate>();
    if (activityIds.length === 0) return latest;
    const rows: Array<{ activity_id: string; note: string | null; reported_on: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (u.activity_id) u.activity_id, u.note,
              (u.created_at AT TIME ZONE 'Europe/London')::date::text AS reported_on
         FROM progress_updates u
        WHERE u.activity_id = ANY($1::uuid[])
        ORDER BY u.activity_id, u.created_at DESC`,
      [activityIds],
    );
    for (const row of rows) latest.set(row.activity_id, { note: row.note, reportedOn: row.reported_on });
    return latest;
  }

  /** Open activities the person may read, in plan order, with what the exception report prints: one query. */
  private async openActivities(planId: string | undefined): Promise<ExceptionRow[]> {
    const params: unknown[] = [];
    let where = `a.status NOT IN (${CLOSED_LIST})`;
    if (planId) {
      params.push(planId);
      where += ` AND s.plan_id = $${params.length}`;
    }
    const scope = this.access.activityScope('a');
    if (scope) {
      params.push(scope.params.scopeActorId);
      where += ` AND ${scope.sql.replaceAll(':scopeActorId', `$${params.length}`)}`;
    }
    return this.dataSource.query(
      `SELECT a.id, a.text, a.status, a.due_date::text AS due_date, a.due_date_precision,
              p.title AS plan_title, s.title AS section_title, r.number AS recommendation_number,
              COALESCE(owner.name, a.owner_name) AS owner_name,
              (SELECT json_agg(json_build_object('id', la.id, 'name', la.name) ORDER BY link.position)
                 FROM activity_lead_agencies link JOIN lead_agencies la ON la.id = link.lead_agency_id
                WHERE link.activity_id = a.id) AS lead_agencies,
              latest.note AS latest_note,
              (latest.created_at AT TIME ZONE 'Europe/London')::date::text AS latest_on
         FROM activities a
         JOIN recommendations r ON r.id = a.recommendation_id
         JOIN sections s ON s.id = r.section_id
         JOIN plans p ON p.id = s.plan_id
         LEFT JOIN users owner ON owner.id = a.owner_id
         LEFT JOIN LATERAL (SELECT u.note, u.created_at FROM progress_updates u
                             WHERE u.activity_id = a.id ORDER BY u.created_at DESC LIMIT 1) latest ON TRUE
        WHERE ${where}
        ORDER BY p.created_at, p.id, s.position, r.number, a.position`,
      params,
    );
  }
}
