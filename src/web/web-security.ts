import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { doubleCsrf, DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { SESSION_COOKIE } from '../accounts/roles';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CSRF_COOKIE, derivedSecret, isSecure } from './session-cookie';

/** The form field every page's form carries its CSRF token in. */
export const CSRF_FIELD = '_csrf';

/** A form sent without its token, or with one that is not this browser's. */
export class CsrfRefusedException extends ForbiddenException {
  constructor() {
    super({ statusCode: 403, error: 'Forbidden', message: 'This form was sent without a valid security token', reason: 'csrf' });
  }
}

/**
 * What protects the pages: helmet's headers with a Content-Security-Policy
 * that runs only our own scripts (and govuk-frontend's one-line inline script,
 * by a nonce made for each response), signed cookies, and csrf-csrf's
 * double-submit token on every form: a cookie and a hidden field that must
 * match and carry an HMAC over the browser's session, so another site can
 * neither forge nor replay one.
 */
@Injectable()
export class WebSecurity {
  readonly headers: RequestHandler;
  readonly cookies: RequestHandler;
  private readonly csrf: DoubleCsrfUtilities;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const https = config.publicUrl.startsWith('https://');
    const nonce = (_request: unknown, response: unknown) => `'nonce-${(response as Response).locals.cspNonce as string}'`;
    this.headers = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", nonce],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // Over plain HTTP (the demo on 127.0.0.1) the header would be ignored anyway.
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
    });
    this.cookies = cookieParser(derivedSecret(config.authSecret, 'session-cookie'));
    this.csrf = doubleCsrf({
      getSecret: () => derivedSecret(config.authSecret, 'csrf'),
      // Tied to the session: a token from before signing in (or someone else's) is refused after.
      getSessionIdentifier: (request) => sessionIdOf(request) ?? '',
      cookieName: CSRF_COOKIE,
      cookieOptions: { sameSite: 'lax', path: '/', httpOnly: true, secure: https },
      getCsrfTokenFromRequest: (request) => {
        const body: unknown = request.body;
        const token = body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
        return typeof token === 'string' ? token : null;
      },
    });
  }

  isSecure(request: Request): boolean {
    return isSecure(this.config.publicUrl, request.secure);
  }

  /** The token for this response's forms (the cookie is set, or kept when still good). */
  csrfToken(request: Request, response: Response): string {
    return this.csrf.generateCsrfToken(request, response, { cookieOptions: { secure: this.isSecure(request) } });
  }

  /** GET, HEAD and OPTIONS change nothing and need no token. */
  assertCsrf(request: Request): void {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (!this.csrf.validateRequest(request)) throw new CsrfRefusedException();
  }
}

export function sessionIdOf(request: Request): string | null {
  const value: unknown = request.signedCookies?.[SESSION_COOKIE];
  return typeof value === 'string' && value ? value : null;
}

/** Runs connect-style middleware (helmet, cookie-parser) as a promise, so its errors reach our error pages. */
export function run(handler: RequestHandler, request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const next: NextFunction = (error?: unknown) => (error ? reject(error) : resolve());
    handler(request, response, next);
  });
}
