import { CallHandler, ExecutionContext, HttpException, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { importMaxBytes } from '../imports/imports.service';
import { WebSecurity } from './web-security';

/**
 * The page addresses whose form uploads a file (multipart/form-data). Their
 * body, with its CSRF token, is read only on the route, by UploadWithCsrf; so
 * for these addresses alone the middleware leaves the token to it. Every
 * other form is checked before any route runs, whatever it is sent as.
 */
export const UPLOAD_PATHS: ReadonlySet<string> = new Set(['/admin/imports/new']);

/** A multipart POST to an upload address: its token is checked once the upload is read. */
export function csrfWaitsForUpload(request: Request): boolean {
  const path = new URL(request.originalUrl, 'http://page.invalid').pathname;
  return request.method === 'POST' && UPLOAD_PATHS.has(path) && typeof request.is('multipart/form-data') === 'string';
}

/** Which part of an upload form went over the limit: the file, or a field (by its name). */
export type UploadOverLimit = { part: 'file' } | { part: 'field'; field: string };

const OVER_LIMIT = Symbol('uploadOverLimit');

/**
 * Set by UploadWithCsrf when multer stopped reading because the file or a
 * field was over the limit, so the route can say so on its own form (an
 * error summary naming the field) instead of on an error page.
 */
export function uploadOverLimit(request: Request): UploadOverLimit | null {
  return (request as Request & { [OVER_LIMIT]?: UploadOverLimit })[OVER_LIMIT] ?? null;
}

/** multer's own error behind Nest's exception: LIMIT_FILE_SIZE or LIMIT_FIELD_VALUE, with the field's name. */
export function overLimitOf(error: unknown): UploadOverLimit | null {
  if (!(error instanceof HttpException)) return null;
  const cause = error.cause as { code?: unknown; field?: unknown } | undefined;
  if (cause?.code === 'LIMIT_FILE_SIZE') return { part: 'file' };
  if (cause?.code === 'LIMIT_FIELD_VALUE' && typeof cause.field === 'string') return { part: 'field', field: cause.field };
  return null;
}

/**
 * Reads one uploaded file (field "file") and the form's other fields into
 * memory, up to the import limit, then checks the form's CSRF token before
 * the handler runs. Put on every route listed in UPLOAD_PATHS.
 *
 * A file or field over the limit stops the reading there; what was read by
 * then (the token is the form's first field) is checked as any form is, and
 * the route is told (uploadOverLimit) so that it can say so on its form.
 */
@Injectable()
export class UploadWithCsrf implements NestInterceptor {
  private readonly upload: NestInterceptor;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly security: WebSecurity,
  ) {
    const limit = importMaxBytes(config);
    const Upload = FileInterceptor('file', { limits: { fileSize: limit, fieldSize: limit, files: 1, fields: 40, parts: 50 } });
    this.upload = new Upload();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const checked: CallHandler = {
      handle: () => {
        this.security.assertCsrf(request);
        return next.handle();
      },
    };
    try {
      return (await this.upload.intercept(context, checked)) as Observable<unknown>;
    } catch (error) {
      const over = overLimitOf(error);
      if (!over) throw error;
      // multer has drained the rest of the body by now, so the answer reaches the browser.
      (request as Request & { [OVER_LIMIT]?: UploadOverLimit })[OVER_LIMIT] = over;
      return checked.handle();
    }
  }
}
