import { CalendarDate, todayInLondon } from '../deadlines';

/**
 * The time, for the application. Times that go on the record (when an update
 * was made, when the standing changed) are stamped by the database, so two API
 * servers whose clocks differ cannot put the record out of order; `stamp()` is
 * null then. Tests may fix the clock to record what happened on a past date.
 */
export abstract class Clock {
  abstract now(): Date;

  /** The time to write on the record, or null to let the database stamp it. */
  abstract stamp(): Date | null;

  /** Today in London: the default "as of" date. */
  today(): CalendarDate {
    return todayInLondon(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }

  stamp(): null {
    return null;
  }
}

/** Only ever built for NODE_ENV=test (see AppModule). */
export class TestClock extends Clock {
  private fixed: Date | null = null;

  /** Everything done from now on is recorded at `at` (an ISO instant or a London date at noon). */
  set(at: string | Date): void {
    this.fixed = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00Z`) : new Date(at);
    if (Number.isNaN(this.fixed.getTime())) throw new TypeError(`Not a time: ${String(at)}`);
  }

  reset(): void {
    this.fixed = null;
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  stamp(): Date | null {
    return this.fixed ? new Date(this.fixed) : null;
  }
}
