import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap, Optional, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CalendarDate } from '../deadlines';
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
    @Optional() @InjectQueue(REMINDER_QUEUE) private readonly queue?: Queue,
  ) {}

  get enabled(): boolean {
    return !!this.queue;
  }

  /** The worker registers the daily scan once; Bull keeps one repeatable job per cron and time zone. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue) {
      this.logger.warn(
        'Reminders are off: no Redis. Set REDIS_URL (or install redis-server, e.g. apt-get install redis-server, for the demo) to send deadline reminders.',
      );
      return;
    }
    if (this.config.reminderWorker === 'inline' && this.config.reminderCron !== 'off') {
      await this.registerDailyScan();
      // A Redis that comes back without its data (a flush, a failover) has forgotten
      // the repeatable job: register it again on every reconnect, or reminders stop silently.
      this.queue.client.on('ready', () => {
        this.registerDailyScan().catch((error: unknown) => this.logger.error(`Could not register the daily scan again: ${String(error)}`));
      });
    }
  }

  /** Idempotent: Bull keeps one repeatable job per name, cron and time zone. */
  private async registerDailyScan(): Promise<void> {
    await this.queue!.add('scan', {}, { repeat: { cron: this.config.reminderCron, tz: 'Europe/London' }, removeOnComplete: 50, removeOnFail: 50 });
  }

  async runScan(asOf: CalendarDate): Promise<ScanResult> {
    if (!this.queue) throw new ServiceUnavailableException('Reminders are off: this installation has no Redis (set REDIS_URL)');
    // Fail fast rather than wait in the Redis client's offline queue for minutes.
    if ((await this.queueHealth()) !== 'up') throw new ServiceUnavailableException('Redis is not answering; the scan will run when it is back');
    const calendar = await this.planner.calendar();
    const daysCovered = await this.planner.daysToCover(asOf, calendar);
    let remindersPlanned = 0;
    for (const day of daysCovered) remindersPlanned += await this.planner.planDay(day, calendar);
    await this.planner.recordScan(asOf);
    const recipients = calendar.isWorkingDay(asOf) ? await this.planner.recipientsForDigest(asOf, calendar) : [];
    for (const recipientId of recipients) {
      await this.queue.add(
        'digest',
        { recipientId, digestDate: asOf },
        {
          jobId: `digest:${recipientId}:${asOf}`,
          attempts: this.config.reminderAttempts,
          backoff: { type: 'exponential', delay: this.config.reminderRetryDelayMs },
          removeOnComplete: 1000,
          removeOnFail: false,
        },
      );
    }
    this.logger.log(`Scan for ${asOf}: ${remindersPlanned} reminders planned over ${daysCovered.length} day(s), ${recipients.length} digests queued`);
    return { asOf, daysCovered, remindersPlanned, digestsQueued: recipients.length };
  }

  async failedJobs() {
    if (!this.queue) throw new ServiceUnavailableException('Reminders are off: this installation has no Redis (set REDIS_URL)');
    const jobs = await this.queue.getFailed();
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
    if (!this.queue) throw new ServiceUnavailableException('Reminders are off: this installation has no Redis (set REDIS_URL)');
    const job = await this.queue.getJob(jobId);
    if (!job || !(await job.isFailed())) throw new NotFoundException(`No failed job with id ${jobId}`);
    await job.retry();
  }

  async queueHealth(): Promise<'up' | 'down' | 'off'> {
    if (!this.queue) return 'off';
    try {
      const client = this.queue.client;
      await Promise.race([client.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
