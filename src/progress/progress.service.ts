import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { auditEventView } from '../audit/audit-views';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { lockForChange } from '../common/optimistic-lock';
import { acting } from '../common/request-context';
import { FieldValidationException } from '../common/validation';
import { CalendarDate, todayInLondon } from '../deadlines';
import { Activity } from '../plans/entities/activity.entity';
import { activityView } from '../plans/views';
import { CreateProgressUpdateDto, RagOverrideDto, STATUSES_NEEDING_A_NOTE, VerifyActivityDto } from './progress.dto';
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

/** The activity as the audit trail keeps it: no outcome-measure detail, just its own fields. */
const auditedActivity = (activity: Activity) => activityView(activity, undefined);

@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly rag: RagAssessor,
  ) {}

  /** Service heads report on what they lead; the activity shows the latest report. */
  async addUpdate(activityId: string, dto: CreateProgressUpdateDto) {
    if (STATUSES_NEEDING_A_NOTE.includes(dto.status) && !dto.note?.trim()) {
      throw new FieldValidationException({ note: `is required when the status is ${dto.status.replace('_', ' ')}` });
    }
    return this.dataSource.transaction(async (manager) => {
      await this.assertMayUpdate(activityId, manager);
      const activity =
        dto.version !== undefined
          ? await lockForChange(manager, Activity, activityId, dto.version, 'activity', auditedActivity)
          : await this.lock(manager, activityId);
      const before = auditedActivity(activity);
      const who = acting();
      const percent = dto.percentComplete ?? (dto.status === 'complete' ? 100 : dto.status === 'not_started' ? 0 : activity.percentComplete);
      const update = await manager.save(
        manager.create(ProgressUpdate, {
          activityId,
          authorId: who.kind === 'person' ? who.actor.id : null,
          status: dto.status,
          percentComplete: dto.percentComplete ?? (dto.status === 'complete' ? 100 : null),
          note: dto.note?.trim() || null,
          evidenceLinks: dto.evidenceLinks ?? [],
        }),
      );
      const now = new Date();
      activity.status = dto.status;
      activity.percentComplete = percent;
      activity.lastReportedAt = now;
      if (dto.status !== 'complete' && activity.verifiedAt) {
        // Reopened work is no longer done-and-evidenced.
        activity.verifiedAt = null;
        activity.verifiedById = null;
        activity.verificationNote = null;
      }
      activity.version += 1;
      await manager.save(activity);
      const planId = await this.planIdOf(manager, activityId);
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'progress_update',
        entityId: update.id,
        planId,
        after: { activityId, status: update.status, percentComplete: update.percentComplete, note: update.note, evidenceLinks: update.evidenceLinks },
      });
      await this.audit.record(manager, { action: 'update', entityType: 'activity', entityId: activityId, planId, before, after: auditedActivity(activity) });
      const saved = await manager.findOneOrFail(ProgressUpdate, { where: { id: update.id }, relations: { author: true } });
      return { update: progressUpdateView(saved), activity: auditedActivity(activity) };
    });
  }

  async listUpdates(activityId: string) {
    await this.access.assertCanReadActivity(activityId);
    const updates = await this.dataSource.manager.find(ProgressUpdate, {
      where: { activityId },
      relations: { author: true },
      order: { createdAt: 'DESC' },
    });
    return updates.map(progressUpdateView);
  }

  /** Only the chair (or an admin) marks complete work verified, having seen the evidence. */
  async verify(activityId: string, dto: VerifyActivityDto) {
    return this.dataSource.transaction(async (manager) => {
      await this.access.assertCanReadActivity(activityId, manager);
      const planId = await this.planIdOf(manager, activityId);
      if (!(await this.access.chairs(planId, manager))) {
        throw new ForbiddenException('Only the chair of this plan’s improvement board (or an admin) can verify activities');
      }
      const activity =
        dto.version !== undefined
          ? await lockForChange(manager, Activity, activityId, dto.version, 'activity', auditedActivity)
          : await this.lock(manager, activityId);
      if (activity.status !== 'complete') {
        throw new ConflictException(`Only a complete activity can be verified; this one is ${activity.status.replace('_', ' ')}`);
      }
      const before = auditedActivity(activity);
      const who = acting();
      activity.verifiedAt = new Date();
      activity.verifiedById = who.kind === 'person' ? who.actor.id : null;
      activity.verificationNote = dto.note.trim();
      activity.version += 1;
      await manager.save(activity);
      const after = auditedActivity(activity);
      await this.audit.record(manager, { action: 'update', entityType: 'activity', entityId: activityId, planId, before, after });
      return { ...after, verification: { verifiedAt: activity.verifiedAt, verifiedById: activity.verifiedById, note: activity.verificationNote } };
    });
  }

  async setOverride(activityId: string, dto: RagOverrideDto) {
    return this.dataSource.transaction(async (manager) => {
      const planId = await this.assertChairOf(activityId, manager);
      await this.lock(manager, activityId);
      const who = acting();
      await manager.update(RagOverrideRecord, { activityId, clearedAt: IsNull() }, { clearedAt: new Date() });
      const record = await manager.save(
        manager.create(RagOverrideRecord, {
          activityId,
          rating: dto.rating,
          reason: dto.reason.trim(),
          expiresOn: dto.expiresOn,
          setById: who.kind === 'person' ? who.actor.id : null,
          clearedAt: null,
        }),
      );
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'rag_override',
        entityId: record.id,
        planId,
        after: { activityId, rating: record.rating, reason: record.reason, expiresOn: record.expiresOn },
      });
      return { id: record.id, activityId, rating: record.rating, reason: record.reason, expiresOn: record.expiresOn };
    });
  }

  async clearOverride(activityId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const planId = await this.assertChairOf(activityId, manager);
      const current = await manager.findOne(RagOverrideRecord, { where: { activityId, clearedAt: IsNull() } });
      if (!current) throw new NotFoundException('This activity has no rating override');
      await manager.update(RagOverrideRecord, { id: current.id }, { clearedAt: new Date() });
      await this.audit.record(manager, {
        action: 'delete',
        entityType: 'rag_override',
        entityId: current.id,
        planId,
        before: { activityId, rating: current.rating, reason: current.reason, expiresOn: current.expiresOn },
      });
    });
  }

  async rating(activityId: string, asOf: string | undefined) {
    await this.access.assertCanReadActivity(activityId);
    const day = (asOf ?? todayInLondon()) as CalendarDate;
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

  private async assertChairOf(activityId: string, manager: EntityManager): Promise<string> {
    await this.access.assertCanReadActivity(activityId, manager);
    const planId = await this.planIdOf(manager, activityId);
    if (!(await this.access.chairs(planId, manager))) {
      throw new ForbiddenException('Only the chair of this plan’s improvement board (or an admin) can override a rating');
    }
    return planId;
  }

  private async lock(manager: EntityManager, activityId: string): Promise<Activity> {
    const activity = await manager.findOne(Activity, { where: { id: activityId }, lock: { mode: 'pessimistic_write' } });
    if (!activity) throw new NotFoundException(`No activity with id ${activityId}`);
    return activity;
  }

  private async planIdOf(manager: EntityManager, activityId: string): Promise<string> {
    const [row] = await manager.query(
      `SELECT s.plan_id FROM activities a JOIN recommendations r ON r.id = a.recommendation_id JOIN sections s ON s.id = r.section_id WHERE a.id = $1`,
      [activityId],
    );
    if (!row) throw new NotFoundException(`No activity with id ${activityId}`);
    return row.plan_id;
  }
}
