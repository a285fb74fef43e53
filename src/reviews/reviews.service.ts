import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { Clock } from '../common/clock';
import { BAND_ORDER, CalendarDate, WorkingDayCalendar, bandLabel } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { ACTIVITY_STATUSES, ActivityStatus } from '../plans/plan-vocabulary';
import { ActivityGroup, ActivityRow, ActivityRows } from '../progress/activity-rows.service';
import { RagAssessment, RagRating, compareRag, rollUp } from '../progress/rag';
import { assessRow } from '../progress/rag-assessor.service';
import { isAtRisk, workingDaysLate } from '../progress/standing';
import { REVIEW_DEFAULT_PAGE_SIZE, ReviewGrouping, ReviewQuery } from './reviews.dto';

/**
 * The improvement board chair's review before each board: what is overdue,
 * what is at risk, and how each plan stands. Everything is "as of" a date,
 * read from the record as it stood then, so a board paper can be reproduced.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly rows: ActivityRows,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Overdue work, most late first, a page at a time: the total, the count in
   * each group and the page are worked out by PostgreSQL (the read model's
   * page), so the answer and the memory it takes are bounded however large
   * the plans are.
   */
  async overdue(query: ReviewQuery) {
    const asOf = (query.asOf ?? this.clock.today()) as CalendarDate;
    if (query.planId) await this.access.assertCanReadPlan(query.planId);
    const groupBy = query.groupBy ?? 'leadAgency';
    const page = { page: query.page ?? 1, pageSize: query.pageSize ?? REVIEW_DEFAULT_PAGE_SIZE };
    const [found, calendar] = await Promise.all([
      this.rows.page({ asOf, planId: query.planId, overdue: true }, { groupBy, order: 'mostLate', ...page }),
      loadWorkingDayCalendar(this.dataSource.manager),
    ]);
    const items = found.rows.map((row) => reviewItem(row, assessRow(row, asOf, calendar), calendar, asOf));
    return { asOf, groupBy, ...page, total: found.total, groups: withPageItems(found.groups, items, groupBy), items };
  }

  /**
   * Open work not yet overdue that the rules (or the chair) rate Amber, or Red
   * because it is blocked. Which work that is needs each row's rating, so the
   * rows are rated here and the answer paged after; it is bounded, but the
   * reading is not (open, not-yet-due work is a fraction of a plan).
   */
  async atRisk(query: ReviewQuery) {
    const asOf = (query.asOf ?? this.clock.today()) as CalendarDate;
    if (query.planId) await this.access.assertCanReadPlan(query.planId);
    const groupBy = query.groupBy ?? 'leadAgency';
    const page = { page: query.page ?? 1, pageSize: query.pageSize ?? REVIEW_DEFAULT_PAGE_SIZE };
    const [rows, calendar] = await Promise.all([this.rows.read({ asOf, planId: query.planId, overdue: false }), loadWorkingDayCalendar(this.dataSource.manager)]);
    const kept = rows
      .map((row) => ({ row, assessment: assessRow(row, asOf, calendar) }))
      .filter(({ row, assessment }) => isAtRisk(row, assessment.rating, asOf));
    const groups = new Map<string, ActivityGroup>();
    for (const { row } of kept) {
      for (const [key, label] of groupKeys(row, groupBy)) {
        const group = groups.get(key) ?? { key, label, count: 0 };
        group.count += 1;
        groups.set(key, group);
      }
    }
    const items = kept
      .map(({ row, assessment }) => reviewItem(row, assessment, calendar, asOf))
      // Stable: ties stay in plan order.
      .sort((a, b) => (b.workingDaysOverdue ?? 0) - (a.workingDaysOverdue ?? 0))
      .slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    return { asOf, groupBy, ...page, total: kept.length, groups: withPageItems(sorted, items, groupBy), items };
  }

  async planSummary(planId: string, asOfText: string | undefined) {
    return (await this.planStanding(planId, asOfText)).summary;
  }

  /**
   * The plan's summary and, from the same read, each activity's row and
   * rating behind its counts: the plan page shows both, and reading the
   * activities twice would double its cost on a large plan.
   */
  async planStanding(planId: string, asOfText: string | undefined) {
    const asOf = (asOfText ?? this.clock.today()) as CalendarDate;
    await this.access.assertCanReadPlan(planId);
    const rows = await this.rows.read({ asOf, planId });
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    const assessments = new Map(rows.map((row) => [row.id, assessRow(row, asOf, calendar)]));
    const tally = (subset: ActivityRow[]) => {
      const byStatus = Object.fromEntries(ACTIVITY_STATUSES.map((status) => [status, 0])) as Record<ActivityStatus, number>;
      for (const row of subset) byStatus[row.status] += 1;
      const counted = subset.filter((row) => row.status !== 'cancelled').length;
      const roll = rollUp(subset.map((row) => assessments.get(row.id)!));
      return {
        activities: subset.length,
        byStatus,
        rag: roll.rating,
        byRag: { ...roll.counts, notRated: roll.notRated },
        percentComplete: percent(byStatus.complete, counted),
        percentVerified: percent(subset.filter((row) => row.verified && row.status === 'complete').length, counted),
      };
    };
    const sections = uniqueBy(rows, (row) => row.sectionId).sort((a, b) => a.sectionPosition - b.sectionPosition);
    const bands = [...new Set(rows.map((row) => row.band))].sort((a, b) => BAND_ORDER[a] - BAND_ORDER[b]);
    const recommendations = uniqueBy(rows, (row) => row.recommendationId);
    const summary = {
      planId,
      asOf,
      ...tally(rows),
      sections: sections.map((section) => ({
        sectionId: section.sectionId,
        title: section.sectionTitle,
        ...tally(rows.filter((row) => row.sectionId === section.sectionId)),
        bands: bands
          .filter((band) => rows.some((row) => row.sectionId === section.sectionId && row.band === band))
          .map((band) => ({ band, label: bandLabel(band), ...tally(rows.filter((row) => row.sectionId === section.sectionId && row.band === band)) })),
      })),
      bands: bands.map((band) => ({ band, label: bandLabel(band), ...tally(rows.filter((row) => row.band === band)) })),
      recommendations: recommendations
        .map((recommendation) => {
          const roll = rollUp(rows.filter((row) => row.recommendationId === recommendation.recommendationId).map((row) => assessments.get(row.id)!));
          return {
            recommendationId: recommendation.recommendationId,
            sectionTitle: recommendation.sectionTitle,
            number: recommendation.recommendationNumber,
            band: recommendation.band,
            rag: roll.rating,
            byRag: { ...roll.counts, notRated: roll.notRated },
          };
        })
        // Worst first: the board starts with what is red.
        .sort((a, b) => compareRag(a.rag, b.rag)),
    };
    return { summary, rows, assessments };
  }

}

type ReviewItem = ReturnType<typeof reviewItem>;

function reviewItem(row: ActivityRow, assessment: RagAssessment, calendar: WorkingDayCalendar, asOf: CalendarDate) {
  return {
    activityId: row.id,
    activity: row.text,
    planId: row.planId,
    planTitle: row.planTitle,
    sectionTitle: row.sectionTitle,
    recommendationNumber: row.recommendationNumber,
    band: row.band,
    dueDate: row.dueDate,
    workingDaysOverdue: workingDaysLate(calendar, row.dueDate, asOf),
    status: row.status,
    percentComplete: row.percentComplete,
    owner: row.ownerName ? { id: row.ownerId, name: row.ownerName, email: row.ownerEmail } : null,
    leadAgencies: row.leadAgencies,
    lastUpdate: row.latestUpdate ? { note: row.latestUpdate.note, at: row.latestUpdate.at } : null,
    rag: { rating: assessment.rating, computed: assessment.computed as RagRating | null, reasons: assessment.reasons, override: assessment.override },
  };
}

/** Each group with the ids of this page's items in it (its count covers every page). */
function withPageItems(groups: ActivityGroup[], items: ReviewItem[], groupBy: ReviewGrouping) {
  const onPage = new Map<string, string[]>();
  for (const item of items) {
    for (const [key] of groupKeys({ ...item, ownerName: item.owner?.name ?? null, ownerId: item.owner?.id ?? null }, groupBy)) {
      onPage.set(key, [...(onPage.get(key) ?? []), item.activityId]);
    }
  }
  return groups.map((group) => ({ ...group, activityIds: onPage.get(group.key) ?? [] }));
}

/**
 * The groups an activity is counted in, as the read model's group counts
 * count them: an activity led by several agencies is listed under each (each
 * lead answers for it at the board).
 */
function groupKeys(
  item: Pick<ActivityRow, 'sectionTitle' | 'planTitle' | 'band' | 'ownerId' | 'ownerName' | 'leadAgencies'>,
  groupBy: ReviewGrouping,
): Array<[string, string]> {
  switch (groupBy) {
    case 'leadAgency':
      return item.leadAgencies.length ? item.leadAgencies.map((agency) => [agency.id, agency.name]) : [['none', 'No lead agency']];
    case 'section':
      return [[`${item.planTitle}|${item.sectionTitle}`, item.sectionTitle]];
    case 'band':
      return [[item.band, bandLabel(item.band)]];
    case 'owner':
      return [item.ownerName ? [item.ownerId ?? item.ownerName, item.ownerName] : ['none', 'No named owner']];
  }
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
