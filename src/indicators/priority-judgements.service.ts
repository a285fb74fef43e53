import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { together } from '../common/together';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldValidationException } from '../common/validation';
import { endOfLondonDay } from '../deadlines';
import { Month, compareMonths, formatMonthLong, monthOfDate, reportRecordDay } from './domain';
import { NarrativeDto, PriorityRatingDto } from './dto/indicator.dto';
import { narrativeView, ratingView } from './indicator-views';
import { IndicatorRecord, RecordedNarrative, RecordedRating } from './record/indicator-record.reader';
import { RecordWriter } from './record/record-writer';
import { CURRENT, recordTime } from './record/versions';

interface SectionRow {
  id: string;
  planId: string;
  title: string;
}

/**
 * A priority's month in the board's performance report: "What the data tells
 * us" and "Actions / next steps", and the chair's rating with its risk label
 * and reason. Written by the plan's chair (and admins), read by whoever reads
 * the whole plan; every version is kept, so a past month's report shows what
 * was written by then.
 */
@Injectable()
export class PriorityJudgementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly record: IndicatorRecord,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async month(sectionId: string, month: Month) {
    const section = await this.readableSection(sectionId);
    const manager = this.dataSource.manager;
    const [narratives, ratings] = await together(manager, [() => this.record.narratives([sectionId], month, 'history', manager), () => this.record.ratings([sectionId], month, 'history', manager)]);
    const current = <T extends { supersededAt: Date | null }>(rows: T[]) => rows.find((row) => row.supersededAt === null) ?? null;
    const narrative = current(narratives);
    const rating = current(ratings);
    return {
      sectionId,
      planId: section.planId,
      title: section.title,
      month,
      narrative: narrative ? narrativeView(narrative) : null,
      rating: rating && rating.rating ? ratingView(rating) : null,
      /** What the rating's version is now (a withdrawn rating still counts), for the next change. */
      ratingVersion: rating?.version ?? 0,
      narrativeHistory: narratives.map(narrativeView),
      ratingHistory: ratings.map(ratingView),
      can: { judge: await this.access.judgesPriorities(section.planId) },
    };
  }

  /**
   * Every priority's narratives and the chair's rating for a month, as the
   * board's report for that month reads them by default (the record at the
   * end of the following month, or as it stands until then), for a plan's
   * pages; two statements whatever the number of priorities. `sectionIds` are
   * the plan's sections as its tree was read. Null for anyone who does not read
   * the whole plan: they are the whole plan's, as for month().
   */
  async ofPlan(planId: string, sectionIds: string[], month: Month) {
    if (!(await this.access.readsWholePlan(planId))) return null;
    const recordedBy = reportRecordDay(month, this.clock.today());
    const asRecorded = recordedBy === null ? CURRENT : { kind: 'at' as const, at: endOfLondonDay(recordedBy) };
    const manager = this.dataSource.manager;
    const [narratives, ratings] = await together(manager, [() => this.record.narratives(sectionIds, month, asRecorded, manager), () => this.record.ratings(sectionIds, month, asRecorded, manager)]);
    return {
      month,
      /** The day at whose end the report reads the record; null when it reads it as it stands. */
      recordedBy,
      narratives: new Map(narratives.map((n) => [n.sectionId, narrativeView(n)])),
      ratings: new Map(ratings.filter((r) => r.rating !== null).map((r) => [r.sectionId, ratingView(r)])),
      judge: await this.access.judgesPriorities(planId),
    };
  }

  async writeNarrative(sectionId: string, month: Month, dto: NarrativeDto) {
    const section = await this.judgedSection(sectionId, month);
    return this.dataSource.transaction(async (manager) => {
      await this.lockSection(manager, sectionId);
      const [current] = await this.record.narratives([sectionId], month, CURRENT, manager);
      this.checkVersion('narratives', month, dto.version, current);
      const writer = new RecordWriter(manager, this.audit, await recordTime(manager, this.clock), this.actorId());
      const text = (value: string | null | undefined, was: string | null | undefined) => (value === undefined ? (was ?? null) : value?.trim() || null);
      writer.narrative(section, month, current, { dataTellsUs: text(dto.dataTellsUs, current?.dataTellsUs), nextSteps: text(dto.nextSteps, current?.nextSteps) });
      await writer.flush();
      const [now] = await this.record.narratives([sectionId], month, CURRENT, manager);
      return now ? narrativeView(now) : null;
    });
  }

  async rate(sectionId: string, month: Month, dto: PriorityRatingDto) {
    const section = await this.judgedSection(sectionId, month);
    return this.dataSource.transaction(async (manager) => {
      await this.lockSection(manager, sectionId);
      const [current] = await this.record.ratings([sectionId], month, CURRENT, manager);
      this.checkVersion('rating', month, dto.version, current);
      const writer = new RecordWriter(manager, this.audit, await recordTime(manager, this.clock), this.actorId());
      writer.rating(section, month, current, { rating: dto.rating, riskLabel: dto.riskLabel ?? null, reason: dto.reason.trim() });
      await writer.flush();
      const [now] = await this.record.ratings([sectionId], month, CURRENT, manager);
      return ratingView(now);
    });
  }

  /** The chair withdraws the month's rating: the computed one shows again; the withdrawn one stays in the history. */
  async withdrawRating(sectionId: string, month: Month, version: number): Promise<void> {
    const section = await this.judgedSection(sectionId, month);
    await this.dataSource.transaction(async (manager) => {
      await this.lockSection(manager, sectionId);
      const [current] = await this.record.ratings([sectionId], month, CURRENT, manager);
      if (!current?.rating) throw new NotFoundException(`The chair has not rated this priority for ${formatMonthLong(month)}`);
      this.checkVersion('rating', month, version, current);
      const writer = new RecordWriter(manager, this.audit, await recordTime(manager, this.clock), this.actorId());
      writer.rating(section, month, current, { rating: null, riskLabel: null, reason: null });
      await writer.flush();
    });
  }

  /** 404 outside the person's reach; 403 for a service head, who sees only part of the plan. */
  private async readableSection(sectionId: string): Promise<SectionRow> {
    const [section] = (await this.dataSource.query('SELECT id, plan_id AS "planId", title FROM sections WHERE id = $1', [sectionId])) as SectionRow[];
    if (!section) throw new NotFoundException(`No section with id ${sectionId}`);
    await this.access.assertCanReadPlan(section.planId, this.dataSource.manager, `No section with id ${sectionId}`);
    if (!(await this.access.readsWholePlan(section.planId))) {
      throw new ForbiddenException("A priority's narratives and rating are for those who read the whole plan");
    }
    return section;
  }

  private async judgedSection(sectionId: string, month: Month): Promise<SectionRow> {
    const section = await this.readableSection(sectionId);
    if (!(await this.access.judgesPriorities(section.planId))) {
      throw new ForbiddenException("A priority's narratives and rating are written by the chair of the plan's improvement board (and admins)");
    }
    if (compareMonths(month, monthOfDate(this.clock.today())) > 0) throw new FieldValidationException({ month: 'is after the current month' });
    return section;
  }

  private async lockSection(manager: EntityManager, sectionId: string): Promise<void> {
    const [row] = await manager.query('SELECT id FROM sections WHERE id = $1 FOR UPDATE', [sectionId]);
    if (!row) throw new NotFoundException(`No section with id ${sectionId}`);
  }

  private checkVersion(what: 'narratives' | 'rating', month: Month, loaded: number | undefined, current: RecordedNarrative | RecordedRating | undefined): void {
    const now = current?.version ?? 0;
    // Leaving the version out is fine only for the first; after that a change must say what it replaces.
    if ((loaded ?? 0) === now && (loaded !== undefined || now === 0)) return;
    const view = current ? ('dataTellsUs' in current ? narrativeView(current) : ratingView(current)) : null;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `The ${what} for ${formatMonthLong(month)} ${what === 'rating' ? 'was' : 'were'} changed by someone else since you loaded ${what === 'rating' ? 'it' : 'them'} (your version ${loaded ?? 'none'}, current version ${now}). Reload and make your change again.`,
      current: view,
    });
  }

  private actorId(): string | null {
    const who = this.access.who();
    return who.kind === 'person' ? who.actor.id : null;
  }
}
