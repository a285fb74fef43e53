import { HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Actor, requestContext } from '../common/request-context';
import { FieldValidationException } from '../common/validation';
import { MailService } from '../mail';
import { ApiToken } from './entities/api-token.entity';
import { PasswordReset } from './entities/password-reset.entity';
import { Session } from './entities/session.entity';
import { SignInAttempt } from './entities/sign-in-attempt.entity';
import { User } from './entities/user.entity';
import { API_TOKEN_PREFIX, decoyPasswordHash, hashPassword, hashToken, newSecret, verifyPassword } from './secrets';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const SESSION_DAYS = 14;
const RESET_LINK_MINUTES = 60;

/** Guessing is slowed per account and per address; both windows are 15 minutes. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 };

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
  ) {}

  async signIn(email: string, password: string, meta: SessionMeta & { ipAddress: string }): Promise<TokenPair> {
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
      await manager.delete(SignInAttempt, { email: normalised });
      return found;
    });
    // The same answer whatever was wrong, so addresses of staff cannot be discovered.
    if (!user) throw new UnauthorizedException('The email or password is not right');
    return this.startSession(user, meta);
  }

  async startSession(user: User, meta: SessionMeta): Promise<TokenPair> {
    const refreshToken = newSecret();
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
   * Each refresh token works once: it is swapped for a new one. If an old one
   * comes back, someone holds a copy, so the whole session is ended.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const reused = await this.dataSource.manager.findOne(Session, { where: { previousRefreshTokenHash: hashToken(refreshToken), revokedAt: IsNull() } });
    if (reused) {
      await this.dataSource.manager.update(Session, { id: reused.id }, { revokedAt: new Date() });
      this.logger.warn(`A used refresh token was presented again; session of user ${reused.userId} ended`);
      throw new UnauthorizedException('This sign-in has ended; sign in again');
    }
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.findOne(Session, {
        where: { refreshTokenHash: hashToken(refreshToken) },
        relations: { user: true },
        lock: { mode: 'pessimistic_write', tables: ['sessions'] },
      });
      if (!session || session.revokedAt || session.expiresAt <= new Date() || !session.user?.active) {
        throw new UnauthorizedException('This sign-in has ended; sign in again');
      }
      const next = newSecret();
      await manager.update(Session, { id: session.id }, { refreshTokenHash: hashToken(next), previousRefreshTokenHash: session.refreshTokenHash });
      return this.tokens(session.userId, session.id, next);
    });
  }

  async signOut(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    await this.dataSource.manager.update(Session, { id: actor.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Who a bearer token belongs to, or null when it is not (or no longer) valid. */
  async authenticate(token: string): Promise<Actor | null> {
    if (token.startsWith(API_TOKEN_PREFIX)) return this.authenticateApiToken(token);
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & object>(token, { algorithms: ['HS256'], audience: 'ipm', issuer: 'ipm' });
    } catch {
      return null;
    }
    return this.authenticateSession(claims.sid, claims.sub);
  }

  /**
   * Who holds a live session: an access token's, or a browser's session
   * cookie's (src/web), so both end together when the session is revoked.
   * One statement per request: the session (not revoked, not expired) and its
   * person (still active), read together and never cached, so signing out, a
   * password change or a deactivated account takes effect at once.
   */
  async authenticateSession(sessionId: string, userId?: string): Promise<Actor | null> {
    if (!isUUID(sessionId) || (userId !== undefined && !isUUID(userId))) return null;
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.name, u.email, u.roles
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND ($2::uuid IS NULL OR s.user_id = $2) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId, userId ?? null],
    )) as Array<Pick<User, 'id' | 'name' | 'email' | 'roles'>>;
    if (!row) return null;
    return { id: row.id, name: row.name, email: row.email, roles: row.roles, sessionId };
  }

  private async authenticateApiToken(token: string): Promise<Actor | null> {
    const apiToken = await this.dataSource.manager.findOne(ApiToken, {
      where: { tokenHash: hashToken(token), revokedAt: IsNull() },
      relations: { user: true },
    });
    if (!apiToken?.user?.active) return null;
    if (apiToken.expiresAt && apiToken.expiresAt <= new Date()) return null;
    await this.dataSource.manager.update(ApiToken, { id: apiToken.id }, { lastUsedAt: new Date() });
    return actorOf(apiToken.user, null);
  }

  /** Always answers the same way, so the form cannot be used to find out who has an account. */
  async requestPasswordReset(email: string): Promise<void> {
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
    return this.dataSource.manager.exists(PasswordReset, {
      where: { tokenHash: hashToken(token), usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
    });
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reset = await manager.findOne(PasswordReset, {
        where: { tokenHash: hashToken(token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!reset || reset.usedAt || reset.expiresAt <= new Date()) {
        throw new FieldValidationException({ token: 'this reset link has expired or has already been used' });
      }
      await manager.update(PasswordReset, { id: reset.id }, { usedAt: new Date() });
      await this.setPassword(manager, reset.userId, password);
    });
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id: actor.id })
      .getOneOrFail();
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new FieldValidationException({ currentPassword: 'is not your current password' });
    }
    await this.dataSource.transaction((manager) => this.setPassword(manager, user.id, newPassword, actor.sessionId));
  }

  /** A new password ends every other session: whoever knew the old one is signed out. */
  async setPassword(manager: EntityManager, userId: string, password: string, keepSessionId: string | null = null): Promise<void> {
    await manager.update(User, { id: userId }, { passwordHash: await hashPassword(password) });
    const sessions = manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keepSessionId) sessions.andWhere('id <> :keepSessionId', { keepSessionId });
    await sessions.execute();
    const user = await manager.findOneByOrFail(User, { id: userId });
    await manager.delete(SignInAttempt, { email: user.email });
    const signedIn = requestContext.current()?.actor;
    await this.audit.record(manager, {
      action: 'update',
      entityType: 'user',
      entityId: userId,
      before: null,
      after: { passwordChanged: true, otherSessionsEnded: true },
      // A reset link is followed by someone not signed in: the record names the account's owner.
      ...(signedIn ? {} : { actor: { id: user.id, label: `${user.name} <${user.email}> (by password reset link)` } }),
    });
  }

  async createApiToken(actor: Actor, name: string): Promise<{ id: string; name: string; token: string; tokenPrefix: string }> {
    const token = `${API_TOKEN_PREFIX}${newSecret()}`;
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(ApiToken, { userId: actor.id, name, tokenHash: hashToken(token), tokenPrefix: token.slice(0, 10), expiresAt: null, revokedAt: null }),
      );
      await this.audit.record(manager, { action: 'create', entityType: 'api_token', entityId: row.id, after: { name, tokenPrefix: row.tokenPrefix } });
      return row;
    });
    // The only time the token is shown: it is stored as a hash.
    return { id: saved.id, name: saved.name, token, tokenPrefix: saved.tokenPrefix };
  }

  async revokeApiToken(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(ApiToken, { id, userId: actor.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw new HttpException(`No active API token with id ${id}`, HttpStatus.NOT_FOUND);
      await this.audit.record(manager, { action: 'delete', entityType: 'api_token', entityId: id, before: { id } });
    });
  }

  listApiTokens(actor: Actor): Promise<ApiToken[]> {
    return this.dataSource.manager.find(ApiToken, { where: { userId: actor.id }, order: { createdAt: 'DESC' } });
  }

  private async assertNotThrottled(manager: EntityManager, email: string, ipAddress: string): Promise<void> {
    const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
    const [row] = await manager.query(
      `SELECT COUNT(*) FILTER (WHERE email = $1)::int AS for_account,
              COUNT(*) FILTER (WHERE ip_address = $2)::int AS for_address
         FROM sign_in_attempts
        WHERE attempted_at > $3 AND (email = $1 OR ip_address = $2)`,
      [email, ipAddress, since],
    );
    if (row.for_account >= THROTTLE.perAccount || row.for_address >= THROTTLE.perAddress) {
      this.logger.warn(`Sign-in throttled for ${row.for_account >= THROTTLE.perAccount ? 'an account' : 'an address'} (${requestContext.current()?.requestId ?? '-'})`);
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
