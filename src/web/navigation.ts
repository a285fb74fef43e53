import type { Role } from '../accounts/roles';

export interface NavigationItem {
  href: string;
  text: string;
  /** The page shown is this item's, or one beneath it. */
  active: boolean;
  /** The page shown is this item's own (aria-current="page"). */
  current: boolean;
}

/**
 * Who is looking, as far as the navigation needs to know: their roles, and
 * whether their reach makes them the chair of some plan (a board_chair role
 * with only viewer seats chairs nothing, so has no review to run).
 */
export interface NavigationWho {
  roles: readonly Role[];
  chairsAPlan: boolean;
}

interface Destination {
  href: string;
  text: string;
  /** Who sees the item; everyone signed in when left out. Admins see every item. */
  roles?: Role[];
  /** Besides `roles`: shown when this holds (admins still see every item). */
  when?: (who: NavigationWho) => boolean;
  /** Other addresses whose pages belong under this item (a plan's page under "Your plans"). */
  under?: string[];
}

/**
 * The service navigation, in order. An item only leads somewhere the person
 * may go; the page itself still asks the same rules as the API, so hiding an
 * item is a courtesy, never the protection.
 *
 * "Your activities" is the service heads' (and partner leads') list; "Review"
 * the chair's, for those who chair a plan; "Your plans" lists the plans a
 * person may open, with each plan's page (/plans/…) beneath it.
 */
const DESTINATIONS: Destination[] = [
  { href: '/your-activities', text: 'Your activities', roles: ['service_head'] },
  { href: '/review', text: 'Review', when: (who) => who.chairsAPlan },
  { href: '/your-plans', text: 'Your plans', under: ['/plans'] },
  { href: '/notifications', text: 'Notifications' },
  { href: '/admin', text: 'Administration', roles: ['admin'] },
  { href: '/account', text: 'Your account' },
];

/** Someone not signed in is offered signing in, except on that page. */
const SIGNED_OUT: Destination[] = [{ href: '/sign-in', text: 'Sign in' }];

export function navigationFor(who: NavigationWho | null, currentPath: string): NavigationItem[] {
  if (!who) {
    return SIGNED_OUT.filter((item) => item.href !== currentPath).map((item) => ({ href: item.href, text: item.text, active: false, current: false }));
  }
  const within = (href: string) => currentPath === href || currentPath.startsWith(`${href}/`);
  return DESTINATIONS.filter((item) => who.roles.includes('admin') || ((!item.roles || item.roles.some((role) => who.roles.includes(role))) && (!item.when || item.when(who)))).map((item) => ({
    href: item.href,
    text: item.text,
    active: within(item.href) || (item.under ?? []).some(within),
    current: currentPath === item.href,
  }));
}

/**
 * Where `/` and a sign-in without a return address take a person: the chair
 * of a plan to the review, a service head to their activities, everyone else
 * (admins, viewers, a chair with only viewer seats) to the plans they may open.
 */
export function homePathFor(who: NavigationWho): string {
  if (who.roles.includes('admin')) return '/your-plans';
  if (who.chairsAPlan) return '/review';
  if (who.roles.includes('service_head')) return '/your-activities';
  return '/your-plans';
}

const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  board_chair: 'Improvement board chair',
  service_head: 'Service head',
  viewer: 'Viewer',
};

/** A role in the council's words. */
export function roleName(role: Role): string {
  return ROLE_NAMES[role] ?? role;
}
