import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

/** Opens the request's context; the auth guard fills in who is acting. */
export function openRequestContext(request: Request, response: Response, next: NextFunction): void {
  const requestId = randomUUID();
  response.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId, ipAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown', actor: null }, () => next());
}

/**
 * Mounted on the app itself, once, ahead of Nest's body parsers and routes,
 * rather than through Nest's `consumer.apply(…).forRoutes('{*path}')`: with
 * the web pages excluded from the /api prefix, Nest mounts a wildcard
 * middleware once for every excluded path as well (191 layers, each a
 * regular expression every request is tested against), where this is one.
 */
export function mountRequestContext(app: INestApplication): void {
  app.use(openRequestContext);
}
