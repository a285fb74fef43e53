import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { chairsPlan } from '../accounts/reach/reach';
import { Clock } from '../common/clock';
import { FieldValidationException } from '../common/validation';
import {
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  CalendarDate,
  isWithinBankHolidayYears,
} from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { Plan } from '../plans/entities/plan.entity';
import { PlanTreeView, loadTimescales } from '../plans/plan-tree.reader';
import { PlansService } from '../plans/plans.service';
import { ActivityRows } from '../progress/activity-rows.service';
import { assessRow } from '../progress/rag-assessor.service';
import { AgencyRecord } from './abbreviations';
import { AppendixView, appendixView } from './appendix.view-model';
import { ExceptionActivity, ExceptionReportView, exceptionReportView } from './exception-report.view-model';
import { ProgressReportView, progressReportView } from './progress-report.view-model';
import { AppendixQuery, ExceptionReportQuery, ProgressReportQuery } from './reports.dto';

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
    private readonly rows: ActivityRows,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async appendix(planId: string, query: AppendixQuery): Promise<AppendixView> {
    const plan = await this.withTimescales(await this.wholePlan(planId));
    const agencies = await this.agencies(this.dataSource.manager);
    return appendixView(plan, agencies, { appendix: query.appendix ?? '1', title: query.title ?? null, layout: query.layout ?? null });
  }

  /** The plan as it is laid out now, with each activity's standing as the record gave it on the date. */
  async progressReport(planId: string, query: ProgressReportQuery): Promise<ProgressReportView> {
    const asOf = this.asOf(query.asOf);
    const plan = await this.withTimescales(await this.wholePlan(planId));
    const rows = new Map((await this.rows.read({ asOf, planId })).map((row) => [row.id, row]));
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    const assessments = new Map([...rows.values()].map((row) => [row.id, assessRow(row, asOf, calendar)]));
    const latest = new Map(
      [...rows.values()].filter((row) => row.latestUpdate).map((row) => [row.id, { note: row.latestUpdate!.note, reportedOn: row.latestUpdate!.reportedOn }]),
    );
    const asItStood = {
      ...plan,
      sections: plan.sections.map((section) => ({
        ...section,
        recommendations: section.recommendations.map((recommendation) => ({
          ...recommendation,
          activities: recommendation.activities.map((activity) => {
            const row = rows.get(activity.id);
            if (!row) return activity;
            return {
              ...activity,
              status: row.status,
              percentComplete: row.percentComplete,
              dueDate: row.dueDate,
              dueDatePrecision: row.dueDatePrecision,
              verification: row.verifiedAt
                ? { verifiedAt: row.verifiedAt, verifiedById: activity.verification?.verifiedById ?? null, note: activity.verification?.note ?? null }
                : null,
            };
          }),
        })),
      })),
    };
    return progressReportView(asItStood, assessments, latest, asOf, {
      appendix: query.appendix ?? '1',
      title: query.title ?? null,
      layout: query.layout ?? null,
    });
  }

  async exceptionReport(query: ExceptionReportQuery): Promise<ExceptionReportView> {
    const asOf = this.asOf(query.asOf);
    if (query.planId) await this.assertPlanExists(query.planId);
    const reach = await this.access.reach();
    if (query.planId && !chairsPlan(reach, query.planId)) {
      throw new ForbiddenException('The exception report is for the chair of this plan’s improvement board (and admins)');
    }
    // A chair's exception report covers the plans they chair, not those they only read.
    const rows = await this.rows.read({ asOf, planId: query.planId, planIds: reach.everything ? undefined : [...reach.chairsPlans], open: true });
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    const assessments = new Map(rows.map((row) => [row.id, assessRow(row, asOf, calendar)]));
    const activities: ExceptionActivity[] = rows.map((row) => ({
      id: row.id,
      text: row.text,
      status: row.status,
      dueDate: row.dueDate,
      dueDatePrecision: row.dueDatePrecision,
      planTitle: row.planTitle,
      sectionTitle: row.sectionTitle,
      recommendationNumber: row.recommendationNumber,
      owner: row.ownerName,
      leadAgencies: row.leadAgencies,
      latest: row.latestUpdate ? { note: row.latestUpdate.note, reportedOn: row.latestUpdate.reportedOn } : null,
    }));
    return exceptionReportView(activities, assessments, calendar, asOf, { appendix: query.appendix ?? '1', title: query.title ?? null });
  }

  /** Ratings count working days, which are known only for the years whose bank holidays ship with the code. */
  private asOf(value: string | undefined): CalendarDate {
    const asOf = (value ?? this.clock.today()) as CalendarDate;
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
    const timescales = await loadTimescales(this.dataSource.manager, ids);
    const byWhen = new Map([...timescales].map(([id, timescale]) => [id, timescale.text]));
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
}
