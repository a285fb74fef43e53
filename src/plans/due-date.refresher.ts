import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/domain-events';
import { FieldValidationException } from '../common/validation';
import { WorkingDayCalendar } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { activityDueDate, recommendationDueDate, withDefaultOffsets } from './domain/due-dates';
import { Plan } from './entities/plan.entity';
import type { Recommendation } from './entities/recommendation.entity';

interface RecommendationDueRow {
  id: string;
  band: Recommendation['band'];
  target_date: string | null;
  due_date_override: string | null;
  due_date: string | null;
  created_now: boolean;
}

interface ActivityDueRow {
  id: string;
  recommendation_id: string;
  due_date_override: string | null;
  due_date: string | null;
  created_now: boolean;
}

/**
 * Due dates are stored, not computed per read, so the overdue review and the
 * reminder scan can use an index. Every write that can move a date (plan
 * publication date or offsets, a band, an override, a closure day) calls this
 * inside its transaction; only rows whose date really changed are updated,
 * and each of those is on the record.
 */
@Injectable()
export class DueDateRefresher implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.on('closure-days-changed', (manager) => this.refreshAll(manager));
  }

  async refreshPlan(manager: EntityManager, planId: string, calendar?: WorkingDayCalendar): Promise<void> {
    // Lock the plan first: two edits that both move dates (the publication date
    // and a band, say) then take turns, and the second reads what the first
    // committed instead of each working from a stale half of the picture.
    const plan = await manager.findOne(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
    if (!plan) return;
    const workingDays = calendar ?? (await loadWorkingDayCalendar(manager));
    const planDates = { publishedOn: plan.publishedOn, bandOffsets: withDefaultOffsets(plan.bandOffsets) };

    const recommendations: RecommendationDueRow[] = await manager.query(
      `SELECT r.id, r.band, r.target_date, r.due_date_override, r.due_date, r.created_at = now() AS created_now
         FROM recommendations r JOIN sections s ON s.id = r.section_id
        WHERE s.plan_id = $1`,
      [planId],
    );
    const recommendationDue = new Map<string, string | null>();
    const changedRecommendations: DueDateChange[] = [];
    for (const row of recommendations) {
      const due = deadlineWithinKnownYears(() =>
        recommendationDueDate(
          planDates,
          { band: row.band, targetDate: row.target_date, dueDateOverride: row.due_date_override },
          workingDays,
        ),
      );
      recommendationDue.set(row.id, due);
      if (due !== row.due_date) changedRecommendations.push({ id: row.id, before: row.due_date, after: due, createdNow: row.created_now });
    }
    await this.updateDueDates(manager, planId, 'recommendations', changedRecommendations);

    const activities: ActivityDueRow[] = await manager.query(
      `SELECT a.id, a.recommendation_id, a.due_date_override, a.due_date, a.created_at = now() AS created_now FROM activities a WHERE a.plan_id = $1`,
      [planId],
    );
    const changedActivities: DueDateChange[] = [];
    for (const row of activities) {
      const due = activityDueDate(row.due_date_override, recommendationDue.get(row.recommendation_id) ?? null);
      if (due !== row.due_date) changedActivities.push({ id: row.id, before: row.due_date, after: due, createdNow: row.created_now });
    }
    await this.updateDueDates(manager, planId, 'activities', changedActivities);
  }

  /** After a closure day is added or removed, every plan's band dates may move. */
  async refreshAll(manager: EntityManager): Promise<void> {
    const calendar = await loadWorkingDayCalendar(manager);
    // In id order, so two closure-day changes cannot deadlock on each other's plans.
    const plans = await manager.find(Plan, { select: { id: true }, order: { id: 'ASC' } });
    for (const plan of plans) await this.refreshPlan(manager, plan.id, calendar);
  }

  private async updateDueDates(manager: EntityManager, planId: string, table: 'recommendations' | 'activities', changes: DueDateChange[]): Promise<void> {
    if (changes.length === 0) return;
    // An activity's due date is part of its standing: stamp it when the clock is fixed (tests), else the database does.
    const stamp = table === 'activities' ? ', standing_recorded_at = COALESCE($3::timestamptz, t.standing_recorded_at)' : '';
    await manager.query(
      `UPDATE ${table} t SET due_date = v.due_date${stamp}
         FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::date[]) AS due_date) v
        WHERE t.id = v.id`,
      [changes.map((change) => change.id), changes.map((change) => change.after), ...(table === 'activities' ? [this.clock.stamp()] : [])],
    );
    // A row created by this same change (a new plan, an imported table) gets
    // its first date as part of its creation; a date that moves is recorded.
    await this.audit.recordMany(
      manager,
      changes.filter((change) => !change.createdNow).map((change) => ({
        action: 'update' as const,
        entityType: table === 'activities' ? 'activity' : 'recommendation',
        entityId: change.id,
        planId,
        before: { dueDate: change.before },
        after: { dueDate: change.after },
      })),
    );
  }
}

interface DueDateChange {
  id: string;
  before: string | null;
  after: string | null;
  createdNow: boolean;
}

/**
 * Bank holidays are shipped for a fixed span of years; a deadline beyond it
 * cannot be worked out honestly, so the write is refused rather than guessed.
 */
function deadlineWithinKnownYears(compute: () => string | null): string | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new FieldValidationException({ 'source.publishedOn': error.message }, 'A deadline falls outside the years this version knows');
    }
    throw error;
  }
}
