import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ReachModule } from '../accounts/reach/reach.module';
import { MailModule } from '../mail/mail.module';
import { ProgressModule } from '../progress/progress.module';
import { DigestSender } from './digest-sender.service';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderProcessor } from './reminder.processor';
import { RemindersController } from './reminders.controller';
import { REMINDER_QUEUE, RemindersService } from './reminders.service';

/**
 * Deadline reminders and escalations. The queue is registered once, when
 * there is a Redis; the worker (processor) runs in this process unless
 * REMINDER_WORKER=off, so API and workers can scale separately.
 */
@Module({})
export class RemindersModule {
  static register(config: AppConfig): DynamicModule {
    const queueOn = !!config.redisUrl;
    return {
      module: RemindersModule,
      global: true,
      imports: [
        ProgressModule,
        ReachModule,
        MailModule,
        ...(queueOn
        ? [
            BullModule.forRoot({
              url: config.redisUrl,
              prefix: config.queuePrefix,
              settings: { lockDuration: config.queueLockMs, stalledInterval: config.queueLockMs, maxStalledCount: 3 },
            }),
            BullModule.registerQueue({ name: REMINDER_QUEUE }),
          ]
        : []),
      ],
      controllers: [RemindersController],
      providers: [ReminderPlanner, DigestSender, RemindersService, ...(queueOn && config.reminderWorker === 'inline' ? [ReminderProcessor] : [])],
      exports: [RemindersService],
    };
  }
}
