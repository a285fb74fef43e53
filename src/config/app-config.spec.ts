import * as path from 'path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives a working demo set-up with no variables at all', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      demoMode: false,
      runMigrations: true,
      logLevel: 'log',
    });
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://app:secret@db:5432/plans',
      DATA_DIR: '/var/lib/ipm',
      DEMO_MODE: 'false',
      RUN_MIGRATIONS: 'no',
      LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      nodeEnv: 'production',
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app:secret@db:5432/plans',
      dataDir: '/var/lib/ipm',
      demoMode: false,
      runMigrations: false,
      logLevel: 'warn',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEMO_MODE: 'perhaps' }, 'DEMO_MODE'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('stops with the name of a bad variable: %p', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('refuses to run in production without a real database server', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: is required when NODE_ENV=production/);
  });

  it('shows a bad value so the operator can fix it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": .*must be a whole number/);
  });

  it('names a bad DATABASE_URL without printing it, since it may hold a password', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://app:hunter2@db/plans' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).not.toContain('hunter2');
  });
});
