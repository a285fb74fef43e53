import { APIRequestContext } from 'playwright-core';
import { WebApp, startWebApp } from './support/browser';
import { TestIdentityProvider, newCookieBrowser, startIdentityProvider, walk, headingOf } from './support/oidc-provider';

jest.setTimeout(120_000);

let t: WebApp;
let idp: TestIdentityProvider;
const browsers: APIRequestContext[] = [];
const browser = async () => {
  const b = await newCookieBrowser();
  browsers.push(b);
  return b;
};

beforeAll(async () => {
  t = await startWebApp({ demo: true });
  idp = await startIdentityProvider(t.baseUrl, ['council']);
  t.config.oidcProviders = [idp.config()];
});
afterAll(async () => {
  for (const b of browsers) await b.dispose();
  await idp?.close();
  await t?.close();
});

it('smoke', async () => {
  await idp.setAccount('csl-001', { email: 'head.csl@demo.test', email_verified: true, name: 'Sam Head' });
  await idp.signInAs('csl-001');
  const b = await browser();
  const walked = await walk(b, `${t.baseUrl}/sign-in/sso/council`);
  console.log(walked.visited, walked.status, headingOf(walked.text));
  expect(walked.status).toBe(200);
});
