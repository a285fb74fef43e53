import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { CalendarDate, todayInLondon } from '../deadlines';
import { DigestSender } from './digest-sender.service';
import { REMINDER_QUEUE, RemindersService } from './reminders.service';

/**
 * Idempotent jobs: Redis and workers restart. Bull shares a worker's slots
 * among the job names (a slot takes whichever job is next), so these
 * concurrencies add up to how many jobs a worker runs at once; each digest
 * job holds one database connection while it runs.
 */
@Processor(REMINDER_QUEUE)
export class ReminderProcessor {
  constructor(
    private readonly reminders: RemindersService,
    private readonly sender: DigestSender,
  ) {}

  @Process({ name: 'scan', concurrency: 1 })
  scan(job: Job<{ asOf?: CalendarDate }>) {
    return this.reminders.runScan(job.data.asOf ?? todayInLondon());
  }

  /**
   * Several people's digests for a day (what the scan queues). A person whose
   * email the server refused gets a job of their own (`digest`), retried and
   * kept for an admin like any digest; the others are sent and stay sent.
   * When that job cannot be queued, this one fails and its retry resends what
   * is still unsent.
   */
  @Process({ name: 'digests', concurrency: 3 })
  async digests(job: Job<{ recipientIds: string[]; digestDate: CalendarDate }>) {
    const { recipientIds, digestDate } = job.data;
    const result = await this.sender.sendMany(recipientIds, digestDate);
    const notQueued: string[] = [];
    for (const { recipientId } of result.failed) {
      if (!(await this.reminders.queueDigestAlone(job.queue, recipientId, digestDate))) notQueued.push(recipientId);
    }
    if (notQueued.length) throw new Error(`${notQueued.length} of the digests failed and could not be queued on their own; this job retries them`);
    return {
      sent: result.sent.length,
      alreadySent: result.alreadySent.length,
      nothingToSend: result.nothingToSend.length,
      inFlightElsewhere: result.inFlightElsewhere.length,
      retryingAlone: result.failed.map(({ recipientId, error }) => ({ recipientId, reason: error.message })),
    };
  }

  /** One person's digest: a retry of one that failed in a batch, or one queued before digests went in batches. */
  @Process({ name: 'digest', concurrency: 1 })
  digest(job: Job<{ recipientId: string; digestDate: CalendarDate }>) {
    return this.sender.send(job.data.recipientId, job.data.digestDate);
  }
}
