import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { CalendarDate, todayInLondon } from '../deadlines';
import { DigestSender } from './digest-sender.service';
import { REMINDER_QUEUE, RemindersService } from './reminders.service';

/** Small, idempotent jobs: Redis and workers restart. */
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

  @Process({ name: 'digest', concurrency: 16 })
  digest(job: Job<{ recipientId: string; digestDate: CalendarDate }>) {
    return this.sender.send(job.data.recipientId, job.data.digestDate);
  }
}
