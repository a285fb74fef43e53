import type { OidcProviderConfig } from '../../config/oidc-config';
import type { Role } from '../roles';

/**
 * Why a sign-in through an identity provider was refused: each has its own
 * wording on the problem page (templates/web/sso/problem.njk), and none
 * starts a session.
 */
export const SSO_REFUSALS = [
  /** The answer names a sign-in this browser did not start, or one already used or expired (a replay). */
  'state',
  /** The ID token names another issuer than the one configured. */
  'issuer',
  /** The ID token's signature does not verify against the provider's published keys. */
  'signature',
  /** The ID token has expired (or is not yet valid). */
  'expired',
  /** The provider answered with an error (the person cancelled, or it refused the request). */
  'provider-error',
  /** The provider could not be reached or answered something unreadable. */
  'unavailable',
  /** The account the person signs in to has been deactivated. */
  'disabled',
  /** The email address is not at a domain this provider may bring in. */
  'domain',
  /** The provider did not say the email address is verified, so it cannot be trusted to link or create an account. */
  'unverified',
  /** There is no account for the person and the provider does not create them. */
  'no-account',
  /** The account with this email is already linked to another person at the same provider. */
  'already-linked',
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/** What the ID token says about the person, as this service reads it. */
export interface IdentityClaims {
  subject: string;
  /** Lower-cased; null when the provider gave none. */
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The values of the provider's role and group claims (strings, or lists of strings). */
  roleValues: string[];
  agencyValues: string[];
}

/**
 * Reads the claims this service uses. An email is trusted only when the
 * provider says it is verified: `email_verified`, or Microsoft Entra ID's
 * `xms_edov` ("email domain owner verified", an optional claim), since Entra
 * sends no `email_verified` and lets some accounts carry an email nobody
 * checked.
 */
export function identityClaimsOf(claims: Record<string, unknown>, provider: Pick<OidcProviderConfig, 'roleClaim' | 'agencyClaim'>): IdentityClaims {
  const email = typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null;
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null;
  return {
    subject: String(claims.sub),
    email,
    emailVerified: email !== null && (truthy(claims.email_verified) || truthy(claims.xms_edov)),
    name,
    roleValues: stringsOf(claims[provider.roleClaim]),
    agencyValues: stringsOf(claims[provider.agencyClaim]),
  };
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The person's account as it stands, when one is found by subject or by email. */
export interface AccountFound {
  id: string;
  email: string;
  active: boolean;
}

export type SignInDecision =
  /** Found by (issuer, subject): the person signed in this way before. The email follows theirs at the provider when it can. */
  | { kind: 'returning'; userId: string; newEmail: string | null }
  /** First sign-in through this provider for an account that has the same verified email: linked once. */
  | { kind: 'link'; userId: string }
  /** No account: one is created, with the mapped roles (viewer when none) and agencies, and no plans. */
  | { kind: 'provision'; email: string; name: string; roles: Role[]; agencyNames: string[] }
  | { kind: 'refuse'; reason: SsoRefusal };

/**
 * Who a verified identity is here. A person is found by (issuer, subject),
 * never by email alone: an email only links an existing account the first
 * time, and only when the provider verified it and its domain is allowed.
 */
export function decideSignIn(input: {
  provider: Pick<OidcProviderConfig, 'allowedDomains' | 'provision' | 'roleMap' | 'agencyMap'>;
  claims: IdentityClaims;
  /** The account already linked to this subject at this issuer. */
  linked: AccountFound | null;
  /** The account with the claimed email, if any, and whether it is linked to someone else at this issuer. */
  byEmail: (AccountFound & { linkedHereToAnother: boolean }) | null;
  /** Whether another account already has the claimed email (for a returning person whose email changed). */
  emailTakenByAnother: boolean;
}): SignInDecision {
  const { provider, claims, linked, byEmail } = input;
  const allowed = claims.email !== null && provider.allowedDomains.includes(emailDomain(claims.email));
  if (linked) {
    if (!linked.active) return { kind: 'refuse', reason: 'disabled' };
    const follows = claims.email !== null && claims.emailVerified && allowed && claims.email !== linked.email && !input.emailTakenByAnother;
    return { kind: 'returning', userId: linked.id, newEmail: follows ? claims.email : null };
  }
  if (!claims.email || !claims.emailVerified) return { kind: 'refuse', reason: 'unverified' };
  if (!allowed) return { kind: 'refuse', reason: 'domain' };
  if (byEmail) {
    if (!byEmail.active) return { kind: 'refuse', reason: 'disabled' };
    if (byEmail.linkedHereToAnother) return { kind: 'refuse', reason: 'already-linked' };
    return { kind: 'link', userId: byEmail.id };
  }
  if (!provider.provision) return { kind: 'refuse', reason: 'no-account' };
  const { roles, agencyNames } = mappedGrants(provider, claims);
  return { kind: 'provision', email: claims.email, name: claims.name ?? claims.email, roles: roles.length ? roles : ['viewer'], agencyNames };
}

/** The roles and lead agencies (by name) the provider's claims map to; values the maps do not name give nothing. */
export function mappedGrants(
  provider: Pick<OidcProviderConfig, 'roleMap' | 'agencyMap'>,
  claims: Pick<IdentityClaims, 'roleValues' | 'agencyValues'>,
): { roles: Role[]; agencyNames: string[] } {
  return {
    roles: unique(claims.roleValues.map((value) => provider.roleMap[value]).filter((role): role is Role => !!role)),
    agencyNames: unique(claims.agencyValues.map((value) => provider.agencyMap[value]).filter((name): name is string => !!name)),
  };
}

/**
 * What a returning (or newly linked) person gains from the provider's claims
 * at this sign-in: the mapped roles and agencies they do not hold yet. Only
 * ever added: a group the council adds someone to at the provider takes
 * effect at their next sign-in, but a role or agency is never taken away
 * here, since an administrator may have given it in the service itself and
 * the claims cannot tell the two apart. Taking one away is done on the
 * person's page (README, "Single sign-on").
 */
export function grantsToAdd(
  held: { roles: readonly Role[]; agencyNames: readonly string[] },
  mapped: { roles: readonly Role[]; agencyNames: readonly string[] },
): { roles: Role[]; agencyNames: string[] } {
  return {
    roles: mapped.roles.filter((role) => !held.roles.includes(role)),
    agencyNames: mapped.agencyNames.filter((name) => !held.agencyNames.includes(name)),
  };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
