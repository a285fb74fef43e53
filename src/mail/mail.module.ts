import { Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing mail, for the features that send it (sign-in links, reminders). APP_CONFIG comes from the global AppModule. */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
