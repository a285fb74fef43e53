import { Body, Get, HttpException, HttpStatus, Inject, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { visitorOnPublicPage } from '../../accounts/auth.guard';
import { AuthService } from '../../accounts/auth.service';
import { CurrentActor } from '../../accounts/current-actor.decorator';
import { SignInDto } from '../../accounts/dto/auth.dto';
import { Public, SESSION_COOKIE } from '../../accounts/roles';
import { SsoService } from '../../accounts/sso/sso.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Actor, requestContext } from '../../common/request-context';
import { FieldWording, hasErrors, noErrors, oneError, text, validateForm } from '../forms';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';
import { safeReturnTo } from '../return-to';
import { clearedSessionCookieOptions, PAGE_SESSION_MS, sessionCookieOptions } from '../session-cookie';
import { sessionIdOf, WebSecurity } from '../web-security';

const WORDING: Record<string, FieldWording> = {
  email: { label: 'Email address', empty: 'Enter your email address', invalid: 'Enter an email address in the correct format, like name@example.com' },
  password: { label: 'Password', empty: 'Enter your password' },
};

/** Messages shown above the sign-in form after another page sent the person here; never text from the address itself. */
const NOTICES: Record<string, string> = {
  'signed-out': 'You have signed out.',
  'password-reset': 'Your password has been changed. Sign in with your new password.',
};

/**
 * Signing in and out from a browser: the same AuthService.signIn as
 * POST /api/auth/sign-in (argon2id, the same throttling, the same answer for
 * a wrong email or password), then a session cookie instead of tokens.
 */
@PageController()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: PageRenderer,
    private readonly security: WebSecurity,
    private readonly sso: SsoService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the sign-in page offers: a button per identity provider, and the password form unless switched off. */
  private ways(returnTo: string | null) {
    return {
      providers: this.sso.providers().map((provider) => ({ ...provider, href: `/sign-in/sso/${provider.id}${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}` })),
      passwordSignIn: this.config.passwordSignIn,
    };
  }

  @Public()
  @Get('sign-in')
  form(@Req() request: Request, @Res() response: Response, @Query('returnTo') returnTo?: unknown, @Query('notice') notice?: unknown): void {
    const visitor = visitorOnPublicPage(request);
    // Home (/) decides where each person starts, from their reach.
    if (visitor) return this.pages.redirect(response, safeReturnTo(returnTo) ?? '/');
    this.pages.render(response, 'sign-in', {
      values: { email: '' },
      errors: noErrors(),
      returnTo: safeReturnTo(returnTo),
      notice: typeof notice === 'string' ? (NOTICES[notice] ?? null) : null,
      ...this.ways(safeReturnTo(returnTo)),
    });
  }

  @Public()
  @Post('sign-in')
  async signIn(@Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    this.auth.assertPasswordSignIn();
    const input = { email: text(body.email).trim(), password: text(body.password) };
    const returnTo = safeReturnTo(body.returnTo);
    const again = (errors: ReturnType<typeof noErrors>, status: number) =>
      this.pages.render(response, 'sign-in', { values: { email: input.email }, errors, returnTo, notice: null, ...this.ways(returnTo) }, status);

    const { errors } = validateForm(SignInDto, input, WORDING);
    if (hasErrors(errors)) return again(errors, HttpStatus.BAD_REQUEST);
    let accessToken: string;
    try {
      ({ accessToken } = await this.auth.signIn(input.email, input.password, {
        ipAddress: request.ip ?? 'unknown',
        userAgent: request.headers['user-agent'] ?? null,
        lifetimeMs: PAGE_SESSION_MS,
      }));
    } catch (error) {
      if (error instanceof UnauthorizedException) {
        // The same words whichever was wrong, as the API, so the form does not tell who has an account.
        return again(oneError('email', 'Enter a correct email address and password'), HttpStatus.BAD_REQUEST);
      }
      if (error instanceof HttpException && error.getStatus() === HttpStatus.TOO_MANY_REQUESTS) {
        const message = (error.getResponse() as { message?: string }).message ?? 'Too many failed sign-ins. Wait 15 minutes, or reset your password.';
        return again(oneError('email', message), HttpStatus.TOO_MANY_REQUESTS);
      }
      throw error;
    }
    // The session the tokens name becomes the browser's; the tokens themselves are not kept.
    const actor = await this.auth.authenticate(accessToken);
    if (!actor?.sessionId) throw new Error('A session just started could not be read back');
    // Someone else signed in on this browser before: their session ends rather than lingering.
    const previous = sessionIdOf(request);
    if (previous && previous !== actor.sessionId) {
      const before = await this.auth.authenticateSession(previous);
      if (before) await this.auth.signOut(before);
    }
    response.cookie(SESSION_COOKIE, actor.sessionId, sessionCookieOptions(this.security.isSecure(request)));
    // Home (/) sends each person to their own start page, chosen from their reach (homePathFor).
    this.pages.redirect(response, returnTo ?? '/');
  }

  /**
   * Ends the session on the server, so the cookie (or a copy of it) opens
   * nothing afterwards; a session started through an identity provider that
   * supports RP-initiated logout goes on to end the provider's session too.
   */
  @Post('sign-out')
  async signOut(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    const atProvider = await this.sso.endSessionUrl(actor.sessionId);
    await this.auth.signOut(actor);
    response.clearCookie(SESSION_COOKIE, clearedSessionCookieOptions(this.security.isSecure(request)));
    if (!atProvider) return this.pages.redirect(response, '/sign-in?notice=signed-out');
    // The page is shown as to someone signed out: the session has ended.
    const context = requestContext.current();
    if (context) context.actor = null;
    // A page rather than a redirect: the pages' CSP (form-action 'self') would stop a form's redirect to another site.
    this.pages.render(response, 'sso/signing-out', { endSessionUrl: atProvider.url, providerName: atProvider.providerName });
  }
}
