import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

/** Opens the request's context; the auth guard fills in who is acting. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const requestId = randomUUID();
    response.setHeader('X-Request-Id', requestId);
    requestContext.run({ requestId, ipAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown', actor: null }, () => next());
  }
}
