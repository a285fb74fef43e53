import { Module } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/** A person's in-app reminders: read and marked by the API and the web pages alike, written by the reminder scan. */
@Module({
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
