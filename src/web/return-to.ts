/**
 * Where to go after signing in: only a path on this site, so a link such as
 * /sign-in?returnTo=https://evil.example cannot send a person elsewhere with
 * their fresh session. Anything doubtful gives null (go home instead).
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  // "//host" and "/\host" are read by browsers as another site; control characters are never part of our paths.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f\\]/.test(value)) return null;
  const base = 'http://this-site.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  // Coming back to sign-in or sign-out would loop or end the new session.
  if (/^\/(sign-in|sign-out)(\/|$)/.test(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
