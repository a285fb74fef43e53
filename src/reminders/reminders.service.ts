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
 * Runs the scan and feeds the queue. The queue only carries "send this
 * person's digest for this day" (job id digest:<person>:<day>, so it can never
 * be queued twice); what to say lives in PostgreSQL.
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
    for (const recipientId of recipients) {
      // Redis lost mid-scan: 503, and the next scan queues what this one could not (the ledger remembers what is pending).
      await queue.run((bull) =>
        bull.add(
          'digest',
          { recipientId, digestDate: asOf },
          {
            jobId: `digest:${recipientId}:${asOf}`,
            attempts: this.config.reminderAttempts,
            backoff: { type: 'exponential', delay: this.config.reminderRetryDelayMs },
            removeOnComplete: 1000,
            removeOnFail: false,
          },
        ),
      );
    }
    this.logger.log(`Scan for ${asOf}: ${remindersPlanned} reminders planned over ${daysCovered.length} day(s), ${recipients.length} digests queued`);
    return { asOf, daysCovered, remindersPlanned, digestsQueued: recipients.length };
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
