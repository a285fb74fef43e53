// A real OpenID Connect provider (the `oidc-provider` package) for the e2e
// tests, on 127.0.0.1 in a process of its own: oidc-provider is an ES module
// that Jest's CommonJS runtime cannot load, and a separate process is what a
// council's identity provider is anyway. Started by test/support/oidc-provider.ts.
//
// argv[2]: JSON { clients: [{ client_id, client_secret, redirect_uris, post_logout_redirect_uris }] }
// Prints "listening <port>" once it serves. The tests steer it through /__test/…:
//   POST /__test/accounts {sub, claims}  who exists, with what claims
//   POST /__test/login {sub}             who signs in at the next login prompt (as if they typed their password)
//   POST /__test/tamper {mode}           spoil the next ID token: issuer | signature | expired
//   GET  /__test/state                   how many logins and RP-initiated logouts there have been
import { createServer } from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] ?? '{}');
const accounts = new Map();
const state = { logins: [], endSessions: 0, nextLogin: null, tamper: null };

const key = (kid) => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
};
const signing = key('test-signing-key');
// Another key with the same key id: a token signed with it claims to be the provider's and is not.
const impostor = key('test-signing-key');

let handler = (_request, response) => response.writeHead(503).end();
const server = createServer((request, response) => handler(request, response));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

const html = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const provider = new Provider(issuer, {
  clients: options.clients ?? [],
  jwks: { keys: [signing.jwk] },
  cookies: { keys: ['a test provider’s cookie key, not a secret'] },
  // The claims an identity provider such as Entra ID puts in the ID token itself.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified', 'xms_edov'],
    profile: ['name', 'preferred_username', 'roles', 'groups'],
  },
  scopes: ['openid', 'email', 'profile'],
  findAccount: async (_ctx, sub) => {
    if (!accounts.has(sub)) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = html('Sign out of the test provider?', `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = html('Signed out of the test provider', '');
      },
    },
  },
  ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = html('Test provider error', `<pre>${String(out.error)}: ${String(out.error_description ?? '')}</pre>`);
  },
});
provider.proxy = false;
provider.on('end_session.success', () => {
  state.endSessions += 1;
});

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
function spoil(idToken, mode) {
  const [head, body] = idToken.split('.');
  const header = decode(head);
  const payload = decode(body);
  let keyToSign = signing.privateKey;
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'issuer') payload.iss = 'http://127.0.0.1:9/another-issuer';
  else if (mode === 'expired') Object.assign(payload, { iat: now - 7200, exp: now - 3600 });
  else if (mode === 'signature') keyToSign = impostor.privateKey;
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), keyToSign).toString('base64url')}`;
}

async function readJson(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

provider.use(async (ctx, next) => {
  if (ctx.path.startsWith('/__test/')) {
    const body = ctx.method === 'POST' ? await readJson(ctx) : {};
    if (ctx.path === '/__test/accounts') accounts.set(body.sub, body.claims ?? {});
    else if (ctx.path === '/__test/login') state.nextLogin = body.sub ?? null;
    else if (ctx.path === '/__test/tamper') state.tamper = body.mode ?? null;
    else if (ctx.path !== '/__test/state') return void (ctx.status = 404);
    ctx.body = { logins: state.logins, endSessions: state.endSessions };
    return;
  }
  if (ctx.path.startsWith('/interaction/')) {
    // The person signs in here (a password, a second factor…): the test has said who.
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const sub = state.nextLogin;
    if (!sub || !accounts.has(sub)) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = html('Nobody to sign in', '<p>The test did not say who signs in.</p>');
      return;
    }
    state.logins.push(sub);
    const grant = new provider.Grant({ accountId: sub, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    const to = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
    ctx.redirect(to);
    return;
  }
  await next();
  if (ctx.path === '/token' && state.tamper && ctx.body && typeof ctx.body === 'object' && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: spoil(ctx.body.id_token, state.tamper) };
    state.tamper = null;
  }
});

handler = provider.callback();
process.stdout.write(`listening ${port}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
