import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomBytes } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorPage } from '../common/http-exception.filter';
import { isPagePath } from './page-paths';
import { PageRenderer } from './page-renderer.service';
import { csrfWaitsForUpload } from './upload';
import { run, WebSecurity } from './web-security';

/**
 * Everything a page request passes through before its controller: a CSP
 * nonce, helmet's headers, cookies, the CSRF check, and the hook that turns
 * errors into pages. API requests (/api, /health, the queue board) pass
 * straight on, untouched.
 */
@Injectable()
export class WebMiddleware implements NestMiddleware {
  constructor(
    private readonly security: WebSecurity,
    private readonly pages: PageRenderer,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    if (!isPagePath(new URL(request.originalUrl, 'http://page.invalid').pathname)) {
      next();
      return;
    }
    response.locals.cspNonce = randomBytes(16).toString('base64');
    const errorPage: ErrorPage = (status, body) => this.pages.renderError(request, response, status, body);
    response.locals.errorPage = errorPage;
    // Pages carry personal data and one-time tokens: never kept by a browser or proxy cache.
    response.setHeader('Cache-Control', 'no-store');
    await run(this.security.headers, request, response);
    await run(this.security.cookies, request, response);
    // A file upload's token is in its multipart body, read on its route: UploadWithCsrf checks it there.
    if (!csrfWaitsForUpload(request)) this.security.assertCsrf(request);
    next();
  }
}
