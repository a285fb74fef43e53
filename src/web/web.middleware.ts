import { randomBytes } from 'crypto';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorPage } from '../common/http-exception.filter';
import { isPagePath } from './page-paths';
import { PageRenderer } from './page-renderer.service';
import { csrfWaitsForUpload } from './upload';
import { run, WebSecurity } from './web-security';

/**
 * The parsers Nest mounts for every request when it starts, with its options:
 * a page's form is read by them here, ahead of the CSRF check, and Nest's own
 * then find the body read and pass the request on.
 */
const PAGE_BODY_PARSERS = [json(), urlencoded({ extended: true })];

/**
 * What every page request gets before anything can refuse it: a CSP nonce,
 * helmet's headers, cookies, the hook that turns errors into pages, and the
 * CSRF check of a form posted to it. Mounted on the app itself, once, with no
 * path (mountPagePreparation), because a route's path is decoded to match it:
 * an address with a broken escape (/plans/%/edit) fails that decoding and goes
 * straight to the error handler, so anything mounted on routes never runs for
 * it, and its 400 came out as JSON. Such an address is refused here, with the
 * router's own 400. And once: the CSRF check, mounted by Nest for every path
 * (`forRoutes('{*path}')`), was mounted again for each page route left out of
 * the /api prefix, 191 layers every request was tested against. API requests
 * (/api, /health, the queue board) pass straight on, untouched.
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
      // Refused as the router refuses it (a URIError of status 400), rather than called forbidden by the CSRF check.
      const broken = brokenEscape(pathname);
      if (broken) return next(broken);
      // A file upload's token is in its multipart body, read on its route: UploadWithCsrf checks it there.
      if (!csrfWaitsForUpload(request)) {
        for (const parser of PAGE_BODY_PARSERS) await run(parser, request, response);
        security.assertCsrf(request);
      }
      next();
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
