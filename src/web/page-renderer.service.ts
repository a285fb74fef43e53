import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Environment } from 'nunjucks';
import { visitorOnPublicPage } from '../accounts/auth.guard';
import { AuthService } from '../accounts/auth.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Actor, requestContext } from '../common/request-context';
import { navigationFor } from './navigation';
import { navigationWho } from './reach-for-pages.interceptor';
import { createNunjucks } from './nunjucks-setup';
import { safeReturnTo } from './return-to';
import { clearedSessionCookieOptions } from './session-cookie';
import { sessionIdOf, WebSecurity } from './web-security';
import { SESSION_COOKIE } from '../accounts/roles';

export const WEB_ASSETS_VERSION = Symbol('WEB_ASSETS_VERSION');
export const SERVICE_NAME = 'Improvement Plan Manager';

/** What every page's layout shows: the header, navigation, sign-out form, assets. */
export interface LayoutModel {
  serviceName: string;
  councilName: string | null;
  assetPath: string;
  assetVersion: string;
  cspNonce: string;
  csrfToken: string;
  person: { name: string } | null;
  navigation: ReturnType<typeof navigationFor>;
  currentPath: string;
}

/**
 * Renders a view with the layout's model. Controllers gather a plain view
 * model from the services and hand it here; views only lay it out.
 */
@Injectable()
export class PageRenderer {
  private readonly logger = new Logger('WebPages');
  private readonly env: Environment = createNunjucks();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEB_ASSETS_VERSION) private readonly assetVersion: string,
    private readonly security: WebSecurity,
    private readonly auth: AuthService,
  ) {}

  render(response: Response, view: string, model: object = {}, status: number = HttpStatus.OK): void {
    const html = this.env.render(`${view}.njk`, { ...this.layout(response.req, response, currentPerson(response.req)), ...model });
    response.status(status).type('html').send(html);
  }

  /** After a form is handled (POST, then redirect, then GET), so refreshing never sends it twice. */
  redirect(response: Response, to: string): void {
    response.redirect(HttpStatus.SEE_OTHER, to);
  }

  /**
   * The page for an error the API would answer as JSON: signing in for a 401,
   * GOV.UK-style pages for the rest. Anything outside a person's reach is a 404
   * from the services, so it gets the same page as an id that does not exist.
   */
  async renderError(request: Request, response: Response, status: number, body: Record<string, unknown>): Promise<void> {
    if (response.headersSent) return;
    if (status === HttpStatus.UNAUTHORIZED) {
      if (sessionIdOf(request)) response.clearCookie(SESSION_COOKIE, clearedSessionCookieOptions(this.security.isSecure(request)));
      const back = request.method === 'GET' ? safeReturnTo(request.originalUrl) : null;
      this.redirect(response, back && back !== '/' ? `/sign-in?returnTo=${encodeURIComponent(back)}` : '/sign-in');
      return;
    }
    // The guard may not have run (an unknown path, a refused form): find who is signed in, for their navigation only.
    let person = currentPerson(request);
    if (!person) {
      const sessionId = sessionIdOf(request);
      person = sessionId ? await this.auth.authenticateSession(sessionId).catch(() => null) : null;
    }
    const view = errorView(status, body);
    try {
      const html = this.env.render(`errors/${view}.njk`, { ...this.layout(request, response, person), status });
      response.status(status).type('html').send(html);
    } catch (error) {
      // The error page itself failed: say so plainly rather than not at all.
      this.logger.error(`Error page ${view} could not be rendered: ${error instanceof Error ? error.stack : String(error)}`);
      response.status(status).type('text').send('Sorry, there is a problem with the service. Try again later.');
    }
  }

  private layout(request: Request, response: Response, person: Actor | null): LayoutModel {
    const currentPath = request.path;
    return {
      serviceName: SERVICE_NAME,
      councilName: this.config.councilName ?? null,
      assetPath: '/assets',
      assetVersion: this.assetVersion,
      cspNonce: String(response.locals.cspNonce ?? ''),
      csrfToken: this.security.csrfToken(request, response),
      person: person ? { name: person.name } : null,
      navigation: navigationFor(person ? navigationWho(person) : null, currentPath),
      currentPath,
    };
  }
}

function currentPerson(request: Request): Actor | null {
  return requestContext.current()?.actor ?? visitorOnPublicPage(request) ?? null;
}

function errorView(status: number, body: Record<string, unknown>): string {
  if (status === HttpStatus.FORBIDDEN && body.reason === 'csrf') return 'csrf';
  if (status === HttpStatus.NOT_FOUND) return 'not-found';
  if (status === HttpStatus.FORBIDDEN) return 'forbidden';
  if (status === HttpStatus.CONFLICT) return 'conflict';
  if (status === HttpStatus.TOO_MANY_REQUESTS) return 'too-many-requests';
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return 'too-large';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'problem';
}
