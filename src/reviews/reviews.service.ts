import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { BAND_ORDER, CalendarDate, TimescaleBand, WorkingDayCalendar, bandLabel, todayInLondon } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { ACTIVITY_STATUSES, ActivityStatus, CLOSED_ACTIVITY_STATUSES } from '../plans/plan-vocabulary';
import { RagAssessment, RagRating, compareRag, rollUp } from '../progress/rag';
import { RagAssessor } from '../progress/rag-assessor.service';
import { ReviewGrouping, ReviewQuery } from './reviews.dto';

interface ReviewRow {
  id: string;
  text: string;
  status: ActivityStatus;
  due_date: string | null;
  percent_complete: number | null;
  plan_id: string;
  plan_title: string;
  section_id: string;
  section_title: string;
  section_position: number;
  recommendation_id: string;
  recommendation_number: number;
  band: TimescaleBand;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  lead_agencies: Array<{ id: string; name: string }> | null;
  last_update_note: string | null;
  last_update_at: Date | null;
  verified: boolean;
}

const CLOSED_LIST = CLOSED_ACTIVITY_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * The improvement board chair's review before each board: what is overdue,
 * what is at risk, and how each plan stands. Everything is "as of" a date so a
 * board paper can be reproduced later.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly rag: RagAssessor,
  ) {}

  async overdue(query: ReviewQuery) {
    const asOf = (query.asOf ?? todayInLondon()) as CalendarDate;
    if (query.planId) await this.access.assertCanReadPlan(query.planId);
    const rows = await this.rows(`a.due_date < $1 AND a.status NOT IN (${CLOSED_LIST})`, [asOf], query.planId);
    return this.present(rows, asOf, query.groupBy ?? 'leadAgency', () => true);
  }

  /** Open work not yet overdue that the rules (or the chair) rate Amber, or Red because it is blocked. */
  async atRisk(query: ReviewQuery) {
    const asOf = (query.asOf ?? todayInLondon()) as CalendarDate;
    if (query.planId) await this.access.assertCanReadPlan(query.planId);
    const rows = await this.rows(`(a.due_date IS NULL OR a.due_date >= $1) AND a.status NOT IN (${CLOSED_LIST})`, [asOf], query.planId);
    return this.present(rows, asOf, query.groupBy ?? 'leadAgency', (assessment) => assessment.rating === 'amber' || assessment.rating === 'red');
  }

  async planSummary(planId: string, asOfText: string | undefined) {
    const asOf = (asOfText ?? todayInLondon()) as CalendarDate;
    await this.access.assertCanReadPlan(planId);
    const rows = await this.rows('TRUE', [], planId);
    const assessments = await this.rag.assess(
      rows.map((row) => row.id),
      asOf,
    );
    const tally = (subset: ReviewRow[]) => {
      const byStatus = Object.fromEntries(ACTIVITY_STATUSES.map((status) => [status, 0])) as Record<ActivityStatus, number>;
      for (const row of subset) byStatus[row.status] += 1;
      const counted = subset.filter((row) => row.status !== 'cancelled').length;
      const roll = rollUp(subset.map((row) => assessments.get(row.id)!).filter(Boolean));
      return {
        activities: subset.length,
        byStatus,
        rag: roll.rating,
        byRag: { ...roll.counts, notRated: roll.notRated },
        percentComplete: percent(byStatus.complete, counted),
        percentVerified: percent(subset.filter((row) => row.verified && row.status === 'complete').length, counted),
      };
    };
    const sections = uniqueBy(rows, (row) => row.section_id).sort((a, b) => a.section_position - b.section_position);
    const bands = [...new Set(rows.map((row) => row.band))].sort((a, b) => BAND_ORDER[a] - BAND_ORDER[b]);
    const recommendations = uniqueBy(rows, (row) => row.recommendation_id);
    return {
      planId,
      asOf,
      ...tally(rows),
      sections: sections.map((section) => ({
        sectionId: section.section_id,
        title: section.section_title,
        ...tally(rows.filter((row) => row.section_id === section.section_id)),
        bands: bands
          .filter((band) => rows.some((row) => row.section_id === section.section_id && row.band === band))
          .map((band) => ({ band, label: bandLabel(band), ...tally(rows.filter((row) => row.section_id === section.section_id && row.band === band)) })),
      })),
      bands: bands.map((band) => ({ band, label: bandLabel(band), ...tally(rows.filter((row) => row.band === band)) })),
      recommendations: recommendations
        .map((recommendation) => {
        const roll = rollUp(rows.filter((row) => row.recommendation_id === recommendation.recommendation_id).map((row) => assessments.get(row.id)!));
        return {
          recommendationId: recommendation.recommendation_id,
          sectionTitle: recommendation.section_title,
          number: recommendation.recommendation_number,
          band: recommendation.band,
          rag: roll.rating,
          byRag: { ...roll.counts, notRated: roll.notRated },
        };
        })
        // Worst first: the board starts with what is red.
        .sort((a, b) => compareRag(a.rag, b.rag)),
    };
  }

  /** `condition` may use $1..$n for `conditionParams`. */
  private async rows(condition: string, conditionParams: unknown[], planId: string | undefined): Promise<ReviewRow[]> {
    const scope = this.access.activityScope('a');
    const params: unknown[] = [...conditionParams];
    let where = condition;
    if (planId) {
      params.push(planId);
      where += ` AND s.plan_id = $${params.length}`;
    }
    if (scope) {
      params.push(scope.params.scopeActorId);
      where += ` AND ${scope.sql.replaceAll(':scopeActorId', `$${params.length}`)}`;
    }
    return this.dataSource.query(
      `SELECT a.id, a.text, a.status, a.due_date, a.percent_complete,
              p.id AS plan_id, p.title AS plan_title, s.id AS section_id, s.title AS section_title, s.position AS section_position,
              r.id AS recommendation_id, r.number AS recommendation_number, r.band,
              a.owner_id, COALESCE(owner.name, a.owner_name) AS owner_name, COALESCE(owner.email, a.owner_email) AS owner_email,
              (SELECT json_agg(json_build_object('id', la.id, 'name', la.name) ORDER BY link.position)
                 FROM activity_lead_agencies link JOIN lead_agencies la ON la.id = link.lead_agency_id
                WHERE link.activity_id = a.id) AS lead_agencies,
              last_update.note AS last_update_note, last_update.created_at AS last_update_at,
              (a.verified_at IS NOT NULL) AS verified
         FROM activities a
         JOIN recommendations r ON r.id = a.recommendation_id
         JOIN sections s ON s.id = r.section_id
         JOIN plans p ON p.id = s.plan_id
         LEFT JOIN users owner ON owner.id = a.owner_id
         LEFT JOIN LATERAL (SELECT u.note, u.created_at FROM progress_updates u WHERE u.activity_id = a.id ORDER BY u.created_at DESC LIMIT 1) last_update ON TRUE
        WHERE ${where}
        ORDER BY p.created_at, s.position, r.number, a.position`,
      params,
    );
  }

  private async present(rows: ReviewRow[], asOf: CalendarDate, groupBy: ReviewGrouping, keep: (assessment: RagAssessment) => boolean) {
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    const assessments = await this.rag.assess(
      rows.map((row) => row.id),
      asOf,
      this.dataSource.manager,
      calendar,
    );
    const items = rows
      .filter((row) => keep(assessments.get(row.id)!))
      .map((row) => {
        const assessment = assessments.get(row.id)!;
        return {
          activityId: row.id,
          activity: row.text,
          planId: row.plan_id,
          planTitle: row.plan_title,
          sectionTitle: row.section_title,
          recommendationNumber: row.recommendation_number,
          band: row.band,
          dueDate: row.due_date,
          workingDaysOverdue: workingDaysLate(calendar, row.due_date, asOf),
          status: row.status,
          percentComplete: row.percent_complete,
          owner: row.owner_name ? { id: row.owner_id, name: row.owner_name, email: row.owner_email } : null,
          leadAgencies: row.lead_agencies ?? [],
          lastUpdate: row.last_update_at ? { note: row.last_update_note, at: row.last_update_at } : null,
          rag: { rating: assessment.rating, computed: assessment.computed as RagRating | null, reasons: assessment.reasons, override: assessment.override },
        };
      })
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

/** Null when the due date is outside the years whose bank holidays are known. */
function workingDaysLate(calendar: WorkingDayCalendar, dueDate: string | null, asOf: CalendarDate): number | null {
  if (!dueDate || dueDate >= asOf) return 0;
  try {
    return calendar.workingDaysBetween(dueDate as CalendarDate, asOf);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
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
