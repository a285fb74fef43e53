import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { Clock } from '../common/clock';
import { CalendarDate, TimescaleBand, bandLabel, compareCalendarDates, endOfLondonDay } from '../deadlines';
import type { ActivityStatus, DueDatePrecision, PlanStatus } from '../plans/plan-vocabulary';
import { CLOSED_ACTIVITY_STATUSES_SQL } from '../plans/plan-vocabulary';
import { together } from '../common/together';
import type { RagOverride } from './rag';

/**
 * One activity as every reader of the plan sees it on a date: where it sits
 * (plan, table, recommendation), who answers for it, and its standing as the
 * record said on that date (status, percent complete, verification and due
 * date from activity_standing_history, the latest progress update made by
 * then, the chair's override in force then).
 */
export interface ActivityRow {
  id: string;
  text: string;
  position: number;
  planId: string;
  planTitle: string;
  planStatus: PlanStatus;
  /** When the plan was created: plans are ordered by it (plan order). */
  planCreatedAt: Date;
  publishedOn: string | null;
  reminderPolicy: object | null;
  /** The plan's lead officer: reminded about work nobody else hears of. */
  leadOfficerId: string | null;
  sectionId: string;
  sectionTitle: string;
  sectionPosition: number;
  recommendationId: string;
  recommendationNumber: number;
  /** What Ofsted (or the review) asked for, as the plan prints it. */
  recommendationText: string;
  band: TimescaleBand;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  leadAgencies: Array<{ id: string; name: string }>;
  startDate: string | null;
  status: ActivityStatus;
  percentComplete: number | null;
  verified: boolean;
  verifiedAt: Date | null;
  dueDate: string | null;
  dueDatePrecision: DueDatePrecision;
  latestUpdate: { note: string | null; at: Date; reportedOn: CalendarDate } | null;
  override: RagOverride | null;
}

export interface ActivityRowFilter {
  /** The date the standing is read for. */
  asOf: CalendarDate;
  planId?: string;
  /** Only these plans (e.g. the ones a chair chairs). */
  planIds?: string[];
  activityIds?: string[];
  /** Neither complete nor cancelled on the date. */
  open?: boolean;
  /** Open and past its due date on the date; false: open and not past it. */
  overdue?: boolean;
  /** Due on or before this date (reminders look ahead). */
  dueOnOrBefore?: CalendarDate;
  /** Leave out closed plans (reminders). */
  livePlansOnly?: boolean;
  /** Keyset paging by id (the reminder scan). */
  afterId?: string;
  /** Who is reading: the acting person unless the caller says the system is (reminders, digests). */
  unscoped?: boolean;
}

interface RawRow {
  id: string;
  text: string;
  position: number;
  plan_id: string;
  plan_title: string;
  plan_status: PlanStatus;
  plan_created_at: Date;
  published_on: string | null;
  reminder_policy: object | null;
  lead_officer_id: string | null;
  section_id: string;
  section_title: string;
  section_position: number;
  recommendation_id: string;
  recommendation_number: number;
  recommendation_text: string;
  band: TimescaleBand;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  lead_agencies: Array<{ id: string; name: string }> | null;
  start_date: string | null;
  status: ActivityStatus;
  percent_complete: number | null;
  verified: boolean;
  verified_at: Date | null;
  due_date: string | null;
  due_date_precision: DueDatePrecision;
  latest_note: string | null;
  latest_at: Date | null;
  latest_on: string | null;
  override_rating: RagOverride['rating'] | null;
  override_reason: string | null;
  override_expires_on: string | null;
  override_set_by: string | null;
}

/**
 * The activity rows, as of a date: the one read that reviews, reports, the
 * RAG assessor, the reminders and the pages share. It is a common table
 * expression the callers narrow with the query builder (named parameters, the
 * reach helpers), so the joins, the latest update and the as-of rules are
 * written once, here.
 *
 * For today or later the standing is the row's own; for a past date each
 * activity whose standing changed since takes the version that was in force
 * at the end of that day (or, for work recorded after it, the first version
 * recorded, since nothing earlier is known).
 */
@Injectable()
export class ActivityRows {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The rows matching the filter, in plan order (plan, table, recommendation, position). */
  async read(filter: ActivityRowFilter, manager: EntityManager = this.dataSource.manager): Promise<ActivityRow[]> {
    const query = await this.query(filter, manager);
    inPlanOrder(query);
    return (await query.getRawMany<RawRow>()).map(toActivityRow);
  }

  /** A page of rows in id order, for scans that go through every open activity a page at a time. */
  async readByIdPage(filter: ActivityRowFilter, limit: number, manager: EntityManager = this.dataSource.manager): Promise<ActivityRow[]> {
    const query = await this.query(filter, manager);
    return (await query.orderBy('row.id', 'ASC').limit(limit).getRawMany<RawRow>()).map(toActivityRow);
  }

  /**
   * Every row matching the filter, a page at a time in id order (keyset
   * paging, so each page costs the same however deep): for reads that must go
   * through every matching row without holding them all at once.
   */
  async *inPages(filter: ActivityRowFilter, pageSize: number, manager: EntityManager = this.dataSource.manager): AsyncGenerator<ActivityRow[]> {
    let afterId = filter.afterId;
    for (;;) {
      const rows = await this.readByIdPage({ ...filter, afterId }, pageSize, manager);
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
      afterId = rows[rows.length - 1].id;
    }
  }

  /**
   * A page of the rows with the total and the count in each group, all
   * worked out by PostgreSQL: the response is bounded however many rows
   * match. The counts and the page's ids come from a slim form of the read
   * model (the standing and where each row sits, without the latest update,
   * the override or the lead agencies); only the page's rows are read whole.
   * `mostLate` orders by due date (earliest first, so the most working days
   * late lead) and then in plan order; `plan` in plan order alone.
   */
  async page(filter: ActivityRowFilter, options: ActivityPageOptions, manager: EntityManager = this.dataSource.manager): Promise<ActivityRowPage> {
    const counting = await this.query(filter, manager, { shape: options.groupBy === 'section' || options.groupBy === 'band' ? 'slim' : 'bare' });
    const paging = await this.query(filter, manager, { shape: 'slim' });
    paging.select('row.id', 'id');
    if (options.order === 'mostLate') paging.orderBy('row.due_date', 'ASC', 'NULLS LAST');
    inPlanOrder(paging).offset((options.page - 1) * options.pageSize).limit(options.pageSize);
    const [total, groups, ids] = await together<[{ total: number } | undefined, ActivityGroup[], Array<{ id: string }>]>(manager, [
      () => counting.clone().select('COUNT(*)::int', 'total').getRawOne<{ total: number }>(),
      () => (options.groupBy ? this.groupCounts(counting.clone(), options.groupBy, manager) : Promise.resolve([])),
      () => paging.getRawMany<{ id: string }>(),
    ]);
    const rows = ids.length ? await this.read({ ...filter, activityIds: ids.map((row) => row.id) }, manager) : [];
    const position = new Map(ids.map((row, index) => [row.id, index]));
    rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    return { total: total?.total ?? 0, groups, rows };
  }

  /**
   * The rows as a query for the caller to narrow, group or page further: the
   * columns are those of RawRow above, under the alias `row` (with `shape`
   * slim or bare, only those SLIM_COLUMNS and BARE_COLUMNS name).
   */
  async query(
    filter: ActivityRowFilter,
    manager: EntityManager = this.dataSource.manager,
    options: { shape?: ActivityRowShape } = {},
  ): Promise<SelectQueryBuilder<object>> {
    const past = compareCalendarDates(filter.asOf, this.clock.today()) < 0;
    const query = manager
      .createQueryBuilder()
      .addCommonTableExpression(activityRowsSql(past, options.shape ?? 'whole'), 'activity_rows')
      .select('row.*')
      .from('activity_rows', 'row');
    query.setParameter('cutoff', endOfLondonDay(filter.asOf));
    if (!filter.unscoped) await this.access.scopeActivities(query, 'row', manager);
    if (filter.planId) query.andWhere('row.plan_id = :planId', { planId: filter.planId });
    if (filter.planIds) query.andWhere('row.plan_id = ANY(CAST(:planIds AS uuid[]))', { planIds: filter.planIds });
    if (filter.activityIds) query.andWhere('row.id = ANY(CAST(:activityIds AS uuid[]))', { activityIds: filter.activityIds });
    if (filter.open || filter.overdue !== undefined) query.andWhere(`row.status NOT IN ${CLOSED_ACTIVITY_STATUSES_SQL}`);
    if (filter.overdue === true) query.andWhere('row.due_date < :asOf', { asOf: filter.asOf });
    if (filter.overdue === false) query.andWhere('(row.due_date IS NULL OR row.due_date >= :asOf)', { asOf: filter.asOf });
    if (filter.dueOnOrBefore) query.andWhere('row.due_date <= :dueOnOrBefore', { dueOnOrBefore: filter.dueOnOrBefore });
    if (filter.livePlansOnly) query.andWhere(`row.plan_status <> 'closed'`);
    if (filter.afterId) query.andWhere('row.id > :afterId', { afterId: filter.afterId });
    return query;
  }

  /**
   * How many rows fall in each group, largest first: an activity led by
   * several agencies counts under each (each lead answers for it at the board).
   */
  private async groupCounts(query: SelectQueryBuilder<object>, groupBy: ActivityGrouping, manager: EntityManager): Promise<ActivityGroup[]> {
    const [sql, parameters] = query.select('row.*').getQueryAndParameters();
    const grouped: Record<ActivityGrouping, { key: string; label: string; join: string }> = {
      leadAgency: {
        key: `COALESCE(agency.id::text, 'none')`,
        label: `COALESCE(agency.name, 'No lead agency')`,
        join: 'LEFT JOIN activity_lead_agencies link ON link.activity_id = row.id LEFT JOIN lead_agencies agency ON agency.id = link.lead_agency_id',
      },
      section: { key: `row.plan_title || '|' || row.section_title`, label: 'row.section_title', join: '' },
      band: { key: 'row.band::text', label: 'row.band::text', join: '' },
      owner: {
        key: `CASE WHEN NULLIF(row.owner_name, '') IS NULL THEN 'none' ELSE COALESCE(row.owner_id::text, row.owner_name) END`,
        label: `COALESCE(NULLIF(row.owner_name, ''), 'No named owner')`,
        join: '',
      },
    };
    const { key, label, join } = grouped[groupBy];
    const groups: Array<{ key: string; label: string; count: number }> = await manager.query(
      `SELECT ${key} AS key, MIN(${label}) AS label, COUNT(*)::int AS count FROM (${sql}) row ${join} GROUP BY 1`,
      parameters,
    );
    return groups
      .map((group) => (groupBy === 'band' ? { ...group, label: bandLabel(group.key as TimescaleBand) } : group))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }
}

export type ActivityGrouping = 'leadAgency' | 'section' | 'band' | 'owner';

export interface ActivityGroup {
  key: string;
  label: string;
  count: number;
}

export interface ActivityPageOptions {
  groupBy?: ActivityGrouping;
  order: 'mostLate' | 'plan';
  /** From 1. */
  page: number;
  pageSize: number;
}

export interface ActivityRowPage {
  total: number;
  groups: ActivityGroup[];
  /** The page's rows, whole, in the order asked for. */
  rows: ActivityRow[];
}

/**
 * whole: every column of RawRow. slim: the standing and where the row sits
 * (for paging and grouping). bare: the activity's own columns and owner, no
 * joins to its plan, table or recommendation (for counting).
 */
export type ActivityRowShape = 'whole' | 'slim' | 'bare';

/** Plan order: plan, table, recommendation, position (ties by id, so pages never overlap). */
function inPlanOrder(query: SelectQueryBuilder<object>): SelectQueryBuilder<object> {
  for (const column of ['plan_created_at', 'plan_id', 'section_position', 'recommendation_number', 'position', 'id']) query.addOrderBy(`row.${column}`, 'ASC');
  return query;
}

/**
 * The read model's SQL. For a past date (`past`), the standing columns come
 * from the history version in force at :cutoff where the row's own standing
 * was recorded after it; the latest update and the override are those made by
 * :cutoff (an override withdrawn after it was still in force then).
 */
function activityRowsSql(past: boolean, shape: ActivityRowShape): string {
  const standing = (column: string) => (past ? `CASE WHEN was.activity_id IS NULL THEN a.${column} ELSE was.${column} END` : `a.${column}`);
  const whole = shape === 'whole';
  const placed = shape !== 'bare';
  // due_date stays a date (pg hands dates over as text here): compared with
  // :asOf as a date, the partial index activities_open_due_date_idx serves the
  // overdue filter.
  const columns = [
    'a.id, a.plan_id, a.position, a.owner_id',
    `COALESCE(owner.name, a.owner_name) AS owner_name`,
    `${standing('status')} AS status`,
    `${standing('due_date')} AS due_date`,
    placed &&
      `p.title AS plan_title, p.status AS plan_status, p.created_at AS plan_created_at,
       s.id AS section_id, s.title AS section_title, s.position AS section_position,
       r.id AS recommendation_id, r.number AS recommendation_number, r.band`,
    whole &&
      `a.text, r.text AS recommendation_text, p.published_on::text AS published_on, p.reminder_policy, p.lead_officer_id,
       COALESCE(owner.email, a.owner_email) AS owner_email,
       (SELECT json_agg(json_build_object('id', agency.id, 'name', agency.name) ORDER BY link.position)
          FROM activity_lead_agencies link JOIN lead_agencies agency ON agency.id = link.lead_agency_id
         WHERE link.activity_id = a.id) AS lead_agencies,
       a.start_date::text AS start_date,
       ${standing('percent_complete')} AS percent_complete,
       (${standing('verified_at')} IS NOT NULL) AS verified,
       ${standing('verified_at')} AS verified_at,
       ${standing('due_date_precision')} AS due_date_precision,
       latest.note AS latest_note, latest.created_at AS latest_at,
       (latest.created_at AT TIME ZONE 'Europe/London')::date::text AS latest_on,
       overriding.rating AS override_rating, overriding.reason AS override_reason,
       overriding.expires_on::text AS override_expires_on, overriding.set_by AS override_set_by`,
  ].filter(Boolean);
  return `
    SELECT ${columns.join(',\n           ')}
      FROM activities a
      ${
        placed
          ? `JOIN recommendations r ON r.id = a.recommendation_id
      JOIN sections s ON s.id = r.section_id
      JOIN plans p ON p.id = a.plan_id`
          : ''
      }
      LEFT JOIN users owner ON owner.id = a.owner_id
      ${
        past
          ? `LEFT JOIN LATERAL (
               SELECT h.activity_id, h.status, h.percent_complete, h.verified_at, h.due_date, h.due_date_precision
                 FROM activity_standing_history h
                WHERE h.activity_id = a.id AND a.standing_recorded_at >= :cutoff AND h.valid_to >= :cutoff
                ORDER BY h.valid_to, h.id LIMIT 1) was ON TRUE`
          : ''
      }
      ${
        whole
          ? `LEFT JOIN LATERAL (
        SELECT u.note, u.created_at FROM progress_updates u
         WHERE u.activity_id = a.id AND u.created_at < :cutoff
         ORDER BY u.seq DESC LIMIT 1) latest ON TRUE
      LEFT JOIN LATERAL (
        SELECT o.rating, o.reason, o.expires_on, COALESCE(setter.name, 'a former user') AS set_by
          FROM rag_overrides o LEFT JOIN users setter ON setter.id = o.set_by_id
         WHERE o.activity_id = a.id AND o.created_at < :cutoff AND (o.cleared_at IS NULL OR o.cleared_at >= :cutoff)
         ORDER BY o.created_at DESC, o.id DESC LIMIT 1) overriding ON TRUE`
          : ''
      }`;
}

function toActivityRow(row: RawRow): ActivityRow {
  return {
    id: row.id,
    text: row.text,
    position: Number(row.position),
    planId: row.plan_id,
    planTitle: row.plan_title,
    planStatus: row.plan_status,
    planCreatedAt: row.plan_created_at,
    publishedOn: row.published_on,
    reminderPolicy: row.reminder_policy,
    leadOfficerId: row.lead_officer_id,
    sectionId: row.section_id,
    sectionTitle: row.section_title,
    sectionPosition: Number(row.section_position),
    recommendationId: row.recommendation_id,
    recommendationNumber: Number(row.recommendation_number),
    recommendationText: row.recommendation_text,
    band: row.band,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    ownerEmail: row.owner_email,
    leadAgencies: row.lead_agencies ?? [],
    startDate: row.start_date,
    status: row.status,
    percentComplete: row.percent_complete === null ? null : Number(row.percent_complete),
    verified: row.verified,
    verifiedAt: row.verified_at,
    dueDate: row.due_date,
    dueDatePrecision: row.due_date_precision,
    latestUpdate: row.latest_at ? { note: row.latest_note, at: row.latest_at, reportedOn: row.latest_on as CalendarDate } : null,
    override: row.override_rating
      ? { rating: row.override_rating, reason: row.override_reason ?? '', expiresOn: row.override_expires_on as CalendarDate, setBy: row.override_set_by ?? 'the chair' }
      : null,
  };
}

