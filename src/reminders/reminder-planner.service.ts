import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccessPolicy } from '../accounts/access-policy.service';
import { Clock } from '../common/clock';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, WorkingDayCalendar, addCalendarDays } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { loadAgencyTree } from '../plans/agency-tree.loader';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import { ActivityRow, ActivityRows } from '../progress/activity-rows.service';
import { isQuiet } from '../progress/standing';
import { withDefaultPolicy } from './reminder-policy';
import { isEscalation, isWeeklyDigestDay, remindersDueOn } from './schedule';

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
    return created;
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
   * Who hears about each activity: its owner; with no owner, the contacts of
   * its lead agencies (or of the nearest parent agency that has contacts).
   * Escalations go to the chairs of the plan's improvement board.
   */
  private async recipients(manager: EntityManager, rows: ActivityRow[]) {
    const planIds = [...new Set(rows.map((row) => row.planId))];
    const ownerIds = [...new Set(rows.map((row) => row.ownerId).filter((id): id is string => !!id))];
    const [tree, contacts, chairs, activeOwners] = await Promise.all([
      loadAgencyTree(manager),
      manager.query(
        `SELECT m.lead_agency_id, m.user_id FROM user_lead_agencies m JOIN users u ON u.id = m.user_id WHERE m.is_contact AND u.active`,
      ) as Promise<Array<{ lead_agency_id: string; user_id: string }>>,
      this.access.chairsOfPlans(planIds, manager),
      ownerIds.length ? (manager.query('SELECT id FROM users WHERE active AND id = ANY($1::uuid[])', [ownerIds]) as Promise<Array<{ id: string }>>) : Promise.resolve([]),
    ]);
    const contactsOf = new Map<string, string[]>();
    for (const contact of contacts) contactsOf.set(contact.lead_agency_id, [...(contactsOf.get(contact.lead_agency_id) ?? []), contact.user_id]);
    const nearestContacts = (agencyId: string): string[] => {
      for (const id of tree.lineage(agencyId)) {
        const found = contactsOf.get(id);
        if (found?.length) return found;
      }
      return [];
    };
    const active = new Set(activeOwners.map((owner) => owner.id));
    const owners = new Map<string, string[]>();
    for (const row of rows) {
      if (row.ownerId && active.has(row.ownerId)) owners.set(row.id, [row.ownerId]);
      else if (!row.ownerId) owners.set(row.id, [...new Set(row.leadAgencies.flatMap((agency) => nearestContacts(agency.id)))]);
    }
    return { owners, chairs };
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

  /** Used by the digest: is a pending reminder still true of the activity as it is now? */
  static stillApplies(entryDueDate: string, now: { dueDate: string | null; status: ActivityStatus; verified: boolean }): boolean {
    if (isQuiet(now)) return false;
    // A changed due date re-plans: reminders worked out from the old date are dropped.
    return now.dueDate === entryDueDate;
  }
}

function titleOf(kind: string, row: ActivityRow, overdueBy: number): string {
  const where = `${row.sectionTitle} ${row.recommendationNumber}`;
  const activity = row.text.length > 80 ? `${row.text.slice(0, 77)}...` : row.text;
  if (kind === 'due_today') return `Due today: ${activity} (${where})`;
  if (kind.startsWith('due_in_')) return `Due in ${kind.slice(7)} working days: ${activity} (${where})`;
  if (kind.startsWith('escalation_')) return `Escalation, ${overdueBy} working days overdue: ${activity} (${where})`;
  return `Overdue by ${overdueBy} working ${overdueBy === 1 ? 'day' : 'days'}: ${activity} (${where})`;
}
