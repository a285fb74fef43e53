import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
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
 * is already read alone.
 */
export function mountImportJsonBody(app: NestExpressApplication, config: AppConfig): void {
  const limit = importMaxBytes(config);
  const parse = json({ limit: 2 * limit + 64 * 1024 });
  const handler: RequestHandler = (request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        next(new ImportRefusedException(new ImportProblem('too_large', `The request is larger than the import limit of ${limit} bytes allows`)));
        return;
      }
      next(error as Error | undefined);
    });
  app.use(IMPORT_JSON_PATHS, handler);
}
