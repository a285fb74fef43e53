import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../common/domain-events';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { CreateLeadAgencyDto, LeadAgencyListQuery, UpdateLeadAgencyDto } from './dto/lead-agency.dto';
import { ActivityLeadAgency } from './entities/activity-lead-agency.entity';
import { LeadAgency } from './entities/lead-agency.entity';
import { leadAgencyView } from './views';

type LeadAgencyView = ReturnType<typeof leadAgencyView>;

@Injectable()
export class LeadAgenciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async list(query: LeadAgencyListQuery): Promise<Page<LeadAgencyView>> {
    const builder = this.dataSource.getRepository(LeadAgency).createQueryBuilder('agency');
    if (query.search) {
      builder.where(
        `(agency.name ILIKE :pattern OR agency.shortName ILIKE :pattern
          OR EXISTS (SELECT 1 FROM unnest(agency.aliases) alias WHERE alias ILIKE :pattern))`,
        { pattern: `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
      );
    }
    const [agencies, total] = await builder
      .orderBy('agency.name', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(agencies.map(leadAgencyView), total, query);
  }

  async get(id: string): Promise<LeadAgencyView> {
    const agency = await this.dataSource.manager.findOne(LeadAgency, { where: { id } });
    if (!agency) throw new NotFoundException(`No lead agency with id ${id}`);
    return leadAgencyView(agency);
  }

  async create(dto: CreateLeadAgencyDto): Promise<LeadAgencyView> {
    const name = requiredName(dto.name);
    const aliases = normaliseAliases(dto.aliases ?? []);
    return this.spellingsChecked(null, { name, aliases }, () => this.dataSource.transaction(async (manager) => {
      await this.assertSpellingsFree(manager, null, name, aliases);
      if (dto.parentId) await this.assertParentExists(manager, dto.parentId);
      const agency = await manager.save(
        manager.create(LeadAgency, { name, shortName: dto.shortName?.trim() || null, aliases, parentId: dto.parentId ?? null }),
      );
      await this.audit.record(manager, { action: 'create', entityType: 'lead_agency', entityId: agency.id, after: leadAgencyView(agency) });
      return leadAgencyView(agency);
    }));
  }

  async update(id: string, dto: UpdateLeadAgencyDto): Promise<LeadAgencyView> {
    const spellings = { name: dto.name, aliases: dto.aliases };
    return this.spellingsChecked(id, spellings, () => this.dataSource.transaction(async (manager) => {
      const agency = await lockForChange(manager, LeadAgency, id, dto.version, 'lead agency', leadAgencyView);
      const before = leadAgencyView(agency);
      if (dto.name !== undefined) agency.name = requiredName(dto.name);
      if (dto.aliases !== undefined) agency.aliases = normaliseAliases(dto.aliases);
      spellings.name = agency.name;
      spellings.aliases = agency.aliases;
      if (dto.name !== undefined || dto.aliases !== undefined) await this.assertSpellingsFree(manager, id, agency.name, agency.aliases);
      if (dto.shortName !== undefined) agency.shortName = dto.shortName?.trim() || null;
      if (dto.parentId !== undefined) {
        if (dto.parentId) {
          await this.assertParentExists(manager, dto.parentId);
          await this.assertNotOwnAncestor(manager, id, dto.parentId);
        }
        agency.parentId = dto.parentId ?? null;
      }
      agency.version += 1;
      await manager.save(agency);
      await this.audit.record(manager, { action: 'update', entityType: 'lead_agency', entityId: id, before, after: leadAgencyView(agency) });
      return leadAgencyView(agency);
    }));
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const agency = await lockForChange(manager, LeadAgency, id, version, 'lead agency', leadAgencyView);
      const leads = await manager.count(ActivityLeadAgency, { where: { leadAgencyId: id } });
      if (leads > 0) {
        throw new ConflictException(`This lead agency leads ${leads} ${leads === 1 ? 'activity' : 'activities'}; reassign them before deleting it`);
      }
      const children = await manager.count(LeadAgency, { where: { parentId: id } });
      if (children > 0) {
        throw new ConflictException(`This lead agency has ${children} ${children === 1 ? 'division' : 'divisions'} beneath it; move or delete them first`);
      }
      // People's memberships go with it (accounts answers this, each on the person's record).
      await this.events.emit(manager, 'lead-agency-deleting', { leadAgencyId: id });
      await manager.delete(LeadAgency, { id });
      await this.audit.record(manager, { action: 'delete', entityType: 'lead_agency', entityId: id, before: leadAgencyView(agency) });
    });
  }

  /**
   * No two agencies may share a spelling, counting aliases and ignoring case,
   * dashes and spacing: "SCC - CSL Directorate" is the CSL Directorate, not a
   * new body. Compared by the database's own key (lead_agency_spellings), the
   * one its unique index enforces.
   */
  private async assertSpellingsFree(manager: EntityManager, selfId: string | null, name: string, aliases: string[]): Promise<void> {
    const clashes: Array<{ position: number; owner: string }> = await manager.query(
      `SELECT wanted.position::int AS position, agency.name AS owner
         FROM unnest($1::text[]) WITH ORDINALITY AS wanted(spelling, position)
         JOIN lead_agency_spellings spelling ON spelling.key = lead_agency_name_key(wanted.spelling)
         JOIN lead_agencies agency ON agency.id = spelling.lead_agency_id
        WHERE agency.id IS DISTINCT FROM $2::uuid`,
      [[name, ...aliases], selfId],
    );
    const errors: Record<string, string> = {};
    for (const { position, owner } of clashes) {
      if (position === 1) errors.name = `"${name}" is already how "${owner}" is written`;
      else errors[`aliases[${position - 2}]`] = `"${aliases[position - 2]}" is already how "${owner}" is written`;
    }
    if (Object.keys(errors).length) throw new FieldValidationException(errors);
  }

  /**
   * Two people adding the same body at once both pass the check above; the
   * database lets only one commit. The other gets the answer it would have had
   * a moment later: the same 400, naming the agency that now has the spelling.
   */
  private async spellingsChecked<T>(
    selfId: string | null,
    spellings: { name?: string; aliases?: string[] },
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof QueryFailedError) || !SPELLING_KEYS.includes((error.driverError as { constraint?: string }).constraint ?? '')) throw error;
      await this.assertSpellingsFree(this.dataSource.manager, selfId, spellings.name ?? '', spellings.aliases ?? []);
      throw new ConflictException('Another lead agency was given the same spelling at the same moment and then changed; load the agencies again and retry');
    }
  }

  private async assertParentExists(manager: EntityManager, parentId: string): Promise<void> {
    if (!(await manager.exists(LeadAgency, { where: { id: parentId } }))) {
      throw new FieldValidationException({ parentId: `no lead agency with id ${parentId}` });
    }
  }

  /** A directorate cannot sit beneath one of its own divisions. */
  private async assertNotOwnAncestor(manager: EntityManager, id: string, parentId: string): Promise<void> {
    const [row] = await manager.query(
      `WITH RECURSIVE ancestors(id, parent_id) AS (
         SELECT id, parent_id FROM lead_agencies WHERE id = $1
         UNION
         SELECT a.id, a.parent_id FROM lead_agencies a JOIN ancestors ON a.id = ancestors.parent_id
       ) SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = $2) AS cycle`,
      [parentId, id],
    );
    if (row.cycle) throw new FieldValidationException({ parentId: 'would place the agency beneath itself' });
  }
}

/** The unique indexes behind one agency per spelling (and, stricter still, per exact name). */
const SPELLING_KEYS = ['lead_agency_spellings_pkey', 'lead_agencies_name_key'];

function requiredName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new FieldValidationException({ name: 'must not be empty' });
  return trimmed;
}

function normaliseAliases(aliases: string[]): string[] {
  return [...new Set(aliases.map((alias) => alias.trim()).filter(Boolean))];
}
