import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, requestContext } from '../common/request-context';
import { AuthService } from './auth.service';
import { PUBLIC_KEY, ROLES_KEY, Role } from './roles';

/**
 * Every route needs a signed-in person unless marked @Public(); @Roles()
 * narrows a route further (admins pass every role check). What a person may
 * read within a plan is decided by AccessPolicy in the services.
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
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Sign in first: send Authorization: Bearer <token>');
    const actor = await this.auth.authenticate(match[1]);
    if (!actor) throw new UnauthorizedException('This token is not valid, has expired or has been revoked; sign in again');

    const refusal = tokenScopeRefusal(actor, request.method);
    if (refusal) throw new ForbiddenException(refusal);

    const store = requestContext.current();
    if (store) store.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed?.length && !actor.roles.includes('admin') && !allowed.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException(`This needs the ${allowed.join(' or ')} role`);
    }
    return true;
  }
}

/** A read-only API token reads and does nothing else, wherever it is presented: why not, or null when it may. */
export function tokenScopeRefusal(actor: Actor, method: string): string | null {
  if (actor.apiTokenScope === 'read_only' && method !== 'GET' && method !== 'HEAD') {
    return 'This API token has the read_only scope: it may only read (GET and HEAD requests)';
  }
  return null;
}
