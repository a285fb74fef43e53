import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
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

/**
 * Reads one uploaded file (field "file") and the form's other fields into
 * memory, up to the import limit, then checks the form's CSRF token before
 * the handler runs. Put on every route listed in UPLOAD_PATHS.
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
    return (await this.upload.intercept(context, {
      handle: () => {
        this.security.assertCsrf(request);
        return next.handle();
      },
    })) as Observable<unknown>;
  }
}
