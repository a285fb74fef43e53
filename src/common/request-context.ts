import { AsyncLocalStorage } from 'async_hooks';
import type { Reach } from '../accounts/reach/reach';
import type { Role } from '../accounts/roles';

/** The signed-in person a request acts for. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  /** The session behind an access token; null for personal API tokens. */
  sessionId: string | null;
  /** For a personal API token, what it may do: read_only tokens may only read (GET, HEAD). */
  apiTokenScope?: 'read_write' | 'read_only';
}

export interface RequestContext {
  requestId: string;
  ipAddress: string;
  actor: Actor | null;
  /** What the actor reaches, worked out once per request by AccessPolicy. */
  reach?: Reach;
  /** What a route's first read found in the authentication's own statement (src/accounts/authentication-rider.ts). */
  ridden?: { rider: string; parameter: string; row: Record<string, unknown> };
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Who is acting, available to services and the audit trail without threading
 * it through every call. Work outside any request (start-up, demo loading,
 * queue jobs) runs as the system.
 */
export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};

export type Acting = { kind: 'person'; actor: Actor } | { kind: 'system' };

/**
 * Inside a request there must be a signed-in person (the auth guard rejects
 * anything else before a service runs); outside one, it is the system. A
 * request that somehow reaches a service unauthenticated is refused, never
 * treated as the system.
 */
export function acting(): Acting {
  const context = storage.getStore();
  if (!context) return { kind: 'system' };
  if (!context.actor) throw new Error('No signed-in actor for this request');
  return { kind: 'person', actor: context.actor };
}
