import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccessPolicy } from '../accounts/access-policy.service';
import { Clock } from '../common/clock';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, WorkingDayCalendar, addCalendarDays, formatShortDate } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { loadMilestonesFallingDue } from '../plans/plan-tree.reader';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import { ActionReminderSource, OpenAction } from '../boards/action-reminders';
import { IndicatorReturns, ReturnChase } from '../indicators/indicator-returns.service';
import { formatMonthLong } from '../indicators/domain/periods';
import { ActivityRow, ActivityRows } from '../progress/activity-rows.service';
import { isQuiet } from '../progress/standing';
import { HeardBy, ReminderFacts, whoHears } from './recipients';
import { loadReminderDirectory } from './reminder-directory.loader';
import { withDefaultPolicy } from './reminder-policy';
import { ACTION_KIND_PREFIX, MILESTONE_KIND_PREFIX, isEscalation, isMilestoneReminder, isWeeklyDigestDay, remindersDueOn } from './schedule';

export interface PlannedReminder {
  recipientId: string;
  activityId: string;
  planId: string;
  kind: string;
  reminderDate: CalendarDate;
  dueDate: string;
  title: string;
}

/** How far back a scan catches up on days the worker missed. */
const CATCH_UP_WORKING_DAYS = 10;
/** Before-due reminders look at most this far ahead (10 working days plus holidays). */
const LOOK_AHEAD_DAYS = 31;
const PAGE_SIZE = 2000;

/**
 * The daily scan: works out which reminders fall due (plain rules in
 * schedule.ts), records each once in the ledger with its in-app notification,
 * and says who should get a digest today. It reads open activities a page at
 * a time through the open-by-due-date index.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger('ReminderPlanner');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rows: ActivityRows,
    private readonly access: AccessPolicy,
    private readonly returns: IndicatorReturns,
    private readonly boardActions: ActionReminderSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The days a scan on `asOf` covers: today, plus working days missed since the last scan. */
  async daysToCover(asOf: CalendarDate, calendar: WorkingDayCalendar): Promise<CalendarDate[]> {
    const [last] = await this.dataSource.query('SELECT MAX(scan_date)::text AS day FROM reminder_scans WHERE scan_date < $1', [asOf]);
    if (!last?.day) return calendar.isWorkingDay(asOf) ? [asOf] : [];
    const days: CalendarDate[] = [];
    for (let day = asOf; day > last.day && days.length < CATCH_UP_WORKING_DAYS; day = addCalendarDays(day, -1)) {
      if (calendar.isWorkingDay(day)) days.unshift(day);
    }
    return days;
  }

  async planDay(day: CalendarDate, calendar: WorkingDayCalendar): Promise<number> {
    let afterId: string | undefined;
    let created = 0;
    for (;;) {
      const rows = await this.rows.readByIdPage(
        { asOf: this.clock.today(), open: true, dueOnOrBefore: addCalendarDays(day, LOOK_AHEAD_DAYS), livePlansOnly: true, afterId, unscoped: true },
        PAGE_SIZE,
      );
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1].id;
      const due = rows.flatMap((row) => {
        try {
          return remindersDueOn(day, { dueDate: row.dueDate as CalendarDate, status: row.status, verified: row.verified }, withDefaultPolicy(row.reminderPolicy as never), calendar).map(
            (reminder) => ({ row, reminder }),
          );
        } catch (error) {
          // A due date beyond the known bank-holiday years cannot be counted; it must not stop everyone else's reminders.
          if (!(error instanceof RangeError)) throw error;
          return [];
        }
      });
      if (due.length === 0) continue;
      const recipients = await this.recipients(
        this.dataSource.manager,
        due.map(({ row }) => row),
      );
      const planned: PlannedReminder[] = due.flatMap(({ row, reminder }) =>
        ((reminder.audience === 'chairs' ? recipients.chairs.get(row.planId) : recipients.owners.get(row.id)) ?? []).map((recipientId) => ({
          recipientId,
          activityId: row.id,
          planId: row.planId,
          kind: reminder.kind,
          reminderDate: day,
          dueDate: row.dueDate!,
          title: titleOf(reminder.kind, row, -reminder.workingDaysToDue),
        })),
      );
      created += await this.record(planned);
    }
    return created + (await this.planMilestones(day, calendar)) + (await this.planReturnChasers(day, calendar)) + (await this.planBoardActions(day, calendar));
  }

  /**
   * A recurring commitment's milestones ("each quarter", "September 2015 / 16 /
   * 17") are reminded like due dates, each on its own date: before it and on
   * the day, to the same people. Only the activity's own deadline is chased
   * once past (a milestone cannot be marked done on its own), and the
   * milestone that is the activity's due date is left to the due date's own
   * reminders.
   */
  private async planMilestones(day: CalendarDate, calendar: WorkingDayCalendar): Promise<number> {
    const milestones = await loadMilestonesFallingDue(this.dataSource.manager, day, addCalendarDays(day, LOOK_AHEAD_DAYS));
    if (milestones.length === 0) return 0;
    const rows = await this.rows.read({ asOf: this.clock.today(), activityIds: [...new Set(milestones.map((m) => m.activityId))], open: true, livePlansOnly: true, unscoped: true });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const due = milestones.flatMap((milestone) => {
      const row = byId.get(milestone.activityId);
      if (!row || milestone.dueDate === row.dueDate) return [];
      try {
        return remindersDueOn(day, { dueDate: milestone.dueDate as CalendarDate, status: row.status, verified: row.verified }, withDefaultPolicy(row.reminderPolicy as never), calendar)
          .filter((reminder) => reminder.audience === 'owner' && reminder.kind !== 'overdue')
          .map((reminder) => ({ row, milestone, reminder }));
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        return [];
      }
    });
    if (due.length === 0) return 0;
    const recipients = await this.recipients(this.dataSource.manager, due.map(({ row }) => row));
    return this.record(
      due.flatMap(({ row, milestone, reminder }) =>
        (recipients.owners.get(row.id) ?? []).map((recipientId) => ({
          recipientId,
          activityId: row.id,
          planId: row.planId,
          kind: `${MILESTONE_KIND_PREFIX}${reminder.kind}`,
          reminderDate: day,
          dueDate: milestone.dueDate,
          title: `Milestone “${milestone.label}”: ${titleOf(reminder.kind, row, -reminder.workingDaysToDue)}`,
        })),
      ),
    );
  }

  /**
   * The monthly chaser: the owner of an indicator whose last return is
   * overdue hears in the same digest as their activities (with no owner, its
   * lead agencies' contacts, else the plan's lead officer), on the first
   * working day it is overdue and every few working days after while it is
   * still missing.
   */
  async planReturnChasers(day: CalendarDate, calendar: WorkingDayCalendar): Promise<number> {
    const chases = await this.returns.chasesOn(day, calendar);
    if (chases.length === 0) return 0;
    // Who hears, as for an activity: the owner; else the lead agencies' contacts; else the plan's lead officer.
    const directory = await loadReminderDirectory(this.dataSource.manager);
    const planned = chases.flatMap((chase) =>
      whoHears(chase, directory).people.map((recipientId) => ({
        recipientId,
        chase,
        title: returnTitle(chase),
      })),
    );
    if (planned.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const inserted: Array<{ id: string; recipient_id: string; indicator_id: string }> = await manager.query(
        `INSERT INTO reminder_ledger (recipient_id, indicator_id, period, kind, reminder_date, due_date, status)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::date[], $6::date[], $7::varchar[])
         ON CONFLICT (recipient_id, indicator_id, kind, reminder_date) WHERE indicator_id IS NOT NULL DO NOTHING
         RETURNING id, recipient_id, indicator_id`,
        [
          planned.map((p) => p.recipientId),
          planned.map((p) => p.chase.indicatorId),
          planned.map((p) => p.chase.month),
          planned.map(() => INDICATOR_RETURN_KIND),
          planned.map(() => day),
          planned.map((p) => p.chase.dueOn),
          planned.map(() => 'pending'),
        ],
      );
      if (inserted.length === 0) return 0;
      const byKey = new Map(planned.map((p) => [`${p.recipientId}|${p.chase.indicatorId}`, p]));
      const of = (row: { recipient_id: string; indicator_id: string }) => byKey.get(`${row.recipient_id}|${row.indicator_id}`)!;
      await manager.query(
        `INSERT INTO notifications (user_id, ledger_entry_id, indicator_id, plan_id, kind, title)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[], $6::text[])`,
        [
          inserted.map((row) => row.recipient_id),
          inserted.map((row) => row.id),
          inserted.map((row) => row.indicator_id),
          inserted.map((row) => of(row).chase.planId),
          inserted.map(() => INDICATOR_RETURN_KIND),
          inserted.map((row) => of(row).title),
        ],
      );
      return inserted.length;
    });
  }

  /**
   * Actions agreed at board meetings are reminded like deadlines, to their
   * owners: before they are due, on the day, and every few working days while
   * open after it (no escalation: the chair sees them as matters arising in
   * the next pack). A closed action is quiet.
   */
  async planBoardActions(day: CalendarDate, calendar: WorkingDayCalendar): Promise<number> {
    const actions = await this.boardActions.openDueBy(addCalendarDays(day, LOOK_AHEAD_DAYS));
    const policy = withDefaultPolicy(null);
    const planned = actions.flatMap((action) => {
      try {
        return remindersDueOn(day, { dueDate: action.dueOn as CalendarDate, status: 'in_progress', verified: false }, policy, calendar)
          .filter((reminder) => reminder.audience === 'owner')
          .flatMap((reminder) =>
            action.ownerIds.map((recipientId) => ({ recipientId, action, kind: `${ACTION_KIND_PREFIX}${reminder.kind}`, title: actionTitle(reminder.kind, action, -reminder.workingDaysToDue) })),
          );
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        return [];
      }
    });
    if (planned.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const inserted: Array<{ id: string; recipient_id: string; meeting_action_id: string; kind: string }> = await manager.query(
        `INSERT INTO reminder_ledger (recipient_id, meeting_action_id, kind, reminder_date, due_date, status)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::date[], $5::date[], $6::varchar[])
         ON CONFLICT (recipient_id, meeting_action_id, kind, reminder_date) WHERE meeting_action_id IS NOT NULL DO NOTHING
         RETURNING id, recipient_id, meeting_action_id, kind`,
        [
          planned.map((p) => p.recipientId),
          planned.map((p) => p.action.actionId),
          planned.map((p) => p.kind),
          planned.map(() => day),
          planned.map((p) => p.action.dueOn),
          planned.map(() => 'pending'),
        ],
      );
      if (inserted.length === 0) return 0;
      const byKey = new Map(planned.map((p) => [`${p.recipientId}|${p.action.actionId}|${p.kind}`, p]));
      const of = (row: { recipient_id: string; meeting_action_id: string; kind: string }) => byKey.get(`${row.recipient_id}|${row.meeting_action_id}|${row.kind}`)!;
      await manager.query(
        `INSERT INTO notifications (user_id, ledger_entry_id, meeting_action_id, kind, title)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::text[])`,
        [inserted.map((row) => row.recipient_id), inserted.map((row) => row.id), inserted.map((row) => row.meeting_action_id), inserted.map((row) => row.kind), inserted.map((row) => of(row).title)],
      );
      return inserted.length;
    });
  }

  /** Inserts what is new; the ledger's unique key makes a second scan of the same day a no-op. */
  private async record(planned: PlannedReminder[]): Promise<number> {
    if (planned.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const inserted: Array<{ id: string; recipient_id: string; activity_id: string; kind: string }> = await manager.query(
        `INSERT INTO reminder_ledger (recipient_id, activity_id, kind, reminder_date, due_date, status)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::date[], $5::date[], $6::varchar[])
         ON CONFLICT ON CONSTRAINT reminder_ledger_key DO NOTHING
         RETURNING id, recipient_id, activity_id, kind`,
        [
          planned.map((p) => p.recipientId),
          planned.map((p) => p.activityId),
          planned.map((p) => p.kind),
          planned.map((p) => p.reminderDate),
          planned.map((p) => p.dueDate),
          planned.map(() => 'pending'),
        ],
      );
      if (inserted.length === 0) return 0;
      const byKey = new Map(planned.map((p) => [`${p.recipientId}|${p.activityId}|${p.kind}`, p]));
      await manager.query(
        `INSERT INTO notifications (user_id, ledger_entry_id, activity_id, plan_id, kind, title)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[], $6::text[])`,
        [
          inserted.map((row) => row.recipient_id),
          inserted.map((row) => row.id),
          inserted.map((row) => row.activity_id),
          inserted.map((row) => byKey.get(`${row.recipient_id}|${row.activity_id}|${row.kind}`)!.planId),
          inserted.map((row) => row.kind),
          inserted.map((row) => byKey.get(`${row.recipient_id}|${row.activity_id}|${row.kind}`)!.title),
        ],
      );
      return inserted.length;
    });
  }

  /**
   * Who hears about each activity (recipients.ts: its owner, else its lead
   * agencies' nearest contacts, else the plan's lead officer); escalations go
   * to the chairs of the plan's improvement board.
   */
  private async recipients(manager: EntityManager, rows: ActivityRow[]) {
    const planIds = [...new Set(rows.map((row) => row.planId))];
    const directory = await loadReminderDirectory(manager);
    const chairs = await this.access.chairsOfPlans(planIds, manager);
    const owners = new Map(rows.map((row) => [row.id, whoHears(factsOf(row), directory).people]));
    return { owners, chairs };
  }

  /**
   * Open activities no owner or agency contact hears about: their reminders go
   * to the plan's lead officer, or to nobody when the plan has none. For
   * admins, to give the work an owner.
   */
  async unheard(planId: string | undefined): Promise<Array<{ row: ActivityRow; via: Extract<HeardBy, 'lead officer' | 'nobody'>; people: string[] }>> {
    const rows = await this.rows.read({ asOf: this.clock.today(), planId, open: true });
    const directory = await loadReminderDirectory(this.dataSource.manager);
    return rows
      .map((row) => ({ row, ...whoHears(factsOf(row), directory) }))
      .filter((entry): entry is { row: ActivityRow; via: 'lead officer' | 'nobody'; people: string[] } => entry.via === 'lead officer' || entry.via === 'nobody');
  }

  /** People with reminders to hear today: daily digests always; weekly ones on the week's first working day, or for an escalation. */
  async recipientsForDigest(asOf: CalendarDate, calendar: WorkingDayCalendar): Promise<string[]> {
    const rows: Array<{ recipient_id: string; digest: string | null; escalation: boolean }> = await this.dataSource.query(
      `SELECT l.recipient_id, u.contact_preferences ->> 'digest' AS digest, bool_or(l.kind LIKE 'escalation\\_%') AS escalation
         FROM reminder_ledger l JOIN users u ON u.id = l.recipient_id
        WHERE l.status = 'pending' AND l.reminder_date <= $1 AND u.active
        GROUP BY l.recipient_id, u.contact_preferences ->> 'digest'
        ORDER BY l.recipient_id`,
      [asOf],
    );
    const weeklyDay = isWeeklyDigestDay(asOf, calendar);
    return rows.filter((row) => row.digest !== 'weekly' || weeklyDay || row.escalation).map((row) => row.recipient_id);
  }

  async recordScan(asOf: CalendarDate): Promise<void> {
    await this.dataSource.query('INSERT INTO reminder_scans (scan_date) VALUES ($1) ON CONFLICT DO NOTHING', [asOf]);
  }

  async calendar(): Promise<WorkingDayCalendar> {
    return loadWorkingDayCalendar(this.dataSource.manager);
  }

  /**
   * Used by the digest: is a pending reminder still true of the activity as it
   * is now? A milestone's reminder holds while that milestone still stands.
   */
  static stillApplies(
    entry: { kind: string; dueDate: string },
    now: { dueDate: string | null; status: ActivityStatus; verified: boolean; milestoneDates: readonly string[] },
  ): boolean {
    if (isQuiet(now)) return false;
    if (isMilestoneReminder(entry.kind)) return now.milestoneDates.includes(entry.dueDate);
    const entryDueDate = entry.dueDate;
    // A changed due date re-plans: reminders worked out from the old date are dropped.
    return now.dueDate === entryDueDate;
  }
}

function actionTitle(kind: string, action: OpenAction, overdueBy: number): string {
  const text = action.text.length > 80 ? `${action.text.slice(0, 77)}...` : action.text;
  const where = `${action.boardName}, ${formatShortDate(action.meetingDate as CalendarDate)}, action ${action.number}`;
  if (kind === 'due_today') return `Action due today: ${text} (${where})`;
  if (kind.startsWith('due_in_')) return `Action due in ${kind.slice(7)} working days: ${text} (${where})`;
  return `Action overdue by ${overdueBy} working ${overdueBy === 1 ? 'day' : 'days'}: ${text} (${where})`;
}

/** The ledger kind of the monthly chaser. */
export const INDICATOR_RETURN_KIND = 'indicator_return';

function returnTitle(chase: ReturnChase): string {
  const indicator = chase.indicatorTitle.length > 80 ? `${chase.indicatorTitle.slice(0, 77)}...` : chase.indicatorTitle;
  return `Return overdue: ${indicator}, ${formatMonthLong(chase.month)} (due ${formatShortDate(chase.dueOn)}, ${chase.workingDaysOverdue} working ${chase.workingDaysOverdue === 1 ? 'day' : 'days'} ago)`;
}

function titleOf(kind: string, row: ActivityRow, overdueBy: number): string {
  const where = `${row.sectionTitle} ${row.recommendationNumber}`;
  const activity = row.text.length > 80 ? `${row.text.slice(0, 77)}...` : row.text;
  if (kind === 'due_today') return `Due today: ${activity} (${where})`;
  if (kind.startsWith('due_in_')) return `Due in ${kind.slice(7)} working days: ${activity} (${where})`;
  if (kind.startsWith('escalation_')) return `Escalation, ${overdueBy} working days overdue: ${activity} (${where})`;
  return `Overdue by ${overdueBy} working ${overdueBy === 1 ? 'day' : 'days'}: ${activity} (${where})`;
}

function factsOf(row: ActivityRow): ReminderFacts {
  return { ownerId: row.ownerId, leadAgencyIds: row.leadAgencies.map((agency) => agency.id), leadOfficerId: row.leadOfficerId };
}
