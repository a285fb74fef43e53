import type { UserView } from '../../accounts/users.service';
import { accountViewModel } from './account.view-model';

const user: UserView = {
  id: 'u1',
  name: 'Sam Safeguarding',
  email: 'head.csl@demo.test',
  jobTitle: 'Head of Safeguarding',
  roles: ['service_head', 'viewer'],
  active: true,
  contactPreferences: { digest: 'weekly' },
  leadAgencies: [{ id: 'a1', name: 'SCC – CSL Directorate – Safeguarding', isContact: true }],
  planIds: [],
  planRoles: [],
  version: 3,
};

describe('your account, in words', () => {
  it('names roles, agencies and the digest choice', () => {
    const model = accountViewModel(user, []);
    expect(model.user).toEqual({
      name: 'Sam Safeguarding',
      email: 'head.csl@demo.test',
      jobTitle: 'Head of Safeguarding',
      roles: ['Service head', 'Viewer'],
      agencies: [{ name: 'SCC – CSL Directorate – Safeguarding', isContact: true }],
      digest: 'Weekly',
    });
    expect(accountViewModel({ ...user, contactPreferences: { digest: 'daily' } }, []).user.digest).toBe('Daily');
  });

  it.each([
    [{ revokedAt: null, expiresAt: null }, 'Active', true],
    [{ revokedAt: new Date('2012-09-01'), expiresAt: null }, 'Revoked', false],
    [{ revokedAt: null, expiresAt: new Date('2012-09-13T00:00:00Z') }, 'Expired', false],
    [{ revokedAt: null, expiresAt: new Date('2012-09-15T00:00:00Z') }, 'Active', true],
  ])('a token %j is %s', (dates, status, active) => {
    const token = { id: 't', name: 'Export', tokenPrefix: 'ipm_abcdef', createdAt: new Date('2012-09-01'), lastUsedAt: null, ...dates };
    const [row] = accountViewModel(user, [token], new Date('2012-09-14T12:00:00Z')).tokens;
    expect(row).toMatchObject({ status, active });
  });
});
