import { RoleFacts, auditTrailExposure, isPlainRoleName, roleOf, withCredentials } from './database-roles';

const applicationRole: RoleFacts = {
  role: 'ipm_app',
  superuser: false,
  auditTrailExists: true,
  ownsAuditTrail: false,
  auditTrailPrivileges: [],
  ownedRelations: 0,
  mayCreateInSchema: false,
};

describe('auditTrailExposure', () => {
  it.each<[string, Partial<RoleFacts>, RegExp[]]>([
    ['a proper application role', {}, []],
    ['a role before the first migration', { auditTrailExists: false }, []],
    ['a superuser', { superuser: true, ownsAuditTrail: true, ownedRelations: 30, mayCreateInSchema: true }, [/superuser.*session_replication_role/, /owns audit_events/]],
    ['the owner of every table', { ownsAuditTrail: true, ownedRelations: 30, auditTrailPrivileges: ['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES'], mayCreateInSchema: true }, [/owns audit_events/, /holds UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES on audit_events/, /may create objects/]],
    ['a role granted too much on the audit trail', { auditTrailPrivileges: ['DELETE'] }, [/holds DELETE on audit_events, where it needs only INSERT and SELECT/]],
    ['a role that owns other tables', { ownedRelations: 3 }, [/owns 3 tables or sequences/]],
    ['a role that may create tables (PUBLIC’s CREATE before PostgreSQL 15)', { mayCreateInSchema: true }, [/may create objects in the public schema/]],
  ])('%s', (_label, facts, expected) => {
    const reasons = auditTrailExposure({ ...applicationRole, ...facts });
    expect(reasons).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(reasons[index]).toMatch(pattern));
  });
});

describe('role names', () => {
  it.each<[string, boolean]>([
    ['ipm_app', true],
    ['_x1', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['IPM', false],
    ['1app', false],
    ['app-role', false],
    ['app role', false],
    ["app'; DROP TABLE x; --", false],
    ['', false],
  ])('%j is a plain role name: %s', (name, expected) => {
    expect(isPlainRoleName(name)).toBe(expected);
  });

  it('reads the role a URL signs in as, decoded', () => {
    expect(roleOf('postgres://ipm_app:pw@db/plans')).toBe('ipm_app');
    expect(roleOf('postgresql://council%40azure:pw@db/plans')).toBe('council@azure');
    expect(roleOf('postgres://db/plans')).toBeUndefined();
  });

  it('puts other credentials on the same server and database, encoded', () => {
    expect(withCredentials('postgresql://postgres:s3cret@127.0.0.1:5433/plans?sslmode=disable', 'ipm_app', 'a/b+c=')).toBe(
      'postgresql://ipm_app:a%2Fb%2Bc%3D@127.0.0.1:5433/plans?sslmode=disable',
    );
  });
});
