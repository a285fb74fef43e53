import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { APPLICATION_ROLE_SETTING, isPlainRoleName } from './database-roles';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Deadlines are calendar dates in Europe/London. node-postgres would turn a
// DATE into a JS Date at local midnight, which shifts a day in some time zones;
// keep it as the 'YYYY-MM-DD' text PostgreSQL sends.
const PG_DATE_OID = 1082;
types.setTypeParser(PG_DATE_OID, (value: string) => value);

export interface ConnectionOptions {
  /**
   * For the owner's connection that runs migrations: the application role
   * to grant to, passed as the setting ipm.application_role on every
   * connection (see migrations/…-ApplicationRole.ts).
   */
  applicationRole?: string;
  poolSize?: number;
}

export function typeOrmOptions(url: string, options: ConnectionOptions = {}): DataSourceOptions {
  const role = options.applicationRole && isPlainRoleName(options.applicationRole) ? options.applicationRole : undefined;
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension (and no superuser) is needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      max: options.poolSize ?? 10,
      application_name: 'improvement-plan-manager',
      ...(role ? { options: `-c ${APPLICATION_ROLE_SETTING}=${role}` } : {}),
    },
  };
}
