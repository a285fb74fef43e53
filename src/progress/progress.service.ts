import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { auditEventView } from '../audit/audit-views';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { acting } from '../common/request-context';
import { FieldValidationException } from '../common/validation';
import { CalendarDate } from '../deadlines';
import { ActivitiesService } from '../plans/activities.service';
import { Activity } from '../plans/entities/activity.entity';
import { CreateProgressUpdateDto, RagOverrideDto, VerifyActivityDto } from './progress.dto';
import { reportProblems } from './report-rules';
import { ProgressUpdate } from './progress-update.entity';
import { RagAssessor } from './rag-assessor.service';
import { RagOverrideRecord } from './rag-override.entity';

export function progressUpdateView(update: ProgressUpdate) {
  return {
    id: update.id,
    activityId: update.activityId,
    status: update.status,
    percentComplete: update.percentComplete,
    note: update.note,
    evidenceLinks: update.evidenceLinks,
    author: update.author ? { id: update.author.id, name: update.author.name } : null,
    createdAt: update.createdAt,
  };
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly rag: RagAssessor,
    private readonly activities: ActivitiesService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Service heads report on what they lead; the activity shows the latest
   * report. A report may change the status, or only add a note, a percentage
   * or evidence. The answer is the activity as GET shows it.
   */
  async addUpdate(activityId: string, dto: CreateProgressUpdateDto) {
    return this.dataSource.transaction(async (manager) => {
      await this.assertMayUpdate(activityId, manager);
      const activity = await this.activities.lockForStanding(manager, activityId, dto.version);
      const status = dto.status ?? activity.status;
      const problems = reportProblems(dto, activity.status);
      if (Object.keys(problems).length) throw new FieldValidationException(problems);
      const stamp = this.clock.stamp();
      const percentComplete = dto.percentComplete ?? (status === 'complete' ? 100 : null);
      const update = await manager.save(
        manager.create(ProgressUpdate, {
          activityId,
          authorId: this.actorId(),
          status,
          percentComplete,
          note: dto.note?.trim() || null,
          evidenceLinks: dto.evidenceLinks ?? [],
          ...(stamp ? { createdAt: stamp } : {}),
        }),
      );
      const reopened = status !== 'complete' && activity.verifiedAt !== null;
      await this.activities.recordStanding(
        manager,
        activity,
        {
          status,
          percentComplete: percentComplete ?? (status === 'not_started' ? 0 : activity.percentComplete),
          lastReportedAt: update.createdAt,
          // Reopened work is no longer done-and-evidenced.
          ...(reopened ? { verifiedAt: null, verifiedById: null, verificationNote: null } : {}),
        },
        stamp,
      );
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'progress_update',
        entityId: update.id,
        planId: activity.planId,
        after: { activityId, status: update.status, percentComplete: update.percentComplete, note: update.note, evidenceLinks: update.evidenceLinks },
      });
      const saved = await manager.findOneOrFail(ProgressUpdate, { where: { id: update.id }, relations: { author: true } });
      return { update: progressUpdateView(saved), activity: await this.activities.get(activityId, manager) };
    });
  }

  async listUpdates(activityId: string) {
    await this.access.assertCanReadActivity(activityId);
    const updates = await this.dataSource.manager.find(ProgressUpdate, {
      where: { activityId },
      relations: { author: true },
      // In the order they were applied, newest first.
      order: { seq: 'DESC' },
    });
    return updates.map(progressUpdateView);
  }

  /** Only the chair (or an admin) marks complete work verified, having seen the evidence. */
  async verify(activityId: string, dto: VerifyActivityDto) {
    return this.dataSource.transaction(async (manager) => {
      await this.assertChairOf(activityId, manager, 'verify activities');
      const activity = await this.activities.lockForStanding(manager, activityId, dto.version);
      if (activity.status !== 'complete') {
        throw new ConflictException(`Only a complete activity can be verified; this one is ${activity.status.replace('_', ' ')}`);
      }
      const stamp = this.clock.stamp();
      const after = await this.activities.recordStanding(
        manager,
        activity,
        { verifiedAt: stamp ?? new Date(), verifiedById: this.actorId(), verificationNote: dto.note.trim() },
        stamp,
      );
      return { ...after, verification: after.verification };
    });
  }

  /**
   * The chair's judgement over the computed rating. It takes the activity's
   * version like any change to it, so a second chair cannot silently replace
   * the first's override; the one it replaces is withdrawn on the record.
   */
  async setOverride(activityId: string, dto: RagOverrideDto) {
    if (dto.expiresOn < this.clock.today()) {
      throw new FieldValidationException({ expiresOn: 'must be today or later: an override that has already ended would change nothing' });
    }
    return this.dataSource.transaction(async (manager) => {
      const planId = await this.assertChairOf(activityId, manager, 'override a rating');
      const activity = await this.activities.lockForStanding(manager, activityId, dto.version);
      const stamp = this.clock.stamp();
      await this.withdrawOverride(manager, activityId, planId, stamp);
      const record = await manager.save(
        manager.create(RagOverrideRecord, {
          activityId,
          rating: dto.rating,
          reason: dto.reason.trim(),
          expiresOn: dto.expiresOn,
          setById: this.actorId(),
          clearedAt: null,
          ...(stamp ? { createdAt: stamp } : {}),
        }),
      );
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'rag_override',
        entityId: record.id,
        planId,
        after: { activityId, rating: record.rating, reason: record.reason, expiresOn: record.expiresOn },
      });
      const after = await this.activities.recordStanding(manager, activity, {}, null);
      return { id: record.id, activityId, rating: record.rating, reason: record.reason, expiresOn: record.expiresOn, version: after.version };
    });
  }

  async clearOverride(activityId: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const planId = await this.assertChairOf(activityId, manager, 'override a rating');
      const activity = await this.activities.lockForStanding(manager, activityId, version);
      if (!(await this.withdrawOverride(manager, activityId, planId, this.clock.stamp()))) {
        throw new NotFoundException('This activity has no rating override');
      }
      await this.activities.recordStanding(manager, activity, {}, null);
    });
  }

  /** Ends the override in force, if any, on the record; false when there was none. */
  private async withdrawOverride(manager: EntityManager, activityId: string, planId: string, stamp: Date | null): Promise<boolean> {
    const current = await manager.findOne(RagOverrideRecord, { where: { activityId, clearedAt: IsNull() } });
    if (!current) return false;
    await manager.update(RagOverrideRecord, { id: current.id }, { clearedAt: stamp ?? (() => 'now()') });
    await this.audit.record(manager, {
      action: 'delete',
      entityType: 'rag_override',
      entityId: current.id,
      planId,
      before: { activityId, rating: current.rating, reason: current.reason, expiresOn: current.expiresOn },
    });
    return true;
  }

  async rating(activityId: string, asOf: string | undefined) {
    await this.access.assertCanReadActivity(activityId);
    const day = (asOf ?? this.clock.today()) as CalendarDate;
    const assessment = (await this.rag.assess([activityId], day)).get(activityId);
    if (!assessment) throw new NotFoundException(`No activity with id ${activityId}`);
    return { activityId, asOf: day, ...assessment };
  }

  /** The activity's story: its own changes, its progress reports, verification and overrides, oldest first. */
  async history(activityId: string, limit: number) {
    await this.access.assertCanReadActivity(activityId);
    const events = await this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('event')
      .where(`(event.entityType = 'activity' AND event.entityId = :activityId)`, { activityId })
      .orWhere(`(event.entityType IN ('progress_update', 'rag_override') AND event.after ->> 'activityId' = :activityId)`, { activityId })
      .orWhere(`(event.entityType = 'rag_override' AND event.before ->> 'activityId' = :activityId)`, { activityId })
      .orderBy('event.occurredAt', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .take(limit)
      .getMany();
    // The newest `limit` events, told oldest first.
    return events.reverse().map(auditEventView);
  }

  private async assertMayUpdate(activityId: string, manager: EntityManager): Promise<void> {
    await this.access.assertCanReadActivity(activityId, manager);
    if (!(await this.access.canUpdateActivity(activityId, manager))) {
      throw new ForbiddenException('Only the service heads who lead this activity (or an admin) can report progress on it');
    }
  }

  private async assertChairOf(activityId: string, manager: EntityManager, what: string): Promise<string> {
    await this.access.assertCanReadActivity(activityId, manager);
    const planId = await this.planIdOf(manager, activityId);
    if (!(await this.access.chairs(planId, manager))) {
      throw new ForbiddenException(`Only the chair of this plan’s improvement board (or an admin) can ${what}`);
    }
    return planId;
  }

  private actorId(): string | null {
    const who = acting();
    return who.kind === 'person' ? who.actor.id : null;
  }

  private async planIdOf(manager: EntityManager, activityId: string): Promise<string> {
    const activity = await manager.findOne(Activity, { select: { id: true, planId: true }, where: { id: activityId } });
    if (!activity) throw new NotFoundException(`No activity with id ${activityId}`);
    return activity.planId;
  }
}
