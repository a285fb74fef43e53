import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ReachModule } from '../accounts/reach/reach.module';
import { ActionRemindersModule } from '../boards/action-reminders';
import { IndicatorsModule } from '../indicators/indicators.module';
import { MailModule } from '../mail/mail.module';
import { ProgressModule } from '../progress/progress.module';
import { QueueModule } from '../queue/queue.module';
import { NotificationsModule } from './notifications.module';
import { DigestSender } from './digest-sender.service';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderProcessor } from './reminder.processor';
import { RemindersController } from './reminders.controller';
import { REMINDER_QUEUE, RemindersService } from './reminders.service';

/**
 * Deadline reminders and escalations. Its queue is registered with the shared
 * QueueModule when there is a Redis; the worker (processor) runs in the API
 * process unless REMINDER_WORKER=off, so API and workers can scale separately.
 */
@Module({})
export class RemindersModule {
  /** For the API: the admin and notification endpoints, and the worker too when REMINDER_WORKER=inline. */
  static register(config: AppConfig): DynamicModule {
    return RemindersModule.build(config, { controllers: true, processor: config.reminderWorker === 'inline' });
  }

  /** For `npm run worker`: the scan and the digests, no endpoints. */
  static worker(config: AppConfig): DynamicModule {
    return RemindersModule.build(config, { controllers: false, processor: true });
  }

  private static build(config: AppConfig, parts: { controllers: boolean; processor: boolean }): DynamicModule {
    return {
      module: RemindersModule,
      imports: [ProgressModule, ReachModule, IndicatorsModule, ActionRemindersModule, MailModule, NotificationsModule, QueueModule.registerQueue(config, { name: REMINDER_QUEUE, title: 'reminder queue' })],
      controllers: parts.controllers ? [RemindersController] : [],
      providers: [ReminderPlanner, DigestSender, RemindersService, ...(config.redisUrl && parts.processor ? [ReminderProcessor] : [])],
      exports: [RemindersService],
    };
  }
}
