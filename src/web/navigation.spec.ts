import { homePathFor, navigationFor, roleName } from './navigation';

describe('service navigation', () => {
  it.each([
    [['service_head'], '/notifications', ['Notifications*', 'Your account']],
    [['board_chair'], '/account', ['Notifications', 'Your account*']],
    [['viewer'], '/account/api-tokens/new', ['Notifications', 'Your account*']],
    [['admin'], '/accessibility', ['Notifications', 'Administration', 'Your account']],
    [['admin'], '/admin/plans/new', ['Notifications', 'Administration*', 'Your account']],
    // Administration is for admins only; the pages refuse everyone else whatever the menu shows.
    [['board_chair', 'service_head', 'viewer'], '/admin', ['Notifications', 'Your account']],
    // A path that merely starts with the same letters is another page.
    [['viewer'], '/accounts-elsewhere', ['Notifications', 'Your account']],
  ] as const)('%j on %s sees %j (* = current page)', (roles, path, expected) => {
    expect(navigationFor(roles, path).map((item) => `${item.text}${item.active ? '*' : ''}`)).toEqual(expected);
  });

  it('offers someone signed out only signing in, and not on the sign-in page itself', () => {
    expect(navigationFor(null, '/accessibility')).toEqual([{ href: '/sign-in', text: 'Sign in', active: false, current: false }]);
    expect(navigationFor(null, '/sign-in')).toEqual([]);
  });

  it('marks only the item’s own page as the current page', () => {
    expect(navigationFor(['viewer'], '/account').find((item) => item.current)?.text).toBe('Your account');
    expect(navigationFor(['viewer'], '/account/name').some((item) => item.current)).toBe(false);
  });

  it('links every item to a page', () => {
    for (const item of navigationFor(['admin'], '/')) expect(item.href).toMatch(/^\/[a-z-]+$/);
  });

  it.each([[['service_head']], [['board_chair']], [['admin']], [['viewer']], [[]]] as const)('sends %j home to a page that exists today', (roles) => {
    expect(homePathFor(roles)).toBe('/notifications');
  });

  it('names roles in the council’s words', () => {
    expect(roleName('board_chair')).toBe('Improvement board chair');
    expect(roleName('service_head')).toBe('Service head');
  });
});
