import type { Role } from '../accounts/roles';
import { homePathFor, navigationFor, NavigationWho, roleName } from './navigation';

const who = (roles: Role[], chairsAPlan = false): NavigationWho => ({ roles, chairsAPlan });

describe('service navigation', () => {
  it.each([
    [who(['service_head']), '/notifications', ['Your activities', 'Your plans', 'Notifications*', 'Your account']],
    [who(['service_head']), '/your-activities', ['Your activities*', 'Your plans', 'Notifications', 'Your account']],
    [who(['board_chair'], true), '/account', ['Review', 'Your plans', 'Notifications', 'Your account*']],
    [who(['board_chair'], true), '/review', ['Review*', 'Your plans', 'Notifications', 'Your account']],
    // A board chair whose seats are all viewer seats chairs nothing: no review to run.
    [who(['board_chair'], false), '/your-plans', ['Your plans*', 'Notifications', 'Your account']],
    [who(['viewer']), '/account/api-tokens/new', ['Your plans', 'Notifications', 'Your account*']],
    [who(['admin'], true), '/accessibility', ['Your activities', 'Review', 'Your plans', 'Notifications', 'Administration', 'Your account']],
    [who(['admin']), '/admin/plans/new', ['Your activities', 'Review', 'Your plans', 'Notifications', 'Administration*', 'Your account']],
    // Administration is for admins only; the pages refuse everyone else whatever the menu shows.
    [who(['board_chair', 'service_head', 'viewer'], true), '/admin', ['Your activities', 'Review', 'Your plans', 'Notifications', 'Your account']],
    // A plan's page and its activities sit under "Your plans".
    [who(['viewer']), '/plans/p1', ['Your plans*', 'Notifications', 'Your account']],
    [who(['service_head']), '/plans/p1/activities/a1/update', ['Your activities', 'Your plans*', 'Notifications', 'Your account']],
    // A path that merely starts with the same letters is another page.
    [who(['viewer']), '/accounts-elsewhere', ['Your plans', 'Notifications', 'Your account']],
    [who(['viewer']), '/plansx', ['Your plans', 'Notifications', 'Your account']],
  ] as const)('%j on %s sees %j (* = current section)', (person, path, expected) => {
    expect(navigationFor(person, path).map((item) => `${item.text}${item.active ? '*' : ''}`)).toEqual(expected);
  });

  it('offers someone signed out only signing in, and not on the sign-in page itself', () => {
    expect(navigationFor(null, '/accessibility')).toEqual([{ href: '/sign-in', text: 'Sign in', active: false, current: false }]);
    expect(navigationFor(null, '/sign-in')).toEqual([]);
  });

  it('marks only the item’s own page as the current page', () => {
    expect(navigationFor(who(['viewer']), '/account').find((item) => item.current)?.text).toBe('Your account');
    expect(navigationFor(who(['viewer']), '/account/name').some((item) => item.current)).toBe(false);
    expect(navigationFor(who(['viewer']), '/plans/p1').some((item) => item.current)).toBe(false);
  });

  it('links every item to a page', () => {
    for (const item of navigationFor(who(['admin'], true), '/')) expect(item.href).toMatch(/^\/[a-z-]+$/);
  });

  it.each([
    [who(['service_head']), '/your-activities'],
    [who(['board_chair'], true), '/review'],
    // Chairing wins over leading: the chair's review is where a chair starts.
    [who(['board_chair', 'service_head'], true), '/review'],
    [who(['board_chair'], false), '/your-plans'],
    [who(['board_chair', 'service_head'], false), '/your-activities'],
    [who(['viewer']), '/your-plans'],
    [who(['admin'], true), '/your-plans'],
    [who([]), '/your-plans'],
  ] as const)('sends %j home to %s', (person, path) => {
    expect(homePathFor(person)).toBe(path);
  });

  it('names roles in the council’s words', () => {
    expect(roleName('board_chair')).toBe('Improvement board chair');
    expect(roleName('service_head')).toBe('Service head');
  });
});
