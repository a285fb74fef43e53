import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomBytes } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorPage } from '../common/http-exception.filter';
import { isPagePath } from './page-paths';
import { PageRenderer } from './page-renderer.service';
import { csrfWaitsForUpload } from './upload';
import { run, WebSecurity } from './web-security';

/**
 * What every page request gets before anything can refuse it: a CSP nonce,
 * helmet's headers, cookies, and the hook that turns errors into pages. Mounted
 * on the app itself, with no path (mountPagePreparation), because a route's
 * path is decoded to match it: an address with a broken escape (/plans/%/edit)
 * fails that decoding and goes straight to the error handler, so anything
 * mounted on routes never runs for it, and its 400 came out as JSON. Such an
 * address is refused here, with the router's own 400, before a middleware
 * the router matches by a path prefix (the CSRF check) can answer it first. API requests (/api,
 * /health, the queue board) pass straight on, untouched.
 */
export function pagePreparation(security: WebSecurity, pages: PageRenderer) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      const { pathname } = new URL(request.originalUrl, 'http://page.invalid');
      if (!isPagePath(pathname)) return next();
      response.locals.cspNonce = randomBytes(16).toString('base64');
      const errorPage: ErrorPage = (status, body) => pages.renderError(request, response, status, body);
      response.locals.errorPage = errorPage;
      // Pages carry personal data and one-time tokens: never kept by a browser or proxy cache.
      response.setHeader('Cache-Control', 'no-store');
      await run(security.headers, request, response);
      await run(security.cookies, request, response);
      // Refused here, as the router refuses it (a URIError of status 400), before anything else can answer first:
      // the CSRF check, ahead of the page's route, would otherwise call a form posted to it forbidden.
      next(brokenEscape(pathname) ?? undefined);
    } catch (error) {
      next(error);
    }
  };
}

/** The router's own error for an address it cannot decode (/plans/%/edit), or null when every escape is sound. */
export function brokenEscape(pathname: string): Error | null {
  for (const segment of pathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return Object.assign(new URIError(`Failed to decode param '${segment}'`), { status: 400 });
    }
  }
  return null;
}

/** Before a page's controller, once the page is prepared (pagePreparation): the CSRF check. */
@Injectable()
export class WebMiddleware implements NestMiddleware {
  constructor(private readonly security: WebSecurity) {}

  use(request: Request, response: Response, next: NextFunction): void {
    // pagePreparation, ahead of every route, has told pages from the API already: a page has its error-page hook.
    if (!response.locals.errorPage) return next();
    // A file upload's token is in its multipart body, read on its route: UploadWithCsrf checks it there.
    if (!csrfWaitsForUpload(request)) this.security.assertCsrf(request);
    next();
  }
}
