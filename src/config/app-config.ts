import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'crypto';
import * as path from 'path';
import { loadOidcProviders, OidcProviderConfig } from './oidc-config';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return value; // left as-is so the validator names the variable
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? undefined : /^\d+$/.test(String(value)) ? Number(value) : value;

/**
 * Every environment variable the product reads, validated once at start-up.
 * Nothing else in the code reads process.env: a bad or missing variable stops
 * the app here, with its name, instead of failing later mid-request.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  /** Port the API listens on. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(65535)
  PORT?: number;

  /** Interface the API binds to; loopback by default so a demo is never exposed by accident. */
  @IsOptional()
  @IsString()
  HOST?: string;

  /** A PostgreSQL server to use; when absent an embedded server is started under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// connection URL' })
  DATABASE_URL?: string;

  /**
   * The database owner's connection, for migrations only: it creates the
   * tables, and grants the role in DATABASE_URL what the app needs (on the
   * audit trail, only INSERT and SELECT). Without it, migrations run as
   * DATABASE_URL's role: one role for everything, warned about at start-up.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// connection URL' })
  MIGRATION_DATABASE_URL?: string;

  /** Where the embedded database (and later the outbox) keep their files. */
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** Demo mode loads the 2012 Southampton plan into an empty database. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  DEMO_MODE?: boolean;

  /** Run pending migrations at start-up (the production start script does). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  RUN_MIGRATIONS?: boolean;

  /** Outgoing mail server, e.g. smtp://user:pass@mail.council.gov.uk:587. Without it, demo mode writes .eml files to DATA_DIR/outbox. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From: address of emails the product sends. */
  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  /** The address people use to reach the product, for links in emails. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http:// or https:// URL' })
  PUBLIC_URL?: string;

  /** Signs access tokens; at least 32 characters. Generated per process when absent outside production. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_SECRET?: string;

  /** Password of the demo users; generated and printed once at start when absent. */
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  DEMO_PASSWORD?: string;

  /** The first administrator, created at start-up when no administrator exists. */
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  /** Redis for the reminder queue. Without it, demo mode starts a redis-server found on PATH; otherwise reminders are off. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Run the reminder worker inside the API process (inline, the default) or not (off: run `npm run worker` separately). */
  @IsOptional()
  @IsIn(['inline', 'off'], { message: 'must be inline or off' })
  REMINDER_WORKER?: 'inline' | 'off';

  /** When the daily reminder scan runs, as cron in Europe/London; default 07:30 on weekdays. */
  @IsOptional()
  @Matches(/^((\S+\s+){4}\S+|off)$/, { message: 'must be a five-field cron expression, or off' })
  REMINDER_CRON?: string;

  /** First retry delay after an SMTP failure, in milliseconds; it doubles each time. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10)
  REMINDER_RETRY_DELAY_MS?: number;

  /** How many people's digests one queue job claims, sends and marks sent together (default 50). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of digests' })
  @Min(1)
  @Max(1000)
  REMINDER_DIGESTS_PER_JOB?: number;

  /** How many connections the app keeps open to the mail server, and so how many emails are in flight at once (default 4). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of connections' })
  @Min(1)
  @Max(50)
  SMTP_CONNECTIONS?: number;

  /** Memory each API process may give to plans' trees and appendices kept between reads, in MB (default 64; 0 keeps none). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of megabytes' })
  @Min(0)
  @Max(4096)
  PLAN_CACHE_MB?: number;

  /** Largest file or pasted text an import accepts, in bytes (default 10 MB). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024)
  IMPORT_MAX_BYTES?: number;

  /** Prefix of the queue's Redis keys, so several installations can share one Redis. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1 to 40 letters, digits, - or _' })
  QUEUE_PREFIX?: string;

  /** How long (ms) a worker holds a job before another may take it over as stalled (a crashed worker's job). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1000)
  QUEUE_LOCK_MS?: number;

  /** How long (ms) the API waits for Redis on a request before answering 503 (the queue is down). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100)
  @Max(60000)
  QUEUE_TIMEOUT_MS?: number;

  /**
   * How many reverse proxies sit in front of the app. Behind one, the client's
   * address (for sign-in throttling) comes from X-Forwarded-For; with none,
   * that header is ignored so nobody can forge it.
   */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of proxies (0 when none)' })
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS?: number;

  /** The council's name, shown in the web pages' header (e.g. Southampton City Council). */
  @IsOptional()
  @IsString()
  @Matches(/^[^<>]{1,100}$/, { message: 'must be 1 to 100 characters, without < or >' })
  COUNCIL_NAME?: string;

  /**
   * Whether people may sign in with an email and password. A council whose
   * staff all sign in through its identity provider (OIDC_<n>_… variables)
   * switches it off, so there is no second password to guess or forget.
   */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  PASSWORD_SIGN_IN?: 'on' | 'off';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The owner's connection for migrations; the embedded database fills it in at start-up. */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  demoMode: boolean;
  runMigrations: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  smtpUrl: string | undefined;
  /** Pooled SMTP connections: emails in flight at once. */
  smtpConnections: number;
  /** Bytes of plans' trees and appendices each API process keeps, checked against the plan's change count before use (0: none). */
  planCacheBytes: number;
  mailFrom: string;
  publicUrl: string;
  authSecret: string;
  demoPassword: string | undefined;
  initialAdmin: { email: string; password: string } | undefined;
  trustProxyHops: number;
  redisUrl: string | undefined;
  reminderWorker: 'inline' | 'off';
  reminderCron: string;
  reminderRetryDelayMs: number;
  reminderAttempts: number;
  /** People per digest job: claimed, sent and marked sent together. */
  reminderDigestsPerJob: number;
  /** Redis key prefix, so several installations (or test runs) can share one Redis. */
  queuePrefix: string;
  /** How long a worker holds a job before another may take it over as stalled. */
  queueLockMs: number;
  /** How long a request waits for Redis before it answers that the queue is down. */
  queueTimeoutMs: number;
  importMaxBytes: number;
  /** Shown in the web pages' header; without it the header names the service. */
  councilName: string | undefined;
  /** Email and password sign-in (and password resets); off when everyone signs in through single sign-on. */
  passwordSignIn: boolean;
  /** The identity providers people may sign in with (OIDC_<n>_… variables), in their order. */
  oidcProviders: OidcProviderConfig[];
}

export class ConfigError extends Error {}

const SECRET_BEARING = new Set(['REDIS_URL', 'DATABASE_URL', 'MIGRATION_DATABASE_URL', 'SMTP_URL', 'AUTH_SECRET', 'DEMO_PASSWORD', 'ADMIN_PASSWORD']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (VAR= in a compose file or .env) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const raw = plainToInstance(EnvironmentVariables, given, { enableImplicitConversion: false });
  const errors = validateSync(raw, { skipMissingProperties: false, whitelist: false });
  const sso = loadOidcProviders(given as Record<string, string>, raw.NODE_ENV === 'production');
  if (errors.length > 0 || sso.errors.length > 0) {
    const lines = errors.map((e) => {
      // Connection URLs carry passwords: name them, never print them.
      const shown = SECRET_BEARING.has(e.property) ? '' : `=${JSON.stringify(env[e.property])}`;
      return `  ${e.property}${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${[...lines, ...sso.errors].join('\n')}`);
  }
  if (raw.PASSWORD_SIGN_IN === 'off' && sso.providers.length === 0) {
    // Nobody could sign in at all.
    throw new ConfigError('Invalid configuration:\n  PASSWORD_SIGN_IN=off: needs a single sign-on provider (OIDC_1_ISSUER and the rest), or nobody can sign in');
  }
  const nodeEnv = raw.NODE_ENV ?? 'development';
  if (nodeEnv === 'production' && !raw.DATABASE_URL) {
    // The embedded server is for demos and development; a council's data lives on a managed PostgreSQL.
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: is required when NODE_ENV=production');
  }
  if (nodeEnv === 'production' && !raw.AUTH_SECRET) {
    // A generated secret would sign everyone out on every restart and differ between instances.
    throw new ConfigError('Invalid configuration:\n  AUTH_SECRET: is required when NODE_ENV=production');
  }
  if (raw.MIGRATION_DATABASE_URL && !raw.DATABASE_URL) {
    // The embedded server sets up its owner and application roles itself.
    throw new ConfigError('Invalid configuration:\n  MIGRATION_DATABASE_URL: needs DATABASE_URL (the application role’s connection) as well');
  }
  const mismatch = raw.MIGRATION_DATABASE_URL && raw.DATABASE_URL ? differentDatabases(raw.MIGRATION_DATABASE_URL, raw.DATABASE_URL) : undefined;
  if (mismatch) throw new ConfigError(`Invalid configuration:\n  MIGRATION_DATABASE_URL: ${mismatch}`);
  if (Boolean(raw.ADMIN_EMAIL) !== Boolean(raw.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither');
  }
  const port = raw.PORT ?? 3000;
  return {
    nodeEnv,
    port,
    host: raw.HOST ?? '127.0.0.1',
    databaseUrl: raw.DATABASE_URL,
    migrationDatabaseUrl: raw.MIGRATION_DATABASE_URL,
    dataDir: path.resolve(raw.DATA_DIR ?? '.data'),
    demoMode: raw.DEMO_MODE ?? false,
    runMigrations: raw.RUN_MIGRATIONS ?? true,
    logLevel: raw.LOG_LEVEL ?? 'log',
    smtpUrl: raw.SMTP_URL,
    smtpConnections: raw.SMTP_CONNECTIONS ?? 4,
    planCacheBytes: (raw.PLAN_CACHE_MB ?? 64) * 1024 * 1024,
    mailFrom: raw.MAIL_FROM ?? 'Improvement Plan Manager <no-reply@localhost>',
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    authSecret: raw.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
    demoPassword: raw.DEMO_PASSWORD,
    trustProxyHops: raw.TRUST_PROXY_HOPS ?? 0,
    redisUrl: raw.REDIS_URL,
    reminderWorker: raw.REMINDER_WORKER ?? 'inline',
    reminderCron: raw.REMINDER_CRON ?? '30 7 * * 1-5',
    reminderRetryDelayMs: raw.REMINDER_RETRY_DELAY_MS ?? 60_000,
    reminderAttempts: 6,
    reminderDigestsPerJob: raw.REMINDER_DIGESTS_PER_JOB ?? 50,
    queuePrefix: raw.QUEUE_PREFIX ?? 'ipm',
    queueLockMs: raw.QUEUE_LOCK_MS ?? 30_000,
    queueTimeoutMs: raw.QUEUE_TIMEOUT_MS ?? 2000,
    importMaxBytes: raw.IMPORT_MAX_BYTES ?? 10 * 1024 * 1024,
    councilName: raw.COUNCIL_NAME?.trim() || undefined,
    passwordSignIn: raw.PASSWORD_SIGN_IN !== 'off',
    oidcProviders: sso.providers,
    initialAdmin: raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD ? { email: raw.ADMIN_EMAIL.toLowerCase(), password: raw.ADMIN_PASSWORD } : undefined,
  };
}

/**
 * Why two connection URLs cannot be the owner's and the application's
 * connections to one database, or undefined when they can. Names no part of
 * either URL: they carry passwords.
 */
export function differentDatabases(migrationUrl: string, databaseUrl: string): string | undefined {
  let owner: URL;
  let app: URL;
  try {
    owner = new URL(migrationUrl);
    app = new URL(databaseUrl);
  } catch {
    return 'must be a connection URL that can be read';
  }
  const where = (url: URL) => `${url.hostname}:${url.port || '5432'}${decodeURIComponent(url.pathname)}`;
  return where(owner) === where(app) ? undefined : 'must name the same server and database as DATABASE_URL (only the user and password differ)';
}

export const APP_CONFIG = Symbol('APP_CONFIG');
