import { derivedSecret, isSecure, PAGE_SESSION_MS, sessionCookieOptions } from './session-cookie';

describe('the web session cookie', () => {
  it.each([
    ['https://plans.council.gov.uk', false, true],
    ['http://localhost:3000', true, true],
    ['http://localhost:3000', false, false],
  ])('with PUBLIC_URL %s and a TLS request %p is Secure: %p', (publicUrl, tls, secure) => {
    expect(isSecure(publicUrl, tls)).toBe(secure);
    expect(sessionCookieOptions(isSecure(publicUrl, tls)).secure).toBe(secure);
  });

  it('is HttpOnly, SameSite=Lax, signed and lasts a working day', () => {
    expect(sessionCookieOptions(true)).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, signed: true, path: '/', maxAge: PAGE_SESSION_MS });
    expect(PAGE_SESSION_MS).toBe(12 * 3600 * 1000);
  });

  it('signs sessions and CSRF tokens with different keys, both from AUTH_SECRET', () => {
    const secret = 'x'.repeat(40);
    expect(derivedSecret(secret, 'csrf')).not.toBe(derivedSecret(secret, 'session-cookie'));
    expect(derivedSecret(secret, 'csrf')).toBe(derivedSecret(secret, 'csrf'));
    expect(derivedSecret('y'.repeat(40), 'csrf')).not.toBe(derivedSecret(secret, 'csrf'));
    expect(derivedSecret(secret, 'csrf')).not.toContain(secret);
  });
});
