import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import * as path from 'path';

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

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoMode: boolean;
  runMigrations: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export class ConfigError extends Error {}

const SECRET_BEARING = new Set(['DATABASE_URL']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = plainToInstance(EnvironmentVariables, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(raw, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      // Connection URLs carry passwords: name them, never print them.
      const shown = SECRET_BEARING.has(e.property) ? '' : `=${JSON.stringify(env[e.property])}`;
      return `  ${e.property}${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const nodeEnv = raw.NODE_ENV ?? 'development';
  if (nodeEnv === 'production' && !raw.DATABASE_URL) {
    // The embedded server is for demos and development; a council's data lives on a managed PostgreSQL.
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: is required when NODE_ENV=production');
  }
  return {
    nodeEnv,
    port: raw.PORT ?? 3000,
    host: raw.HOST ?? '127.0.0.1',
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.DATA_DIR ?? '.data'),
    demoMode: raw.DEMO_MODE ?? false,
    runMigrations: raw.RUN_MIGRATIONS ?? true,
    logLevel: raw.LOG_LEVEL ?? 'log',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
