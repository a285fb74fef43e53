import { HttpException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { connectionState, redisDownReason } from './redis-connection';

/** How a feature names its queue: `name` is Bull's (and Redis's), `title` is what an admin reads ("reminder queue"). */
export interface QueueRegistration {
  name: string;
  title: string;
}

export type QueueHealth = { up: true } | { up: false; reason: string };

class DeadlinePassed extends Error {}

/**
 * A feature's Bull queue, with every call a request makes to Redis bounded in
 * time. While Redis is down, ioredis keeps commands in its offline queue until
 * it is back (or 20 reconnects later), so an unbounded call hangs the request
 * for a minute or more; here it answers 503 "The <title> is down: …" instead.
 * The queue's workers (processors) use the Bull queue directly: a job that
 * waits for Redis to come back is what they should do.
 */
export class RegisteredQueue {
  /** Whether the connection closed since it was last ready. */
  private lost = false;

  constructor(
    readonly name: string,
    readonly title: string,
    readonly bull: Queue,
    private readonly timeoutMs: number,
  ) {
    const client = bull.client;
    client.on('ready', () => (this.lost = false));
    client.on('close', () => (this.lost = true));
    client.on('end', () => (this.lost = true));
  }

  private get state() {
    return connectionState(this.bull.client.status, this.lost);
  }

  /** Runs Redis work within the deadline, or throws a 503 naming the queue. HTTP errors the work throws pass through. */
  async run<T>(work: (queue: Queue) => Promise<T>): Promise<T> {
    const outcome = await this.attempt(work);
    if (outcome.done) return outcome.value;
    throw new ServiceUnavailableException({ statusCode: 503, message: `The ${this.title} is down: ${outcome.reason}` });
  }

  /** Throws the 503 unless Redis answers a PING within the deadline. */
  async ensureUp(): Promise<void> {
    await this.run((queue) => queue.client.ping());
  }

  /**
   * For /health, which must answer quickly: a client that knows it is not
   * connected is reported down at once, without a round trip.
   */
  async health(): Promise<QueueHealth> {
    if (this.state === 'connecting') return { up: false, reason: 'connecting to Redis' };
    const outcome = await this.attempt((queue) => queue.client.ping());
    return outcome.done ? { up: true } : { up: false, reason: outcome.reason };
  }

  private async attempt<T>(work: (queue: Queue) => Promise<T>): Promise<{ done: true; value: T } | { done: false; reason: string }> {
    const status = this.bull.client.status;
    if (this.state === 'down') return { done: false, reason: redisDownReason(status) };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlinePassed()), this.timeoutMs);
    });
    try {
      // The work may still finish after the deadline (when Redis returns); Promise.race keeps its outcome handled.
      return { done: true, value: await Promise.race([Promise.resolve().then(() => work(this.bull)), deadline]) };
    } catch (error) {
      if (error instanceof HttpException) throw error;
      if (error instanceof DeadlinePassed) return { done: false, reason: redisDownReason(status, this.timeoutMs) };
      return { done: false, reason: `Redis refused the command (${error instanceof Error ? error.message : String(error)})` };
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Every queue the features registered (through `QueueModule.registerQueue`),
 * for the health check, the queue board and the features' own admin calls.
 * Empty when there is no Redis: then the features' queues are off.
 */
@Injectable()
export class QueueRegistry {
  private readonly queues = new Map<string, RegisteredQueue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether this installation has a Redis (REDIS_URL, or the demo's redis-server). */
  get enabled(): boolean {
    return !!this.config.redisUrl;
  }

  add(registration: QueueRegistration, queue: Queue): RegisteredQueue {
    const registered = new RegisteredQueue(registration.name, registration.title, queue, this.config.queueTimeoutMs);
    this.queues.set(registration.name, registered);
    return registered;
  }

  get(name: string): RegisteredQueue | undefined {
    return this.queues.get(name);
  }

  all(): RegisteredQueue[] {
    return [...this.queues.values()];
  }
}
