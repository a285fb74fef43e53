import { createHmac } from 'crypto';
import type { CookieOptions } from 'express';

/** A browser session lasts a working day; the session row expires with the cookie. */
export const PAGE_SESSION_MS = 12 * 60 * 60 * 1000;

/** The double-submit CSRF cookie (csrf-csrf). */
export const CSRF_COOKIE = 'ipm_csrf';

/**
 * Keys for the web's cookies, derived from AUTH_SECRET (the one secret the
 * configuration holds) with a purpose each, so a signature made for one use
 * is worthless for another.
 */
export function derivedSecret(authSecret: string, purpose: 'session-cookie' | 'csrf'): string {
  return createHmac('sha256', authSecret).update(`ipm-web:${purpose}`).digest('base64url');
}

/**
 * Secure when people reach the service over HTTPS: PUBLIC_URL says so, or the
 * request came over TLS (directly, or through a trusted proxy that says so in
 * X-Forwarded-Proto; see TRUST_PROXY_HOPS).
 */
export function isSecure(publicUrl: string, requestIsSecure: boolean): boolean {
  return publicUrl.startsWith('https://') || requestIsSecure;
}

/** HttpOnly (no script reads it), SameSite=Lax (not sent on another site's form posts), signed. */
export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, signed: true, path: '/', maxAge: PAGE_SESSION_MS };
}

/** Clearing must name the same path and flags, or the browser keeps the cookie. */
export function clearedSessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, signed: true, path: '/' };
}
