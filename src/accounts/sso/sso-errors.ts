import type { SsoRefusal } from './sso-rules';

/** A sign-in through an identity provider that is refused: no session, a page saying why. */
export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    /** For the log only: never shown, since it may name internals. */
    readonly detail: string = reason,
  ) {
    super(`Single sign-on refused: ${reason}`);
  }
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  error?: string;
  cause?: unknown;
}

/**
 * Which refusal an error from openid-client (and oauth4webapi beneath it)
 * means. openid-client does every check (issuer, audience, expiry, signature
 * against the provider's JWKS, nonce, state); this only sorts its answers
 * into what the person is told.
 */
export function refusalOf(error: unknown): SsoRefusal {
  const chain = causes(error);
  const codes = chain.map((e) => e.code).filter(Boolean);
  const messages = chain.map((e) => e.message ?? '').join(' | ');
  const claim = chain.map((e) => (e.cause && typeof e.cause === 'object' ? (e.cause as { claim?: unknown }).claim : undefined)).find((c) => typeof c === 'string');
  const names = chain.map((e) => e.name);

  // The provider said no in the redirect (access_denied, login_required…) or at its token endpoint (invalid_grant…).
  if (names.includes('AuthorizationResponseError') || names.includes('ResponseBodyError')) return 'provider-error';
  if (codes.includes('OAUTH_JWT_TIMESTAMP_CHECK_FAILED')) return 'expired';
  if (codes.includes('OAUTH_JWT_CLAIM_COMPARISON_FAILED')) {
    if (claim === 'iss') return 'issuer';
    // A nonce that does not match: an ID token from another sign-in, replayed into this one.
    if (claim === 'nonce') return 'state';
    return 'issuer';
  }
  if (/unexpected "iss" \(issuer\) response parameter/.test(messages)) return 'issuer';
  if (/unexpected "state"|"state" response parameter/.test(messages)) return 'state';
  if (/signature verification failed/i.test(messages) || codes.includes('OAUTH_KEY_SELECTION_FAILED')) return 'signature';
  return 'unavailable';
}

function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 6) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}
