import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/**
 * Global so that any feature (reminders, sign-in links, reviews) can inject
 * MailService without importing this module. It imports nothing: APP_CONFIG
 * comes from the global AppModule.
 */
@Global()
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
