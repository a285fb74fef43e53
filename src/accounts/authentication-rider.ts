import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { requestContext } from '../common/request-context';

/**
 * A small read that travels to PostgreSQL in the same statement as the
 * request's authentication, for a route whose first read would otherwise be
 * a round trip of its own (a plan's change mark, before a kept tree or
 * appendix is given): the route then answers from memory after one statement.
 *
 * What a rider reads must be the same whoever asks and say nothing about the
 * rows (a count, a mark), since it is read before the person is known; it is
 * handed on only when they are, and the route still checks their reach before
 * giving anything. A request without a session (an API token, a malformed
 * parameter) authenticates alone, and the route reads what it needs itself.
 */
export interface AuthenticationRider {
  /** Names the rider in its prepared statement (lower-case letters, digits, underscores); one rider to a name. */
  name: string;
  /**
   * SQL of one row, usable as a LATERAL subquery, reading its parameter as
   * `placeholder` (e.g. $3), its columns cast to the types read. Finding no
   * row leaves the session as it is: the route then reads for itself.
   */
  sql(placeholder: string): string;
  /** Its parameter from the request (a route parameter, already routed), or null to authenticate alone. */
  parameter(request: Request): string | null;
}

const RIDER_KEY = 'authentication-rider';

/** The route's first read goes with its authentication (see AuthenticationRider). */
export const RidesAuthentication = (rider: AuthenticationRider) => SetMetadata(RIDER_KEY, rider);
export { RIDER_KEY };

/** A rider with its parameter for this request. */
export interface Ride {
  rider: AuthenticationRider;
  parameter: string;
}

/**
 * What the rider read with this request's authentication for `parameter`,
 * given once: a second read in the same request asks PostgreSQL again, so
 * nothing the request did in between is missed. Undefined when it did not
 * ride (no session, another parameter, outside a request).
 */
export function takeRiddenRow(rider: AuthenticationRider, parameter: string): Record<string, unknown> | undefined {
  const context = requestContext.current();
  const ridden = context?.ridden;
  if (!ridden || ridden.rider !== rider.name || ridden.parameter !== parameter) return undefined;
  context.ridden = undefined;
  return ridden.row;
}
