import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { DomainEvents } from '../common/domain-events';

/**
 * Deleting a plan takes its indicators with it, and deleting a section its
 * priority narratives, ratings and indicator links (the database cascades);
 * every row that goes is put on the record first, in the same transaction,
 * as the plans module does for the plan tree (plans/cascaded-deletes.ts).
 * A lead agency that still leads indicators is not deleted, as one that still
 * leads activities is not.
 */
@Injectable()
export class IndicatorCascades implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.on('plan-rows-deleting', (manager, { planId, sectionId }) => this.record(manager, planId, sectionId));
    this.events.on('lead-agency-deleting', (manager, { leadAgencyId }) => this.refuseWhileLeading(manager, leadAgencyId));
  }

  async refuseWhileLeading(manager: EntityManager, leadAgencyId: string): Promise<void> {
    const [{ count }] = (await manager.query('SELECT count(*)::int AS count FROM indicator_lead_agencies WHERE lead_agency_id = $1', [leadAgencyId])) as Array<{ count: number }>;
    if (count > 0) throw new ConflictException(`This lead agency leads ${count} performance ${count === 1 ? 'indicator' : 'indicators'}; reassign them before deleting it`);
  }

  async record(manager: EntityManager, planId: string, sectionId?: string): Promise<void> {
    const entries: AuditEntry[] = [];
    const gone = (entityType: string, rows: Array<{ id: string; before: object }>) =>
      rows.forEach((row) => entries.push({ action: 'delete', entityType, entityId: row.id, planId, before: row.before }));
    const judged = sectionId ? 'section_id = $1' : 'plan_id = $1';
    const key = sectionId ?? planId;
    gone('priority_narrative', await manager.query(`SELECT section_id || ':' || period AS id, jsonb_agg(to_jsonb(n) ORDER BY version) AS before FROM priority_narratives n WHERE ${judged} GROUP BY section_id, period`, [key]));
    gone('priority_rating', await manager.query(`SELECT section_id || ':' || period AS id, jsonb_agg(to_jsonb(r) ORDER BY version) AS before FROM priority_ratings r WHERE ${judged} GROUP BY section_id, period`, [key]));
    if (sectionId) {
      gone('indicator_section', await manager.query(`SELECT indicator_id || ':' || section_id AS id, to_jsonb(x) AS before FROM indicator_sections x WHERE section_id = $1`, [sectionId]));
    } else {
      gone('indicator', await manager.query(`SELECT id, to_jsonb(i) - 'title_key' AS before FROM indicators i WHERE plan_id = $1`, [planId]));
      gone(
        'indicator_value',
        await manager.query(
          `SELECT v.indicator_id || ':' || v.period AS id, jsonb_agg(to_jsonb(v) - 'indicator_id' ORDER BY v.version) AS before
             FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.plan_id = $1 GROUP BY v.indicator_id, v.period`,
          [planId],
        ),
      );
      gone(
        'indicator_target',
        await manager.query(
          `SELECT t.indicator_id || ':' || COALESCE(t.financial_year::text, t.period) AS id, jsonb_agg(to_jsonb(t) ORDER BY t.version) AS before
             FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = $1 GROUP BY 1`,
          [planId],
        ),
      );
      gone(
        'indicator_comparator',
        await manager.query(
          `SELECT c.indicator_id || ':' || c.name_key AS id, jsonb_agg(to_jsonb(c) ORDER BY c.version) AS before
             FROM indicator_comparators c JOIN indicators i ON i.id = c.indicator_id WHERE i.plan_id = $1 GROUP BY 1`,
          [planId],
        ),
      );
      gone('plan_indicator_settings', await manager.query(`SELECT plan_id::text AS id, to_jsonb(s) AS before FROM plan_indicator_settings s WHERE plan_id = $1`, [planId]));
    }
    await this.audit.recordMany(manager, entries);
  }
}
