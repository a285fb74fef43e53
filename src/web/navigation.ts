import type { Role } from '../accounts/roles';

export interface NavigationItem {
  href: string;
  text: string;
  /** The page shown is this item's, or one beneath it. */
  active: boolean;
  /** The page shown is this item's own (aria-current="page"). */
  current: boolean;
}

interface Destination {
  href: string;
  text: string;
  /** Who sees the item; everyone signed in when left out. Admins see every item. */
  roles?: Role[];
}

/**
 * The service navigation, in order. An item only leads somewhere the person
 * may go; the page itself still asks the same rules as the API, so hiding an
 * item is a courtesy, never the protection.
 */
const DESTINATIONS: Destination[] = [
  { href: '/notifications', text: 'Notifications' },
  { href: '/admin', text: 'Administration', roles: ['admin'] },
  { href: '/account', text: 'Your account' },
];

/** Someone not signed in is offered signing in, except on that page. */
const SIGNED_OUT: Destination[] = [{ href: '/sign-in', text: 'Sign in' }];

export function navigationFor(roles: readonly Role[] | null, currentPath: string): NavigationItem[] {
  if (!roles) {
    return SIGNED_OUT.filter((item) => item.href !== currentPath).map((item) => ({ href: item.href, text: item.text, active: false, current: false }));
  }
  return DESTINATIONS.filter((item) => !item.roles || roles.includes('admin') || item.roles.some((role) => roles.includes(role))).map((item) => ({
    href: item.href,
    text: item.text,
    active: currentPath === item.href || currentPath.startsWith(`${item.href}/`),
    current: currentPath === item.href,
  }));
}

/**
 * Where `/` and a sign-in without a return address take a person. Until "Your
 * activities" (service heads) and "the chair's review" (chairs) exist, everyone
 * lands on their notifications.
 */
export function homePathFor(roles: readonly Role[]): string {
  void roles;
  return '/notifications';
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
