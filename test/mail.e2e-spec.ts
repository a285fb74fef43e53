import { DynamicModule, Logger, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { simpleParser } from 'mailparser';
import { tmpdir } from 'os';
import * as path from 'path';
import { APP_CONFIG, AppConfig, loadConfig } from '../src/config/app-config';
import { MailDeliveryError, MailModule, MailService } from '../src/mail';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';

// Stands in for AppModule, which provides APP_CONFIG globally in the real app.
@Module({})
class ConfigModule {
  static with(config: AppConfig): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

const MAIL_FROM = 'Southampton Improvement Plans <plans@southampton.example>';
const SIGN_IN_LINK = 'https://ipm.example/sign-in?token=one-time-7f3a9c';

describe('MailService', () => {
  let dataDir: string;
  let listener: SmtpListener;
  const open: TestingModule[] = [];

  async function startMail(overrides: Partial<AppConfig>): Promise<MailService> {
    const config: AppConfig = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
      dataDir,
      mailFrom: MAIL_FROM,
      ...overrides,
    };
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.with(config), MailModule] }).compile();
    await moduleRef.init();
    open.push(moduleRef);
    return moduleRef.get(MailService);
  }

  beforeAll(async () => {
    listener = await startSmtpListener();
  });
  afterAll(() => listener.stop());

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-mail-'));
    listener.clear();
    listener.rejectNext(0);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(open.splice(0).map((moduleRef) => moduleRef.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('with SMTP_URL', () => {
    it('delivers subject, text, html, headers and From to a real SMTP server', async () => {
      const mail = await startMail({ smtpUrl: listener.url });

      const receipt = await mail.send({
        to: 'lead.officer@southampton.example',
        subject: 'Overdue actions for SCC – CSL Directorate',
        text: `3 actions are overdue. Sign in: ${SIGN_IN_LINK}`,
        html: `<p>3 actions are overdue. <a href="${SIGN_IN_LINK}">Sign in</a></p>`,
        headers: { 'X-IPM-Reminder': 'overdue-digest' },
      });

      expect(receipt).toEqual({ messageId: expect.stringMatching(/^<.+@.+>$/), delivered: 'smtp' });
      const received = await listener.waitFor((m) => m.subject === 'Overdue actions for SCC – CSL Directorate');
      expect(received.from).toBe('"Southampton Improvement Plans" <plans@southampton.example>');
      expect(received.to).toEqual(['lead.officer@southampton.example']);
      expect(received.text.trim()).toBe(`3 actions are overdue. Sign in: ${SIGN_IN_LINK}`);
      expect(received.html).toContain(`<a href="${SIGN_IN_LINK}">Sign in</a>`);
      expect(received.headers['x-ipm-reminder']).toBe('overdue-digest');
      expect(received.headers['message-id']).toBe(receipt.messageId);
      expect(existsSync(path.join(dataDir, 'outbox'))).toBe(false);
    });

    it('delivers one message to several recipients', async () => {
      const mail = await startMail({ smtpUrl: listener.url });

      await mail.send({
        to: ['director@southampton.example', 'board@lscb.example', 'police.liaison@hampshire.example'],
        subject: 'Plan published',
        text: 'The improvement plan has been published.',
      });

      const received = await listener.waitFor((m) => m.subject === 'Plan published');
      expect(received.to).toEqual(['director@southampton.example', 'board@lscb.example', 'police.liaison@hampshire.example']);
      expect(received.headers.to).toContain('board@lscb.example');
      expect(listener.messages).toHaveLength(1);
    });

    it('rejects when the server refuses the message, and delivers again once it accepts', async () => {
      const mail = await startMail({ smtpUrl: listener.url });
      listener.rejectNext(1);

      const failure = await mail.send({ to: 'a@southampton.example', subject: 'First try', text: 'x' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MailDeliveryError);
      expect(failure).toMatchObject({ responseCode: 451, permanent: false });
      expect(listener.messages).toHaveLength(0);

      await expect(mail.send({ to: 'a@southampton.example', subject: 'Second try', text: 'x' })).resolves.toMatchObject({
        delivered: 'smtp',
      });
      await listener.waitFor((m) => m.subject === 'Second try');
    });

    it('rejects when no server listens', async () => {
      const down = await startSmtpListener();
      await down.stop();
      const mail = await startMail({ smtpUrl: down.url });

      await expect(mail.send({ to: 'a@southampton.example', subject: 'Nobody home', text: 'x' })).rejects.toBeInstanceOf(
        MailDeliveryError,
      );
    });

    describe('keeps the SMTP password out of errors', () => {
      const password = 'Tr0ub4dor&3:horse';
      const forms = [
        password,
        encodeURIComponent(password),
        Buffer.from(password).toString('base64'),
        Buffer.from(`\u0000reminders\u0000${password}`).toString('base64'),
      ];
      const withPassword = (url: string): string => url.replace('smtp://', `smtp://reminders:${encodeURIComponent(password)}@`);

      function expectNoPassword(error: unknown): void {
        expect(error).toBeInstanceOf(MailDeliveryError);
        const shown = [String(error), (error as Error).stack, JSON.stringify(error)].join('\n');
        for (const form of forms) expect(shown).not.toContain(form);
      }

      it('when the server refuses the message after a successful login', async () => {
        const mail = await startMail({ smtpUrl: withPassword(listener.url) });
        await mail.send({ to: 'a@southampton.example', subject: 'Logged in', text: 'x' });
        expect((await listener.waitFor((m) => m.subject === 'Logged in')).user).toBe('reminders');

        listener.rejectNext(1);
        const failure = await mail.send({ to: 'a@southampton.example', subject: 'Refused', text: 'x' }).catch((e: unknown) => e);

        expectNoPassword(failure);
        expect(failure).toMatchObject({ responseCode: 451 });
      });

      it('when the server refuses the login', async () => {
        const strict = await startSmtpListener({ users: { reminders: 'the-right-one' } });
        try {
          const mail = await startMail({ smtpUrl: withPassword(strict.url) });

          const failure = await mail.send({ to: 'a@southampton.example', subject: 'Wrong password', text: 'x' }).catch((e: unknown) => e);

          expectNoPassword(failure);
          expect(failure).toMatchObject({ code: 'EAUTH', responseCode: 535 });
          expect(strict.messages).toHaveLength(0);
        } finally {
          await Promise.all(open.splice(0).map((moduleRef) => moduleRef.close()));
          await strict.stop();
        }
      });

      it('when the server cannot be reached', async () => {
        const down = await startSmtpListener();
        await down.stop();
        const mail = await startMail({ smtpUrl: withPassword(down.url) });

        const failure = await mail.send({ to: 'a@southampton.example', subject: 'Unreachable', text: 'x' }).catch((e: unknown) => e);

        expectNoPassword(failure);
        expect((failure as Error).message).not.toBe('');
      });
    });
  });

  describe('without SMTP_URL', () => {
    it('writes an .eml a mail client can open, named by time and subject, and logs where without the body', async () => {
      const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const mail = await startMail({ smtpUrl: undefined, nodeEnv: 'development' });

      const receipt = await mail.send({
        to: ['lead.officer@southampton.example', 'deputy@southampton.example'],
        subject: 'Your sign-in link: Improvement Plan Manager',
        text: `Sign in within 15 minutes: ${SIGN_IN_LINK}`,
        html: `<p><a href="${SIGN_IN_LINK}">Sign in</a></p>`,
      });

      expect(receipt.delivered).toBe('outbox');
      expect(path.dirname(receipt.path!)).toBe(path.join(dataDir, 'outbox'));
      expect(path.basename(receipt.path!)).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-000-your-sign-in-link-improvement-plan-manager\.eml$/,
      );
      const parsed = await simpleParser(readFileSync(receipt.path!));
      expect(parsed.subject).toBe('Your sign-in link: Improvement Plan Manager');
      expect(parsed.text?.trim()).toBe(`Sign in within 15 minutes: ${SIGN_IN_LINK}`);
      expect(parsed.html).toContain(SIGN_IN_LINK);
      expect(parsed.from?.text).toBe('"Southampton Improvement Plans" <plans@southampton.example>');
      expect(parsed.messageId).toBe(receipt.messageId);
      expect(readFileSync(receipt.path!, 'latin1')).toContain('\r\n\r\n');

      const lines = logged.mock.calls.map((call) => String(call[0]));
      expect(lines.some((line) => line.includes(receipt.path!))).toBe(true);
      expect(lines.join('\n')).not.toContain('one-time-7f3a9c');
    });

    it('names files so that they sort in the order they were sent, leaving no partial files', async () => {
      const mail = await startMail({ smtpUrl: undefined });
      const subjects = ['First', 'Second', 'Third', 'Fourth', 'Fifth'];

      const written: string[] = [];
      for (const subject of subjects) written.push((await mail.send({ to: 'a@southampton.example', subject, text: 'x' })).path!);

      const files = readdirSync(path.join(dataDir, 'outbox'));
      expect(files).toHaveLength(subjects.length);
      expect([...files].sort()).toEqual(written.map((file) => path.basename(file)));
    });

    it('in production refuses to send, says so at start-up, and writes nothing', async () => {
      const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const mail = await startMail({ smtpUrl: undefined, nodeEnv: 'production' });
      expect(warned.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringContaining('Email is off')]);

      await expect(mail.send({ to: 'a@southampton.example', subject: 'Reminder', text: 'x' })).rejects.toThrow(/Email is off/);
      expect(existsSync(path.join(dataDir, 'outbox'))).toBe(false);
    });
  });

  it('refuses a message with no recipient or with a header it sets itself', async () => {
    const mail = await startMail({ smtpUrl: listener.url });

    await expect(mail.send({ to: [], subject: 'Nobody', text: 'x' })).rejects.toThrow(/at least one recipient/);
    await expect(mail.send({ to: 'a@southampton.example', subject: 'Spoof', text: 'x', headers: { from: 'ceo@elsewhere.example' } })).rejects.toThrow(
      /cannot be given: from/,
    );
    expect(listener.messages).toHaveLength(0);
  });
});
