import { HttpException, INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { bearerTokenOf, tokenScopeRefusal } from '../accounts/auth.guard';
import { AuthService } from '../accounts/auth.service';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { answerWithin } from './answer-within';
import { QueueRegistry } from './queue-registry';
import { redisDownReason } from './redis-connection';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The bull-board UI over every registered queue, for admins only: every
 * request (page, assets, its API) must carry an admin's bearer token. While
 * Redis is down the board's own calls would wait for it indefinitely, so each
 * request first checks Redis (bounded) and is answered 503 within
 * QUEUE_TIMEOUT_MS whatever happens.
 */
export function mountQueueBoard(app: INestApplication): void {
  const registry = app.get(QueueRegistry);
  const queues = registry.all();
  // No Redis, no queue, nothing to show.
  if (queues.length === 0) return;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullAdapter(queue.bull)), serverAdapter });
  const auth = app.get(AuthService);
  const timeoutMs = app.get<AppConfig>(APP_CONFIG).queueTimeoutMs;
  const titles = queues.map((queue) => queue.title).join(', the ');

  const adminsOnly = async (request: Request, response: Response, next: NextFunction) => {
    const token = bearerTokenOf(request);
    const actor = token ? await auth.authenticate(token).catch(() => null) : null;
    if (!actor) {
      response.status(401).json({ statusCode: 401, message: 'Sign in first: send Authorization: Bearer <token>' });
      return;
    }
    const refusal = tokenScopeRefusal(actor, request.method);
    if (refusal) {
      response.status(403).json({ statusCode: 403, message: refusal });
      return;
    }
    if (!actor.roles.includes('admin')) {
      response.status(403).json({ statusCode: 403, message: 'The queue board is for admins' });
      return;
    }
    next();
  };

  const redisAnswering = async (_request: Request, response: Response, next: NextFunction) => {
    try {
      for (const queue of queues) await queue.ensureUp();
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      response.status(error.getStatus()).json(error.getResponse());
      return;
    }
    answerWithin(response, timeoutMs, `The ${titles} ${queues.length === 1 ? 'is' : 'are'} down: ${redisDownReason('ready', timeoutMs)}`);
    next();
  };

  app.use(QUEUE_BOARD_PATH, adminsOnly, redisAnswering, serverAdapter.getRouter());
}
