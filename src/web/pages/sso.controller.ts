import { Get, HttpException, HttpStatus, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../../accounts/auth.service';
import { Public, SESSION_COOKIE } from '../../accounts/roles';
import { SsoRefused } from '../../accounts/sso/sso-errors';
import type { SsoRefusal } from '../../accounts/sso/sso-rules';
import { SsoService } from '../../accounts/sso/sso.service';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';
import { safeReturnTo } from '../return-to';
import { PAGE_SESSION_MS, sessionCookieOptions } from '../session-cookie';
import { sessionIdOf, WebSecurity } from '../web-security';

/** The browser's half of a sign-in in progress: the id of the sso_sign_ins row, signed. */
export const SSO_COOKIE = 'ipm_sso';
const SSO_COOKIE_PATH = '/sign-in/sso';

/** The status each refusal answers with: a broken answer is 400, the provider's own no or a token that fails its checks 401, a person this service does not let in 403. */
const STATUS: Record<SsoRefusal | 'throttled', number> = {
  state: HttpStatus.BAD_REQUEST,
  issuer: HttpStatus.UNAUTHORIZED,
  signature: HttpStatus.UNAUTHORIZED,
  expired: HttpStatus.UNAUTHORIZED,
  'provider-error': HttpStatus.UNAUTHORIZED,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  disabled: HttpStatus.FORBIDDEN,
  domain: HttpStatus.FORBIDDEN,
  unverified: HttpStatus.FORBIDDEN,
  'no-account': HttpStatus.FORBIDDEN,
  'already-linked': HttpStatus.FORBIDDEN,
  throttled: HttpStatus.TOO_MANY_REQUESTS,
};

/**
 * Signing in through the council's identity provider: the "Sign in with …"
 * button (a link, since a form's redirect to another site is refused by the
 * pages' Content-Security-Policy), the provider's answer, and the address the
 * provider sends people back to after signing them out.
 */
@PageController()
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    private readonly auth: AuthService,
    private readonly pages: PageRenderer,
    private readonly security: WebSecurity,
  ) {}

  @Public()
  @Get('sign-in/sso/:provider')
  async start(@Param('provider') providerId: string, @Query('returnTo') returnTo: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const provider = this.sso.provider(providerId);
    if (!provider) throw new NotFoundException();
    try {
      const { authorizationUrl, signInId } = await this.sso.start(provider, safeReturnTo(returnTo));
      response.cookie(SSO_COOKIE, signInId, { httpOnly: true, sameSite: 'lax', secure: this.security.isSecure(request), signed: true, path: SSO_COOKIE_PATH, maxAge: 10 * 60_000 });
      this.pages.redirect(response, authorizationUrl);
    } catch (error) {
      if (error instanceof SsoRefused) return this.refused(response, provider.name, error.reason);
      throw error;
    }
  }

  @Public()
  @Get('sign-in/sso/:provider/callback')
  async callback(@Param('provider') providerId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const provider = this.sso.provider(providerId);
    if (!provider) throw new NotFoundException();
    const inBrowser: unknown = request.signedCookies?.[SSO_COOKIE];
    response.clearCookie(SSO_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.security.isSecure(request), signed: true, path: SSO_COOKIE_PATH });
    // The address the provider was given, with the answer's parameters: PUBLIC_URL, not whatever Host a proxy passed on.
    const callbackUrl = new URL(this.sso.redirectUri(provider.id));
    callbackUrl.search = new URL(request.originalUrl, 'http://answer.invalid').search;
    let signedIn;
    try {
      signedIn = await this.sso.finish(provider, callbackUrl, typeof inBrowser === 'string' ? inBrowser : null, {
        ipAddress: request.ip ?? 'unknown',
        userAgent: request.headers['user-agent'] ?? null,
        lifetimeMs: PAGE_SESSION_MS,
      });
    } catch (error) {
      if (error instanceof SsoRefused) return this.refused(response, provider.name, error.reason);
      if (error instanceof HttpException && error.getStatus() === HttpStatus.TOO_MANY_REQUESTS) return this.refused(response, provider.name, 'throttled');
      throw error;
    }
    // Someone else signed in on this browser before: their session ends rather than lingering.
    const previous = sessionIdOf(request);
    if (previous && previous !== signedIn.sessionId) {
      const before = await this.auth.authenticateSession(previous);
      if (before) await this.auth.signOut(before);
    }
    response.cookie(SESSION_COOKIE, signedIn.sessionId, sessionCookieOptions(this.security.isSecure(request)));
    // Home (/) sends each person to their own start page, chosen from their reach (homePathFor).
    this.pages.redirect(response, signedIn.returnTo ?? '/');
  }

  /** Where a provider sends people after signing them out (register it as a redirect URI too). */
  @Public()
  @Get('signed-out')
  signedOut(@Res() response: Response): void {
    this.pages.redirect(response, '/sign-in?notice=signed-out');
  }

  private refused(response: Response, providerName: string, reason: SsoRefusal | 'throttled'): void {
    this.pages.render(response, 'sso/problem', { reason, providerName }, STATUS[reason]);
  }
}
