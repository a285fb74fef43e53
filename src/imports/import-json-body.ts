import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { bearerTokenOf } from '../accounts/auth.guard';
import { AuthService } from '../accounts/auth.service';
import type { AppConfig } from '../config/app-config';
import { ImportProblem } from './import-model';
import { ImportRefusedException, importMaxBytes } from './imports.service';

/** Where an import may arrive as JSON (`{ "text": "…", … }`) rather than as an uploaded file. */
export const IMPORT_JSON_PATHS = ['/api/imports', '/api/indicators/imports'];

/**
 * An import sent as JSON carries the whole plan's text, so its body may be as
 * large as an uploaded file may (IMPORT_MAX_BYTES), where every other JSON
 * body keeps express's 100 KB: without this a 150 KB plan pasted as JSON was
 * refused as "Payload Too Large" under a 10 MB import limit. The body may run
 * to twice the limit (JSON escapes newlines and quotes, and other options
 * come with the text); the import itself then checks the text against the
 * limit exactly. Mounted before Nest's own parser, which leaves a body that
 * is already read alone; and, running before the guards, only for a request
 * whose bearer token authenticates (one statement), so nobody signed out can
 * make the server read megabytes.
 */
export function mountImportJsonBody(app: NestExpressApplication, config: AppConfig): void {
  const limit = importMaxBytes(config);
  const parse = json({ limit: 2 * limit + 64 * 1024 });
  const auth = app.get(AuthService);
  const handler: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
    // This runs before the guards: only someone signed in (a valid bearer token) may make the server read a large
    // body. Anyone else's body is left to the 100 KB parser, and the guard refuses them as before.
    const token = bearerTokenOf(request);
    if (!token || !request.headers['content-type']?.includes('json')) return next();
    auth
      .authenticate(token)
      .catch(() => null)
      .then((actor) => {
        if (!actor) return next();
        parse(request, response, (error?: unknown) => {
          if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
            next(new ImportRefusedException(new ImportProblem('too_large', `The request is larger than the import limit of ${limit} bytes allows`)));
            return;
          }
          next(error as Error | undefined);
        });
      }, next);
  };
  app.use(IMPORT_JSON_PATHS, handler);
}
