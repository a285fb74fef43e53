import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { Clock } from '../common/clock';
import { BAND_ORDER, CalendarDate, TimescaleBand, bandLabel } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { ACTIVITY_STATUSES, ActivityStatus } from '../plans/plan-vocabulary';
import { ActivityRow, ActivityRows } from '../progress/activity-rows.service';
import { RagAssessment, RagRating, compareRag, rollUp } from '../progress/rag';
import { assessRow } from '../progress/rag-assessor.service';
import { isAtRisk, workingDaysLate } from '../progress/standing';
import { ReviewGrouping, ReviewQuery } from './reviews.dto';

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

  async overdue(query: ReviewQuery) {
    const asOf = (query.asOf ?? this.clock.today()) as CalendarDate;
    if (query.planId) await this.access.assertCanReadPlan(query.planId);
    const rows = await this.rows.read({ asOf, planId: query.planId, overdue: true });
    return this.present(rows, asOf, query.groupBy ?? 'leadAgency', () => true);
  }

  /** Open work not yet overdue that the rules (or the chair) rate Amber, or Red because it is blocked. */
  async atRisk(query: ReviewQuery) {
    const asOf = (query.asOf ?? this.clock.today()) as CalendarDate;
    if (query.planId) await this.access.assertCanReadPlan(query.planId);
    const rows = await this.rows.read({ asOf, planId: query.planId, overdue: false });
    return this.present(rows, asOf, query.groupBy ?? 'leadAgency', (row, assessment) => isAtRisk(row, assessment.rating, asOf));
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

  private async present(rows: ActivityRow[], asOf: CalendarDate, groupBy: ReviewGrouping, keep: (row: ActivityRow, assessment: RagAssessment) => boolean) {
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    const items = rows
      .map((row) => ({ row, assessment: assessRow(row, asOf, calendar) }))
      .filter(({ row, assessment }) => keep(row, assessment))
      .map(({ row, assessment }) => ({
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
      }))
      .sort((a, b) => (b.workingDaysOverdue ?? 0) - (a.workingDaysOverdue ?? 0));

    const groups = new Map<string, { key: string; label: string; count: number; activityIds: string[] }>();
    const add = (key: string, label: string, activityId: string) => {
      const group = groups.get(key) ?? { key, label, count: 0, activityIds: [] };
      group.count += 1;
      group.activityIds.push(activityId);
      groups.set(key, group);
    };
    for (const item of items) {
      for (const [key, label] of groupKeys(item, groupBy)) add(key, label, item.activityId);
    }
    return {
      asOf,
      groupBy,
      total: items.length,
      groups: [...groups.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      items,
    };
  }
}

type ReviewItem = {
  sectionTitle: string;
  planTitle: string;
  band: TimescaleBand;
  owner: { id: string | null; name: string } | null;
  leadAgencies: Array<{ id: string; name: string }>;
};

/** An activity led by several agencies is listed under each: each lead answers for it at the board. */
function groupKeys(item: ReviewItem, groupBy: ReviewGrouping): Array<[string, string]> {
  switch (groupBy) {
    case 'leadAgency':
      return item.leadAgencies.length ? item.leadAgencies.map((agency) => [agency.id, agency.name]) : [['none', 'No lead agency']];
    case 'section':
      return [[`${item.planTitle}|${item.sectionTitle}`, item.sectionTitle]];
    case 'band':
      return [[item.band, bandLabel(item.band)]];
    case 'owner':
      return [item.owner ? [item.owner.id ?? item.owner.name, item.owner.name] : ['none', 'No named owner']];
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
