import { ROLES, Role } from '../accounts/roles';

/**
 * One identity provider the council's people sign in with (OpenID Connect):
 * Microsoft Entra ID for staff, a partner's own for NHS or police colleagues.
 */
export interface OidcProviderConfig {
  /** In addresses (/sign-in/sso/<id>) and logs: lower-case letters, digits and dashes. */
  id: string;
  /** On the button: "Sign in with <name>". */
  name: string;
  /** The issuer identifier; discovery reads <issuer>/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Email domains whose people may be linked or given an account: "southampton.gov.uk". */
  allowedDomains: string[];
  /** Create an account (viewer, no plans) for someone at an allowed domain who has none. */
  provision: boolean;
  /** The claim holding app roles or groups, read when an account is created. */
  roleClaim: string;
  /** Claim value -> role, for accounts created by sign-in; none mapped means viewer. */
  roleMap: Record<string, Role>;
  agencyClaim: string;
  /** Claim value -> lead agency name, for accounts created by sign-in. */
  agencyMap: Record<string, string>;
}

const SETTINGS = ['ID', 'NAME', 'ISSUER', 'CLIENT_ID', 'CLIENT_SECRET', 'ALLOWED_DOMAINS', 'PROVISION', 'ROLE_CLAIM', 'ROLE_MAP', 'AGENCY_CLAIM', 'AGENCY_MAP'] as const;
type Setting = (typeof SETTINGS)[number];
const REQUIRED: Setting[] = ['ID', 'NAME', 'ISSUER', 'CLIENT_ID', 'CLIENT_SECRET', 'ALLOWED_DOMAINS'];
/** Never printed when wrong. */
const SECRET: Setting[] = ['CLIENT_SECRET'];

const VARIABLE = /^OIDC_(\d{1,2})_([A-Z_]+)$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Reads OIDC_<n>_<SETTING> variables (n = 1, 2, …; one provider each) into
 * providers, or names every variable that is wrong. Numbered variables rather
 * than one JSON list, so that each secret sits in a variable of its own (and
 * a secret store can fill it) and each error names exactly one variable.
 */
export function loadOidcProviders(env: Record<string, string>, production: boolean): { providers: OidcProviderConfig[]; errors: string[] } {
  const errors: string[] = [];
  const byNumber = new Map<number, Partial<Record<Setting, string>>>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('OIDC_') || value.trim() === '') continue;
    const match = VARIABLE.exec(name);
    const setting = match?.[2] as Setting | undefined;
    if (!match || !setting || !SETTINGS.includes(setting) || Number(match[1]) < 1) {
      errors.push(`  ${name}: is not a setting of single sign-on (OIDC_<n>_<${SETTINGS.join('|')}>, n from 1)`);
      continue;
    }
    const settings = byNumber.get(Number(match[1])) ?? {};
    settings[setting] = value.trim();
    byNumber.set(Number(match[1]), settings);
  }

  const providers: OidcProviderConfig[] = [];
  for (const n of [...byNumber.keys()].sort((a, b) => a - b)) {
    const settings = byNumber.get(n)!;
    const name = (setting: Setting) => `OIDC_${n}_${setting}`;
    const fail = (setting: Setting, problem: string) => {
      const shown = SECRET.includes(setting) || !settings[setting] ? '' : `=${JSON.stringify(settings[setting])}`;
      errors.push(`  ${name(setting)}${shown}: ${problem}`);
    };
    const before = errors.length;
    for (const setting of REQUIRED) if (!settings[setting]) fail(setting, `is required for single sign-on provider ${n}`);

    const id = settings.ID ?? '';
    if (id && !/^[a-z0-9][a-z0-9-]{0,29}$/.test(id)) fail('ID', 'must be 1 to 30 lower-case letters, digits or dashes, starting with a letter or digit');
    if (id && providers.some((provider) => provider.id === id)) fail('ID', 'is the ID of another provider');
    if (settings.NAME && settings.NAME.length > 100) fail('NAME', 'must be at most 100 characters');

    const issuer = settings.ISSUER ?? '';
    if (issuer) {
      const problem = issuerProblem(issuer, production);
      if (problem) fail('ISSUER', problem);
    }
    const domains = (settings.ALLOWED_DOMAINS ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean);
    const badDomain = domains.find((domain) => !DOMAIN.test(domain));
    if (settings.ALLOWED_DOMAINS && (domains.length === 0 || badDomain)) {
      fail('ALLOWED_DOMAINS', `must be email domains separated by commas, like southampton.gov.uk,nhs.net${badDomain ? ` (not ${JSON.stringify(badDomain)})` : ''}`);
    }

    let provision = false;
    if (settings.PROVISION !== undefined) {
      const value = settings.PROVISION.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(value)) provision = true;
      else if (!['0', 'false', 'no', 'off'].includes(value)) fail('PROVISION', 'must be true or false');
    }

    const roleMap = mapOf(settings.ROLE_MAP, (value) => (ROLES as readonly string[]).includes(value), `a role (${ROLES.join(', ')})`);
    if (roleMap.problem) fail('ROLE_MAP', roleMap.problem);
    const agencyMap = mapOf(settings.AGENCY_MAP, (value) => value.trim().length > 0 && value.length <= 200, 'the name of a lead agency');
    if (agencyMap.problem) fail('AGENCY_MAP', agencyMap.problem);
    for (const setting of ['ROLE_CLAIM', 'AGENCY_CLAIM'] as const) {
      if (settings[setting] !== undefined && !/^[A-Za-z0-9_.:\/-]{1,100}$/.test(settings[setting]!)) fail(setting, 'must be the name of a claim, like roles or groups');
    }

    if (errors.length > before) continue;
    providers.push({
      id,
      name: settings.NAME!,
      issuer,
      clientId: settings.CLIENT_ID!,
      clientSecret: settings.CLIENT_SECRET!,
      allowedDomains: domains,
      provision,
      roleClaim: settings.ROLE_CLAIM ?? 'roles',
      roleMap: roleMap.map as Record<string, Role>,
      agencyClaim: settings.AGENCY_CLAIM ?? 'groups',
      agencyMap: agencyMap.map,
    });
  }
  return { providers, errors };
}

function issuerProblem(issuer: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'must be the issuer URL, like https://login.microsoftonline.com/<tenant id>/v2.0';
  }
  if (url.search || url.hash) return 'must be the issuer URL without a query or fragment';
  if (url.protocol === 'https:') return undefined;
  // A provider started by the tests, or a developer's own, listens on plain HTTP on this machine.
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname) && !production) return undefined;
  return production ? 'must be an https:// URL' : 'must be an https:// URL (http:// only for 127.0.0.1 or localhost, outside production)';
}

function mapOf(text: string | undefined, valid: (value: string) => boolean, what: string): { map: Record<string, string>; problem?: string } {
  if (text === undefined || text === '') return { map: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { map: {}, problem: `must be a JSON object of claim value to ${what}, like {"IPM.Admin":"admin"}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { map: {}, problem: `must be a JSON object of claim value to ${what}` };
  const entries = Object.entries(parsed as Record<string, unknown>);
  const bad = entries.find(([, value]) => typeof value !== 'string' || !valid(value));
  if (bad) return { map: {}, problem: `maps ${JSON.stringify(bad[0])} to ${JSON.stringify(bad[1])}, which is not ${what}` };
  return { map: Object.fromEntries(entries) as Record<string, string> };
}
