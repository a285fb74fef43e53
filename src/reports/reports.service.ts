import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
import { together } from '../common/together';
import { Plan } from '../plans/entities/plan.entity';
import { ActivityRows } from '../progress/activity-rows.service';
import type { RagAssessment } from '../progress/rag';
import { assessRow } from '../progress/rag-assessor.service';
import { standingOf } from '../progress/standing';
import { AppendixView, appendixView } from './appendix.view-model';
import { ExceptionActivity, ExceptionReportView, exceptionReportView } from './exception-report.view-model';
import { LatestUpdate, ProgressReportView, progressReportView } from './progress-report.view-model';
import { PlanReadCache } from '../plans/plan-read-cache';
import { HtmlRenderer } from './html-renderer';
import { ReportPlanRead, readReportPlan } from './report-plan.reader';
import { AppendixQuery, ExceptionReportQuery, ProgressReportQuery } from './reports.dto';
import { IndicatorReturns } from '../indicators/indicator-returns.service';

/** A plan paper's appendix number, title and layout as asked for, with their defaults (the appendix and the progress report). */
function appendixOptions(query: AppendixQuery) {
  return { appendix: query.appendix ?? '1', title: query.title ?? null, layout: query.layout ?? null };
}

/** Plan order: plan (by creation), table, recommendation, position, id. */
type PlanOrder = [number, string, number, number, number, string];

function comparePlanOrder(a: PlanOrder, b: PlanOrder): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Gathers what each report needs in a fixed number of queries, however large
 * the plan (the exception report reads the open rows a page at a time, so its
 * memory is bounded, not its queries), and hands it to the view-model
 * functions. Who may see what:
 * - the appendix and the progress report show a whole plan, so they are for
 *   those who read the whole plan (admins, its chair, its viewers); a service
 *   head who sees only part of it gets 403 rather than a paper that silently
 *   leaves most of the plan out, and anyone who cannot open it at all 404;
 * - the exception report is the chair's (admins too), across the plans they
 *   chair, enforced by the controller's role and the activity scope here.
 */
@Injectable()
export class ReportsService {
  /** Open rows read at a time for the exception report: its memory stays bounded however many plans a chair has. */
  static exceptionPageSize = 2000;

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly rows: ActivityRows,
    private readonly returns: IndicatorReturns,
    @Inject(Clock) private readonly clock: Clock,
    private readonly html: HtmlRenderer,
    private readonly kept: PlanReadCache,
  ) {}

  async appendix(planId: string, query: AppendixQuery): Promise<AppendixView> {
    const { plan, agencies } = await this.wholePlan(planId);
    return appendixView(plan, agencies, appendixOptions(query));
  }

  /**
   * The appendix as HTML. Everyone who may print it gets the same paper (it
   * shows the plan as it is now, no date, no reach), so it is kept between
   * reads while the plan is unchanged (PlanReadCache), one for each set of
   * options.
   */
  async appendixHtml(planId: string, query: AppendixQuery): Promise<{ html: Buffer; fileName: string }> {
    await this.assertReadsWholePlan(planId);
    const options = appendixOptions(query);
    const paper = await this.kept.read(
      planId,
      `appendix html ${JSON.stringify(options)}`,
      async () => {
        const read = await readReportPlan(this.dataSource.manager, planId);
        if (!read) return null;
        const view = appendixView(read.plan, read.agencies, options);
        return { html: Buffer.from(this.html.render('appendix', view), 'utf8'), fileName: view.fileName };
      },
      (kept) => kept.html.length,
    );
    if (!paper) throw new NotFoundException(`No plan with id ${planId}`);
    return paper;
  }

  /** The plan as it is laid out now, with each activity's standing as the record gave it on the date. */
  async progressReport(planId: string, query: ProgressReportQuery): Promise<ProgressReportView> {
    const asOf = this.asOf(query.asOf);
    const [{ plan }, rows, calendar] = await together(this.dataSource.manager, [
      () => this.wholePlan(planId),
      async () => new Map((await this.rows.read({ asOf, planId, unscoped: true })).map((row) => [row.id, row])),
      () => loadWorkingDayCalendar(this.dataSource.manager),
    ]);
    const assessments = new Map<string, RagAssessment>();
    const latest = new Map<string, LatestUpdate>();
    for (const row of rows.values()) {
      assessments.set(row.id, assessRow(row, asOf, calendar));
      if (row.latestUpdate) latest.set(row.id, { note: row.latestUpdate.note, reportedOn: row.latestUpdate.reportedOn });
    }
    // Each activity's standing on the date, over the plan as it is laid out now.
    for (const section of plan.sections) {
      for (const recommendation of section.recommendations) {
        for (const activity of recommendation.activities) {
          const row = rows.get(activity.id);
          if (!row) continue;
          activity.status = row.status;
          activity.percentComplete = row.percentComplete;
          activity.dueDate = row.dueDate;
          activity.dueDatePrecision = row.dueDatePrecision;
          activity.verified = row.verified;
        }
      }
    }
    return progressReportView(plan, assessments, latest, asOf, appendixOptions(query));
  }

  async exceptionReport(query: ExceptionReportQuery): Promise<ExceptionReportView> {
    const asOf = this.asOf(query.asOf);
    if (query.planId) await this.assertPlanExists(query.planId);
    const reach = await this.access.reach();
    if (query.planId && !chairsPlan(reach, query.planId)) {
      throw new ForbiddenException('The exception report is for the chair of this plan’s improvement board (and admins)');
    }
    // A chair's exception report covers the plans they chair, not those they only read.
    const filter = { asOf, planId: query.planId, planIds: reach.everything ? undefined : [...reach.chairsPlans], open: true };
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    // The indicators of the same plans whose monthly returns are overdue, as the record stood on the date.
    const overdueReturns = await this.returns.overdueOn(asOf, query.planId ? [query.planId] : (filter.planIds ?? null), calendar);
    // Every open row, a page at a time: only what the paper prints (overdue or at risk) is kept.
    const kept: Array<{ activity: ExceptionActivity; order: PlanOrder; assessment: RagAssessment }> = [];
    for await (const rows of this.rows.inPages(filter, ReportsService.exceptionPageSize)) {
      for (const row of rows) {
        const assessment = assessRow(row, asOf, calendar);
        const standing = standingOf(row, assessment.rating, asOf);
        if (standing !== 'overdue' && standing !== 'at_risk') continue;
        kept.push({
          assessment,
          order: [row.planCreatedAt.getTime(), row.planId, row.sectionPosition, row.recommendationNumber, row.position, row.id],
          activity: {
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
          },
        });
      }
    }
    // The view sorts by urgency and keeps plan order between equals, as the paper lists them.
    kept.sort((a, b) => comparePlanOrder(a.order, b.order));
    return exceptionReportView(
      kept.map((entry) => entry.activity),
      new Map(kept.map((entry) => [entry.activity.id, entry.assessment])),
      calendar,
      asOf,
      { appendix: query.appendix ?? '1', title: query.title ?? null },
      overdueReturns,
    );
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

  private async assertReadsWholePlan(planId: string): Promise<void> {
    await this.access.assertCanReadPlan(planId);
    if (!(await this.access.readsWholePlan(planId))) {
      throw new ForbiddenException('Reports show the whole plan; you can see only the activities your agencies lead or you own');
    }
  }

  /**
   * The whole plan as the papers print it (report-plan.reader.ts): only for
   * those who read the whole plan; 404 for a plan the person cannot open, or
   * that does not exist.
   */
  private async wholePlan(planId: string): Promise<ReportPlanRead> {
    await this.assertReadsWholePlan(planId);
    const read = await readReportPlan(this.dataSource.manager, planId);
    if (!read) throw new NotFoundException(`No plan with id ${planId}`);
    return read;
  }
}
