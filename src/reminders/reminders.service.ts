import { createHash } from 'crypto';
import type { JobOptions, Queue } from 'bull';
import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CalendarDate } from '../deadlines';
import { QueueRegistry, RegisteredQueue } from '../queue/queue-registry';
import { ReminderPlanner } from './reminder-planner.service';

export const REMINDER_QUEUE = 'reminders';

export interface ScanResult {
  asOf: CalendarDate;
  daysCovered: CalendarDate[];
  remindersPlanned: number;
  digestsQueued: number;
}

/**
 * Runs the scan and feeds the queue. The queue only carries "send these
 * people's digests for this day" (job id digests:<day>:<hash of the people>,
 * so the same batch is never queued twice), and "send this person's digest"
 * for one that failed in a batch (digest:<person>:<day>); what to say lives
 * in PostgreSQL, and a digest is claimed once whichever jobs name it.
 */
@Injectable()
export class RemindersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly planner: ReminderPlanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {}

  /** The reminder queue, absent without Redis. Every call a request makes through it is bounded (503 while Redis is down). */
  private get queue(): RegisteredQueue | undefined {
    return this.queues.get(REMINDER_QUEUE);
  }

  private queueOrRefuse(): RegisteredQueue {
    if (!this.queue) throw new ServiceUnavailableException('Reminders are off: this installation has no Redis (set REDIS_URL)');
    return this.queue;
  }

  /** The worker registers the daily scan once; Bull keeps one repeatable job per cron and time zone. */
  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queue;
    if (!queue) {
      this.logger.warn(
        'Reminders are off: no Redis. Set REDIS_URL (or install redis-server, e.g. apt-get install redis-server, for the demo) to send deadline reminders.',
      );
      return;
    }
    if (this.config.reminderWorker === 'inline' && this.config.reminderCron !== 'off') {
      // A Redis that comes back without its data (a flush, a failover) has forgotten
      // the repeatable job: register it again on every reconnect, or reminders stop silently.
      // That also registers it once Redis is up when it was down at start-up, which must not stop the start.
      queue.bull.client.on('ready', () => {
        this.registerDailyScan(queue).catch((error: unknown) => this.logger.error(`Could not register the daily scan again: ${String(error)}`));
      });
      await this.registerDailyScan(queue).catch((error: unknown) =>
        this.logger.warn(`The daily scan will be registered when Redis is back: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  /** Idempotent: Bull keeps one repeatable job per name, cron and time zone. */
  private async registerDailyScan(queue: RegisteredQueue): Promise<void> {
    await queue.run((bull) =>
      bull.add('scan', {}, { repeat: { cron: this.config.reminderCron, tz: 'Europe/London' }, removeOnComplete: 50, removeOnFail: 50 }),
    );
  }

  async runScan(asOf: CalendarDate): Promise<ScanResult> {
    const queue = this.queueOrRefuse();
    // Refuse at once while Redis is down, before planning anything.
    await queue.ensureUp();
    const calendar = await this.planner.calendar();
    const daysCovered = await this.planner.daysToCover(asOf, calendar);
    let remindersPlanned = 0;
    for (const day of daysCovered) remindersPlanned += await this.planner.planDay(day, calendar);
    await this.planner.recordScan(asOf);
    const recipients = calendar.isWorkingDay(asOf) ? await this.planner.recipientsForDigest(asOf, calendar) : [];
    // The people in id order, a job per REMINDER_DIGESTS_PER_JOB of them: each job claims, sends and marks its digests together.
    const batches: string[][] = [];
    for (let start = 0; start < recipients.length; start += this.config.reminderDigestsPerJob) batches.push(recipients.slice(start, start + this.config.reminderDigestsPerJob));
    if (batches.length) {
      // Redis lost mid-scan: 503, and the next scan queues what this one could not (the ledger remembers what is pending).
      await queue.run((bull) =>
        bull.addBulk(
          batches.map((recipientIds) => ({
            name: 'digests',
            data: { recipientIds, digestDate: asOf },
            // The same people on the same day are one job, however many scans queue them.
            opts: { jobId: `digests:${asOf}:${createHash('sha256').update(recipientIds.join(',')).digest('hex').slice(0, 20)}`, ...this.digestJobOptions() },
          })),
        ),
      );
    }
    this.logger.log(`Scan for ${asOf}: ${remindersPlanned} reminders planned over ${daysCovered.length} day(s), ${recipients.length} digests queued in ${batches.length} job(s)`);
    return { asOf, daysCovered, remindersPlanned, digestsQueued: recipients.length };
  }

  /** Every digest job's retries: exponential backoff, and kept for an admin when the last attempt fails. */
  private digestJobOptions(): JobOptions {
    return {
      attempts: this.config.reminderAttempts,
      backoff: { type: 'exponential', delay: this.config.reminderRetryDelayMs },
      removeOnComplete: 1000,
      removeOnFail: false,
    };
  }

  /**
   * A person whose digest failed in a batch: a job of their own, id
   * digest:<person>:<day>, first tried a retry delay from now, then retried
   * and kept for an admin as any digest. A failed job already there for the
   * day stands (an admin sees it; retrying it sends); one completed earlier
   * in the day (nothing to send then) gives way. False when the job could
   * not be queued (Redis down, or that person's job running right now), so
   * the batch's own retry resends the digest.
   */
  async queueDigestAlone(bull: Queue, recipientId: string, digestDate: CalendarDate): Promise<boolean> {
    const jobId = `digest:${recipientId}:${digestDate}`;
    try {
      const existing = await bull.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state === 'failed' || state === 'waiting' || state === 'delayed' || state === 'paused') return true;
        if (state !== 'completed') return false;
        await existing.remove();
      }
      await bull.add('digest', { recipientId, digestDate }, { jobId, delay: this.config.reminderRetryDelayMs, ...this.digestJobOptions() });
      return true;
    } catch (error) {
      this.logger.warn(`Could not queue the ${digestDate} digest of user ${recipientId} on its own: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  async failedJobs() {
    const jobs = await this.queueOrRefuse().run((bull) => bull.getFailed());
    return jobs.map((job) => ({
      id: String(job.id),
      name: job.name,
      data: job.data as Record<string, unknown>,
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason ?? null,
      finishedOn: job.finishedOn ? new Date(job.finishedOn) : null,
    }));
  }

  async retry(jobId: string): Promise<void> {
    await this.queueOrRefuse().run(async (bull) => {
      const job = await bull.getJob(jobId);
      if (!job || !(await job.isFailed())) throw new NotFoundException(`No failed job with id ${jobId}`);
      await job.retry();
    });
  }
}
