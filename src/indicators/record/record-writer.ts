import { EntityManager } from 'typeorm';
import type { AuditEntry, AuditService } from '../../audit/audit.service';
import type { RagRating } from '../../progress/rag';
import type { ComparatorKind, Month, RiskLabel, Target, ValueStatus } from '../domain';
import {
  IndicatorComparatorRecord,
  IndicatorTargetRecord,
  IndicatorValueRecord,
  PriorityNarrativeRecord,
  PriorityRatingRecord,
} from '../entities/recorded.entities';
import type { RecordedValue } from './indicator-record.reader';
import { RecordTime, VersionedTable } from './versions';

/** A month's value as it should stand. */
export interface ValueState {
  value: number | null;
  notAvailable: boolean;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus | null;
  note: string | null;
}

export interface TargetState {
  target: Target;
  text: string;
}

export interface ComparatorState {
  name: string;
  kind: ComparatorKind;
  financialYear: number | null;
  source: string | null;
  value: number | null;
  position: number;
}

export interface NarrativeState {
  dataTellsUs: string | null;
  nextSteps: string | null;
}

export interface RatingState {
  rating: RagRating | null;
  riskLabel: RiskLabel | null;
  reason: string | null;
}

export type Outcome = 'created' | 'changed' | 'unchanged';

/** The version in force that a change supersedes. */
export interface Versioned {
  id: string;
  version: number;
}

interface Owner {
  id: string;
  planId: string;
}

/** Equal field by field, whatever order the fields were written in. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * Writes the versioned record inside the caller's transaction (which holds
 * the locks): each change supersedes the version in force and adds the next,
 * all at one time, with its audit event; what is already so is left alone, so
 * an import run twice changes nothing. Changes are gathered and written in a
 * few statements by flush(), however many there are.
 */
export class RecordWriter {
  private readonly superseded = new Map<VersionedTable, string[]>();
  private readonly values: Array<Partial<IndicatorValueRecord>> = [];
  private readonly targets: Array<Partial<IndicatorTargetRecord>> = [];
  private readonly comparators: Array<Partial<IndicatorComparatorRecord>> = [];
  private readonly narratives: Array<Partial<PriorityNarrativeRecord>> = [];
  private readonly ratings: Array<Partial<PriorityRatingRecord>> = [];
  private readonly audits: AuditEntry[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly audit: AuditService,
    readonly at: RecordTime,
    private readonly actorId: string | null,
    private readonly importId: string | null = null,
  ) {}

  get auditCount(): number {
    return this.audits.length;
  }

  value(indicator: Owner, month: Month, current: (Versioned & ValueState) | undefined, next: ValueState): Outcome {
    const was = current ? valueState(current) : null;
    if (was && same(was, next)) return 'unchanged';
    if (current) this.supersede('indicator_values', current.id);
    const version = (current?.version ?? 0) + 1;
    this.values.push({
      indicatorId: indicator.id,
      period: month,
      version,
      ...next,
      enteredById: this.actorId,
      importId: this.importId,
      recordedAt: this.at as unknown as Date,
    });
    this.audits.push({
      action: current ? 'update' : 'create',
      entityType: 'indicator_value',
      entityId: `${indicator.id}:${month}`,
      planId: indicator.planId,
      before: was ? { month, version: current!.version, ...was } : null,
      after: { month, version, ...next, ...(this.importId ? { importId: this.importId } : {}) },
    });
    return current ? 'changed' : 'created';
  }

  /** A target for a year (scope.financialYear) or a month; null removes it. */
  target(indicator: Owner, scope: { financialYear: number } | { month: Month }, current: (Versioned & TargetState) | undefined, next: TargetState | null): Outcome {
    const was = current ? { target: current.target, text: current.text } : null;
    if (!next && !current) return 'unchanged';
    if (was && next && same(was.target, next.target)) return 'unchanged';
    if (current) this.supersede('indicator_targets', current.id);
    const version = (current?.version ?? 0) + 1;
    const target = next?.target ?? current!.target;
    this.targets.push({
      indicatorId: indicator.id,
      financialYear: 'financialYear' in scope ? scope.financialYear : null,
      period: 'month' in scope ? scope.month : null,
      version,
      kind: target.kind,
      comparison: target.kind === 'bound' ? target.comparison : null,
      value: target.kind === 'tbc' ? null : target.value,
      text: next?.text ?? current!.text,
      removed: next === null,
      recordedById: this.actorId,
      importId: this.importId,
      recordedAt: this.at as unknown as Date,
    });
    const key = 'financialYear' in scope ? String(scope.financialYear) : scope.month;
    this.audits.push({
      action: !current ? 'create' : next ? 'update' : 'delete',
      entityType: 'indicator_target',
      entityId: `${indicator.id}:${key}`,
      planId: indicator.planId,
      before: was ? { ...scope, version: current!.version, ...was } : null,
      after: next ? { ...scope, version, ...next } : null,
    });
    return current ? 'changed' : 'created';
  }

  /** A comparator by its name's key; null removes it. */
  comparator(indicator: Owner, nameKey: string, current: (Versioned & ComparatorState) | undefined, next: ComparatorState | null): Outcome {
    const was: ComparatorState | null = current
      ? { name: current.name, kind: current.kind, financialYear: current.financialYear, source: current.source, value: current.value, position: current.position }
      : null;
    if (!next && !current) return 'unchanged';
    if (was && next && same(was, next)) return 'unchanged';
    if (current) this.supersede('indicator_comparators', current.id);
    const version = (current?.version ?? 0) + 1;
    const state = next ?? was!;
    this.comparators.push({
      indicatorId: indicator.id,
      nameKey,
      version,
      ...state,
      removed: next === null,
      recordedById: this.actorId,
      importId: this.importId,
      recordedAt: this.at as unknown as Date,
    });
    this.audits.push({
      action: !current ? 'create' : next ? 'update' : 'delete',
      entityType: 'indicator_comparator',
      entityId: `${indicator.id}:${nameKey}`,
      planId: indicator.planId,
      before: was ? { version: current!.version, ...was } : null,
      after: next ? { version, ...next } : null,
    });
    return current ? 'changed' : 'created';
  }

  narrative(section: Owner, month: Month, current: (Versioned & NarrativeState) | undefined, next: NarrativeState): Outcome {
    const was: NarrativeState | null = current ? { dataTellsUs: current.dataTellsUs, nextSteps: current.nextSteps } : null;
    if (was ? same(was, next) : next.dataTellsUs === null && next.nextSteps === null) return 'unchanged';
    if (current) this.supersede('priority_narratives', current.id);
    const version = (current?.version ?? 0) + 1;
    this.narratives.push({ sectionId: section.id, planId: section.planId, period: month, version, ...next, writtenById: this.actorId, recordedAt: this.at as unknown as Date });
    this.audits.push({
      action: current ? 'update' : 'create',
      entityType: 'priority_narrative',
      entityId: `${section.id}:${month}`,
      planId: section.planId,
      before: was ? { month, version: current!.version, ...was } : null,
      after: { month, version, ...next },
    });
    return current ? 'changed' : 'created';
  }

  rating(section: Owner, month: Month, current: (Versioned & RatingState) | undefined, next: RatingState): Outcome {
    const was: RatingState | null = current ? { rating: current.rating, riskLabel: current.riskLabel, reason: current.reason } : null;
    if (was ? same(was, next) : next.rating === null) return 'unchanged';
    if (current) this.supersede('priority_ratings', current.id);
    const version = (current?.version ?? 0) + 1;
    this.ratings.push({ sectionId: section.id, planId: section.planId, period: month, version, ...next, setById: this.actorId, importId: this.importId, recordedAt: this.at as unknown as Date });
    this.audits.push({
      action: !current ? 'create' : next.rating === null ? 'delete' : 'update',
      entityType: 'priority_rating',
      entityId: `${section.id}:${month}`,
      planId: section.planId,
      before: was ? { month, version: current!.version, ...was } : null,
      after: { month, version, ...next, ...(this.importId ? { importId: this.importId } : {}) },
    });
    return current ? 'changed' : 'created';
  }

  /** Writes everything gathered: the superseding marks first (the one-in-force indexes), then the new versions, then the record. */
  async flush(): Promise<void> {
    for (const [table, ids] of this.superseded) {
      for (let start = 0; start < ids.length; start += 5000) {
        await this.manager.query(`UPDATE ${table} SET superseded_at = $2::timestamptz WHERE id = ANY($1::uuid[]) AND superseded_at IS NULL`, [ids.slice(start, start + 5000), this.at]);
      }
    }
    this.superseded.clear();
    await this.insert(IndicatorValueRecord, this.values.splice(0));
    await this.insert(IndicatorTargetRecord, this.targets.splice(0));
    await this.insert(IndicatorComparatorRecord, this.comparators.splice(0));
    await this.insert(PriorityNarrativeRecord, this.narratives.splice(0));
    await this.insert(PriorityRatingRecord, this.ratings.splice(0));
    await this.audit.recordMany(this.manager, this.audits.splice(0));
  }

  private supersede(table: VersionedTable, id: string): void {
    this.superseded.set(table, [...(this.superseded.get(table) ?? []), id]);
  }

  private async insert<T extends object>(entity: new () => T, rows: Array<Partial<T>>): Promise<void> {
    for (let start = 0; start < rows.length; start += 1000) {
      // The stamp is PostgreSQL's own text; a Date would lose its microseconds.
      await this.manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(start, start + 1000).map((row) => ({ ...row, recordedAt: () => `'${this.at.replace(/'/g, "''")}'::timestamptz` })) as never)
        .execute();
    }
  }
}

export function valueState(value: ValueState | RecordedValue): ValueState {
  return { value: value.value, notAvailable: value.notAvailable, numerator: value.numerator, denominator: value.denominator, status: value.status, note: value.note };
}
