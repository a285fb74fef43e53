import { AccountFound, IdentityClaims, SignInDecision, decideSignIn, emailDomain, grantsToAdd, identityClaimsOf, mappedGrants } from './sso-rules';

const provider = { allowedDomains: ['anytown.gov.uk', 'nhs.net'], provision: false, roleMap: { 'IPM.Admin': 'admin' as const, 'IPM.Lead': 'service_head' as const }, agencyMap: { g1: 'NHS Southampton' } };
const claims = (overrides: Partial<IdentityClaims> = {}): IdentityClaims => ({
  subject: 'sub-1',
  email: 'sam@anytown.gov.uk',
  emailVerified: true,
  name: 'Sam Head',
  roleValues: [],
  agencyValues: [],
  ...overrides,
});
const account = (overrides: Partial<AccountFound> = {}): AccountFound => ({ id: 'u1', email: 'sam@anytown.gov.uk', active: true, ...overrides });

describe('identityClaimsOf', () => {
  const map = { roleClaim: 'roles', agencyClaim: 'groups' };
  it.each<[string, Record<string, unknown>, Partial<IdentityClaims>]>([
    ['an email the provider verified, lower-cased', { sub: 's', email: 'Sam@Anytown.GOV.uk', email_verified: true }, { email: 'sam@anytown.gov.uk', emailVerified: true }],
    ['email_verified written as a string', { sub: 's', email: 'a@b.uk', email_verified: 'true' }, { emailVerified: true }],
    ['Entra ID’s xms_edov in place of email_verified', { sub: 's', email: 'a@b.uk', xms_edov: true }, { emailVerified: true }],
    ['Entra ID’s xms_edov as "1"', { sub: 's', email: 'a@b.uk', xms_edov: '1' }, { emailVerified: true }],
    ['no verification claim at all (Entra without xms_edov)', { sub: 's', email: 'a@b.uk' }, { emailVerified: false }],
    ['email_verified false', { sub: 's', email: 'a@b.uk', email_verified: false, xms_edov: false }, { emailVerified: false }],
    ['no email: nothing to verify', { sub: 's', email_verified: true }, { email: null, emailVerified: false }],
    ['something that is not an email', { sub: 's', email: 'sam', email_verified: true }, { email: null, emailVerified: false }],
    ['roles as a list, groups as one string', { sub: 's', roles: ['IPM.Admin', 7], groups: 'g1' }, { roleValues: ['IPM.Admin'], agencyValues: ['g1'] }],
    ['a blank name', { sub: 's', name: '   ' }, { name: null }],
  ])('%s', (_label, raw, expected) => {
    expect(identityClaimsOf(raw, map)).toMatchObject(expected);
  });

  it('reads the claims the provider is configured to use for roles and agencies', () => {
    expect(identityClaimsOf({ sub: 's', app_roles: ['r'], teams: ['t'] }, { roleClaim: 'app_roles', agencyClaim: 'teams' })).toMatchObject({ roleValues: ['r'], agencyValues: ['t'] });
  });
});

describe('emailDomain', () => {
  it.each([
    ['sam@anytown.gov.uk', 'anytown.gov.uk'],
    ['"odd@name"@NHS.net', 'nhs.net'],
  ])('%s → %s', (email, domain) => expect(emailDomain(email)).toBe(domain));
});

describe('decideSignIn', () => {
  type Case = [string, Parameters<typeof decideSignIn>[0], SignInDecision];
  const input = (overrides: Partial<Parameters<typeof decideSignIn>[0]> = {}): Parameters<typeof decideSignIn>[0] => ({
    provider,
    claims: claims(),
    linked: null,
    byEmail: null,
    emailTakenByAnother: false,
    ...overrides,
  });
  it.each<Case>([
    ['returning: found by subject', input({ linked: account() }), { kind: 'returning', userId: 'u1', newEmail: null }],
    ['returning: their address changed, verified and allowed: the account follows it', input({ linked: account({ email: 'old@anytown.gov.uk' }) }), { kind: 'returning', userId: 'u1', newEmail: 'sam@anytown.gov.uk' }],
    ['returning: the new address is not verified: kept as it was', input({ linked: account({ email: 'old@anytown.gov.uk' }), claims: claims({ emailVerified: false }) }), { kind: 'returning', userId: 'u1', newEmail: null }],
    ['returning: the new address is at a domain not allowed: kept as it was, still let in', input({ linked: account({ email: 'old@anytown.gov.uk' }), claims: claims({ email: 'sam@gmail.example' }) }), { kind: 'returning', userId: 'u1', newEmail: null }],
    ['returning: the new address is another account’s: kept as it was', input({ linked: account({ email: 'old@anytown.gov.uk' }), emailTakenByAnother: true }), { kind: 'returning', userId: 'u1', newEmail: null }],
    ['returning to a switched-off account', input({ linked: account({ active: false }) }), { kind: 'refuse', reason: 'disabled' }],
    ['first time: an account with the verified email is linked', input({ byEmail: { ...account(), linkedHereToAnother: false } }), { kind: 'link', userId: 'u1' }],
    ['first time: the account with that email is someone else’s here already', input({ byEmail: { ...account(), linkedHereToAnother: true } }), { kind: 'refuse', reason: 'already-linked' }],
    ['first time: the account with that email is switched off', input({ byEmail: { ...account({ active: false }), linkedHereToAnother: false } }), { kind: 'refuse', reason: 'disabled' }],
    ['first time: the email is not verified, so links nothing', input({ byEmail: { ...account(), linkedHereToAnother: false }, claims: claims({ emailVerified: false }) }), { kind: 'refuse', reason: 'unverified' }],
    ['first time: no email at all', input({ claims: claims({ email: null, emailVerified: false }) }), { kind: 'refuse', reason: 'unverified' }],
    ['first time: a domain not allowed, even with an account of that email', input({ byEmail: { ...account({ email: 'sam@gmail.example' }), linkedHereToAnother: false }, claims: claims({ email: 'sam@gmail.example' }) }), { kind: 'refuse', reason: 'domain' }],
    ['first time: a subdomain is not its parent domain', input({ claims: claims({ email: 'sam@schools.anytown.gov.uk' }) }), { kind: 'refuse', reason: 'domain' }],
    ['no account, provisioning off', input(), { kind: 'refuse', reason: 'no-account' }],
    ['no account, provisioning on: a viewer', input({ provider: { ...provider, provision: true } }), { kind: 'provision', email: 'sam@anytown.gov.uk', name: 'Sam Head', roles: ['viewer'], agencyNames: [] }],
    [
      'no account, provisioning on: the mapped roles and agencies, unmapped values ignored, each once',
      input({ provider: { ...provider, provision: true }, claims: claims({ roleValues: ['IPM.Lead', 'IPM.Lead', 'Other'], agencyValues: ['g1', 'g2'] }) }),
      { kind: 'provision', email: 'sam@anytown.gov.uk', name: 'Sam Head', roles: ['service_head'], agencyNames: ['NHS Southampton'] },
    ],
    ['no account, provisioning on, no name given: named by email', input({ provider: { ...provider, provision: true }, claims: claims({ name: null }) }), { kind: 'provision', email: 'sam@anytown.gov.uk', name: 'sam@anytown.gov.uk', roles: ['viewer'], agencyNames: [] }],
    ['no account, provisioning on, domain not allowed', input({ provider: { ...provider, provision: true }, claims: claims({ email: 'x@gmail.example' }) }), { kind: 'refuse', reason: 'domain' }],
  ])('%s', (_label, given, expected) => {
    expect(decideSignIn(given)).toEqual(expected);
  });
});

describe('mappedGrants and grantsToAdd: the provider’s claims at a later sign-in', () => {
  const provider = { roleMap: { 'IPM.Lead': 'service_head', 'IPM.Chair': 'board_chair' } as const, agencyMap: { 'grp-nhs': 'NHS Southampton', 'grp-police': 'Police' } };

  it.each<[string, string[], string[], { roles: string[]; agencyNames: string[] }]>([
    ['mapped values, once each', ['IPM.Lead', 'IPM.Lead', 'Other'], ['grp-nhs', 'grp-unknown'], { roles: ['service_head'], agencyNames: ['NHS Southampton'] }],
    ['nothing mapped', ['Other'], [], { roles: [], agencyNames: [] }],
    ['both maps', ['IPM.Chair', 'IPM.Lead'], ['grp-police', 'grp-nhs'], { roles: ['board_chair', 'service_head'], agencyNames: ['Police', 'NHS Southampton'] }],
  ])('%s', (_, roleValues, agencyValues, expected) => {
    expect(mappedGrants(provider as never, { roleValues, agencyValues })).toEqual(expected);
  });

  it.each<[string, { roles: string[]; agencyNames: string[] }, { roles: string[]; agencyNames: string[] }, { roles: string[]; agencyNames: string[] }]>([
    ['a new group adds its role and agency', { roles: ['viewer'], agencyNames: [] }, { roles: ['service_head'], agencyNames: ['Police'] }, { roles: ['service_head'], agencyNames: ['Police'] }],
    ['what they hold already adds nothing', { roles: ['service_head', 'viewer'], agencyNames: ['Police'] }, { roles: ['service_head'], agencyNames: ['Police'] }, { roles: [], agencyNames: [] }],
    ['a group gone at the provider takes nothing away', { roles: ['admin', 'service_head'], agencyNames: ['Police', 'NHS Southampton'] }, { roles: [], agencyNames: [] }, { roles: [], agencyNames: [] }],
  ])('%s', (_, held, mapped, expected) => {
    expect(grantsToAdd(held as never, mapped as never)).toEqual(expected);
  });
});
