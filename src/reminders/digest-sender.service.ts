import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CalendarDate, WorkingDayCalendar } from '../deadlines';
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
import { SentMarker } from './sent-marker';
import { Slots } from './slots';
import { isEscalation, isMilestoneReminder, isWeeklyDigestDay } from './schedule';

/** What every pending entry carries: whose it is, and the digest it is tied to (a retry), if any. */
interface LedgerEntryOf {
  recipient_id: string;
  digest_id: string | null;
}

interface PendingRow extends LedgerEntryOf {
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
interface PendingReturn extends LedgerEntryOf {
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
interface PendingAction extends LedgerEntryOf {
  type: 'action';
  id: string;
  kind: string;
  reminder_date: string;
  due_date_planned: string;
  action: OpenAction;
}

type Pending = PendingRow | PendingReturn | PendingAction;

export type DigestOutcome = 'sent' | 'already-sent' | 'nothing-to-send';

/** What one digest job did for each person it was given. */
export interface DigestBatchResult {
  sent: string[];
  alreadySent: string[];
  nothingToSend: string[];
  /** Another job holds the person's digest right now (it sends it, or hands it on): left to that job. */
  inFlightElsewhere: string[];
  /** Claimed but not sent (the mail server refused it, or it could not be rendered): the claim stands for a retry. */
  failed: Array<{ recipientId: string; error: Error }>;
}

interface Recipient {
  id: string;
  name: string;
  email: string;
  roles: string[];
  active: boolean;
  contact_preferences: { digest?: string } | null;
  digest_id: string | null;
  digest_status: string | null;
  message_id: string | null;
}

/** A person's digest claimed for the day: the row, its fixed Message-ID and the reminders tied to it. */
interface Claim {
  recipient: Recipient;
  digestId: string;
  messageId: string;
  rows: Pending[];
}

/**
 * Sends people's digests for a day, exactly once as far as SMTP allows: each
 * digest row (unique per person and day) and its reminders are claimed in a
 * transaction before sending, the Message-ID is fixed there, and they are
 * marked sent after. A retry after a crash or an SMTP failure resends the same
 * claimed reminders; a digest already marked sent is never sent again.
 *
 * One job delivers many people's digests (REMINDER_DIGESTS_PER_JOB): one claim
 * transaction for all of them, the emails sent concurrently through the mail
 * pool, and each marked sent as soon as the server has taken it (those that
 * finish together in one transaction). Which job may send a person's digest is
 * decided by a PostgreSQL session lock per person and day, held from before
 * the claim until the digest is marked sent: jobs made up differently (two
 * scans, a retry beside a batch) can hold the same person, and only the job
 * holding the lock claims and sends. A claimed digest that no session holds
 * was left by a job that crashed or failed, and is resent as it was claimed.
 */
@Injectable()
export class DigestSender {
  private readonly logger = new Logger('DigestSender');
  /** Emails in flight from this worker, across its jobs: as many as the mail pool has connections. */
  private readonly mailSlots: Slots;
  /** Jobs this worker has started: each job's rank for the mail pool. */
  private jobsStarted = 0;
  /** Claims in progress in this worker at once. */
  private readonly claimSlots = new Slots(2);
  /** Digests marked sent as their emails are accepted, those of all this worker's jobs together. */
  private readonly marks: SentMarker;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly rows: ActivityRows,
    private readonly returns: IndicatorReturns,
    private readonly boardActions: ActionReminderSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.mailSlots = new Slots(config.smtpConnections);
    // The digests and their reminders in one statement, inside an explicit transaction all the same: a worker that
    // dies while the statement waits (for a row lock, say) must leave the digests unmarked, to be resent as claimed,
    // rather than have its orphaned statement commit them on its own later.
    this.marks = new SentMarker((digestIds, ledgerIds) =>
      dataSource.manager.transaction((manager) =>
        manager.query(
          `WITH sent AS (UPDATE reminder_digests SET status = 'sent', sent_at = now() WHERE id = ANY($1::uuid[]) RETURNING id)
           UPDATE reminder_ledger SET status = 'sent' WHERE id = ANY($2::uuid[]) AND digest_id IN (SELECT id FROM sent)`,
          [digestIds, ledgerIds],
        ),
      ),
    );
  }

  /**
   * One person's digest (a retry of a failed one, or a job queued before
   * digests went in batches). Throws when the mail server refuses it, or when
   * another job is sending it right now, so the queue retries it.
   */
  async send(recipientId: string, digestDate: CalendarDate): Promise<DigestOutcome> {
    const result = await this.sendMany([recipientId], digestDate);
    if (result.failed.length) throw result.failed[0].error;
    if (result.inFlightElsewhere.length) throw new Error(`The ${digestDate} digest of user ${recipientId} is being sent by another job; trying again later`);
    return result.sent.length ? 'sent' : result.alreadySent.length ? 'already-sent' : 'nothing-to-send';
  }

  /**
   * Several people's digests for the day. A person whose email fails is
   * reported in `failed` with their claim left standing; the others are sent
   * and marked sent all the same. Throws only when the database fails, after
   * marking sent what was sent.
   */
  async sendMany(recipientIds: string[], digestDate: CalendarDate): Promise<DigestBatchResult> {
    const result: DigestBatchResult = { sent: [], alreadySent: [], nothingToSend: [], inFlightElsewhere: [], failed: [] };
    const ids = [...new Set(recipientIds)].sort();
    if (ids.length === 0) return result;
    // Jobs in the order they started: the older a job, the sooner its emails get the mail pool.
    const rank = this.jobsStarted++;
    // One connection for the whole job: the session's locks live as long as it does (a worker that dies lets go of them).
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let broken: unknown = undefined;
    try {
      const locks: Array<{ id: string; locked: boolean }> = await runner.query(
        `SELECT r.id, pg_try_advisory_lock(hashtextextended('digest:' || r.id || ':' || $2, 0)) AS locked FROM unnest($1::uuid[]) AS r(id)`,
        [ids, digestDate],
      );
      const held = locks.filter((lock) => lock.locked).map((lock) => lock.id);
      result.inFlightElsewhere.push(...locks.filter((lock) => !lock.locked).map((lock) => lock.id));
      if (held.length === 0) return result;

      // Two claims at a time in a worker: the first job's emails start going while the next jobs claim theirs (one
      // claiming ahead), rather than every job's claim competing for the database at once while the mail pool waits.
      const claimed = await this.claimSlots.run(async () => {
        await runner.startTransaction();
        try {
          const done = await this.claim(runner.manager, held, digestDate);
          await runner.commitTransaction();
          return done;
        } catch (error) {
          await runner.rollbackTransaction().catch(() => undefined);
          throw error;
        }
      });
      result.alreadySent.push(...claimed.alreadySent);
      result.nothingToSend.push(...claimed.nothingToSend);

      let markingFailed: { reason: unknown } | undefined;
      // As many emails in flight as the mail pool has connections, across the worker's jobs (more would only wait
      // in the pool's queue, built and held): each rendered just before it goes. Marking sent does not hold a send up.
      // The oldest job's emails go first: a slot stays with its job while the job has emails left, so jobs finish one
      // after another and a new job claims while the older ones send, rather than a worker's jobs all finishing
      // together and the mail pool waiting while the next ones claim.
      const queue = [...claimed.claims];
      const marking: Array<Promise<void>> = [];
      const sendAll = async (): Promise<void> => {
        for (let claim = queue.shift(); claim; claim = queue.shift()) {
          const current = claim;
          let email: ReturnType<DigestSender['render']>;
          try {
            email = this.render(current, digestDate, claimed.calendar);
            await this.mail.send({ to: current.recipient.email, subject: email.subject, text: email.text, html: email.html, messageId: current.messageId });
          } catch (error) {
            result.failed.push({ recipientId: current.recipient.id, error: error instanceof Error ? error : new Error(String(error)) });
            continue;
          }
          const items = email.items;
          marking.push(
            this.marks.sent(current.digestId, current.rows.map((row) => row.id)).then(
              () => {
                result.sent.push(current.recipient.id);
                this.logger.debug(`Sent the ${digestDate} digest (${items} items) to user ${current.recipient.id}`);
              },
              // Sent, but not recorded: the job fails once every send has settled, and its retry resends this one as it was.
              (error: unknown) => void (markingFailed ??= { reason: error }),
            ),
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(queue.length, this.config.smtpConnections) }, () => this.mailSlots.run(sendAll, rank)));
      await Promise.all(marking);
      this.logger.log(
        `The ${digestDate} digests of ${ids.length} people: ${result.sent.length} sent, ${result.alreadySent.length} already sent, ${result.nothingToSend.length} with nothing to send, ` +
          `${result.inFlightElsewhere.length} in another job, ${result.failed.length} failed`,
      );
      if (markingFailed) throw markingFailed.reason;
      return result;
    } catch (error) {
      broken = error;
      throw error;
    } finally {
      // Every lock goes with the connection back to the pool, or the connection is closed (which lets go of them).
      const unlocked = broken ? false : await runner.query('SELECT pg_advisory_unlock_all()').then(() => true, () => false);
      await releaseQueryRunner(runner, unlocked ? undefined : new Error('Closing a connection that may still hold digest locks'));
    }
  }

  /** The email of a claimed digest, from the rows and the calendar it was claimed with. */
  private render(claim: Claim, digestDate: CalendarDate, calendar: WorkingDayCalendar) {
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
    return { ...email, items: unique.length + returns.length + actions.length };
  }

  /**
   * Claims the people's digests for the day in one transaction (the caller's,
   * on the connection holding their locks): their rows and their pending
   * reminders locked, a digest row written for each with its Message-ID and
   * the reminders tied to it; a digest already claimed (a retry) is read back
   * as it was claimed.
   */
  private async claim(manager: EntityManager, recipientIds: string[], digestDate: CalendarDate) {
    const recipients = (await manager.query(
      `SELECT u.id, u.name, u.email, u.roles, u.active, u.contact_preferences, d.id AS digest_id, d.status AS digest_status, d.message_id
         FROM users u LEFT JOIN reminder_digests d ON d.recipient_id = u.id AND d.digest_date = $2
        WHERE u.id = ANY($1::uuid[]) ORDER BY u.id FOR UPDATE OF u`,
      [recipientIds, digestDate],
    )) as Recipient[];
    const found = new Set(recipients.map((recipient) => recipient.id));
    const nothingToSend = recipientIds.filter((id) => !found.has(id));
    const alreadySent: string[] = [];
    const retried: Recipient[] = [];
    const fresh: Recipient[] = [];
    for (const recipient of recipients) {
      if (!recipient.active) nothingToSend.push(recipient.id);
      else if (recipient.digest_status === 'sent') alreadySent.push(recipient.id);
      else if (recipient.digest_id) retried.push(recipient);
      else fresh.push(recipient);
    }
    const calendar = await loadWorkingDayCalendar(manager);
    if (retried.length + fresh.length === 0) return { calendar, claims: [] as Claim[], alreadySent, nothingToSend };

    // Everyone's reminders in one read: those tied to a digest claimed before (a retry), and the pending ones not yet in any.
    const pending = await this.pendingRows(
      manager,
      `l.recipient_id = ANY($1::uuid[]) AND l.status = 'pending'
         AND (l.digest_id = ANY($2::uuid[]) OR (l.digest_id IS NULL AND l.recipient_id = ANY($3::uuid[]) AND l.reminder_date <= $4))`,
      [[...retried, ...fresh].map((r) => r.id), retried.map((r) => r.digest_id!), fresh.map((r) => r.id), digestDate],
    );
    const byRecipient = new Map<string, Pending[]>();
    for (const row of pending) {
      const list = byRecipient.get(row.recipient_id);
      if (list) list.push(row);
      else byRecipient.set(row.recipient_id, [row]);
    }
    const claims: Claim[] = retried.map((recipient) => ({
      recipient,
      digestId: recipient.digest_id!,
      messageId: recipient.message_id!,
      rows: (byRecipient.get(recipient.id) ?? []).filter((row) => row.digest_id === recipient.digest_id),
    }));

    const stale: string[] = [];
    const created: Claim[] = [];
    const weeklyDay = isWeeklyDigestDay(digestDate, calendar);
    for (const recipient of fresh) {
      const escalationsOnly = recipient.contact_preferences?.digest === 'weekly' && !weeklyDay;
      const candidates = (byRecipient.get(recipient.id) ?? []).filter((row) => row.digest_id === null && (!escalationsOnly || isEscalation(row.kind)));
      // A chaser whose return has come in since it was planned is dropped, as a reminder that no longer applies is.
      const isStale = (row: Pending) =>
        row.type === 'return'
          ? !row.missing
          : row.type === 'action'
            ? // A closed action, or one whose due date moved, is no longer what the reminder said.
              row.action.status === 'closed' || row.action.dueOn !== row.due_date_planned
            : !ReminderPlanner.stillApplies(
                { kind: row.kind, dueDate: row.due_date_planned },
                { dueDate: row.due_date, status: row.status, verified: row.verified, milestoneDates: row.milestones.map((m) => m.dueDate) },
              );
      const live = candidates.filter((row) => {
        if (!isStale(row)) return true;
        stale.push(row.id);
        return false;
      });
      // Never an empty digest.
      if (live.length === 0) nothingToSend.push(recipient.id);
      else created.push({ recipient, digestId: randomUUID(), messageId: `<digest.${randomUUID()}@improvement-plan-manager>`, rows: live });
    }
    if (stale.length) await manager.query(`UPDATE reminder_ledger SET status = 'dropped' WHERE id = ANY($1::uuid[])`, [stale]);
    if (created.length) {
      const tied = created.flatMap((claim) => claim.rows.map((row) => [row.id, claim.digestId]));
      await manager.query(
        `WITH digest AS (
           INSERT INTO reminder_digests (id, recipient_id, digest_date, status, message_id)
           SELECT d.id, d.recipient_id, $3, 'sending', d.message_id FROM unnest($1::uuid[], $2::uuid[], $4::text[]) AS d(id, recipient_id, message_id)
           RETURNING id
         )
         UPDATE reminder_ledger l SET digest_id = t.digest_id
           FROM unnest($5::uuid[], $6::uuid[]) AS t(ledger_id, digest_id)
          WHERE l.id = t.ledger_id AND t.digest_id IN (SELECT id FROM digest)`,
        [
          created.map((claim) => claim.digestId),
          created.map((claim) => claim.recipient.id),
          digestDate,
          created.map((claim) => claim.messageId),
          tied.map(([ledgerId]) => ledgerId),
          tied.map(([, digestId]) => digestId),
        ],
      );
    }
    // The rows just tied to each digest, in the order they were read: what a retry would read back.
    return { calendar, claims: [...claims, ...created], alreadySent, nothingToSend };
  }

  /** The person's ledger entries (locked for this digest) with their activities (and indicators) as they stand now, in plan order. */
  private async pendingRows(manager: EntityManager, where: string, params: unknown[]): Promise<Pending[]> {
    const all: Array<
      LedgerEntryOf & { id: string; kind: string; reminder_date: string; due_date_planned: string; activity_id: string | null; indicator_id: string | null; meeting_action_id: string | null; period: string | null }
    > = await manager.query(
        `SELECT l.id, l.recipient_id, l.digest_id, l.kind, l.reminder_date::text AS reminder_date, l.due_date::text AS due_date_planned, l.activity_id, l.indicator_id, l.meeting_action_id, l.period
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
          recipient_id: entry.recipient_id,
          digest_id: entry.digest_id,
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
          recipient_id: entry.recipient_id,
          digest_id: entry.digest_id,
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
    entries: Array<LedgerEntryOf & { id: string; kind: string; reminder_date: string; due_date_planned: string; indicator_id: string | null; period: string | null }>,
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
          recipient_id: entry.recipient_id,
          digest_id: entry.digest_id,
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

/** Back to the pool, or closed when given an error (pg destroys a client released with one). */
async function releaseQueryRunner(runner: QueryRunner, error: Error | undefined): Promise<void> {
  if (error && runner instanceof PostgresQueryRunner) {
    // TypeORM's release() takes no error; its Postgres runner's private release does, and closes the client.
    await (runner as unknown as { releasePostgresConnection(error: Error): Promise<void> }).releasePostgresConnection(error);
    return;
  }
  await runner.release();
}
