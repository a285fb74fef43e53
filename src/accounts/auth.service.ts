import { ForbiddenException, HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainEvents } from '../common/domain-events';
import { Actor, requestContext } from '../common/request-context';
import { FieldValidationException } from '../common/validation';
import { PreparedStatement, preparedStatement, runPrepared } from '../database/prepared-statement';
import { AuthenticationRider, Ride } from './authentication-rider';
import { MailService } from '../mail';
import { ApiTokenExpiry, apiTokenExpiry, apiTokenLastDay } from './api-token-expiry';
import { ApiToken, ApiTokenScope } from './entities/api-token.entity';
import { PasswordReset } from './entities/password-reset.entity';
import { Session } from './entities/session.entity';
import { SignInAttempt } from './entities/sign-in-attempt.entity';
import { UsedRefreshToken } from './entities/used-refresh-token.entity';
import { User } from './entities/user.entity';
import { API_TOKEN_PREFIX, decoyPasswordHash, hashPassword, hashToken, newSecret, verifyPassword } from './secrets';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const SESSION_DAYS = 14;
const RESET_LINK_MINUTES = 60;

/**
 * Failed sign-ins within the window that stop further tries. Per account and
 * address first, so a stranger guessing the chair's password locks out only
 * themselves; a higher ceiling per account stops guessing spread over many
 * addresses; and one address may not try many accounts.
 */
export const THROTTLE = { windowMinutes: 15, perAccountAndAddress: 5, perAccount: 50, perAddress: 20 };

/** What a new password did besides: the answer tells the person. */
export interface PasswordChanged {
  message: string;
  otherSessionsEnded: number;
  apiTokensRevoked: number;
}

export interface ApiTokenView {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  scope: ApiTokenScope;
  expiresOn: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  token: string;
  tokenPrefix: string;
  scope: ApiTokenScope;
  expiresOn: string | null;
  expiresAt: Date | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface SessionMeta {
  ipAddress: string | null;
  userAgent: string | null;
  /** A browser session (src/web) lasts a working day rather than the API's 14 days. */
  lifetimeMs?: number;
}

interface AccessClaims {
  sub: string;
  sid: string;
}

// Every column cast to the type read, so a migration under a running process cannot change a prepared result (see prepared-statement.ts).
const LIVE_SESSION_COLUMNS = 'u.id::text AS id, u.name::text AS name, u.email::text AS email, u.roles::text[] AS roles';
const LIVE_SESSION_FROM = 'FROM sessions s JOIN users u ON u.id = s.user_id';
const LIVE_SESSION_WHERE = 'WHERE s.id = $1 AND ($2::uuid IS NULL OR s.user_id = $2) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active';
// Run by every signed-in request: prepared, so PostgreSQL plans it once per connection.
const LIVE_SESSION = preparedStatement('live_session', `SELECT ${LIVE_SESSION_COLUMNS} ${LIVE_SESSION_FROM} ${LIVE_SESSION_WHERE}`);
/** The same statement with each rider that has ridden it: one statement, and one name, per rider. */
const liveSessionWith = new Map<AuthenticationRider, PreparedStatement>();

function liveSessionStatement(rider: AuthenticationRider | undefined): PreparedStatement {
  if (!rider) return LIVE_SESSION;
  let statement = liveSessionWith.get(rider);
  if (!statement) {
    // Two riders under one name would share a statement name and each other's rows (takeRiddenRow matches by name).
    if ([...liveSessionWith.keys()].some((other) => other.name === rider.name)) throw new Error(`Two authentication riders are named ${rider.name}`);
    // LEFT JOIN ... ON true: a rider that found no row leaves the session as it is, and the route reads for itself.
    statement = preparedStatement(
      `live_session_${rider.name}`,
      `SELECT ${LIVE_SESSION_COLUMNS}, to_jsonb(rider) AS rider ${LIVE_SESSION_FROM} LEFT JOIN LATERAL (${rider.sql('$3')}) rider ON true ${LIVE_SESSION_WHERE}`,
    );
    liveSessionWith.set(rider, statement);
  }
  return statement;
}

/** Who is signed in, and what their authentication's rider read (undefined when it did not ride). */
export interface Authenticated {
  actor: Actor;
  riderRow?: Record<string, unknown>;
}

/**
 * Password sign-in, sessions and tokens. A sign-in method (password today,
 * the council's OpenID Connect single sign-on next) only has to establish
 * which user it is; startSession() then issues the same tokens for all.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  async signIn(email: string, password: string, meta: SessionMeta & { ipAddress: string }): Promise<TokenPair> {
    this.assertPasswordSignIn();
    const normalised = email.trim().toLowerCase();
    // Attempts on one account, or from one address, take turns: guesses sent
    // all at once would otherwise each pass the count before any was recorded.
    const user = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sign-in:account:' || $1))`, [normalised]);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sign-in:address:' || $1))`, [meta.ipAddress]);
      await this.assertNotThrottled(manager, normalised, meta.ipAddress);
      const found = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .addSelect('user.passwordHash')
        .where('user.email = :email', { email: normalised })
        .getOne();
      const valid = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password);
      if (!found || !found.active || !found.passwordHash || !valid) {
        await manager.insert(SignInAttempt, { email: normalised, ipAddress: meta.ipAddress });
        return null;
      }
      // Only this address's failures are forgiven: guesses from elsewhere still count towards the account's ceiling.
      await manager.delete(SignInAttempt, { email: normalised, ipAddress: meta.ipAddress });
      return found;
    });
    // The same answer whatever was wrong, so addresses of staff cannot be discovered.
    if (!user) throw new UnauthorizedException('The email or password is not right');
    return this.startSession(user, meta);
  }

  /**
   * A deployment may switch passwords off (PASSWORD_SIGN_IN=off) when everyone
   * signs in through the council's identity provider: then no password signs
   * in, is reset or is changed here.
   */
  assertPasswordSignIn(): void {
    if (this.config.passwordSignIn) return;
    const names = this.config.oidcProviders.map((provider) => provider.name).join(' or ');
    throw new ForbiddenException(`Password sign-in is switched off here: sign in with ${names || 'single sign-on'}`);
  }

  /**
   * Sign-ins by another method (single sign-on) are slowed per address as
   * password sign-ins are: the same table, the same window. They never count
   * against an account, which a stranger could otherwise lock by failing.
   */
  async assertAddressNotThrottled(ipAddress: string): Promise<void> {
    await this.assertNotThrottled(this.dataSource.manager, null, ipAddress);
  }

  /** A failed sign-in by another method, counted against the address. `method` names it (e.g. "sso:entra"), never an account. */
  async recordFailedSignIn(method: string, ipAddress: string): Promise<void> {
    await this.dataSource.manager.insert(SignInAttempt, { email: method, ipAddress });
  }

  async startSession(user: User, meta: SessionMeta): Promise<TokenPair> {
    const refreshToken = newSecret();
    // The used refresh tokens of the person's ended sessions guard nothing any more (a copy
    // presented again finds the session already over), so each sign-in clears them: the
    // table holds live sessions' tokens only, and stays small without a job of its own.
    await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(UsedRefreshToken)
      .where(`session_id IN (SELECT id FROM sessions WHERE user_id = :userId AND (revoked_at IS NOT NULL OR expires_at <= now()))`, { userId: user.id })
      .execute();
    const session = await this.dataSource.manager.save(
      this.dataSource.manager.create(Session, {
        userId: user.id,
        refreshTokenHash: hashToken(refreshToken),
        expiresAt: new Date(Date.now() + (meta.lifetimeMs ?? SESSION_DAYS * 86_400_000)),
        revokedAt: null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        ipAddress: meta.ipAddress,
      }),
    );
    return this.tokens(user.id, session.id, refreshToken);
  }

  /**
   * Each refresh token works once: it is swapped for a new one, and the old
   * one is kept (as a hash). If any earlier token of a session comes back,
   * however many refreshes ago, someone holds a copy, so the session is ended
   * for everyone holding it.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const presented = hashToken(refreshToken);
    const swapped = await this.dataSource.transaction(async (manager) => {
      // Locked, so two refreshes with one token take turns: the second finds it already used.
      const session = await manager.findOne(Session, {
        where: { refreshTokenHash: presented },
        relations: { user: true },
        lock: { mode: 'pessimistic_write', tables: ['sessions'] },
      });
      if (session) {
        if (session.revokedAt || session.expiresAt <= new Date() || !session.user?.active) return null;
        const next = newSecret();
        await manager.insert(UsedRefreshToken, { tokenHash: presented, sessionId: session.id });
        await manager.update(Session, { id: session.id }, { refreshTokenHash: hashToken(next) });
        return { userId: session.userId, sessionId: session.id, refreshToken: next };
      }
      const used = await manager.findOne(UsedRefreshToken, { where: { tokenHash: presented } });
      if (used) {
        const ended = await manager.update(Session, { id: used.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
        if (ended.affected) this.logger.warn(`A used refresh token was presented again; session ${used.sessionId} ended`);
      }
      return null;
    });
    if (!swapped) throw new UnauthorizedException('This sign-in has ended; sign in again');
    return this.tokens(swapped.userId, swapped.sessionId, swapped.refreshToken);
  }

  async signOut(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    await this.dataSource.manager.update(Session, { id: actor.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Who a bearer token belongs to, or null when it is not (or no longer) valid. */
  async authenticate(token: string): Promise<Actor | null> {
    return (await this.authenticateWith(token))?.actor ?? null;
  }

  /**
   * The same, with a ride: an access token's session is read in one statement
   * with the route's first read (`riderRow`). A personal API token
   * authenticates alone.
   */
  async authenticateWith(token: string, ride?: Ride): Promise<Authenticated | null> {
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const actor = await this.authenticateApiToken(token);
      return actor && { actor };
    }
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & object>(token, { algorithms: ['HS256'], audience: 'ipm', issuer: 'ipm' });
    } catch {
      return null;
    }
    return this.liveSession(claims.sid, claims.sub, ride);
  }

  /**
   * Who holds a live session: an access token's, or a browser's session
   * cookie's (src/web), so both end together when the session is revoked.
   * One statement per request: the session (not revoked, not expired) and its
   * person (still active), read together and never cached, so signing out, a
   * password change or a deactivated account takes effect at once.
   */
  async authenticateSession(sessionId: string, userId?: string): Promise<Actor | null> {
    return (await this.liveSession(sessionId, userId))?.actor ?? null;
  }

  private async liveSession(sessionId: string, userId: string | undefined, ride?: Ride): Promise<Authenticated | null> {
    if (!isUUID(sessionId) || (userId !== undefined && !isUUID(userId))) return null;
    const parameters: unknown[] = [sessionId, userId ?? null];
    if (ride) parameters.push(ride.parameter);
    const [row] = await runPrepared<Pick<User, 'id' | 'name' | 'email' | 'roles'> & { rider?: Record<string, unknown> | null }>(
      this.dataSource,
      liveSessionStatement(ride?.rider),
      parameters,
    );
    if (!row) return null;
    return { actor: { id: row.id, name: row.name, email: row.email, roles: row.roles, sessionId }, riderRow: row.rider ?? undefined };
  }

  private async authenticateApiToken(token: string): Promise<Actor | null> {
    const apiToken = await this.dataSource.manager.findOne(ApiToken, {
      where: { tokenHash: hashToken(token), revokedAt: IsNull() },
      relations: { user: true },
    });
    if (!apiToken?.user?.active) return null;
    if (apiToken.expiresAt && apiToken.expiresAt <= new Date()) return null;
    await this.dataSource.manager.update(ApiToken, { id: apiToken.id }, { lastUsedAt: new Date() });
    return { ...actorOf(apiToken.user, null), apiTokenScope: apiToken.scope };
  }

  /** Always answers the same way, so the form cannot be used to find out who has an account. */
  async requestPasswordReset(email: string): Promise<void> {
    this.assertPasswordSignIn();
    const user = await this.dataSource.manager.findOne(User, { where: { email: email.trim().toLowerCase(), active: true } });
    if (!user) return;
    // A few links an hour is plenty for a person and stops the form being used to flood a mailbox.
    const recent = await this.dataSource.manager.count(PasswordReset, { where: { userId: user.id, createdAt: MoreThan(new Date(Date.now() - 3_600_000)) } });
    if (recent >= 3) {
      this.logger.warn(`Password reset link not sent: ${recent} already sent this hour to one account`);
      return;
    }
    const token = newSecret();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(PasswordReset, {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
        usedAt: null,
      });
    });
    const link = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    // Sent after answering, so how long the answer takes does not tell whether the account exists.
    void this.mail
      .send({
      to: user.email,
      subject: 'Reset your Improvement Plan Manager password',
      text: [
        `Dear ${user.name},`,
        '',
        'Someone (we hope you) asked to reset your password. Use this link within one hour; it works once:',
        '',
        link,
        '',
        'If you did not ask, ignore this email: your password has not changed.',
      ].join('\n'),
      })
      .catch((error: unknown) => this.logger.error(`Password reset email could not be sent: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Whether a reset link still works, so a page can say so before the person types a new password. */
  async passwordResetUsable(token: string): Promise<boolean> {
    if (!this.config.passwordSignIn) return false;
    return this.dataSource.manager.exists(PasswordReset, {
      where: { tokenHash: hashToken(token), usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
    });
  }

  async confirmPasswordReset(token: string, password: string): Promise<PasswordChanged> {
    this.assertPasswordSignIn();
    return this.dataSource.transaction(async (manager) => {
      const reset = await manager.findOne(PasswordReset, {
        where: { tokenHash: hashToken(token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!reset || reset.usedAt || reset.expiresAt <= new Date()) {
        throw new FieldValidationException({ token: 'this reset link has expired or has already been used' });
      }
      await manager.update(PasswordReset, { id: reset.id }, { usedAt: new Date() });
      return this.setPassword(manager, reset.userId, password);
    });
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<PasswordChanged> {
    this.assertPasswordSignIn();
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id: actor.id })
      .getOneOrFail();
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new FieldValidationException({ currentPassword: 'is not your current password' });
    }
    return this.dataSource.transaction((manager) => this.setPassword(manager, user.id, newPassword, actor.sessionId));
  }

  /**
   * A new password ends every other session and revokes every personal API
   * token: whoever knew the old password may have made one.
   */
  async setPassword(manager: EntityManager, userId: string, password: string, keepSessionId: string | null = null): Promise<PasswordChanged> {
    await manager.update(User, { id: userId }, { passwordHash: await hashPassword(password) });
    const sessions = manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keepSessionId) sessions.andWhere('id <> :keepSessionId', { keepSessionId });
    const otherSessionsEnded = (await sessions.execute()).affected ?? 0;
    const revoked = await manager
      .createQueryBuilder()
      .update(ApiToken)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .returning('id, token_prefix')
      .execute();
    const apiTokensRevoked: Array<{ id: string; token_prefix: string }> = revoked.raw;
    // Other credentials (calendar feed addresses) go too, each on the record by its own module.
    const alsoRevoked = await this.events.emit(manager, 'password-changed', { userId });
    const user = await manager.findOneByOrFail(User, { id: userId });
    await manager.delete(SignInAttempt, { email: user.email });
    const signedIn = requestContext.current()?.actor;
    await this.audit.record(manager, {
      action: 'update',
      entityType: 'user',
      entityId: userId,
      before: null,
      after: { passwordChanged: true, otherSessionsEnded, apiTokensRevoked: apiTokensRevoked.map((token) => ({ id: token.id, tokenPrefix: token.token_prefix })) },
      // A reset link is followed by someone not signed in: the record names the account's owner.
      ...(signedIn ? {} : { actor: { id: user.id, label: `${user.name} <${user.email}> (by password reset link)` } }),
    });
    const tokens = apiTokensRevoked.length;
    return {
      message: [
        'Your password has been changed.',
        otherSessionsEnded ? `${otherSessionsEnded} other ${otherSessionsEnded === 1 ? 'sign-in has' : 'sign-ins have'} been ended.` : null,
        tokens ? `${tokens} personal API ${tokens === 1 ? 'token has' : 'tokens have'} been revoked: make new ones for your scripts.` : null,
        ...alsoRevoked,
      ]
        .filter(Boolean)
        .join(' '),
      otherSessionsEnded,
      apiTokensRevoked: tokens,
    };
  }

  async createApiToken(actor: Actor, request: { name: string; scope?: ApiTokenScope } & ApiTokenExpiry): Promise<CreatedApiToken> {
    const expiry = apiTokenExpiry(request, new Date());
    if ('problem' in expiry) throw new FieldValidationException({ [expiry.field]: expiry.problem });
    const scope = request.scope ?? 'read_write';
    const token = `${API_TOKEN_PREFIX}${newSecret()}`;
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(ApiToken, {
          userId: actor.id,
          name: request.name,
          tokenHash: hashToken(token),
          tokenPrefix: token.slice(0, 10),
          expiresAt: expiry.expiresAt,
          scope,
          revokedAt: null,
        }),
      );
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'api_token',
        entityId: row.id,
        after: { name: request.name, tokenPrefix: row.tokenPrefix, scope, expiresOn: expiry.expiresOn },
      });
      return row;
    });
    // The only time the token is shown: it is stored as a hash.
    return { id: saved.id, name: saved.name, token, tokenPrefix: saved.tokenPrefix, scope, expiresOn: expiry.expiresOn, expiresAt: expiry.expiresAt };
  }

  async revokeApiToken(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(ApiToken, { id, userId: actor.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw new HttpException(`No active API token with id ${id}`, HttpStatus.NOT_FOUND);
      await this.audit.record(manager, { action: 'delete', entityType: 'api_token', entityId: id, before: { id } });
    });
  }

  /** A person's tokens, newest first: never the tokens themselves, only how to tell them apart and what they may do. */
  async listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
    const tokens = await this.dataSource.manager.find(ApiToken, { where: { userId: actor.id }, order: { createdAt: 'DESC' } });
    return tokens.map((token) => ({
      id: token.id,
      name: token.name,
      tokenPrefix: token.tokenPrefix,
      createdAt: token.createdAt,
      scope: token.scope,
      expiresOn: apiTokenLastDay(token.expiresAt),
      expiresAt: token.expiresAt,
      lastUsedAt: token.lastUsedAt,
      revokedAt: token.revokedAt,
    }));
  }

  /** `email` null: only the address is counted (a sign-in method that names no account). */
  private async assertNotThrottled(manager: EntityManager, email: string | null, ipAddress: string): Promise<void> {
    const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
    const [row]: Array<{ for_pair: number; for_account: number; for_address: number }> = await manager.query(
      `SELECT COUNT(*) FILTER (WHERE email = $1 AND ip_address = $2)::int AS for_pair,
              COUNT(*) FILTER (WHERE email = $1)::int AS for_account,
              COUNT(*) FILTER (WHERE ip_address = $2)::int AS for_address
         FROM sign_in_attempts
        WHERE attempted_at > $3 AND (email = $1 OR ip_address = $2)`,
      [email, ipAddress, since],
    );
    const limit =
      row.for_pair >= THROTTLE.perAccountAndAddress
        ? 'an account from one address'
        : row.for_account >= THROTTLE.perAccount
          ? 'an account from many addresses'
          : row.for_address >= THROTTLE.perAddress
            ? 'an address'
            : null;
    if (limit) {
      this.logger.warn(`Sign-in throttled for ${limit} (${requestContext.current()?.requestId ?? '-'})`);
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `Too many failed sign-ins. Wait ${THROTTLE.windowMinutes} minutes, or reset your password.`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  private async tokens(userId: string, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync(
      { sub: userId, sid: sessionId },
      { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_SECONDS, audience: 'ipm', issuer: 'ipm' },
    );
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS };
  }
}

export function actorOf(user: User, sessionId: string | null): Actor {
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, sessionId };
}
