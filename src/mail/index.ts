export { MailModule } from './mail.module';
export { MailService } from './mail.service';
export type { MailMessage, MailReceipt } from './mail.service';
export { MailDeliveryError } from './mail-errors';
