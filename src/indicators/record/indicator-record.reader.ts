import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RagRating } from '../../progress/rag';
import type {
  Comparator,
  ComparatorKind,
  Comparison,
  Cumulation,
  Frequency,
  IndicatorTarget,
  IndicatorUnit,
  Month,
  Polarity,
  RiskLabel,
  Target,
  Tolerance,
  ValueStatus,
} from '../domain';
import { AsRecorded, CURRENT, inForce } from './versions';

/** An indicator's definition with its links, as every reader shows it. */
export interface IndicatorDefinitionRow {
  id: string;
  planId: string;
  position: number;
  title: string;
  titleKey: string;
  definition: string | null;
  unit: IndicatorUnit;
  polarity: Polarity | null;
  frequency: Frequency;
  cumulation: Cumulation;
  owner: { id: string; name: string } | null;
  tolerance: Tolerance | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  leadAgencies: Array<{ id: string; name: string }>;
  /** The priorities (sections) it evidences, in the plan's order, with its place in each. */
  priorities: Array<{ sectionId: string; title: string; position: number }>;
  outcomeMeasures: Array<{ activityId: string; measure: string }>;
}

export interface RecordedValue {
  id: string;
  indicatorId: string;
  month: Month;
  version: number;
  value: number | null;
  notAvailable: boolean;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus | null;
  note: string | null;
  enteredBy: { id: string | null; name: string } | null;
  importId: string | null;
  recordedAt: Date;
  supersededAt: Date | null;
}

export interface RecordedTarget {
  id: string;
  indicatorId: string;
  financialYear: number | null;
  month: Month | null;
  version: number;
  target: Target;
  text: string;
  removed: boolean;
  recordedAt: Date;
}

export interface RecordedComparator extends Comparator {
  id: string;
  indicatorId: string;
  nameKey: string;
  version: number;
  position: number;
  removed: boolean;
  recordedAt: Date;
}

export interface RecordedNarrative {
  id: string;
  sectionId: string;
  month: Month;
  version: number;
  dataTellsUs: string | null;
  nextSteps: string | null;
  writtenBy: { id: string | null; name: string } | null;
  recordedAt: Date;
  supersededAt: Date | null;
}

export interface RecordedRating {
  id: string;
  sectionId: string;
  month: Month;
  version: number;
  /** Null: the chair withdrew the rating. */
  rating: RagRating | null;
  riskLabel: RiskLabel | null;
  reason: string | null;
  setBy: { id: string | null; name: string } | null;
  importId: string | null;
  recordedAt: Date;
  supersededAt: Date | null;
}

const DEFINITION_COLUMNS = `
  i.id, i.plan_id, i.position, i.title, i.title_key, i.definition, i.unit, i.polarity, i.frequency, i.cumulation,
  i.owner_id, owner.name AS owner_name, i.tolerance, i.version, i.created_at, i.updated_at,
  (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY l.position), '[]')
     FROM indicator_lead_agencies l JOIN lead_agencies a ON a.id = l.lead_agency_id WHERE l.indicator_id = i.id) AS lead_agencies,
  (SELECT COALESCE(json_agg(json_build_object('sectionId', s.id, 'title', s.title, 'position', x.position) ORDER BY s.position), '[]')
     FROM indicator_sections x JOIN sections s ON s.id = x.section_id WHERE x.indicator_id = i.id) AS priorities,
  (SELECT COALESCE(json_agg(json_build_object('activityId', m.activity_id, 'measure', m.measure) ORDER BY m.activity_id, m.measure), '[]')
     FROM indicator_outcome_measures m WHERE m.indicator_id = i.id) AS outcome_measures`;

const person = (id: string | null, name: string | null) => (id || name ? { id, name: name ?? 'a former user' } : null);

/**
 * Reads indicators and their record in a fixed number of queries, however
 * many there are: definitions with their links in one, then each kind of
 * versioned row in one, as they stand now or as they stood at a time.
 */
@Injectable()
export class IndicatorRecord {
  constructor(private readonly dataSource: DataSource) {}

  /** Definitions by id, or every indicator of a plan, in the plan's order. */
  async definitions(where: { ids: string[] } | { planId: string }, manager: EntityManager = this.dataSource.manager): Promise<IndicatorDefinitionRow[]> {
    if ('ids' in where && where.ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${DEFINITION_COLUMNS}
         FROM indicators i LEFT JOIN users owner ON owner.id = i.owner_id
        WHERE ${'ids' in where ? 'i.id = ANY($1::uuid[])' : 'i.plan_id = $1'}
        ORDER BY i.plan_id, i.position, i.id`,
      ['ids' in where ? where.ids : where.planId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      planId: row.plan_id as string,
      position: Number(row.position),
      title: row.title as string,
      titleKey: row.title_key as string,
      definition: row.definition as string | null,
      unit: row.unit as IndicatorUnit,
      polarity: row.polarity as Polarity | null,
      frequency: row.frequency as Frequency,
      cumulation: row.cumulation as Cumulation,
      owner: row.owner_id ? { id: row.owner_id as string, name: (row.owner_name as string | null) ?? 'a former user' } : null,
      tolerance: row.tolerance as Tolerance | null,
      version: Number(row.version),
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
      leadAgencies: row.lead_agencies as IndicatorDefinitionRow['leadAgencies'],
      priorities: row.priorities as IndicatorDefinitionRow['priorities'],
      outcomeMeasures: row.outcome_measures as IndicatorDefinitionRow['outcomeMeasures'],
    }));
  }

  /** The values of the months from..to (both included), one per indicator and month, as recorded. */
  async values(indicatorIds: string[], range: { from?: Month; to?: Month }, asRecorded: AsRecorded = CURRENT, manager: EntityManager = this.dataSource.manager): Promise<RecordedValue[]> {
    if (indicatorIds.length === 0) return [];
    const params: unknown[] = [indicatorIds, range.from ?? '0000-00', range.to ?? '9999-99'];
    const when = inForce('v', asRecorded, params.length + 1);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT v.*, who.name AS entered_by_name FROM indicator_values v LEFT JOIN users who ON who.id = v.entered_by_id
        WHERE v.indicator_id = ANY($1::uuid[]) AND v.period BETWEEN $2 AND $3 AND ${when.sql}
        ORDER BY v.indicator_id, v.period`,
      [...params, ...when.params],
    );
    return rows.map(valueOf);
  }

  /** Every version of one month's value, oldest first: the value's history. */
  async valueHistory(indicatorId: string, month: Month, manager: EntityManager = this.dataSource.manager): Promise<RecordedValue[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT v.*, who.name AS entered_by_name FROM indicator_values v LEFT JOIN users who ON who.id = v.entered_by_id
        WHERE v.indicator_id = $1 AND v.period = $2 ORDER BY v.version`,
      [indicatorId, month],
    );
    return rows.map(valueOf);
  }

  /** The months that have a value (or N/A) on the record, per indicator, from a month on: for the chaser and the overdue returns. */
  async monthsWithValues(indicatorIds: string[], from: Month, asRecorded: AsRecorded = CURRENT, manager: EntityManager = this.dataSource.manager): Promise<Map<string, Set<Month>>> {
    const result = new Map<string, Set<Month>>();
    if (indicatorIds.length === 0) return result;
    const when = inForce('v', asRecorded, 3);
    const rows: Array<{ indicator_id: string; period: Month }> = await manager.query(
      `SELECT v.indicator_id, v.period FROM indicator_values v
        WHERE v.indicator_id = ANY($1::uuid[]) AND v.period >= $2 AND (v.value IS NOT NULL OR v.not_available) AND ${when.sql}`,
      [indicatorIds, from, ...when.params],
    );
    for (const row of rows) result.set(row.indicator_id, (result.get(row.indicator_id) ?? new Set()).add(row.period));
    return result;
  }

  /** The targets in force (removed ones left out), per indicator. */
  async targets(indicatorIds: string[], asRecorded: AsRecorded = CURRENT, manager: EntityManager = this.dataSource.manager): Promise<Map<string, RecordedTarget[]>> {
    const result = new Map<string, RecordedTarget[]>();
    if (indicatorIds.length === 0) return result;
    const when = inForce('t', asRecorded, 2);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT t.* FROM indicator_targets t WHERE t.indicator_id = ANY($1::uuid[]) AND NOT t.removed AND ${when.sql}
        ORDER BY t.indicator_id, t.financial_year NULLS LAST, t.period`,
      [indicatorIds, ...when.params],
    );
    for (const row of rows) {
      const target: RecordedTarget = {
        id: row.id as string,
        indicatorId: row.indicator_id as string,
        financialYear: row.financial_year === null ? null : Number(row.financial_year),
        month: row.period as Month | null,
        version: Number(row.version),
        target: targetOf(row.kind as Target['kind'], row.comparison as Comparison | null, row.value === null ? null : Number(row.value)),
        text: row.text as string,
        removed: row.removed as boolean,
        recordedAt: row.recorded_at as Date,
      };
      result.set(target.indicatorId, [...(result.get(target.indicatorId) ?? []), target]);
    }
    return result;
  }

  /** The comparators in force (removed ones left out), per indicator, in the row's order. */
  async comparators(indicatorIds: string[], asRecorded: AsRecorded = CURRENT, manager: EntityManager = this.dataSource.manager): Promise<Map<string, RecordedComparator[]>> {
    const result = new Map<string, RecordedComparator[]>();
    if (indicatorIds.length === 0) return result;
    const when = inForce('c', asRecorded, 2);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT c.* FROM indicator_comparators c WHERE c.indicator_id = ANY($1::uuid[]) AND NOT c.removed AND ${when.sql}
        ORDER BY c.indicator_id, c.position, c.name_key`,
      [indicatorIds, ...when.params],
    );
    for (const row of rows) {
      const comparator: RecordedComparator = {
        id: row.id as string,
        indicatorId: row.indicator_id as string,
        name: row.name as string,
        nameKey: row.name_key as string,
        kind: row.kind as ComparatorKind,
        financialYear: row.financial_year === null ? null : Number(row.financial_year),
        source: row.source as string | null,
        value: row.value === null ? null : Number(row.value),
        version: Number(row.version),
        position: Number(row.position),
        removed: row.removed as boolean,
        recordedAt: row.recorded_at as Date,
      };
      result.set(comparator.indicatorId, [...(result.get(comparator.indicatorId) ?? []), comparator]);
    }
    return result;
  }

  /** Each priority's narratives for a month, as recorded; or (month null) every version of one priority's month, for its history. */
  async narratives(sectionIds: string[], month: Month, asRecorded: AsRecorded | 'history' = CURRENT, manager: EntityManager = this.dataSource.manager): Promise<RecordedNarrative[]> {
    if (sectionIds.length === 0) return [];
    const when = asRecorded === 'history' ? { sql: 'TRUE', params: [] } : inForce('n', asRecorded, 3);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT n.*, who.name AS written_by_name FROM priority_narratives n LEFT JOIN users who ON who.id = n.written_by_id
        WHERE n.section_id = ANY($1::uuid[]) AND n.period = $2 AND ${when.sql} ORDER BY n.section_id, n.version`,
      [sectionIds, month, ...when.params],
    );
    return rows.map((row) => ({
      id: row.id as string,
      sectionId: row.section_id as string,
      month: row.period as Month,
      version: Number(row.version),
      dataTellsUs: row.data_tells_us as string | null,
      nextSteps: row.next_steps as string | null,
      writtenBy: person(row.written_by_id as string | null, row.written_by_name as string | null),
      recordedAt: row.recorded_at as Date,
      supersededAt: row.superseded_at as Date | null,
    }));
  }

  /** The chair's rating of each priority for a month, as recorded; or every version, for its history. */
  async ratings(sectionIds: string[], month: Month, asRecorded: AsRecorded | 'history' = CURRENT, manager: EntityManager = this.dataSource.manager): Promise<RecordedRating[]> {
    if (sectionIds.length === 0) return [];
    const when = asRecorded === 'history' ? { sql: 'TRUE', params: [] } : inForce('r', asRecorded, 3);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT r.*, who.name AS set_by_name FROM priority_ratings r LEFT JOIN users who ON who.id = r.set_by_id
        WHERE r.section_id = ANY($1::uuid[]) AND r.period = $2 AND ${when.sql} ORDER BY r.section_id, r.version`,
      [sectionIds, month, ...when.params],
    );
    return rows.map((row) => ({
      id: row.id as string,
      sectionId: row.section_id as string,
      month: row.period as Month,
      version: Number(row.version),
      rating: row.rating as RagRating | null,
      riskLabel: row.risk_label as RiskLabel | null,
      reason: row.reason as string | null,
      setBy: person(row.set_by_id as string | null, row.set_by_name as string | null),
      importId: row.import_id as string | null,
      recordedAt: row.recorded_at as Date,
      supersededAt: row.superseded_at as Date | null,
    }));
  }
}

function valueOf(row: Record<string, unknown>): RecordedValue {
  return {
    id: row.id as string,
    indicatorId: row.indicator_id as string,
    month: row.period as Month,
    version: Number(row.version),
    value: row.value === null ? null : Number(row.value),
    notAvailable: row.not_available as boolean,
    numerator: row.numerator === null ? null : Number(row.numerator),
    denominator: row.denominator === null ? null : Number(row.denominator),
    status: row.status as ValueStatus | null,
    note: row.note as string | null,
    enteredBy: person(row.entered_by_id as string | null, row.entered_by_name as string | null),
    importId: row.import_id as string | null,
    recordedAt: row.recorded_at as Date,
    supersededAt: row.superseded_at as Date | null,
  };
}

export function targetOf(kind: Target['kind'], comparison: Comparison | null, value: number | null): Target {
  if (kind === 'tbc' || value === null) return { kind: 'tbc' };
  if (kind === 'bound' && comparison) return { kind: 'bound', comparison, value };
  return { kind: 'value', value };
}

/** The domain's IndicatorTarget list from what the record holds. */
export function indicatorTargets(targets: readonly RecordedTarget[]): IndicatorTarget[] {
  return targets.map((t) => ({ appliesTo: t.month !== null ? { month: t.month } : { financialYear: t.financialYear! }, target: t.target }));
}
