import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { together } from '../common/together';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { entersIndicatorValues, managesIndicators } from '../accounts/reach/reach';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { headerKey } from '../imports/parsers/header-mapping';
import { loadAgencyTree } from '../plans/agency-tree.loader';
import { lockPlanOf } from '../plans/plan-lock';
import { IndicatorUnit, Month, Target, Tolerance, checkTolerance, parseTarget } from './domain';
import { ComparatorDto, CreateIndicatorDto, IndicatorListQuery, IndicatorSettingsDto, TargetDto, ToleranceDto, UpdateIndicatorDto } from './dto/indicator.dto';
import { Indicator, IndicatorLeadAgency, IndicatorOutcomeMeasure, IndicatorSection, PlanIndicatorSettings } from './entities/indicator.entity';
import { IndicatorView, indicatorView } from './indicator-views';
import { IndicatorDefinitionRow, IndicatorRecord, RecordedComparator, RecordedTarget } from './record/indicator-record.reader';
import { RecordWriter } from './record/record-writer';
import { recordTime } from './record/versions';

/** A plan's indicator settings as the API shows them; defaults for a plan that has set none. */
export interface IndicatorSettingsView {
  planId: string;
  tolerance: Tolerance | null;
  returnWorkingDays: number;
  version: number;
}

export const DEFAULT_SETTINGS = { tolerance: null, returnWorkingDays: 10 } as const;

/**
 * Performance indicators: set up by admins (one plan's indicators, their
 * owners, lead agencies, priorities, targets and comparators), read by anyone
 * whose reach takes in the plan or the indicator. Targets and comparators are
 * kept as versions (record-writer.ts) so a report can be given as they stood.
 * The pages call these methods as the API does.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly record: IndicatorRecord,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(query: IndicatorListQuery): Promise<Page<IndicatorView>> {
    const manager = this.dataSource.manager;
    if (query.planId) await this.access.assertCanReadPlan(query.planId);
    const builder = manager.createQueryBuilder().select('indicator.id', 'id').from('indicators', 'indicator');
    await this.access.scopeIndicators(builder, 'indicator');
    if (query.planId) builder.andWhere('indicator.plan_id = :planId', { planId: query.planId });
    if (query.ownerId) builder.andWhere('indicator.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.sectionId) {
      builder.andWhere('EXISTS (SELECT 1 FROM indicator_sections filter_section WHERE filter_section.indicator_id = indicator.id AND filter_section.section_id = :sectionId)', {
        sectionId: query.sectionId,
      });
    }
    if (query.leadAgencyId) {
      const covered = [...(await loadAgencyTree(manager)).withDivisions([query.leadAgencyId])];
      builder.andWhere(
        'EXISTS (SELECT 1 FROM indicator_lead_agencies filter_lead WHERE filter_lead.indicator_id = indicator.id AND filter_lead.lead_agency_id = ANY(CAST(:covered AS uuid[])))',
        { covered },
      );
    }
    const total = await builder.getCount();
    const ids = (
      await builder
        .orderBy('indicator.plan_id')
        .addOrderBy('indicator.position')
        .addOrderBy('indicator.id')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawMany<{ id: string }>()
    ).map((row) => row.id);
    return pageOf(await this.views(ids, manager), total, query);
  }

  async get(id: string): Promise<IndicatorView> {
    await this.access.indicatorAccess(id);
    const [view] = await this.views([id], this.dataSource.manager);
    if (!view) throw new NotFoundException(`No indicator with id ${id}`);
    return view;
  }

  /** Views of indicators the caller may read, in the order given: four queries whatever the number. */
  async views(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<IndicatorView[]> {
    const rows = await this.record.definitions({ ids }, manager);
    const [targets, comparators, reach] = await together(manager, [
      () => this.record.targets(ids, undefined, manager),
      () => this.record.comparators(ids, undefined, manager),
      () => this.access.reach(manager),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids
      .map((id) => byId.get(id))
      .filter((row): row is IndicatorDefinitionRow => !!row)
      .map((row) =>
        indicatorView(row, targets.get(row.id) ?? [], comparators.get(row.id) ?? [], {
          enterValues: entersIndicatorValues(reach, { planId: row.planId, ownerId: row.owner?.id ?? null, leadAgencyIds: row.leadAgencies.map((a) => a.id) }),
          manage: managesIndicators(reach),
        }),
      );
  }

  async create(dto: CreateIndicatorDto): Promise<IndicatorView> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (!(await lockPlanOf(manager, { planId: dto.planId }))) throw new FieldValidationException({ planId: `no plan with id ${dto.planId}` });
      const targets = checkTargets(dto.targets ?? [], dto.unit);
      const comparators = checkComparators(dto.comparators ?? []);
      const tolerance = checkToleranceField(dto.tolerance);
      const titleKey = await this.checkTitle(manager, dto.planId, dto.title, null);
      await this.checkLinks(manager, dto.planId, dto);
      const [{ next }] = await manager.query('SELECT COALESCE(MAX(position), 0) + 1 AS next FROM indicators WHERE plan_id = $1', [dto.planId]);
      const indicator = await manager.save(
        manager.create(Indicator, {
          planId: dto.planId,
          position: Number(next),
          title: dto.title.trim(),
          titleKey,
          definition: dto.definition?.trim() || null,
          unit: dto.unit,
          polarity: dto.polarity ?? null,
          frequency: dto.frequency ?? 'monthly',
          cumulation: dto.cumulation ?? 'month',
          ownerId: dto.ownerId ?? null,
          tolerance,
          // When it was set up counts (its returns start then): on the record's clock.
          ...(this.clock.stamp() ? { createdAt: this.clock.stamp()! } : {}),
        }),
      );
      await this.writeLinks(manager, indicator, dto);
      const writer = new RecordWriter(manager, this.audit, await recordTime(manager, this.clock), this.actorId());
      this.writeTargets(writer, indicator, new Map(), targets);
      this.writeComparators(writer, indicator, new Map(), comparators);
      await writer.flush();
      await this.audit.record(manager, { action: 'create', entityType: 'indicator', entityId: indicator.id, planId: indicator.planId, after: await this.definitionOf(manager, indicator.id) });
      return indicator.id;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(Indicator, { where: { id } });
      if (!found) throw new NotFoundException(`No indicator with id ${id}`);
      await lockPlanOf(manager, { planId: found.planId });
      const indicator = await this.lockIndicator(manager, id, dto.version);
      const before = await this.definitionOf(manager, id);
      const unit = dto.unit ?? indicator.unit;
      const targets = dto.targets ? checkTargets(dto.targets, unit) : null;
      const comparators = dto.comparators ? checkComparators(dto.comparators) : null;
      if (dto.unit && dto.unit !== indicator.unit && !dto.targets) {
        // A target written for the old unit ("23%") may mean nothing in the new one: say them again.
        const current = (await this.record.targets([id], undefined, manager)).get(id) ?? [];
        if (current.length) throw new FieldValidationException({ targets: 'are required when the unit changes, so each target is read in the new unit' });
      }
      if (dto.title !== undefined) {
        indicator.titleKey = await this.checkTitle(manager, indicator.planId, dto.title, id);
        indicator.title = dto.title.trim();
      }
      await this.checkLinks(manager, indicator.planId, dto);
      if (dto.definition !== undefined) indicator.definition = dto.definition?.trim() || null;
      if (dto.unit !== undefined) indicator.unit = dto.unit;
      if (dto.polarity !== undefined) indicator.polarity = dto.polarity;
      if (dto.frequency !== undefined) indicator.frequency = dto.frequency;
      if (dto.cumulation !== undefined) indicator.cumulation = dto.cumulation;
      if (dto.ownerId !== undefined) indicator.ownerId = dto.ownerId;
      if (dto.tolerance !== undefined) indicator.tolerance = checkToleranceField(dto.tolerance);
      indicator.version += 1;
      await manager.save(indicator);
      await this.writeLinks(manager, indicator, dto);
      const writer = new RecordWriter(manager, this.audit, await recordTime(manager, this.clock), this.actorId());
      if (targets) this.writeTargets(writer, indicator, await this.currentTargets(manager, id), targets, true);
      if (comparators) this.writeComparators(writer, indicator, await this.currentComparators(manager, id), comparators, true);
      await writer.flush();
      await this.audit.record(manager, { action: 'update', entityType: 'indicator', entityId: id, planId: indicator.planId, before, after: await this.definitionOf(manager, id) });
    });
    return this.get(id);
  }

  async settings(planId: string): Promise<IndicatorSettingsView> {
    await this.access.assertCanReadPlan(planId);
    return this.settingsOf(planId, this.dataSource.manager);
  }

  async settingsOf(planId: string, manager: EntityManager): Promise<IndicatorSettingsView> {
    const settings = await manager.findOne(PlanIndicatorSettings, { where: { planId } });
    if (!settings) {
      const [plan] = await manager.query('SELECT id FROM plans WHERE id = $1', [planId]);
      if (!plan) throw new NotFoundException(`No plan with id ${planId}`);
      return { planId, ...DEFAULT_SETTINGS, version: 0 };
    }
    return { planId, tolerance: settings.tolerance, returnWorkingDays: settings.returnWorkingDays, version: settings.version };
  }

  async updateSettings(planId: string, dto: IndicatorSettingsDto): Promise<IndicatorSettingsView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockPlanOf(manager, { planId }))) throw new NotFoundException(`No plan with id ${planId}`);
      const current = await this.settingsOf(planId, manager);
      if (current.version !== dto.version) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `The plan's indicator settings were changed by someone else since you loaded them (your version ${dto.version}, current version ${current.version}). Reload them and make your change again.`,
          current,
        });
      }
      const next = {
        planId,
        tolerance: dto.tolerance === undefined ? current.tolerance : checkToleranceField(dto.tolerance),
        returnWorkingDays: dto.returnWorkingDays ?? current.returnWorkingDays,
        version: current.version + 1,
      };
      await manager.save(manager.create(PlanIndicatorSettings, next));
      await this.audit.record(manager, {
        action: current.version === 0 ? 'create' : 'update',
        entityType: 'plan_indicator_settings',
        entityId: planId,
        planId,
        before: current.version === 0 ? null : current,
        after: next,
      });
      return next;
    });
  }

  private actorId(): string | null {
    const who = this.access.who();
    return who.kind === 'person' ? who.actor.id : null;
  }

  private async lockIndicator(manager: EntityManager, id: string, version: number): Promise<Indicator> {
    const indicator = await manager.getRepository(Indicator).createQueryBuilder('row').setLock('pessimistic_write').where('row.id = :id', { id }).getOne();
    if (!indicator) throw new NotFoundException(`No indicator with id ${id}`);
    if (indicator.version !== version) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `This indicator was changed by someone else since you loaded it (your version ${version}, current version ${indicator.version}). Reload it and make your change again.`,
        current: (await this.views([id], manager))[0],
      });
    }
    return indicator;
  }

  /** The definition with its links, for the audit record. */
  private async definitionOf(manager: EntityManager, id: string) {
    const [row] = await this.record.definitions({ ids: [id] }, manager);
    const { createdAt: _created, updatedAt: _updated, titleKey: _key, ...rest } = row;
    return { ...rest, owner: row.owner?.id ?? null, leadAgencies: row.leadAgencies.map((a) => a.id), priorities: row.priorities.map((p) => p.sectionId) };
  }

  private async checkTitle(manager: EntityManager, planId: string, title: string, id: string | null): Promise<string> {
    const titleKey = headerKey(title);
    if (!titleKey) throw new FieldValidationException({ title: 'must contain letters or figures' });
    const [clash] = await manager.query('SELECT id FROM indicators WHERE plan_id = $1 AND title_key = $2 AND id IS DISTINCT FROM $3', [planId, titleKey, id]);
    if (clash) throw new FieldValidationException({ title: `the plan already has an indicator titled like this (id ${clash.id})` });
    return titleKey;
  }

  private async checkLinks(manager: EntityManager, planId: string, dto: Pick<CreateIndicatorDto, 'ownerId' | 'leadAgencyIds' | 'sectionIds' | 'outcomeMeasures'>): Promise<void> {
    const errors: Record<string, string> = {};
    if (dto.ownerId) {
      const [owner] = await manager.query('SELECT active FROM users WHERE id = $1', [dto.ownerId]);
      if (!owner) errors.ownerId = `no user with id ${dto.ownerId}`;
      else if (!owner.active) errors.ownerId = 'is a deactivated account';
    }
    const missing = async (table: string, ids: string[] | undefined, field: string, where = '') => {
      if (!ids?.length) return;
      const dupes = ids.findIndex((value, index) => ids.indexOf(value) !== index);
      if (dupes >= 0) {
        errors[`${field}[${dupes}]`] = 'is listed twice';
        return;
      }
      const found: Array<{ id: string }> = await manager.query(`SELECT t.id FROM ${table} t WHERE t.id = ANY($1::uuid[]) ${where}`, where ? [ids, planId] : [ids]);
      const known = new Set(found.map((row) => row.id));
      ids.forEach((value, index) => {
        if (!known.has(value)) errors[`${field}[${index}]`] = where ? `is not in this plan (${value})` : `does not exist (${value})`;
      });
    };
    await missing('lead_agencies', dto.leadAgencyIds, 'leadAgencyIds');
    await missing('sections', dto.sectionIds, 'sectionIds', 'AND t.plan_id = $2');
    if (dto.outcomeMeasures?.length) {
      const found: Array<{ activity_id: string; text: string }> = await manager.query(
        `SELECT m.activity_id, m.text FROM outcome_measures m JOIN activities a ON a.id = m.activity_id
          WHERE a.plan_id = $1 AND m.activity_id = ANY($2::uuid[])`,
        [planId, dto.outcomeMeasures.map((m) => m.activityId)],
      );
      dto.outcomeMeasures.forEach((link, index) => {
        const ofActivity = found.filter((row) => row.activity_id === link.activityId);
        if (ofActivity.length === 0) errors[`outcomeMeasures[${index}].activityId`] = `is not an activity of this plan with outcome measures (${link.activityId})`;
        else if (!ofActivity.some((row) => row.text === link.measure)) errors[`outcomeMeasures[${index}].measure`] = 'is not one of the activity’s outcome measures, word for word';
      });
    }
    if (Object.keys(errors).length) throw new FieldValidationException(errors);
  }

  /** Writes the links the DTO gives (each list replaces the old one); a new priority puts the indicator last in its table. */
  private async writeLinks(manager: EntityManager, indicator: Indicator, dto: Pick<CreateIndicatorDto, 'leadAgencyIds' | 'sectionIds' | 'outcomeMeasures'>): Promise<void> {
    if (dto.leadAgencyIds) {
      await manager.delete(IndicatorLeadAgency, { indicatorId: indicator.id });
      if (dto.leadAgencyIds.length) await manager.insert(IndicatorLeadAgency, dto.leadAgencyIds.map((leadAgencyId, position) => ({ indicatorId: indicator.id, leadAgencyId, position })));
    }
    if (dto.sectionIds) {
      await manager.query('DELETE FROM indicator_sections WHERE indicator_id = $1 AND NOT (section_id = ANY($2::uuid[]))', [indicator.id, dto.sectionIds]);
      for (const sectionId of dto.sectionIds) {
        await manager.query(
          `INSERT INTO indicator_sections (indicator_id, section_id, position)
           SELECT $1, $2, COALESCE(MAX(position), 0) + 1 FROM indicator_sections WHERE section_id = $2
           ON CONFLICT (indicator_id, section_id) DO NOTHING`,
          [indicator.id, sectionId],
        );
      }
    }
    if (dto.outcomeMeasures) {
      await manager.delete(IndicatorOutcomeMeasure, { indicatorId: indicator.id });
      const distinct = [...new Map(dto.outcomeMeasures.map((m) => [`${m.activityId}\u0000${m.measure}`, m])).values()];
      if (distinct.length) await manager.insert(IndicatorOutcomeMeasure, distinct.map((m) => ({ indicatorId: indicator.id, activityId: m.activityId, measure: m.measure })));
    }
  }

  private async currentTargets(manager: EntityManager, id: string) {
    const targets = (await this.record.targets([id], undefined, manager)).get(id) ?? [];
    return new Map(targets.map((t) => [t.month ?? String(t.financialYear), t]));
  }

  private async currentComparators(manager: EntityManager, id: string) {
    const comparators = (await this.record.comparators([id], undefined, manager)).get(id) ?? [];
    return new Map(comparators.map((c) => [c.nameKey, c]));
  }

  private writeTargets(writer: RecordWriter, indicator: Indicator, current: Map<string, RecordedTarget>, targets: CheckedTarget[], replace = false): void {
    const seen = new Set<string>();
    for (const t of targets) {
      const key = t.month ?? String(t.financialYear);
      seen.add(key);
      writer.target(indicator, t.month ? { month: t.month } : { financialYear: t.financialYear! }, current.get(key), { target: t.target, text: t.text });
    }
    if (!replace) return;
    for (const [key, was] of current) {
      if (!seen.has(key)) writer.target(indicator, was.month ? { month: was.month } : { financialYear: was.financialYear! }, was, null);
    }
  }

  private writeComparators(writer: RecordWriter, indicator: Indicator, current: Map<string, RecordedComparator>, comparators: CheckedComparator[], replace = false): void {
    const seen = new Set<string>();
    comparators.forEach((c, position) => {
      seen.add(c.nameKey);
      writer.comparator(indicator, c.nameKey, current.get(c.nameKey), {
        name: c.name,
        kind: c.kind,
        financialYear: c.financialYear,
        source: c.source,
        value: c.value,
        position,
      });
    });
    if (!replace) return;
    for (const [key, was] of current) if (!seen.has(key)) writer.comparator(indicator, key, was, null);
  }
}

interface CheckedTarget {
  financialYear: number | null;
  month: Month | null;
  target: Target;
  text: string;
}

interface CheckedComparator {
  name: string;
  nameKey: string;
  kind: ComparatorDto['kind'] & string;
  financialYear: number | null;
  source: string | null;
  value: number | null;
}

/** Each target read as written, in the indicator's unit; one target per year or month. */
export function checkTargets(targets: TargetDto[], unit: IndicatorUnit): CheckedTarget[] {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  const checked = targets.map((t, i) => {
    if (t.financialYear !== undefined && t.month !== undefined) errors[`targets[${i}].month`] = 'give financialYear or month, not both';
    const key = t.month ?? String(t.financialYear);
    if (seen.has(key)) errors[`targets[${i}]`] = `sets the target for ${key} again (also targets[${seen.get(key)}])`;
    seen.set(key, i);
    const parsed = parseTarget(t.target, unit);
    if ('problem' in parsed) errors[`targets[${i}].target`] = parsed.problem;
    return { financialYear: t.month !== undefined ? null : (t.financialYear ?? null), month: (t.month as Month | undefined) ?? null, target: 'target' in parsed ? parsed.target : ({ kind: 'tbc' } as Target), text: t.target.trim() };
  });
  if (Object.keys(errors).length) throw new FieldValidationException(errors);
  return checked;
}

export function checkComparators(comparators: ComparatorDto[]): CheckedComparator[] {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  const checked = comparators.map((c, i) => {
    const nameKey = headerKey(c.name);
    if (!nameKey) errors[`comparators[${i}].name`] = 'must contain letters or figures';
    else if (seen.has(nameKey)) errors[`comparators[${i}].name`] = `names the same comparator as comparators[${seen.get(nameKey)}]`;
    seen.set(nameKey, i);
    return { name: c.name.trim(), nameKey, kind: c.kind ?? 'other', financialYear: c.financialYear ?? null, source: c.source?.trim() || null, value: c.value };
  });
  if (Object.keys(errors).length) throw new FieldValidationException(errors);
  return checked;
}

function checkToleranceField(tolerance: ToleranceDto | null | undefined): Tolerance | null {
  if (!tolerance) return null;
  try {
    const { basis, green, amber } = checkTolerance({ basis: tolerance.basis, green: tolerance.green, amber: tolerance.amber });
    return { basis, green, amber };
  } catch (error) {
    if (error instanceof RangeError) throw new FieldValidationException({ 'tolerance.amber': error.message });
    throw error;
  }
}
