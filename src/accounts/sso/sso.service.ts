import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { OidcProviderConfig } from '../../config/oidc-config';
import { requestContext } from '../../common/request-context';
import { LeadAgency } from '../../plans/entities/lead-agency.entity';
import { AuthService, SessionMeta } from '../auth.service';
import { AuthIdentity } from '../entities/auth-identity.entity';
import { UserLeadAgency } from '../entities/user-lead-agency.entity';
import { User } from '../entities/user.entity';
import { hashToken } from '../secrets';
import { SsoRefused, refusalOf } from './sso-errors';
import { decideSignIn, grantsToAdd, identityClaimsOf, mappedGrants } from './sso-rules';
import { SsoSession } from './sso-session.entity';
import { SsoSignIn } from './sso-sign-in.entity';

/** Long enough to type a password and answer a second factor at the provider; short enough that a stolen state is stale. */
const SIGN_IN_MINUTES = 10;
/** What the service asks the provider for: who the person is, their email and name. */
export const SSO_SCOPES = 'openid profile email';

export interface SignedInBySso {
  /** The session started for the person: the same row, and the same tokens, as a password sign-in's. */
  sessionId: string;
  roles: User['roles'];
  returnTo: string | null;
}

/**
 * Single sign-on with the council's identity providers (OpenID Connect):
 * the authorization code flow with PKCE, state and nonce, the ID token
 * checked by openid-client (issuer, audience, expiry, signature against the
 * provider's published keys, nonce), then the person found by (issuer,
 * subject) and a session started through AuthService.startSession, so
 * everything after (pages, API tokens, sign-out) is as for a password.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger('SingleSignOn');
  /** Discovery per provider, kept once it succeeds; a failure is tried again at the next sign-in. */
  private readonly discovered = new Map<string, Promise<client.Configuration>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The providers to offer, in their configured order. */
  providers(): Array<Pick<OidcProviderConfig, 'id' | 'name'>> {
    return this.config.oidcProviders.map(({ id, name }) => ({ id, name }));
  }

  provider(id: string): OidcProviderConfig | undefined {
    return this.config.oidcProviders.find((provider) => provider.id === id);
  }

  /** Where the provider sends the person back: registered with the provider as the redirect URI. */
  redirectUri(providerId: string): string {
    return `${this.config.publicUrl}/sign-in/sso/${providerId}/callback`;
  }

  /** Where the provider sends the person after signing them out: registered with the provider too. */
  postLogoutRedirectUri(): string {
    return `${this.config.publicUrl}/signed-out`;
  }

  /** Starts a sign-in: the address at the provider to send the browser to, and the id the browser keeps in a cookie. */
  async start(provider: OidcProviderConfig, returnTo: string | null): Promise<{ authorizationUrl: string; signInId: string }> {
    const configuration = await this.configuration(provider);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const row = await this.dataSource.transaction(async (manager) => {
      // Sign-ins nobody finished are of no use after a day; an ended session's ID token is of no use at all.
      await manager.delete(SsoSignIn, { createdAt: LessThan(new Date(Date.now() - 86_400_000)) });
      await manager.query(`DELETE FROM sso_sessions s USING sessions x WHERE x.id = s.session_id AND (x.revoked_at IS NOT NULL OR x.expires_at < now())`);
      return manager.save(
        manager.create(SsoSignIn, {
          stateHash: hashToken(state),
          providerId: provider.id,
          nonce,
          codeVerifier,
          returnTo,
          expiresAt: new Date(Date.now() + SIGN_IN_MINUTES * 60_000),
          usedAt: null,
        }),
      );
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(provider.id),
      scope: SSO_SCOPES,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl: url.href, signInId: row.id };
  }

  /**
   * The provider's answer: checks it, finds or links (or creates) the
   * account, and starts a session. Anything wrong throws SsoRefused; the
   * failure counts towards the address's sign-in throttling and is logged.
   */
  async finish(provider: OidcProviderConfig, callbackUrl: URL, signInIdInBrowser: string | null, meta: SessionMeta & { ipAddress: string }): Promise<SignedInBySso> {
    await this.auth.assertAddressNotThrottled(meta.ipAddress);
    try {
      return await this.signIn(provider, callbackUrl, signInIdInBrowser, meta);
    } catch (error) {
      if (!(error instanceof SsoRefused)) throw error;
      await this.auth.recordFailedSignIn(`sso:${provider.id}`, meta.ipAddress);
      this.logger.warn(`Sign-in through ${provider.id} refused (${error.reason}): ${error.detail} (${requestContext.current()?.requestId ?? '-'})`);
      throw error;
    }
  }

  /**
   * Where to send a browser whose session started through a provider that
   * supports RP-initiated logout, so it ends the provider's session too; null
   * otherwise (a password session, or a provider without an end_session_endpoint).
   */
  async endSessionUrl(sessionId: string | null): Promise<{ url: string; providerName: string } | null> {
    if (!sessionId) return null;
    const record = await this.dataSource.getRepository(SsoSession).createQueryBuilder('s').addSelect('s.idToken').where('s.sessionId = :sessionId', { sessionId }).getOne();
    const provider = record ? this.provider(record.providerId) : undefined;
    if (!record || !provider) return null;
    // Used once: the session is ending.
    await this.dataSource.manager.delete(SsoSession, { sessionId });
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration(provider);
    } catch {
      // The provider is unreachable: the session here still ends; theirs cannot be asked to.
      return null;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const url = client.buildEndSessionUrl(configuration, {
      id_token_hint: record.idToken,
      post_logout_redirect_uri: this.postLogoutRedirectUri(),
      client_id: provider.clientId,
    });
    return { url: url.href, providerName: provider.name };
  }

  private async signIn(provider: OidcProviderConfig, callbackUrl: URL, signInIdInBrowser: string | null, meta: SessionMeta & { ipAddress: string }): Promise<SignedInBySso> {
    const state = callbackUrl.searchParams.get('state');
    if (!state) throw new SsoRefused('state', 'the answer carries no state');
    // Claimed in a transaction of its own, before the code is exchanged, so a replayed answer finds it used whatever happens next.
    const started = await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(SsoSignIn)
        .createQueryBuilder('s')
        .addSelect(['s.nonce', 's.codeVerifier'])
        .setLock('pessimistic_write')
        .where('s.stateHash = :hash', { hash: hashToken(state) })
        .getOne();
      if (row && !row.usedAt) await manager.update(SsoSignIn, { id: row.id }, { usedAt: new Date() });
      return row;
    });
    // Checked once the claim has committed: whatever is wrong, the sign-in is used up.
    if (!started) throw new SsoRefused('state', 'no sign-in was started with this state');
    if (started.usedAt) throw new SsoRefused('state', 'the answer was replayed: this sign-in was already used');
    if (started.expiresAt <= new Date()) throw new SsoRefused('state', 'the sign-in expired before the answer came');
    if (started.providerId !== provider.id) throw new SsoRefused('state', `the sign-in was started with ${started.providerId}`);
    if (started.id !== signInIdInBrowser) throw new SsoRefused('state', 'the answer was opened in another browser than the one that started the sign-in');

    const configuration = await this.configuration(provider);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: started.codeVerifier,
        expectedState: state,
        expectedNonce: started.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new SsoRefused(refusalOf(error), error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error));
    }
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new SsoRefused('unavailable', 'the provider answered no ID token');
    const issuer = configuration.serverMetadata().issuer;
    const identity = identityClaimsOf(claims as Record<string, unknown>, provider);

    const user = await this.dataSource.transaction((manager) => this.personFor(manager, provider, issuer, identity));
    const { accessToken } = await this.auth.startSession(user, meta);
    const actor = await this.auth.authenticate(accessToken);
    if (!actor?.sessionId) throw new Error('A session just started could not be read back');
    await this.dataSource.manager.insert(SsoSession, { sessionId: actor.sessionId, providerId: provider.id, issuer, idToken: tokens.id_token });
    return { sessionId: actor.sessionId, roles: actor.roles, returnTo: started.returnTo };
  }

  /** Finds, links or creates the person, each change on the record in the same transaction. */
  private async personFor(manager: EntityManager, provider: OidcProviderConfig, issuer: string, identity: ReturnType<typeof identityClaimsOf>): Promise<User> {
    // Two first sign-ins of one person at once would both try to link: they take turns.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sso:' || $1 || ':' || $2))`, [issuer, identity.subject]);
    const linkedRow = await manager.findOne(AuthIdentity, { where: { provider: issuer, subject: identity.subject }, relations: { user: true } });
    const byEmail = identity.email ? await manager.findOne(User, { where: { email: identity.email } }) : null;
    const byEmailLinkedHere = byEmail ? await manager.exists(AuthIdentity, { where: { provider: issuer, userId: byEmail.id } }) : false;
    const decision = decideSignIn({
      provider,
      claims: identity,
      linked: linkedRow?.user ? { id: linkedRow.user.id, email: linkedRow.user.email, active: linkedRow.user.active } : null,
      byEmail: byEmail ? { id: byEmail.id, email: byEmail.email, active: byEmail.active, linkedHereToAnother: byEmailLinkedHere } : null,
      emailTakenByAnother: !!byEmail && byEmail.id !== linkedRow?.userId,
    });
    const label = (name: string, email: string) => `${name} <${email}> (by single sign-on with ${provider.name})`;

    switch (decision.kind) {
      case 'refuse':
        throw new SsoRefused(decision.reason, `subject ${identity.subject}${identity.email ? `, email domain ${identity.email.split('@')[1]}` : ''}`);
      case 'returning': {
        const user = linkedRow!.user!;
        if (decision.newEmail) {
          // Their address changed at the council: reminders follow it.
          await manager.update(User, { id: user.id }, { email: decision.newEmail, version: () => 'version + 1' });
          await this.audit.record(manager, {
            action: 'update',
            entityType: 'user',
            entityId: user.id,
            before: { email: user.email },
            after: { email: decision.newEmail },
            actor: { id: user.id, label: label(user.name, decision.newEmail) },
          });
          user.email = decision.newEmail;
        }
        await this.addMappedGrants(manager, user, provider, identity, label(user.name, user.email));
        return user;
      }
      case 'link': {
        const user = byEmail!;
        await manager.insert(AuthIdentity, { provider: issuer, subject: identity.subject, userId: user.id });
        await this.audit.record(manager, {
          action: 'create',
          entityType: 'auth_identity',
          entityId: user.id,
          after: { provider: provider.id, issuer, subject: identity.subject, linkedBy: 'verified email', email: user.email },
          actor: { id: user.id, label: label(user.name, user.email) },
        });
        await this.addMappedGrants(manager, user, provider, identity, label(user.name, user.email));
        return user;
      }
      case 'provision': {
        const user = await manager.save(
          manager.create(User, {
            name: decision.name,
            email: decision.email,
            jobTitle: null,
            roles: decision.roles,
            contactPreferences: { digest: 'daily' },
            passwordHash: null,
            active: true,
          }),
        );
        const agencies = await this.agenciesNamed(manager, decision.agencyNames, provider);
        if (agencies.length) await manager.insert(UserLeadAgency, agencies.map((agency) => ({ userId: user.id, leadAgencyId: agency.id, isContact: false })));
        await manager.insert(AuthIdentity, { provider: issuer, subject: identity.subject, userId: user.id });
        const actor = { id: user.id, label: label(user.name, user.email) };
        await this.audit.record(manager, {
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          after: { name: user.name, email: user.email, roles: user.roles, leadAgencies: agencies.map((agency) => agency.name), planIds: [], createdBy: `single sign-on with ${provider.name}` },
          actor,
        });
        await this.audit.record(manager, {
          action: 'create',
          entityType: 'auth_identity',
          entityId: user.id,
          after: { provider: provider.id, issuer, subject: identity.subject, linkedBy: 'account created at first sign-in', email: user.email },
          actor,
        });
        return user;
      }
    }
  }

  /**
   * The roles and agencies the provider's claims map to that the person does
   * not hold yet, added (never taken away: see grantsToAdd) in the sign-in's
   * transaction and on the record, so a group the council adds someone to
   * takes effect at their next sign-in.
   */
  private async addMappedGrants(manager: EntityManager, user: User, provider: OidcProviderConfig, identity: Parameters<typeof mappedGrants>[1], actorLabel: string): Promise<void> {
    const mapped = mappedGrants(provider, identity);
    if (mapped.roles.length === 0 && mapped.agencyNames.length === 0) return;
    // The person's row locked and read again: an administrator's change made meanwhile is what is added to, never overwritten.
    const locked = await manager.findOne(User, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
    if (locked) user.roles = locked.roles;
    const heldAgencies: Array<{ id: string; name: string }> = await manager.query(
      'SELECT a.id, a.name FROM user_lead_agencies l JOIN lead_agencies a ON a.id = l.lead_agency_id WHERE l.user_id = $1 ORDER BY a.name',
      [user.id],
    );
    const adding = grantsToAdd({ roles: user.roles, agencyNames: heldAgencies.map((agency) => agency.name) }, mapped);
    const agencies = await this.agenciesNamed(manager, adding.agencyNames, provider);
    if (adding.roles.length === 0 && agencies.length === 0) return;
    const before = { roles: [...user.roles], leadAgencies: heldAgencies.map((agency) => agency.name) };
    if (adding.roles.length) {
      user.roles = [...user.roles, ...adding.roles];
      await manager.update(User, { id: user.id }, { roles: user.roles, version: () => 'version + 1' });
    }
    if (agencies.length) {
      await manager.createQueryBuilder().insert().into(UserLeadAgency).values(agencies.map((agency) => ({ userId: user.id, leadAgencyId: agency.id, isContact: false }))).orIgnore().execute();
    }
    await this.audit.record(manager, {
      action: 'update',
      entityType: 'user',
      entityId: user.id,
      before,
      after: { roles: user.roles, leadAgencies: [...before.leadAgencies, ...agencies.map((agency) => agency.name)].sort(), grantedBy: `the claims of single sign-on with ${provider.name}` },
      actor: { id: user.id, label: actorLabel },
    });
  }

  /** The lead agencies the provider's agency map names, saying in the log which of them do not exist. */
  private async agenciesNamed(manager: EntityManager, names: string[], provider: OidcProviderConfig): Promise<LeadAgency[]> {
    if (names.length === 0) return [];
    const agencies = await manager.find(LeadAgency, { where: { name: In(names) } });
    const missing = names.filter((name) => !agencies.some((agency) => agency.name === name));
    if (missing.length) this.logger.warn(`Sign-in through ${provider.id}: OIDC agency map names agencies that do not exist: ${missing.join(', ')}`);
    return agencies;
  }

  /** The provider's metadata and keys, from its discovery document; an unreachable provider is a refusal the person can retry. */
  private async configuration(provider: OidcProviderConfig): Promise<client.Configuration> {
    let pending = this.discovered.get(provider.id);
    if (!pending) {
      const issuer = new URL(provider.issuer);
      // Plain HTTP only for a provider on this machine (the tests'); configuration refuses it elsewhere and in production.
      const insecure = issuer.protocol === 'http:';
      pending = client.discovery(issuer, provider.clientId, { client_secret: provider.clientSecret }, client.ClientSecretBasic(provider.clientSecret), {
        timeout: 10,
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      });
      // openid-client checks an ID token from the token endpoint's TLS answer without its signature unless asked (OpenID Connect
      // allows it); the council's token is checked against the provider's published keys all the same.
      pending = pending.then((configuration) => {
        client.enableNonRepudiationChecks(configuration);
        return configuration;
      });
      this.discovered.set(provider.id, pending);
      pending.catch(() => this.discovered.delete(provider.id));
    }
    try {
      return await pending;
    } catch (error) {
      throw new SsoRefused('unavailable', `discovery of ${provider.issuer} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
