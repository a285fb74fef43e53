import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LeadAgency } from '../plans/entities/lead-agency.entity';
import { Plan } from '../plans/entities/plan.entity';
import { PlanMember } from './entities/plan-member.entity';
import { UserLeadAgency } from './entities/user-lead-agency.entity';
import { User } from './entities/user.entity';
import { Role } from './roles';
import { hashPassword, newSecret } from './secrets';

interface DemoPerson {
  email: string;
  name: string;
  jobTitle: string;
  roles: Role[];
  agency?: string;
  plans?: boolean;
}

/** One person per role, so a council can try the product as each of its users. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { email: 'admin@demo.test', name: 'Alex Admin', jobTitle: 'Improvement plan lead', roles: ['admin'] },
  { email: 'chair@demo.test', name: 'Chris Chair', jobTitle: 'Independent chair, Improvement Board', roles: ['board_chair'], plans: true },
  {
    email: 'head.csl@demo.test',
    name: 'Sam Safeguarding',
    jobTitle: 'Head of Safeguarding',
    roles: ['service_head'],
    agency: 'SCC – CSL Directorate – Safeguarding',
  },
  { email: 'head.nhs@demo.test', name: 'Nat Health', jobTitle: 'Designated Nurse, NHS Southampton', roles: ['service_head'], agency: 'NHS Southampton' },
  { email: 'viewer@demo.test', name: 'Vic Viewer', jobTitle: 'Scrutiny panel officer', roles: ['viewer'], plans: true },
];

/**
 * Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD, and in
 * demo mode the demo people. Never touches people who already exist.
 */
@Injectable()
export class AccountSeeding {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * From ADMIN_EMAIL / ADMIN_PASSWORD only while the installation has no
   * administrator (onlyIfNoAdmin), so a later restart never recreates an
   * account someone renamed or removed; the create-admin command may add one
   * at any time.
   */
  async ensureInitialAdmin(email: string, password: string, name = 'Administrator', onlyIfNoAdmin = false): Promise<'created' | 'exists'> {
    const normalised = email.trim().toLowerCase();
    if (await this.dataSource.manager.exists(User, { where: { email: normalised } })) return 'exists';
    if (onlyIfNoAdmin) {
      const [admin] = await this.dataSource.query(`SELECT 1 FROM users WHERE 'admin' = ANY(roles) LIMIT 1`);
      if (admin) return 'exists';
    }
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.save(
        manager.create(User, { name, email: normalised, jobTitle: null, roles: ['admin'], contactPreferences: { digest: 'daily' }, passwordHash, active: true }),
      );
      await this.audit.record(manager, { action: 'create', entityType: 'user', entityId: user.id, after: { name, email: normalised, roles: user.roles } });
    });
    this.logger.log(`Created the first administrator, ${normalised}`);
    return 'created';
  }

  /** Demo people on a database that has none; their password is DEMO_PASSWORD or one printed once, here. */
  async ensureDemoPeople(): Promise<void> {
    if (await this.dataSource.manager.exists(User, { where: { email: DEMO_PEOPLE[0].email } })) return;
    const generated = !this.config.demoPassword;
    const password = this.config.demoPassword ?? newSecret(12);
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const plans = await manager.find(Plan, { select: { id: true } });
      for (const person of DEMO_PEOPLE) {
        const user = await manager.save(
          manager.create(User, {
            name: person.name,
            email: person.email,
            jobTitle: person.jobTitle,
            roles: person.roles,
            contactPreferences: { digest: 'daily' },
            passwordHash,
            active: true,
          }),
        );
        if (person.agency) {
          const agency = await manager.findOne(LeadAgency, { where: { name: person.agency } });
          if (agency) await manager.insert(UserLeadAgency, { userId: user.id, leadAgencyId: agency.id, isContact: true });
        }
        if (person.plans && plans.length) {
          await manager.insert(PlanMember, plans.map((plan) => ({ planId: plan.id, userId: user.id, role: person.roles.includes('board_chair') ? ('chair' as const) : ('viewer' as const) })));
        }
        await this.audit.record(manager, {
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          after: { name: user.name, email: user.email, roles: user.roles, leadAgency: person.agency ?? null, planIds: person.plans ? plans.map((p) => p.id) : [] },
        });
      }
    });
    if (generated) {
      // Printed once, to the console of the person who started the demo; never stored in clear.
      console.log(
        `\nDemo sign-in: ${DEMO_PEOPLE.map((p) => p.email).join(', ')}\nPassword for all of them (shown once): ${password}\n`,
      );
    } else {
      this.logger.log(`Demo people created (${DEMO_PEOPLE.length}); their password is DEMO_PASSWORD`);
    }
  }
}
