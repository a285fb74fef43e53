import { ConfigError, loadConfig } from './app-config';
import { loadOidcProviders } from './oidc-config';

const ENTRA = {
  OIDC_1_ID: 'entra',
  OIDC_1_NAME: 'Anytown Council',
  OIDC_1_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
  OIDC_1_CLIENT_ID: 'client-1',
  OIDC_1_CLIENT_SECRET: 'hunter2-client-secret',
  OIDC_1_ALLOWED_DOMAINS: 'anytown.gov.uk',
};

describe('single sign-on providers (OIDC_<n>_…)', () => {
  it('are none when no variable is set', () => {
    expect(loadOidcProviders({}, false)).toEqual({ providers: [], errors: [] });
  });

  it('read one provider with its defaults: no provisioning, roles from "roles", agencies from "groups", nothing mapped', () => {
    expect(loadOidcProviders(ENTRA, true)).toEqual({
      errors: [],
      providers: [
        {
          id: 'entra',
          name: 'Anytown Council',
          issuer: 'https://login.microsoftonline.com/tenant/v2.0',
          clientId: 'client-1',
          clientSecret: 'hunter2-client-secret',
          allowedDomains: ['anytown.gov.uk'],
          provision: false,
          roleClaim: 'roles',
          roleMap: {},
          agencyClaim: 'groups',
          agencyMap: {},
        },
      ],
    });
  });

  it('read several, in the order of their numbers', () => {
    const partner = { OIDC_2_ID: 'nhs', OIDC_2_NAME: 'NHS', OIDC_2_ISSUER: 'https://idp.nhs.example/', OIDC_2_CLIENT_ID: 'c', OIDC_2_CLIENT_SECRET: 's', OIDC_2_ALLOWED_DOMAINS: 'nhs.net' };
    const { providers, errors } = loadOidcProviders({ ...partner, ...ENTRA }, false);
    expect(errors).toEqual([]);
    expect(providers.map((provider) => provider.id)).toEqual(['entra', 'nhs']);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a missing client id', { ...ENTRA, OIDC_1_CLIENT_ID: '' }, /OIDC_1_CLIENT_ID: is required/],
    ['a missing client secret', { ...ENTRA, OIDC_1_CLIENT_SECRET: '' }, /OIDC_1_CLIENT_SECRET: is required/],
    ['no allowed domains', { ...ENTRA, OIDC_1_ALLOWED_DOMAINS: '' }, /OIDC_1_ALLOWED_DOMAINS: is required/],
    ['a domain that is not one', { ...ENTRA, OIDC_1_ALLOWED_DOMAINS: 'anytown.gov.uk, @nhs' }, /OIDC_1_ALLOWED_DOMAINS="anytown.gov.uk, @nhs": must be email domains .*"@nhs"/],
    ['an id with capitals', { ...ENTRA, OIDC_1_ID: 'Entra' }, /OIDC_1_ID="Entra": must be 1 to 30 lower-case/],
    ['an issuer that is not a URL', { ...ENTRA, OIDC_1_ISSUER: 'login.microsoftonline.com' }, /OIDC_1_ISSUER="login.microsoftonline.com": must be the issuer URL/],
    ['an issuer over plain HTTP elsewhere than this machine', { ...ENTRA, OIDC_1_ISSUER: 'http://idp.example.org' }, /OIDC_1_ISSUER=.*: must be an https:\/\/ URL/],
    ['an issuer with a query', { ...ENTRA, OIDC_1_ISSUER: 'https://idp.example.org/?tenant=1' }, /OIDC_1_ISSUER=.*without a query/],
    ['provisioning that is not true or false', { ...ENTRA, OIDC_1_PROVISION: 'sometimes' }, /OIDC_1_PROVISION="sometimes": must be true or false/],
    ['a role map that is not JSON', { ...ENTRA, OIDC_1_ROLE_MAP: 'IPM.Admin=admin' }, /OIDC_1_ROLE_MAP=.*must be a JSON object/],
    ['a role map to a role that does not exist', { ...ENTRA, OIDC_1_ROLE_MAP: '{"IPM.Boss":"superuser"}' }, /OIDC_1_ROLE_MAP=.*maps "IPM.Boss" to "superuser", which is not a role/],
    ['an agency map to nothing', { ...ENTRA, OIDC_1_AGENCY_MAP: '{"g1":""}' }, /OIDC_1_AGENCY_MAP=.*which is not the name of a lead agency/],
    ['a misspelt setting', { ...ENTRA, OIDC_1_ISUER: 'https://x.example' }, /OIDC_1_ISUER: is not a setting of single sign-on/],
    ['provider number 0', { OIDC_0_ID: 'x' }, /OIDC_0_ID: is not a setting/],
    ['two providers with one id', { ...ENTRA, ...Object.fromEntries(Object.entries(ENTRA).map(([key, value]) => [key.replace('OIDC_1_', 'OIDC_2_'), value])) }, /OIDC_2_ID="entra": is the ID of another provider/],
  ])('name the variable for %s', (_label, env, problem) => {
    expect(loadOidcProviders(env, false).errors.join('\n')).toMatch(problem);
    // Any problem stops the app: loadConfig refuses the whole configuration.
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });

  it('allow a provider on this machine over plain HTTP outside production only (the tests start one)', () => {
    const local = { ...ENTRA, OIDC_1_ISSUER: 'http://127.0.0.1:4100' };
    expect(loadOidcProviders(local, false).errors).toEqual([]);
    expect(loadOidcProviders(local, true).errors.join('\n')).toMatch(/OIDC_1_ISSUER="http:\/\/127.0.0.1:4100": must be an https:\/\/ URL$/);
  });

  it('never print a client secret, even when something else about it is wrong', () => {
    const message = (() => {
      try {
        loadConfig({ ...ENTRA, OIDC_1_ISSUER: 'nonsense', OIDC_1_CLIENT_ID: '' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/OIDC_1_ISSUER="nonsense"/);
    expect(message).toMatch(/OIDC_1_CLIENT_ID: is required/);
    expect(message).not.toContain('hunter2');
  });

  it('stop the app at start-up through loadConfig, with the other variables’ problems', () => {
    expect(() => loadConfig({ PORT: 'eighty', ...ENTRA, OIDC_1_PROVISION: 'perhaps' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', ...ENTRA, OIDC_1_PROVISION: 'perhaps' })).toThrow(/PORT="eighty"[\s\S]*OIDC_1_PROVISION="perhaps"/);
  });

  it('let password sign-in be switched off only when people can sign in another way', () => {
    expect(() => loadConfig({ PASSWORD_SIGN_IN: 'off' })).toThrow(/PASSWORD_SIGN_IN=off: needs a single sign-on provider/);
    expect(loadConfig({ PASSWORD_SIGN_IN: 'off', ...ENTRA })).toMatchObject({ passwordSignIn: false, oidcProviders: [{ id: 'entra' }] });
    expect(loadConfig({ PASSWORD_SIGN_IN: 'on' }).passwordSignIn).toBe(true);
  });
});
