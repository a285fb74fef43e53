import { safeReturnTo } from './return-to';

describe('return address after signing in', () => {
  it.each([
    ['/account', '/account'],
    ['/plans/1/activities/2?asOf=2012-09-14', '/plans/1/activities/2?asOf=2012-09-14'],
    ['/notifications#latest', '/notifications#latest'],
    ['/a/../account', '/account'],
  ])('keeps the path %s on this site', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    ['https://evil.example/account'],
    ['//evil.example/account'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/%0d%0aSet-Cookie:x'.replace('%0d%0a', '\r\n')],
    ['javascript:alert(1)'],
    ['account'],
    [''],
    ['/sign-in?returnTo=/account'],
    ['/sign-out'],
    [`/${'a'.repeat(2001)}`],
    [['/account']],
    [undefined],
    [42],
  ])('refuses %p', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });
});
