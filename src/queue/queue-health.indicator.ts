import { Injectable } from '@nestjs/common';
import { QueueRegistry } from './queue-registry';

export type QueueState = 'up' | 'down' | 'off';

export interface QueueHealthDetail {
  /** Terminus's word: `down` whenever the queue is not working, off included. */
  status: 'up' | 'down';
  state: QueueState;
  message: string;
}

/**
 * The queue's part of /health. It never fails the check (the API serves plans
 * without Redis) and answers quickly: a queue whose client knows Redis is gone
 * is reported down without a round trip, one that should be up gets a PING
 * bounded by QUEUE_TIMEOUT_MS.
 */
@Injectable()
export class QueueHealthIndicator {
  constructor(private readonly registry: QueueRegistry) {}

  async check<Key extends string>(key: Key): Promise<Record<Key, QueueHealthDetail>> {
    return { [key]: await this.detail() } as Record<Key, QueueHealthDetail>;
  }

  private async detail(): Promise<QueueHealthDetail> {
    const queues = this.registry.all();
    if (!this.registry.enabled || queues.length === 0) {
      return { status: 'down', state: 'off', message: 'reminders are off: set REDIS_URL to turn them on' };
    }
    const results = await Promise.all(queues.map(async (queue) => ({ queue, health: await queue.health() })));
    const reasons = results.flatMap(({ queue, health }) => (health.up ? [] : [`The ${queue.title} is down: ${health.reason}.`]));
    if (reasons.length === 0) return { status: 'up', state: 'up', message: 'Redis is answering: reminders are being sent' };
    return { status: 'down', state: 'down', message: `${reasons.join(' ')} Queued work waits until Redis is back.` };
  }
}
