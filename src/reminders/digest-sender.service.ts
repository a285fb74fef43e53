import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CalendarDate } from '../deadlines';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { MailService } from '../mail';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import { ActionReminderSource, OpenAction } from '../boards/action-reminders';
import { IndicatorReturns } from '../indicators/indicator-returns.service';
import type { Month } from '../indicators/domain/periods';
import { loadMilestones } from '../plans/plan-tree.reader';
import { ActivityRows } from '../progress/activity-rows.service';
import { ActionItem, DigestItem, ReturnItem, renderDigest } from './digest-email';
import { ReminderPlanner } from './reminder-planner.service';
import { isEscalation, isMilestoneReminder, isWeeklyDigestDay } from './schedule';

interface PendingRow {
  type: 'activity';
  id: string;
  kind: string;
  reminder_date: string;
  due_date_planned: string;
  activity_id: string;
  text: string;
  status: ActivityStatus;
  due_date: string | null;
  due_date_precision: 'day' | 'month';
  verified: boolean;
  plan_id: string;
  plan_title: string;
  section_title: string;
  recommendation_number: number;
  milestones: Array<{ dueDate: string; label: string }>;
}

/** A pending chaser for an indicator's missing return, with the indicator as it is now. */
interface PendingReturn {
  type: 'return';
  id: string;
  kind: string;
  reminder_date: string;
  due_date_planned: string;
  indicator_id: string;
  month: Month;
  title: string;
  plan_id: string;
  plan_title: string;
  /** Still without a value now: a chaser answered since is dropped. */
  missing: boolean;
}

/** A pending reminder of an action agreed at a board's meeting, with the action as it is now. */
interface PendingAction {
  type: 'action';
  id: string;
  kind: string;
  reminder_date: string;
  due_date_planned: string;
  action: OpenAction;
}

type Pending = PendingRow | PendingReturn | PendingAction;

export type DigestOutcome = 'sent' | 'already-sent' | 'nothing-to-send';

/**
 * Sends one person's digest for a day, exactly once as far as SMTP allows:
 * the digest row (unique per person and day) and its reminders are claimed in
 * a transaction before sending, the Message-ID is fixed there, and they are
 * marked sent after. A retry after a crash or an SMTP failure resends the same
 * claimed reminders; a digest already marked sent is never sent again.
 */
@Injectable()
export class DigestSender {
  private readonly logger = new Logger('DigestSender');

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly rows: ActivityRows,
    private readonly returns: IndicatorReturns,
    private readonly boardActions: ActionReminderSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(recipientId: string, digestDate: CalendarDate): Promise<DigestOutcome> {
    const claim = await this.claim(recipientId, digestDate);
    if (claim.outcome !== 'claimed') return claim.outcome;
    const { calendar } = claim;
    const activityRows = claim.rows.filter((row): row is PendingRow => row.type === 'activity');
    // One line per indicator and month, however many days' chasers the digest carries.
    const returns: ReturnItem[] = [
      ...new Map(
        claim.rows
          .filter((row): row is PendingReturn => row.type === 'return')
          .map((row): [string, ReturnItem] => [
            `${row.indicator_id}|${row.month}`,
            {
              indicatorId: row.indicator_id,
              indicatorTitle: row.title,
              planId: row.plan_id,
              planTitle: row.plan_title,
              month: row.month,
              dueDate: row.due_date_planned,
              workingDaysOverdue: calendar.workingDaysBetween(row.due_date_planned as CalendarDate, digestDate),
            },
          ]),
      ).values(),
    ];
    const actions: ActionItem[] = [
      ...new Map(
        claim.rows
          .filter((row): row is PendingAction => row.type === 'action')
          .map((row): [string, ActionItem] => [
            row.action.actionId,
            {
              actionId: row.action.actionId,
              text: row.action.text,
              board: row.action.boardName,
              boardId: row.action.boardId,
              meetingId: row.action.meetingId,
              meetingDate: row.action.meetingDate,
              number: row.action.number,
              dueDate: row.action.dueOn,
              workingDaysOverdue: row.action.dueOn < digestDate ? calendar.workingDaysBetween(row.action.dueOn as CalendarDate, digestDate) : 0,
            },
          ]),
      ).values(),
    ];
    const items: DigestItem[] = activityRows.map((row) => ({
      activityId: row.activity_id,
      activityText: row.text,
      planId: row.plan_id,
      planTitle: row.plan_title,
      sectionTitle: row.section_title,
      recommendationNumber: row.recommendation_number,
      ...(isMilestoneReminder(row.kind)
        ? {
            dueDate: row.due_date_planned,
            dueDatePrecision: 'day' as const,
            milestone: row.milestones.find((m) => m.dueDate === row.due_date_planned)?.label ?? null,
            workingDaysOverdue: 0,
          }
        : {
            dueDate: row.due_date!,
            dueDatePrecision: row.due_date_precision,
            milestone: null,
            workingDaysOverdue: row.due_date && row.due_date < digestDate ? calendar.workingDaysBetween(row.due_date as CalendarDate, digestDate) : 0,
          }),
      kind: row.kind,
    }));
    // One line per activity: when a missed day's reminder ("due in 1") and today's
    // ("due today") both point at it, today's is the one that is true now.
    const oldestFirst = activityRows
      .map((row, index) => ({ day: row.reminder_date, item: items[index] }))
      .sort((a, b) => a.day.localeCompare(b.day));
    // A Map keeps the last value set for a key: the newest reminder per activity.
    const unique = [...new Map(oldestFirst.map(({ item }) => [`${item.activityId}|${isEscalation(item.kind)}`, item])).values()];
    const email = renderDigest({
      recipientName: claim.recipient.name,
      digestDate,
      items: unique,
      returns,
      actions,
      publicUrl: this.config.publicUrl,
      isChair: claim.recipient.roles.includes('board_chair'),
    });
    await this.mail.send({ to: claim.recipient.email, subject: email.subject, text: email.text, html: email.html, messageId: claim.messageId });
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE reminder_digests SET status = 'sent', sent_at = now() WHERE id = $1`, [claim.digestId]);
      await manager.query(`UPDATE reminder_ledger SET status = 'sent' WHERE digest_id = $1`, [claim.digestId]);
    });
    this.logger.log(`Sent the ${digestDate} digest (${unique.length + returns.length + actions.length} items) to user ${recipientId}`);
    return 'sent';
  }

  /**
   * Claims the person's digest for the day in one transaction: their row and
   * their pending reminders locked, the digest row written with its
   * Message-ID and the reminders tied to it; a digest already claimed (a
   * retry) is read back as it was claimed.
   */
  private async claim(recipientId: string, digestDate: CalendarDate) {
    return this.dataSource.transaction(async (manager) => {
      const [recipient] = (await manager.query(
        `SELECT u.id, u.name, u.email, u.roles, u.active, u.contact_preferences, d.id AS digest_id, d.status AS digest_status, d.message_id
           FROM users u LEFT JOIN reminder_digests d ON d.recipient_id = u.id AND d.digest_date = $2
          WHERE u.id = $1 FOR UPDATE OF u`,
        [recipientId, digestDate],
      )) as Array<{
        id: string;
        name: string;
        email: string;
        roles: string[];
        active: boolean;
        contact_preferences: { digest?: string };
        digest_id: string | null;
        digest_status: string | null;
        message_id: string | null;
      }>;
      if (!recipient?.active) return { outcome: 'nothing-to-send' as const };
      if (recipient.digest_status === 'sent') return { outcome: 'already-sent' as const };
      const calendar = await loadWorkingDayCalendar(manager);

      if (recipient.digest_id) {
        const rows = await this.pendingRows(manager, 'l.digest_id = $1', [recipient.digest_id]);
        return { outcome: 'claimed' as const, recipient, calendar, digestId: recipient.digest_id, messageId: recipient.message_id!, rows };
      }
      const escalationsOnly = recipient.contact_preferences?.digest === 'weekly' && !isWeeklyDigestDay(digestDate, calendar);
      const pending = await this.pendingRows(manager, `l.recipient_id = $1 AND l.status = 'pending' AND l.digest_id IS NULL AND l.reminder_date <= $2`, [
        recipientId,
        digestDate,
      ]);
      const candidates = pending.filter((row) => !escalationsOnly || isEscalation(row.kind));
      // A chaser whose return has come in since it was planned is dropped, as a reminder that no longer applies is.
      const stale = candidates.filter((row) =>
        row.type === 'return'
          ? !row.missing
          : row.type === 'action'
            ? // A closed action, or one whose due date moved, is no longer what the reminder said.
              row.action.status === 'closed' || row.action.dueOn !== row.due_date_planned
            : !ReminderPlanner.stillApplies(
                { kind: row.kind, dueDate: row.due_date_planned },
                { dueDate: row.due_date, status: row.status, verified: row.verified, milestoneDates: row.milestones.map((m) => m.dueDate) },
              ),
      );
      if (stale.length) await manager.query(`UPDATE reminder_ledger SET status = 'dropped' WHERE id = ANY($1::uuid[])`, [stale.map((row) => row.id)]);
      const live = candidates.filter((row) => !stale.includes(row));
      // Never an empty digest.
      if (live.length === 0) return { outcome: 'nothing-to-send' as const };
      const messageId = `<digest.${randomUUID()}@improvement-plan-manager>`;
      const [{ id: digestId }] = (await manager.query(
        `WITH digest AS (
           INSERT INTO reminder_digests (recipient_id, digest_date, status, message_id) VALUES ($1, $2, 'sending', $3) RETURNING id
         ), tied AS (
           UPDATE reminder_ledger SET digest_id = (SELECT id FROM digest) WHERE id = ANY($4::uuid[])
         )
         SELECT id FROM digest`,
        [recipientId, digestDate, messageId, live.map((row) => row.id)],
      )) as Array<{ id: string }>;
      // The rows just tied to the digest, in the order they were read: what a retry would read back.
      return { outcome: 'claimed' as const, recipient, calendar, digestId, messageId, rows: live };
    });
  }

  /** The person's ledger entries (locked for this digest) with their activities (and indicators) as they stand now, in plan order. */
  private async pendingRows(manager: EntityManager, where: string, params: unknown[]): Promise<Pending[]> {
    const all: Array<{ id: string; kind: string; reminder_date: string; due_date_planned: string; activity_id: string | null; indicator_id: string | null; meeting_action_id: string | null; period: string | null }> =
      await manager.query(
        `SELECT l.id, l.kind, l.reminder_date::text AS reminder_date, l.due_date::text AS due_date_planned, l.activity_id, l.indicator_id, l.meeting_action_id, l.period
           FROM reminder_ledger l WHERE ${where} FOR UPDATE OF l`,
        params,
      );
    const entries = all.filter((entry): entry is typeof entry & { activity_id: string } => entry.activity_id !== null);
    const returns: Pending[] = await this.pendingReturns(
      manager,
      all.filter((entry) => entry.indicator_id !== null),
    );
    const actionEntries = all.filter((entry) => entry.meeting_action_id !== null);
    const actionsNow = new Map((await this.boardActions.byIds([...new Set(actionEntries.map((entry) => entry.meeting_action_id!))], manager)).map((action) => [action.actionId, action]));
    returns.push(
      ...actionEntries
        .filter((entry) => actionsNow.has(entry.meeting_action_id!))
        .map((entry): PendingAction => ({
          type: 'action',
          id: entry.id,
          kind: entry.kind,
          reminder_date: entry.reminder_date,
          due_date_planned: entry.due_date_planned,
          action: actionsNow.get(entry.meeting_action_id!)!,
        })),
    );
    if (entries.length === 0) return returns;
    const activityIds = [...new Set(entries.map((entry) => entry.activity_id))];
    // One after the other: inside a transaction there is one connection.
    const activities = await this.rows.read({ asOf: this.clock.today(), activityIds, unscoped: true }, manager);
    const milestones = await loadMilestones(manager, activityIds);
    const order = new Map(activities.map((activity, index) => [activity.id, index]));
    const byId = new Map(activities.map((activity) => [activity.id, activity]));
    const rows: PendingRow[] = entries
      .filter((entry) => byId.has(entry.activity_id))
      .sort((a, b) => order.get(a.activity_id)! - order.get(b.activity_id)!)
      .map((entry) => {
        const activity = byId.get(entry.activity_id)!;
        return {
          type: 'activity' as const,
          id: entry.id,
          kind: entry.kind,
          reminder_date: entry.reminder_date,
          due_date_planned: entry.due_date_planned,
          activity_id: activity.id,
          text: activity.text,
          status: activity.status,
          due_date: activity.dueDate,
          due_date_precision: activity.dueDatePrecision,
          verified: activity.verified,
          plan_id: activity.planId,
          plan_title: activity.planTitle,
          section_title: activity.sectionTitle,
          recommendation_number: activity.recommendationNumber,
          milestones: milestones.get(activity.id) ?? [],
        };
      });
    return [...rows, ...returns];
  }

  /** Chasers with their indicators as they are now, and whether the month is still missing. */
  private async pendingReturns(
    manager: EntityManager,
    entries: Array<{ id: string; kind: string; reminder_date: string; due_date_planned: string; indicator_id: string | null; period: string | null }>,
  ): Promise<PendingReturn[]> {
    if (entries.length === 0) return [];
    const indicators: Array<{ id: string; title: string; plan_id: string; plan_title: string }> = await manager.query(
      'SELECT i.id, i.title, i.plan_id, p.title AS plan_title FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE i.id = ANY($1::uuid[]) ORDER BY p.created_at, i.plan_id, i.position',
      [[...new Set(entries.map((entry) => entry.indicator_id!))]],
    );
    const missing = await this.returns.stillMissing(
      entries.map((entry) => ({ indicatorId: entry.indicator_id!, month: entry.period as Month })),
      manager,
    );
    const order = new Map(indicators.map((indicator, index) => [indicator.id, index]));
    const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
    return entries
      .filter((entry) => byId.has(entry.indicator_id!))
      .sort((a, b) => order.get(a.indicator_id!)! - order.get(b.indicator_id!)! || a.period!.localeCompare(b.period!))
      .map((entry) => {
        const indicator = byId.get(entry.indicator_id!)!;
        return {
          type: 'return' as const,
          id: entry.id,
          kind: entry.kind,
          reminder_date: entry.reminder_date,
          due_date_planned: entry.due_date_planned,
          indicator_id: indicator.id,
          month: entry.period as Month,
          title: indicator.title,
          plan_id: indicator.plan_id,
          plan_title: indicator.plan_title,
          missing: missing.has(`${indicator.id}|${entry.period}`),
        };
      });
  }
}
