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
  /**
   * The next `count` messages are received in full and then held: the server
   * does not answer the end of DATA (no 250) until `release()`, as a slow server
   * would. A message whose sender hangs up while it is held was never accepted:
   * it goes to `abandoned`, not `messages`.
   */
  holdNext(count: number): void;
  /** Messages being held now, oldest first. */
  held: ReceivedMail[];
  /** Resolves once `count` messages are being held at the same time. */
  waitForHeld(count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Accepts every message being held (each gets its 250) and stops holding new ones. */
  release(): void;
  /** Held messages whose sender hung up before they were accepted. */
  abandoned: ReceivedMail[];
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
  let toHold = 0;
  const held: ReceivedMail[] = [];
  const abandoned: ReceivedMail[] = [];
  // Per held message: its session, and how to accept it.
  const holding = new Map<ReceivedMail, { sessionId: string; accept: () => void }>();
  const heldWaiters = new Set<() => void>();
  const accept = (mail: ReceivedMail, callback: () => void): void => {
    messages.push(mail);
    for (const waiter of [...waiters]) waiter(mail);
    callback();
  };

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
    onClose(session) {
      // The sender hung up (or was killed) while its message was held: it was never accepted.
      for (const [mail, entry] of [...holding]) {
        if (entry.sessionId !== session.id) continue;
        holding.delete(mail);
        held.splice(held.indexOf(mail), 1);
        abandoned.push(mail);
      }
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
            if (toHold > 0) {
              toHold -= 1;
              held.push(mail);
              holding.set(mail, { sessionId: session.id, accept: () => accept(mail, () => callback()) });
              for (const waiter of [...heldWaiters]) waiter();
              return;
            }
            accept(mail, () => callback());
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
    holdNext(count) {
      toHold = count;
    },
    held,
    abandoned,
    waitForHeld(count = 1, timeoutMs = 15000) {
      if (held.length >= count) return Promise.resolve([...held]);
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const waiter = (): void => {
          if (held.length < count) return;
          clearTimeout(timer);
          heldWaiters.delete(waiter);
          resolve([...held]);
        };
        const timer = setTimeout(() => {
          heldWaiters.delete(waiter);
          reject(new Error(`${held.length} of ${count} messages held within ${timeoutMs} ms; received: ${messages.length}`));
        }, timeoutMs);
        heldWaiters.add(waiter);
      });
    },
    release() {
      toHold = 0;
      const releasing = [...holding.values()];
      holding.clear();
      held.length = 0;
      for (const entry of releasing) entry.accept();
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
