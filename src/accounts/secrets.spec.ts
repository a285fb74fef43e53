import { API_TOKEN_PREFIX, hashPassword, hashToken, newSecret, verifyPassword } from './secrets';

describe('password hashes', () => {
  it('are argon2id with a fresh salt each time, and verify only the right password', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(first, 'Correct horse battery staple')).toBe(false);
  });

  it('treat a malformed stored hash as a wrong password, not an error', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});

describe('tokens', () => {
  it('are long random secrets stored as SHA-256 hex', () => {
    const token = newSecret();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(API_TOKEN_PREFIX).toBe('ipm_');
  });
});
