import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import { AccessPolicy } from '../accounts/access-policy.service';
import type { Reach } from '../accounts/reach/reach';
import { Actor, requestContext } from '../common/request-context';
import type { NavigationWho } from './navigation';

/**
 * Works out the signed-in person's reach before a page's handler runs (once
 * per request, kept on the request context by AccessPolicy), so the layout,
 * which renders synchronously, can show "Review" only to those who chair a
 * plan. The handler's services reuse the same reach.
 */
@Injectable()
export class ReachForPages implements NestInterceptor {
  constructor(private readonly access: AccessPolicy) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!requestContext.current()?.actor) return next.handle();
    return from(this.access.reach()).pipe(switchMap(() => next.handle()));
  }
}

/**
 * What the navigation needs to know of a person: their roles, and whether
 * they chair a plan, from their reach when it is known (on pages it is, see
 * ReachForPages), else from their roles.
 */
export function navigationWho(actor: Pick<Actor, 'id' | 'roles'>, reach: Reach | undefined = requestContext.current()?.reach): NavigationWho {
  const known = reach && reach.personId === actor.id ? reach : undefined;
  return {
    roles: actor.roles,
    chairsAPlan: known ? known.everything || known.chairsPlans.size > 0 : actor.roles.includes('admin') || actor.roles.includes('board_chair'),
  };
}
