import { ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { together } from '../common/together';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { Clock } from '../common/clock';
import { FieldValidationException } from '../common/validation';
import { CalendarDate, compareCalendarDates, endOfLondonDay, formatLongDate, isWithinBankHolidayYears, todayInLondon } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { ActivityRows } from '../progress/activity-rows.service';
import type { RagAssessment } from '../progress/rag';
import { assessRow } from '../progress/rag-assessor.service';
import { isAtRisk, isOverdue } from '../progress/standing';
import { ChartRenderer, RenderedChart } from './charts';
import { Month, addMonths, compareMonths, defaultReportMonth, lastDayOf, monthOfDate, reportRecordDay } from './domain';
import { PerformanceReportQuery } from './dto/performance-report.dto';
import { IndicatorsService } from './indicators.service';
import { IndicatorDefinitionRow, IndicatorRecord, RecordedValue, indicatorTargets } from './record/indicator-record.reader';
import { AsRecorded, CURRENT } from './record/versions';
import {
  DEFAULT_REPORT_MONTHS,
  PerformanceIndicatorInput,
  PerformanceReportInput,
  PerformanceReportView,
  PriorityException,
  PriorityInput,
  performanceChartInputs,
  performanceReportView,
} from './report/performance-report.view-model';

/** What was read to make a report, for the caller that wants to say so (the bench counts it). */
export interface PerformanceReportRead {
  view: PerformanceReportView;
  charts: { drawn: number; failed: number };
}

const UNLINKED_PRIORITY = 'Indicators not linked to a priority';

/**
 * The improvement board's performance report for a plan and month: each
 * priority (a section of the plan) with its RAG and reasons, narratives,
 * indicator table, a chart per indicator and its overdue and at-risk actions.
 * It reads the record in a fixed number of queries whatever the plan's size,
 * then draws the charts.
 *
 * "As of" means as recorded: by default the report for June shows the
 * values, targets, comparators, narratives and chair's ratings recorded by the
 * end of July (the month in which June's returns come in and its report is
 * written); a correction made later shows in later months' reports, and in
 * this one only with view=current. The activities are rated as of the month's
 * last day (or today, for the current month), from the activity read model.
 */
@Injectable()
export class PerformanceReportService {
  private readonly logger = new Logger('PerformanceReport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly record: IndicatorRecord,
    private readonly indicators: IndicatorsService,
    private readonly rows: ActivityRows,
    private readonly charts: ChartRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async report(planId: string, query: PerformanceReportQuery): Promise<PerformanceReportRead> {
    await this.access.assertCanReadPlan(planId);
    if (!(await this.access.readsWholePlan(planId))) {
      throw new ForbiddenException('The performance report shows the whole plan; you can see only the indicators and activities your agencies lead or you own');
    }
    const input = await this.input(planId, query);
    const drawn = new Map<string, RenderedChart>();
    let failed = 0;
    for (const { key, input: chart } of performanceChartInputs(input)) {
      try {
        drawn.set(key, await this.charts.renderIndicator(chart, `${key}-`));
      } catch (error) {
        // The chart's sentence and the table beside it still carry its figures.
        failed += 1;
        this.logger.warn(`A chart could not be drawn (${key}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const view = performanceReportView(input, drawn, { appendix: query.appendix ?? '1', title: query.title ?? null });
    return { view, charts: { drawn: drawn.size, failed } };
  }

  /** Everything the view model needs, read as the record stood. Public for the pages and the bench. */
  async input(planId: string, query: PerformanceReportQuery): Promise<PerformanceReportInput> {
    const manager = this.dataSource.manager;
    const today = this.clock.today();
    const thisMonth = monthOfDate(today);
    const asOf = (query.asOf as Month | undefined) ?? defaultReportMonth(today);
    if (compareMonths(asOf, thisMonth) > 0) throw new FieldValidationException({ asOf: 'must not be after the current month' });
    if (query.view === 'current' && query.recordedBy) throw new FieldValidationException({ recordedBy: 'cannot be given with view=current' });
    // Activities are rated as of the month's last day, or today in the month still running.
    const ratedOn = compareMonths(asOf, thisMonth) === 0 ? today : lastDayOf(asOf);
    if (!isWithinBankHolidayYears(ratedOn)) throw new FieldValidationException({ asOf: 'must be in a year whose bank holidays are known, so activities can be rated' });
    const { asRecorded, recorded } = this.recordedView(asOf, query, today);
    const months = query.months ?? DEFAULT_REPORT_MONTHS;
    const first = addMonths(asOf, -(months - 1) - 12);

    const [[plan], sections, settings, definitions, calendar] = await together(manager, [
      () => manager.query('SELECT title, status FROM plans WHERE id = $1', [planId]) as Promise<Array<{ title: string; status: string }>>,
      () => manager.query('SELECT id, title FROM sections WHERE plan_id = $1 ORDER BY position, created_at', [planId]) as Promise<Array<{ id: string; title: string }>>,
      () => this.indicators.settingsOf(planId, manager),
      () => this.record.definitions({ planId }, manager),
      () => loadWorkingDayCalendar(manager),
    ]);
    if (!plan) throw new NotFoundException(`No plan with id ${planId}`);
    const ids = definitions.map((d) => d.id);
    const sectionIds = sections.map((s) => s.id);
    const [values, targets, comparators, narratives, ratings, activityRows] = await together(manager, [
      () => this.record.values(ids, { from: first, to: asOf }, asRecorded, manager),
      () => this.record.targets(ids, asRecorded, manager),
      () => this.record.comparators(ids, asRecorded, manager),
      () => this.record.narratives(sectionIds, asOf, asRecorded, manager),
      () => this.record.ratings(sectionIds, asOf, asRecorded, manager),
      () => this.rows.read({ asOf: ratedOn, planId }, manager),
    ]);

    const valuesOf = new Map<string, RecordedValue[]>();
    for (const value of values) valuesOf.set(value.indicatorId, [...(valuesOf.get(value.indicatorId) ?? []), value]);
    const indicatorInput = (d: IndicatorDefinitionRow): PerformanceIndicatorInput => ({
      id: d.id,
      title: d.title,
      unit: d.unit,
      polarity: d.polarity,
      cumulation: d.cumulation,
      frequency: d.frequency,
      values: (valuesOf.get(d.id) ?? []).map((v) => ({ month: v.month, value: v.value, notAvailable: v.notAvailable, status: v.status })),
      targets: indicatorTargets(targets.get(d.id) ?? []),
      tolerance: d.tolerance ?? settings.tolerance,
      comparators: (comparators.get(d.id) ?? []).map(({ name, kind, financialYear, source, value }) => ({ name, kind, financialYear, source, value })),
    });

    const assessments = new Map<string, RagAssessment[]>();
    const exceptions = new Map<string, PriorityException[]>();
    for (const row of activityRows) {
      const assessment = assessRow(row, ratedOn, calendar);
      assessments.set(row.sectionId, [...(assessments.get(row.sectionId) ?? []), assessment]);
      const overdue = isOverdue(row, ratedOn);
      if (!overdue && !isAtRisk(row, assessment.rating, ratedOn)) continue;
      exceptions.set(row.sectionId, [
        ...(exceptions.get(row.sectionId) ?? []),
        {
          text: row.text,
          reference: String(row.recommendationNumber),
          dueDate: row.dueDate as CalendarDate | null,
          owner: row.ownerName,
          leadAgencies: row.leadAgencies.map((a) => a.name),
          overdue,
          assessment,
        },
      ]);
    }

    const bySection = (sectionId: string) =>
      definitions
        .filter((d) => d.priorities.some((p) => p.sectionId === sectionId))
        .sort((a, b) => a.priorities.find((p) => p.sectionId === sectionId)!.position - b.priorities.find((p) => p.sectionId === sectionId)!.position || a.position - b.position);
    const narrativeOf = new Map(narratives.map((n) => [n.sectionId, n]));
    const ratingOf = new Map(ratings.filter((r) => r.rating !== null).map((r) => [r.sectionId, r]));
    const priorities: PriorityInput[] = sections.map((section) => {
      const rating = ratingOf.get(section.id);
      return {
        id: section.id,
        title: section.title,
        activities: assessments.get(section.id) ?? [],
        exceptions: exceptions.get(section.id) ?? [],
        // The chair rates each month: the month's rating as recorded, set on the day it was recorded.
        chairRatings: rating
          ? [{ rating: rating.rating!, riskLabel: rating.riskLabel, reason: rating.reason ?? '', setBy: rating.setBy?.name ?? 'the chair', setOn: todayInLondon(rating.recordedAt), expiresOn: null }]
          : [],
        dataTellsUs: narrativeOf.get(section.id)?.dataTellsUs ?? null,
        nextSteps: narrativeOf.get(section.id)?.nextSteps ?? null,
        indicators: bySection(section.id).map(indicatorInput),
      };
    });
    const unlinked = definitions.filter((d) => d.priorities.length === 0);
    if (unlinked.length) {
      priorities.push({ id: 'unlinked', title: UNLINKED_PRIORITY, activities: [], exceptions: [], chairRatings: [], dataTellsUs: null, nextSteps: null, indicators: unlinked.map(indicatorInput) });
    }
    const latestRating = ratings.reduce<CalendarDate>((latest, r) => (r.rating && compareCalendarDates(todayInLondon(r.recordedAt), latest) > 0 ? todayInLondon(r.recordedAt) : latest), ratedOn);
    return {
      planTitle: plan.title,
      draft: plan.status === 'draft',
      asOf,
      // The chair's judgement for the month counts whenever in the reporting window it was recorded.
      asOfDate: latestRating,
      months,
      recorded,
      priorities,
    };
  }

  private recordedView(asOf: Month, query: PerformanceReportQuery, today: CalendarDate): { asRecorded: AsRecorded; recorded: string } {
    if (query.view === 'current') return { asRecorded: CURRENT, recorded: `Figures, targets, narratives and ratings as they stand on ${formatLongDate(today)}, later corrections included.` };
    const day = reportRecordDay(asOf, today, query.recordedBy as CalendarDate | undefined);
    if (day === null) return { asRecorded: CURRENT, recorded: `Figures, targets, narratives and ratings as they stand on ${formatLongDate(today)}.` };
    return {
      asRecorded: { kind: 'at', at: endOfLondonDay(day) },
      recorded: `Figures, targets, narratives and ratings as the record held them at the end of ${formatLongDate(day)}; any later correction is listed in the value's history and shown in later reports.`,
    };
  }
}
