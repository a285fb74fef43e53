import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, requestContext } from '../common/request-context';
import { Authenticated, AuthService } from './auth.service';
import { AuthenticationRider, RIDER_KEY, Ride } from './authentication-rider';
import { PAGE_KEY, PUBLIC_KEY, ROLES_KEY, Role, SESSION_COOKIE } from './roles';

// Who is signed in on a public page, for their navigation only: it grants nothing, and services still act for nobody.
const publicPageVisitors = new WeakMap<Request, Actor>();
export const visitorOnPublicPage = (request: Request): Actor | undefined => publicPageVisitors.get(request);

/**
 * Every route needs a signed-in person unless marked @Public(); @Roles()
 * narrows a route further (admins pass every role check). What a person may
 * read within a plan is decided by AccessPolicy in the services. API routes
 * take a bearer token; web pages (@Page()) the browser's session cookie.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request>();
    const page = this.reflector.getAllAndOverride<boolean>(PAGE_KEY, targets);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (page) {
        const visitor = await this.pageVisitor(request);
        if (visitor) publicPageVisitors.set(request, visitor.actor);
      }
      return true;
    }

    const ride = page ? undefined : this.rideOf(context, request);
    const authenticated = page ? await this.pageVisitor(request) : await this.bearer(request, ride);
    if (!authenticated) throw new UnauthorizedException('Sign in first');
    const { actor } = authenticated;

    const refusal = tokenScopeRefusal(actor, request.method);
    if (refusal) throw new ForbiddenException(refusal);
    const store = requestContext.current();
    if (store) {
      store.actor = actor;
      if (ride && authenticated.riderRow) store.ridden = { rider: ride.rider.name, parameter: ride.parameter, row: authenticated.riderRow };
    }

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed?.length && !actor.roles.includes('admin') && !allowed.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException(`This needs the ${allowed.join(' or ')} role`);
    }
    return true;
  }

  /** What rides with this request's authentication: the route's rider, given a parameter to read by (see AuthenticationRider). */
  private rideOf(context: ExecutionContext, request: Request): Ride | undefined {
    const rider = this.reflector.get<AuthenticationRider | undefined>(RIDER_KEY, context.getHandler());
    const parameter = rider?.parameter(request);
    return rider && parameter ? { rider, parameter } : undefined;
  }

  private async bearer(request: Request, ride: Ride | undefined): Promise<Authenticated> {
    const token = bearerTokenOf(request);
    if (!token) throw new UnauthorizedException('Sign in first: send Authorization: Bearer <token>');
    const authenticated = await this.auth.authenticateWith(token, ride);
    if (!authenticated) throw new UnauthorizedException('This token is not valid, has expired or has been revoked; sign in again');
    return authenticated;
  }

  /** The session named by the page's signed session cookie (false when the signature is wrong), if it is still live. */
  private async pageVisitor(request: Request): Promise<Authenticated | null> {
    const sessionId: unknown = request.signedCookies?.[SESSION_COOKIE];
    const actor = typeof sessionId === 'string' ? await this.auth.authenticateSession(sessionId) : null;
    return actor && { actor };
  }
}

/** The token an `Authorization: Bearer <token>` header carries, or null: for the guard and for the middleware that runs before it. */
export function bearerTokenOf(request: Request): string | null {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

/** A read-only API token reads and does nothing else, wherever it is presented: why not, or null when it may. */
export function tokenScopeRefusal(actor: Actor, method: string): string | null {
  if (actor.apiTokenScope === 'read_only' && method !== 'GET' && method !== 'HEAD') {
    return 'This API token has the read_only scope: it may only read (GET and HEAD requests)';
  }
  return null;
}
