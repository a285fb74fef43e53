import { ClientError } from 'openid-client';
import { refusalOf } from './sso-errors';

/** An error as openid-client raises it: its own ClientError around oauth4webapi's, which carries the detail. */
const clientError = (message: string, code: string, inner: { message: string; cause?: object }) =>
  new ClientError(message, { cause: Object.assign(new Error(inner.message), { code, cause: inner.cause }), code } as ErrorOptions);
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('refusalOf: what an openid-client error means for the person', () => {
  it.each<[string, unknown, string]>([
    ['an ID token from another issuer', clientError('unexpected JWT claim value encountered', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', { message: 'unexpected JWT "iss" (issuer) claim value', cause: { claim: 'iss' } }), 'issuer'],
    ['an answer naming another issuer (RFC 9207 iss parameter)', clientError('invalid response encountered', 'OAUTH_INVALID_RESPONSE', { message: 'unexpected "iss" (issuer) response parameter value' }), 'issuer'],
    ['a nonce from another sign-in', clientError('unexpected JWT claim value encountered', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', { message: 'unexpected ID Token "nonce" claim value', cause: { claim: 'nonce' } }), 'state'],
    ['an expired ID token', clientError('JWT timestamp claim value failed validation', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', { message: 'expiration is past current timestamp', cause: { claim: 'exp' } }), 'expired'],
    ['a signature that does not verify', clientError('invalid response encountered', 'OAUTH_INVALID_RESPONSE', { message: 'JWT signature verification failed' }), 'signature'],
    ['a key the provider does not publish', clientError('error occurred while selecting a key', 'OAUTH_KEY_SELECTION_FAILED', { message: 'error when selecting a JWT verification key, no applicable keys found' }), 'signature'],
    ['the provider’s refusal in the redirect', named('AuthorizationResponseError', 'authorization response from the server is an error'), 'provider-error'],
    ['the provider’s refusal at its token endpoint', named('ResponseBodyError', 'server responded with an error in the response body'), 'provider-error'],
    ['the provider unreachable', new TypeError('fetch failed'), 'unavailable'],
  ])('%s → %s', (_label, error, refusal) => {
    expect(refusalOf(error)).toBe(refusal);
  });
});
