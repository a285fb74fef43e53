import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../common/domain-events';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { Actor } from '../common/request-context';
import { FieldValidationException } from '../common/validation';
import { LeadAgency } from '../plans/entities/lead-agency.entity';
import { Plan } from '../plans/entities/plan.entity';
import { CreateUserDto, UpdateMeDto, UpdateUserDto, UserListQuery } from './dto/user.dto';
import { PlanMember, PlanRole } from './entities/plan-member.entity';
import { UserLeadAgency } from './entities/user-lead-agency.entity';
import { User } from './entities/user.entity';
import { hashPassword } from './secrets';

export interface UserView {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  roles: User['roles'];
  active: boolean;
  contactPreferences: User['contactPreferences'];
  leadAgencies: Array<{ id: string; name: string; isContact: boolean }>;
  planIds: string[];
  planRoles: Array<{ planId: string; role: PlanRole }>;
  version: number;
}

@Injectable()
export class UsersService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('lead-agency-deleting', (manager, { leadAgencyId }) => this.removeAgencyMemberships(manager, leadAgencyId));
  }

  async list(query: UserListQuery): Promise<Page<UserView>> {
    const builder = this.dataSource.getRepository(User).createQueryBuilder('user');
    if (query.role) builder.where(':role = ANY(user.roles)', { role: query.role });
    const [users, total] = await builder
      .orderBy('user.name', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(await this.views(this.dataSource.manager, users), total, query);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserView> {
    const user = await manager.findOne(User, { where: { id } });
    if (!user) throw new NotFoundException(`No user with id ${id}`);
    return (await this.views(manager, [user]))[0];
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const email = dto.email.trim().toLowerCase();
      if (await manager.exists(User, { where: { email } })) {
        throw new FieldValidationException({ email: 'another user already has this email address' });
      }
      await this.assertReferences(manager, dto);
      const user = await manager.save(
        manager.create(User, {
          name: dto.name.trim(),
          email,
          jobTitle: dto.jobTitle ?? null,
          roles: dto.roles,
          contactPreferences: dto.contactPreferences ?? { digest: 'daily' },
          passwordHash: dto.password ? await hashPassword(dto.password) : null,
          active: true,
        }),
      );
      await this.replaceMemberships(manager, user.id, dto);
      const view = await this.get(user.id, manager);
      await this.audit.record(manager, { action: 'create', entityType: 'user', entityId: user.id, after: view });
      return view;
    });
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await lockForChange(manager, User, id, dto.version, 'user');
      const before = await this.get(id, manager);
      if (dto.email !== undefined && dto.email.trim().toLowerCase() !== user.email) {
        const email = dto.email.trim().toLowerCase();
        if (await manager.exists(User, { where: { email } })) {
          throw new FieldValidationException({ email: 'another user already has this email address' });
        }
        user.email = email;
      }
      await this.assertReferences(manager, dto, user.roles);
      if (dto.name !== undefined) user.name = dto.name.trim();
      if (dto.jobTitle !== undefined) user.jobTitle = dto.jobTitle ?? null;
      if (dto.roles !== undefined) user.roles = dto.roles;
      if (dto.contactPreferences !== undefined) user.contactPreferences = dto.contactPreferences;
      if (dto.active !== undefined) user.active = dto.active;
      user.version += 1;
      await manager.save(user);
      await this.replaceMemberships(manager, id, dto);
      if (dto.active === false) {
        // A person who leaves the council loses access at once.
        await manager.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
      }
      const after = await this.get(id, manager);
      await this.audit.record(manager, { action: 'update', entityType: 'user', entityId: id, before, after });
      return after;
    });
  }

  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await lockForChange(manager, User, actor.id, dto.version, 'user');
      const before = await this.get(actor.id, manager);
      if (dto.name !== undefined) user.name = dto.name.trim();
      if (dto.jobTitle !== undefined) user.jobTitle = dto.jobTitle ?? null;
      if (dto.contactPreferences !== undefined) user.contactPreferences = dto.contactPreferences;
      user.version += 1;
      await manager.save(user);
      const after = await this.get(actor.id, manager);
      await this.audit.record(manager, { action: 'update', entityType: 'user', entityId: actor.id, before, after });
      return after;
    });
  }

  /**
   * When an agency is deleted its members leave it: each person's record says
   * so, as if an admin had taken the agency off their list. Runs in the
   * deleting transaction, before the agency row goes.
   */
  async removeAgencyMemberships(manager: EntityManager, leadAgencyId: string): Promise<void> {
    const members = await manager.find(UserLeadAgency, { select: { userId: true }, where: { leadAgencyId }, lock: { mode: 'pessimistic_write' } });
    if (members.length === 0) return;
    const users = await manager.find(User, { where: { id: In(members.map((m) => m.userId)) }, order: { id: 'ASC' } });
    const before = await this.views(manager, users);
    await manager.delete(UserLeadAgency, { leadAgencyId });
    const after = await this.views(manager, users);
    for (const [i, user] of users.entries()) {
      await this.audit.record(manager, { action: 'update', entityType: 'user', entityId: user.id, before: before[i], after: after[i] });
    }
  }

  private async assertReferences(manager: EntityManager, dto: Partial<CreateUserDto>, currentRoles?: User['roles']): Promise<void> {
    const errors: Record<string, string> = {};
    const agencyIds = [...new Set([...(dto.leadAgencyIds ?? []), ...(dto.contactForLeadAgencyIds ?? [])])];
    if (agencyIds.length) {
      const found = new Set((await manager.find(LeadAgency, { select: { id: true }, where: { id: In(agencyIds) } })).map((a) => a.id));
      dto.leadAgencyIds?.forEach((id, i) => !found.has(id) && (errors[`leadAgencyIds[${i}]`] = `no lead agency with id ${id}`));
      dto.contactForLeadAgencyIds?.forEach((id, i) => !found.has(id) && (errors[`contactForLeadAgencyIds[${i}]`] = `no lead agency with id ${id}`));
    }
    if (dto.planIds !== undefined && dto.planRoles !== undefined) errors.planRoles = 'give planIds or planRoles, not both';
    const planIds = [...(dto.planIds ?? []), ...(dto.planRoles ?? []).map((member) => member.planId)];
    if (planIds.length) {
      const found = new Set((await manager.find(Plan, { select: { id: true }, where: { id: In(planIds) } })).map((p) => p.id));
      dto.planIds?.forEach((id, i) => !found.has(id) && (errors[`planIds[${i}]`] = `no plan with id ${id}`));
      dto.planRoles?.forEach((member, i) => !found.has(member.planId) && (errors[`planRoles[${i}].planId`] = `no plan with id ${member.planId}`));
    }
    // A seat means only what the person's roles allow, so refuse one that would mean nothing.
    const roles = dto.roles ?? currentRoles ?? [];
    dto.planRoles?.forEach((member, i) => {
      if (member.role === 'chair' && !roles.includes('board_chair')) errors[`planRoles[${i}].role`] = 'chair needs the board_chair role';
      if (member.role === 'viewer' && !roles.some((role) => role === 'viewer' || role === 'board_chair')) {
        errors[`planRoles[${i}].role`] = 'viewer needs the viewer or board_chair role';
      }
    });
    if (Object.keys(errors).length) throw new FieldValidationException(errors);
  }

  /** Contacts are members too: listing an agency as a contact adds the membership. */
  private async replaceMemberships(manager: EntityManager, userId: string, dto: Partial<CreateUserDto>): Promise<void> {
    if (dto.leadAgencyIds !== undefined || dto.contactForLeadAgencyIds !== undefined) {
      const current = await manager.find(UserLeadAgency, { where: { userId } });
      const members = new Set(dto.leadAgencyIds ?? current.map((m) => m.leadAgencyId));
      const contacts = new Set(dto.contactForLeadAgencyIds ?? current.filter((m) => m.isContact).map((m) => m.leadAgencyId));
      for (const id of contacts) members.add(id);
      await manager.delete(UserLeadAgency, { userId });
      if (members.size) {
        await manager.insert(
          UserLeadAgency,
          [...members].map((leadAgencyId) => ({ userId, leadAgencyId, isContact: contacts.has(leadAgencyId) })),
        );
      }
    }
    if (dto.planIds !== undefined || dto.planRoles !== undefined) {
      const roles = dto.roles ?? (await manager.findOneOrFail(User, { select: { id: true, roles: true }, where: { id: userId } })).roles;
      const seat: PlanRole = roles.includes('board_chair') ? 'chair' : 'viewer';
      const members = new Map<string, PlanRole>([
        ...(dto.planIds ?? []).map((planId): [string, PlanRole] => [planId, seat]),
        ...(dto.planRoles ?? []).map((member): [string, PlanRole] => [member.planId, member.role]),
      ]);
      await manager.delete(PlanMember, { userId });
      if (members.size) await manager.insert(PlanMember, [...members].map(([planId, role]) => ({ planId, userId, role })));
    }
  }

  private async views(manager: EntityManager, users: User[]): Promise<UserView[]> {
    if (users.length === 0) return [];
    const ids = users.map((u) => u.id);
    const [memberships, plans] = await Promise.all([
      manager.find(UserLeadAgency, { where: { userId: In(ids) }, relations: { leadAgency: true } }),
      manager.find(PlanMember, { where: { userId: In(ids) } }),
    ]);
    return users.map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      jobTitle: user.jobTitle,
      roles: user.roles,
      active: user.active,
      contactPreferences: user.contactPreferences,
      leadAgencies: memberships
        .filter((m) => m.userId === user.id)
        .map((m) => ({ id: m.leadAgencyId, name: m.leadAgency?.name ?? '', isContact: m.isContact }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      planIds: plans.filter((p) => p.userId === user.id).map((p) => p.planId),
      planRoles: plans.filter((p) => p.userId === user.id).map((p) => ({ planId: p.planId, role: p.role })),
      version: user.version,
    }));
  }
}
