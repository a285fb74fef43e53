import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldValidationException } from '../common/validation';
import { CalendarDate, endOfLondonDay, formatLongDate, todayInLondon } from '../deadlines';
import { Frequency, Month, addMonths, compareMonths, formatMonthLong, isReturnMonth, monthOfDate, resolveReturn } from './domain';
import { EnterValueDto, ValueListQuery } from './dto/indicator.dto';
import { ValueView, valueView } from './indicator-views';
import { IndicatorRecord } from './record/indicator-record.reader';
import { Outcome, RecordWriter, ValueState } from './record/record-writer';
import { AsRecorded, CURRENT, recordTime } from './record/versions';

export interface EnteredValue {
  /** created: the month's first value; corrected: a new version, the earlier kept in the history; unchanged: it already said so. */
  outcome: 'created' | 'corrected' | 'unchanged';
  value: ValueView;
}

const OUTCOMES: Record<Outcome, EnteredValue['outcome']> = { created: 'created', changed: 'corrected', unchanged: 'unchanged' };

/**
 * A month's value: entered by the indicator's owner, the service heads of its
 * lead agencies or an admin; corrected later as a new version, the earlier
 * kept (GET …/history), each on the audit trail.
 */
@Injectable()
export class IndicatorValuesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly record: IndicatorRecord,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async enter(indicatorId: string, month: Month, dto: EnterValueDto): Promise<EnteredValue> {
    const can = await this.access.indicatorAccess(indicatorId);
    if (!can.entersValues) throw new ForbiddenException("An indicator's values are entered by its owner, the service heads of the agencies that lead it, and admins");
    return this.dataSource.transaction(async (manager) => {
      // Every write of the indicator's values holds its row: two people entering the same month queue.
      const [indicator] = (await manager.query('SELECT id, plan_id, unit, frequency FROM indicators WHERE id = $1 FOR UPDATE', [indicatorId])) as Array<{
        id: string;
        plan_id: string;
        unit: Parameters<typeof resolveReturn>[0];
        frequency: Frequency;
      }>;
      this.checkMonth(month, indicator.frequency);
      const resolved = resolveReturn(indicator.unit, dto);
      if ('problems' in resolved) throw new FieldValidationException(resolved.problems as Record<string, string>);
      const [current] = await this.record.values([indicatorId], { from: month, to: month }, CURRENT, manager);
      const loaded = dto.version ?? null;
      if ((current && loaded !== current.version) || (!current && loaded !== null && loaded !== 0)) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: current
            ? `The ${formatMonthLong(month)} value was ${loaded === null ? 'already entered' : 'changed'} by ${current.enteredBy?.name ?? 'someone else'} (version ${current.version}); ` +
              `to correct it, send the version you are correcting${loaded === null ? '' : ` (yours was ${loaded})`}.`
            : `There is no ${formatMonthLong(month)} value to correct (your version ${loaded}); send version 0, or leave it out, to enter the first.`,
          current: current ? valueView(current) : null,
        });
      }
      const next: ValueState = {
        value: resolved.ok.value,
        notAvailable: resolved.ok.notAvailable,
        numerator: resolved.ok.numerator,
        denominator: resolved.ok.denominator,
        status: dto.status ?? null,
        note: dto.note?.trim() || null,
      };
      const writer = new RecordWriter(manager, this.audit, await recordTime(manager, this.clock), this.actorId());
      const outcome = writer.value({ id: indicator.id, planId: indicator.plan_id }, month, current, next);
      await writer.flush();
      const [now] = await this.record.values([indicatorId], { from: month, to: month }, CURRENT, manager);
      return { outcome: OUTCOMES[outcome], value: valueView(now) };
    });
  }

  /** The values of a span of months, as they stand or as the record held them at the end of a day. */
  async list(indicatorId: string, query: ValueListQuery) {
    await this.access.indicatorAccess(indicatorId);
    const { from, to } = this.span(query.from as Month | undefined, query.to as Month | undefined);
    if (compareMonths(from, to) > 0) throw new FieldValidationException({ from: 'must not be after to' });
    const asRecorded: AsRecorded = query.recordedBy ? { kind: 'at', at: endOfLondonDay(query.recordedBy as CalendarDate) } : CURRENT;
    const values = await this.record.values([indicatorId], { from, to }, asRecorded);
    return { indicatorId, from, to, recordedBy: query.recordedBy ?? null, items: values.map(valueView) };
  }

  /**
   * The values of several indicators over the same span of months (a plan's
   * indicator page), as they stand: the reach is checked for them all in one
   * statement and the values read in one, however many indicators, where
   * list() one at a time took two statements each. An indicator out of reach
   * is not found, as in list(); one deleted meanwhile is left out.
   */
  async listMany(indicatorIds: readonly string[], span: { from?: Month; to?: Month } = {}): Promise<Map<string, ValueView[]>> {
    const ids = [...new Set(indicatorIds)];
    const byIndicator = new Map(ids.map((id) => [id, [] as ValueView[]]));
    if (ids.length === 0) return byIndicator;
    const query = this.dataSource.manager.createQueryBuilder().select('i.id', 'id').from('indicators', 'i').where('i.id IN (:...ids)', { ids });
    const readable = new Set(((await (await this.access.scopeIndicators(query, 'i')).getRawMany()) as Array<{ id: string }>).map((row) => row.id));
    const unread = ids.filter((id) => !readable.has(id));
    if (unread.length) {
      // One deleted since the page listed it is left out; one that exists out of reach is not found, as in list().
      const existing: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM indicators WHERE id = ANY($1::uuid[])', [unread]);
      if (existing.length) throw new NotFoundException(`No indicator with id ${existing[0].id}`);
      for (const id of unread) byIndicator.delete(id);
    }
    for (const value of await this.record.values(ids, this.span(span.from, span.to), CURRENT)) byIndicator.get(value.indicatorId)?.push(valueView(value));
    return byIndicator;
  }

  /** The months asked for: by default the two years to this month. */
  private span(from: Month | undefined, to: Month | undefined): { from: Month; to: Month } {
    const until = to ?? monthOfDate(this.clock.today());
    return { from: from ?? addMonths(until, -23), to: until };
  }

  /** Every version of a month's value, oldest first: what was entered, and each correction. */
  async history(indicatorId: string, month: Month) {
    await this.access.indicatorAccess(indicatorId);
    const versions = await this.record.valueHistory(indicatorId, month);
    return { indicatorId, month, versions: versions.map(valueView) };
  }

  private checkMonth(month: Month, frequency: Frequency): void {
    const today = this.clock.today();
    if (compareMonths(month, monthOfDate(today)) > 0) {
      throw new FieldValidationException({ month: `is after the current month (today is ${formatLongDate(todayInLondon(this.clock.now()))})` });
    }
    if (!isReturnMonth(month, frequency)) {
      throw new FieldValidationException({
        month: frequency === 'quarterly' ? "must be a quarter's last month (June, September, December or March) for a quarterly indicator" : 'must be March (the financial year’s end) for an annual indicator',
      });
    }
  }

  private actorId(): string | null {
    const who = this.access.who();
    return who.kind === 'person' ? who.actor.id : null;
  }
}
