import { Injectable } from '@nestjs/common';
import { together } from '../common/together';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, WorkingDayCalendar, endOfLondonDay, todayInLondon } from '../deadlines';
import {
  DEFAULT_CHASE_EVERY_WORKING_DAYS,
  DEFAULT_RETURN_WORKING_DAYS,
  Frequency,
  Month,
  OverdueReturn,
  addMonths,
  compareMonths,
  overdueReturnMonths,
  returnChaseOn,
} from './domain';
import { IndicatorRecord } from './record/indicator-record.reader';
import { CURRENT } from './record/versions';

/** An indicator whose return the chaser asks for on a day. */
export interface ReturnChase extends OverdueReturn {
  indicatorId: string;
  indicatorTitle: string;
  planId: string;
  planTitle: string;
  /** Who hears is the reminders' rule (src/reminders/recipients.ts): the owner, else the lead agencies' contacts, else the plan's lead officer. */
  ownerId: string | null;
  leadAgencyIds: string[];
  leadOfficerId: string | null;
}

/** A return missing on the chair's exception report. */
export interface OverdueReturnRow {
  indicatorId: string;
  indicatorTitle: string;
  planId: string;
  planTitle: string;
  priorities: string[];
  owner: string | null;
  leadAgencies: string[];
  /** Newest first. */
  months: OverdueReturn[];
}

interface IndicatorForReturns {
  id: string;
  title: string;
  plan_id: string;
  plan_title: string;
  frequency: Frequency;
  owner_id: string | null;
  owner_name: string | null;
  owner_active: boolean | null;
  lead_officer_id: string | null;
  created_at: Date;
  return_working_days: number | null;
  reminder_policy: { overdueEveryWorkingDays?: number } | null;
  lead_agencies: Array<{ id: string; name: string }>;
  priorities: string[];
}

/**
 * Missing monthly returns: which owners the chaser asks on a day (through the
 * reminder digest), and which returns are overdue on the chair's exception
 * report. The rules are the plain functions in domain/chaser.ts; an
 * indicator's returns start with its first recorded month (or, with none yet,
 * the month before it was set up), so a new indicator is not chased for years
 * before it existed.
 */
@Injectable()
export class IndicatorReturns {
  constructor(
    private readonly dataSource: DataSource,
    private readonly record: IndicatorRecord,
  ) {}

  /** The chasers due on a working day, for the reminder scan: live plans only, months still without a value. */
  async chasesOn(day: CalendarDate, calendar: WorkingDayCalendar, manager: EntityManager = this.dataSource.manager): Promise<ReturnChase[]> {
    const indicators = await this.indicators(manager, { livePlansOnly: true });
    const due: Array<{ indicator: IndicatorForReturns; chase: OverdueReturn }> = [];
    for (const indicator of indicators) {
      try {
        const chase = returnChaseOn(day, calendar, {
          workingDays: indicator.return_working_days ?? DEFAULT_RETURN_WORKING_DAYS,
          every: indicator.reminder_policy?.overdueEveryWorkingDays ?? DEFAULT_CHASE_EVERY_WORKING_DAYS,
          frequency: indicator.frequency,
        });
        if (chase) due.push({ indicator, chase });
      } catch (error) {
        // A day outside the known bank-holiday years cannot be counted; it must not stop the other reminders.
        if (!(error instanceof RangeError)) throw error;
      }
    }
    if (due.length === 0) return [];
    const earliest = due.reduce<Month>((min, d) => (compareMonths(d.chase.month, min) < 0 ? d.chase.month : min), due[0].chase.month);
    const ids = due.map((d) => d.indicator.id);
    const [recorded, firsts] = await together(manager, [() => this.record.monthsWithValues(ids, earliest, CURRENT, manager), () => this.firstMonths(manager, ids)]);
    return due
      .filter(({ indicator, chase }) => !recorded.get(indicator.id)?.has(chase.month) && compareMonths(chase.month, this.firstMonth(indicator, firsts)) >= 0)
      .map(({ indicator, chase }) => ({
        ...chase,
        indicatorId: indicator.id,
        indicatorTitle: indicator.title,
        planId: indicator.plan_id,
        planTitle: indicator.plan_title,
        ownerId: indicator.owner_id,
        leadAgencyIds: indicator.lead_agencies.map((a) => a.id),
        leadOfficerId: indicator.lead_officer_id,
      }));
  }

  /**
   * The returns overdue on a date for the given plans (every plan when
   * null), as the record stood at the end of that day: a value entered
   * later does not clear an earlier day's report.
   */
  async overdueOn(asOf: CalendarDate, planIds: string[] | null, calendar: WorkingDayCalendar, manager: EntityManager = this.dataSource.manager): Promise<OverdueReturnRow[]> {
    if (planIds && planIds.length === 0) return [];
    const cutoff = endOfLondonDay(asOf);
    const indicators = (await this.indicators(manager, { planIds })).filter((i) => i.created_at < cutoff);
    if (indicators.length === 0) return [];
    const ids = indicators.map((i) => i.id);
    const [recorded, firsts] = await together(manager, [
      () => this.record.monthsWithValues(ids, addMonths(asOf.slice(0, 7) as Month, -13), { kind: 'at', at: cutoff }, manager),
      () => this.firstMonths(manager, ids, cutoff),
    ]);
    const rows: OverdueReturnRow[] = [];
    for (const indicator of indicators) {
      let months: OverdueReturn[];
      try {
        months = overdueReturnMonths(this.firstMonth(indicator, firsts), asOf, calendar, {
          workingDays: indicator.return_working_days ?? DEFAULT_RETURN_WORKING_DAYS,
          frequency: indicator.frequency,
        }).filter((r) => !recorded.get(indicator.id)?.has(r.month));
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        continue;
      }
      if (months.length === 0) continue;
      rows.push({
        indicatorId: indicator.id,
        indicatorTitle: indicator.title,
        planId: indicator.plan_id,
        planTitle: indicator.plan_title,
        priorities: indicator.priorities,
        owner: indicator.owner_name,
        leadAgencies: indicator.lead_agencies.map((a) => a.name),
        months,
      });
    }
    return rows;
  }

  /** Of the given (indicator, month) pairs, those still without a value now: a chaser in a digest must still be true. */
  async stillMissing(pairs: Array<{ indicatorId: string; month: Month }>, manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const earliest = pairs.reduce<Month>((min, p) => (compareMonths(p.month, min) < 0 ? p.month : min), pairs[0].month);
    const recorded = await this.record.monthsWithValues([...new Set(pairs.map((p) => p.indicatorId))], earliest, CURRENT, manager);
    return new Set(pairs.filter((p) => !recorded.get(p.indicatorId)?.has(p.month)).map((p) => `${p.indicatorId}|${p.month}`));
  }

  private firstMonth(indicator: IndicatorForReturns, firsts: Map<string, Month>): Month {
    return firsts.get(indicator.id) ?? addMonths(todayInLondon(indicator.created_at).slice(0, 7) as Month, -1);
  }

  /** Each indicator's earliest month with a value on the record (by the cutoff, when given). */
  private async firstMonths(manager: EntityManager, ids: string[], cutoff?: Date): Promise<Map<string, Month>> {
    const rows: Array<{ indicator_id: string; first: Month }> = await manager.query(
      `SELECT indicator_id, MIN(period) AS first FROM indicator_values WHERE indicator_id = ANY($1::uuid[]) ${cutoff ? 'AND recorded_at < $2' : ''} GROUP BY indicator_id`,
      cutoff ? [ids, cutoff] : [ids],
    );
    return new Map(rows.map((row) => [row.indicator_id, row.first]));
  }

  private async indicators(manager: EntityManager, filter: { livePlansOnly?: boolean; planIds?: string[] | null }): Promise<IndicatorForReturns[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.livePlansOnly) where.push(`p.status <> 'closed'`);
    if (filter.planIds) {
      params.push(filter.planIds);
      where.push(`i.plan_id = ANY($${params.length}::uuid[])`);
    }
    return manager.query(
      `SELECT i.id, i.title, i.plan_id, p.title AS plan_title, i.frequency, i.owner_id, owner.name AS owner_name, owner.active AS owner_active,
              p.lead_officer_id, i.created_at, s.return_working_days, p.reminder_policy,
              (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY l.position), '[]')
                 FROM indicator_lead_agencies l JOIN lead_agencies a ON a.id = l.lead_agency_id WHERE l.indicator_id = i.id) AS lead_agencies,
              (SELECT COALESCE(json_agg(sec.title ORDER BY sec.position), '[]')
                 FROM indicator_sections x JOIN sections sec ON sec.id = x.section_id WHERE x.indicator_id = i.id) AS priorities
         FROM indicators i JOIN plans p ON p.id = i.plan_id
         LEFT JOIN plan_indicator_settings s ON s.plan_id = i.plan_id
         LEFT JOIN users owner ON owner.id = i.owner_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY p.created_at, i.plan_id, i.position`,
      params,
    );
  }
}
