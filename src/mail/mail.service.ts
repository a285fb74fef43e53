import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import { createTransport } from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import * as path from 'path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { secretsOfSmtpUrl, toMailDeliveryError } from './mail-errors';
import { outboxFileName } from './outbox-file-name';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers such as Reply-To or an X- tag; the ones the service sets itself are refused. */
  headers?: Record<string, string>;
  /** A Message-ID fixed by the caller, so a retried send is recognisably the same message. */
  messageId?: string;
}

export interface MailReceipt {
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  delivered: 'smtp' | 'outbox';
  /** The .eml file written, in outbox mode. */
  path?: string;
}

// Letting a caller set these would let one message claim another sender or break its MIME structure.
const RESERVED_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'subject',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

type Mode =
  | { kind: 'smtp'; transporter: Transporter; secrets: string[] }
  | { kind: 'outbox'; transporter: Transporter; directory: string }
  | { kind: 'off' };

/**
 * Sends the product's email. With SMTP_URL every message goes to that server
 * over one pooled transport; without it (demo, development, tests) each message
 * becomes an .eml file under DATA_DIR/outbox that a person can open in a mail
 * client. In production without SMTP_URL sending fails: a council must not
 * believe reminders went out when they were only written to disk.
 */
@Injectable()
export class MailService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MailService');
  private readonly mode: Mode;
  private sequence = 0;
  private lastStamp = '';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.mode = this.chooseMode();
  }

  onModuleInit(): void {
    switch (this.mode.kind) {
      case 'smtp':
        this.logger.log(`Email goes out through ${describeSmtpUrl(this.config.smtpUrl!)} as ${this.config.mailFrom}`);
        break;
      case 'outbox':
        this.logger.log(`Email is written to ${this.mode.directory} (SMTP_URL is not set)`);
        break;
      case 'off':
        this.logger.warn('Email is off: SMTP_URL is not set, so every attempt to send email will fail');
        break;
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.mode.kind !== 'off') this.mode.transporter.close();
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    const recipients = (Array.isArray(message.to) ? message.to : [message.to]).map((address) => address.trim()).filter(Boolean);
    if (recipients.length === 0) throw new Error('An email needs at least one recipient');
    const reserved = Object.keys(message.headers ?? {}).filter((name) => RESERVED_HEADERS.has(name.toLowerCase()));
    if (reserved.length > 0) throw new Error(`These headers are set by MailService and cannot be given: ${reserved.join(', ')}`);

    const options: SendMailOptions = {
      from: this.config.mailFrom,
      to: recipients,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      ...(message.messageId ? { messageId: message.messageId } : {}),
    };

    switch (this.mode.kind) {
      case 'off':
        throw new Error('Email is off: SMTP_URL is not set (NODE_ENV=production), so this message was not sent');
      case 'smtp':
        return this.sendBySmtp(this.mode.transporter, this.mode.secrets, options, recipients.length);
      case 'outbox':
        return this.writeToOutbox(this.mode.transporter, this.mode.directory, options, message.subject, recipients);
    }
  }

  private chooseMode(): Mode {
    const { smtpUrl } = this.config;
    if (smtpUrl) {
      const secrets = secretsOfSmtpUrl(smtpUrl);
      try {
        // One pool for the app's life: reminders go out in batches and should not pay a TLS handshake each;
        // its connections are how many emails are in flight at once (the digest jobs hand it a batch at a time).
        const transporter = createTransport({ url: smtpUrl, pool: true, maxConnections: this.config.smtpConnections }, { from: this.config.mailFrom });
        // An 'error' event with no listener would end the process; sends report their own failures anyway.
        transporter.on('error', (error: unknown) => {
          this.logger.warn(`SMTP transport: ${toMailDeliveryError(error, secrets).message}`);
        });
        return { kind: 'smtp', transporter, secrets };
      } catch (error) {
        throw toMailDeliveryError(error, secrets);
      }
    }
    if (this.config.nodeEnv === 'production') return { kind: 'off' };
    // The stream transport builds the exact bytes SMTP would carry, so an .eml is what a recipient would get.
    const transporter = createTransport({ streamTransport: true, buffer: true }, { from: this.config.mailFrom });
    return { kind: 'outbox', transporter, directory: path.join(this.config.dataDir, 'outbox') };
  }

  private async sendBySmtp(
    transporter: Transporter,
    secrets: string[],
    options: SendMailOptions,
    recipientCount: number,
  ): Promise<MailReceipt> {
    let info: { messageId: string };
    try {
      info = await transporter.sendMail(options);
    } catch (error) {
      throw toMailDeliveryError(error, secrets);
    }
    // Addresses are personal data: production logs get the Message-ID only.
    this.logger.debug(`Sent ${info.messageId} to ${recipientCount} recipient(s) by SMTP`);
    return { messageId: info.messageId, delivered: 'smtp' };
  }

  private async writeToOutbox(
    transporter: Transporter,
    directory: string,
    options: SendMailOptions,
    subject: string,
    recipients: string[],
  ): Promise<MailReceipt> {
    const info = (await transporter.sendMail(options)) as { messageId: string; message: Buffer };
    await fs.mkdir(directory, { recursive: true });
    const file = await this.writeExclusively(directory, info.message, subject);
    // Never the body: it may hold a one-time sign-in link.
    this.logger.log(`Email "${subject}" for ${recipients.join(', ')} written to ${file}`);
    return { messageId: info.messageId, delivered: 'outbox', path: file };
  }

  /**
   * Writes under a temporary name, then hard-links to the final one: a test or
   * person watching the folder never reads half a message, and two instances
   * sharing DATA_DIR never overwrite each other's files (link refuses an
   * existing name, so we take the next).
   */
  private async writeExclusively(directory: string, content: Buffer, subject: string): Promise<string> {
    const temporary = path.join(directory, `.${randomBytes(8).toString('hex')}.part`);
    await fs.writeFile(temporary, content, { flag: 'wx' });
    try {
      for (;;) {
        const file = path.join(directory, this.nextFileName(subject));
        try {
          await fs.link(temporary, file);
          return file;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') continue;
          if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
            // Some mounted shares have no hard links; rename is still atomic, only not exclusive.
            await fs.rename(temporary, file);
            return file;
          }
          throw error;
        }
      }
    } finally {
      await fs.rm(temporary, { force: true });
    }
  }

  private nextFileName(subject: string): string {
    const now = new Date();
    const stamp = now.toISOString();
    // Several messages in one millisecond still sort in the order they were sent.
    this.sequence = stamp === this.lastStamp ? this.sequence + 1 : 0;
    this.lastStamp = stamp;
    return outboxFileName(now, this.sequence, subject);
  }
}

/** smtp://mail.example.org:587, without user name or password, for logs. */
function describeSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the configured SMTP server';
  }
}
