import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { APIRequestContext, APIResponse, request } from 'playwright-core';
import type { OidcProviderConfig } from '../../src/config/oidc-config';

/** Who a test person is at the identity provider: the claims its ID token carries. */
export interface IdentityClaimsAtProvider {
  email?: string;
  email_verified?: boolean;
  xms_edov?: boolean;
  name?: string;
  roles?: string[];
  groups?: string[];
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app's configuration of this provider, as OIDC_<n>_… would give it. */
  config(overrides?: Partial<OidcProviderConfig>): OidcProviderConfig;
  /** Adds or changes a person at the provider. */
  setAccount(sub: string, claims: IdentityClaimsAtProvider): Promise<void>;
  /** The person who signs in at the provider's next login prompt. */
  signInAs(sub: string | null): Promise<void>;
  /** Spoils the next ID token the provider answers. */
  tamperNextToken(mode: 'issuer' | 'signature' | 'expired'): Promise<void>;
  /** Who has signed in at the provider (in order), and how many sessions were ended there by RP-initiated logout. */
  state(): Promise<{ logins: string[]; endSessions: number }>;
  close(): Promise<void>;
}

const SERVER = path.join(__dirname, 'oidc-provider-server.mjs');

/**
 * Starts a real OpenID Connect provider (oidc-provider) on 127.0.0.1, in a
 * child process, with one confidential client whose redirect URIs are the
 * app's callbacks for the given provider ids.
 */
export async function startIdentityProvider(appBaseUrl: string, providerIds: string[]): Promise<TestIdentityProvider> {
  const clientId = 'improvement-plan-manager';
  const clientSecret = 'a test client secret of some length';
  const clients = [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: providerIds.map((id) => `${appBaseUrl}/sign-in/sso/${id}/callback`),
      post_logout_redirect_uris: [`${appBaseUrl}/signed-out`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ];
  const child: ChildProcess = spawn(process.execPath, [SERVER, JSON.stringify({ clients })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The test identity provider did not start: ${errors}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test identity provider stopped (${code}): ${errors}`));
    });
  });
  const issuer = `http://127.0.0.1:${port}`;
  const control = async (route: string, body?: object) => {
    const response = await fetch(`${issuer}/__test/${route}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
    if (!response.ok) throw new Error(`Test identity provider ${route}: ${response.status}`);
    return response.json() as Promise<{ logins: string[]; endSessions: number }>;
  };
  return {
    issuer,
    clientId,
    clientSecret,
    config: (overrides = {}) => ({
      id: 'council',
      name: 'Anytown Council',
      issuer,
      clientId,
      clientSecret,
      allowedDomains: ['demo.test', 'anytown.gov.uk'],
      provision: false,
      roleClaim: 'roles',
      roleMap: {},
      agencyClaim: 'groups',
      agencyMap: {},
      ...overrides,
    }),
    setAccount: async (sub, claims) => void (await control('accounts', { sub, claims })),
    signInAs: async (sub) => void (await control('login', { sub })),
    tamperNextToken: async (mode) => void (await control('tamper', { mode })),
    state: () => control('state'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A browser without a screen: playwright's request context keeps cookies as
 * a browser does (the app's and the provider's, both on 127.0.0.1), and
 * `walk` follows redirects one at a time, so a test can stop at any step.
 */
export async function newCookieBrowser(): Promise<APIRequestContext> {
  return request.newContext({ maxRedirects: 0 });
}

export interface Walked {
  response: APIResponse;
  status: number;
  url: string;
  text: string;
  /** Every address visited, in order. */
  visited: string[];
}

/** GETs an address and follows its redirects, stopping before any address `stopBefore` matches. */
export async function walk(browser: APIRequestContext, url: string, stopBefore?: (next: URL) => boolean): Promise<Walked> {
  const visited: string[] = [];
  let current = url;
  for (let hop = 0; hop < 20; hop++) {
    visited.push(current);
    const response = await browser.get(current, { maxRedirects: 0 });
    const location = response.headers().location;
    if (response.status() >= 300 && response.status() < 400 && location) {
      const next = new URL(location, current);
      if (stopBefore?.(next)) return { response, status: response.status(), url: next.href, text: '', visited };
      current = next.href;
      continue;
    }
    return { response, status: response.status(), url: current, text: await response.text(), visited };
  }
  throw new Error(`Too many redirects from ${url}: ${visited.join(' -> ')}`);
}

/** The hidden CSRF token of a page's form. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** The page's main heading, as text. */
export function headingOf(html: string): string {
  const match = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return match ? match[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : '';
}
