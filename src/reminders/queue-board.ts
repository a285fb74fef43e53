import { getQueueToken } from '@nestjs/bull';
import { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { tokenScopeRefusal } from '../accounts/auth.guard';
import { AuthService } from '../accounts/auth.service';
import { REMINDER_QUEUE, RemindersService } from './reminders.service';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The bull-board UI over the reminder queue, for admins only: every request
 * (page, assets, its API) must carry an admin's bearer token.
 */
export function mountQueueBoard(app: INestApplication): void {
  // No Redis, no queue, nothing to show.
  if (!app.get(RemindersService).enabled) return;
  const queue = app.get<Queue>(getQueueToken(REMINDER_QUEUE));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: [new BullAdapter(queue)], serverAdapter });
  const auth = app.get(AuthService);
  const adminsOnly = async (request: Request, response: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const actor = match ? await auth.authenticate(match[1]).catch(() => null) : null;
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
  app.use(QUEUE_BOARD_PATH, adminsOnly, serverAdapter.getRouter());
}
