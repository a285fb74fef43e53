import { SetMetadata } from '@nestjs/common';

/**
 * admin: everything, manages users and agencies.
 * board_chair: reads the plans it chairs, reviews, verifies, overrides RAG.
 * service_head: updates the activities its agencies lead or it owns; reads those.
 * viewer: reads the plans it is given.
 */
export const ROLES = ['admin', 'board_chair', 'service_head', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'roles';
/** Only these roles may call the endpoint (admins always may). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const PUBLIC_KEY = 'public';
/** Reachable without signing in: sign-in itself, password reset, health. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const PAGE_KEY = 'page';
/**
 * A web page (src/web): the person is recognised by the browser's session
 * cookie instead of a bearer token, then the same rules apply. The API never
 * reads that cookie, so it needs no CSRF token.
 */
export const Page = () => SetMetadata(PAGE_KEY, true);

/** The browser's session cookie: the session's id, signed (cookie-parser), so it cannot be forged or guessed. */
export const SESSION_COOKIE = 'ipm_session';
