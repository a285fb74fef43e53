import { AddressInfo } from 'net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The From header as text, e.g. `"Improvement Plan Manager" <no-reply@localhost>`. */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are here too. */
  to: string[];
  subject: string;
  text: string;
  html: string | undefined;
  /** Header values by lower-case name, as written (not decoded); a repeated header keeps its last value. */
  headers: Record<string, string>;
  /** The user name the client authenticated as, if it did. */
  user: string | undefined;
  raw: string;
}

export interface SmtpListener {
  /** smtp://127.0.0.1:PORT */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the first message, already received or still to come, that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  clear(): void;
  /** The next `count` messages are refused with 451 (a temporary failure), as a struggling server would. */
  rejectNext(count: number): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port, for tests that must prove mail
 * leaves the app over the wire. Plain text; any or no credentials are accepted
 * unless `users` (user name to password) is given, when others get a 535.
 */
export async function startSmtpListener(options: { users?: Record<string, string> } = {}): Promise<SmtpListener> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<(mail: ReceivedMail) => void>();
  let toReject = 0;

  const server = new SMTPServer({
    authOptional: true,
    // No TLS here, yet a URL with a password must still be able to log in.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.users && options.users[auth.username ?? ''] !== auth.password) {
        callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
        return;
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      if (toReject > 0) {
        toReject -= 1;
        const refusal = Object.assign(new Error('Mailbox temporarily unavailable, try again later'), { responseCode: 451 });
        callback(refusal);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const { key, line } of parsed.headerLines) {
              headers[key] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
            }
            const mail: ReceivedMail = {
              from: parsed.from?.text ?? '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: parsed.html || undefined,
              headers,
              user: typeof session.user === 'string' ? session.user : undefined,
              raw: raw.toString('utf8'),
            };
            messages.push(mail);
            for (const waiter of [...waiters]) waiter(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter = (mail: ReceivedMail): void => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = messages.map((mail) => JSON.stringify(mail.subject)).join(', ') || 'none';
          reject(new Error(`No matching email within ${timeoutMs} ms; received: ${seen}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear() {
      messages.length = 0;
    },
    rejectNext(count) {
      toReject = count;
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A pooled client keeps idle connections open; without this, close waits out its 30 s grace period.
        for (const connection of server.connections) {
          connection.send(421, 'Server shutting down');
          connection.close();
        }
      });
    },
  };
}
