/** Writes a group of digests (and their reminders) as sent, in one transaction. */
export type WriteSent = (digestIds: string[], ledgerIds: string[]) => Promise<unknown>;

/** How long a group gathers before it is written. */
export const MARK_WINDOW_MS = 20;

/**
 * Marks digests sent as their emails are accepted, with group commit: those
 * the server takes within a window of MARK_WINDOW_MS (of all a worker's jobs)
 * are written together, and those taken while a write runs gather in a window
 * of their own before the next (written at once, they went a few at a time: at
 * four emails in flight, twice the transactions, each three statements and a
 * commit on PostgreSQL's share of the cores). A digest is marked within a
 * window and a transaction of the server's 250, so a crash resends as little
 * as before, while a batch costs a handful of transactions rather than one each.
 */
export class SentMarker {
  private waiting: Array<{ digestId: string; ledgerIds: string[]; done: (error?: unknown) => void }> = [];
  private running = false;

  constructor(
    private readonly write: WriteSent,
    private readonly windowMs = MARK_WINDOW_MS,
  ) {}

  /** Resolves once the digest is recorded as sent; rejects with the write's error (its whole group's). */
  sent(digestId: string, ledgerIds: string[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ digestId, ledgerIds, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length) {
      await new Promise<void>((resolve) => setTimeout(resolve, this.windowMs));
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.write(
          group.map((entry) => entry.digestId),
          group.flatMap((entry) => entry.ledgerIds),
        );
        for (const entry of group) entry.done();
      } catch (error) {
        for (const entry of group) entry.done(error ?? new Error('unknown'));
      }
    }
    this.running = false;
  }
}
