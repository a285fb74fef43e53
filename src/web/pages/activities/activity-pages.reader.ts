import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../../accounts/access-policy.service';
import { Clock } from '../../../common/clock';
import { CalendarDate, WorkingDayCalendar } from '../../../deadlines';
import { loadWorkingDayCalendar } from '../../../deadlines/working-day-calendar.loader';
import { ActivitiesService } from '../../../plans/activities.service';
import { RecommendationsService } from '../../../plans/recommendations.service';
import type { ActivityView } from '../../../plans/views';
import { ActivityRow, ActivityRows } from '../../../progress/activity-rows.service';
import { ProgressService } from '../../../progress/progress.service';
import { assessRow } from '../../../progress/rag-assessor.service';
import type { ActivityPageInput } from './activity.view-model';
import type { RatedRow } from './your-activities.view-model';

/**
 * Gathers what the activity pages show from the services the API uses, which
 * apply the person's reach: anything outside it, missing, or not in the plan
 * the address names is the same 404. It decides nothing itself.
 */
@Injectable()
export class ActivityPagesReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly rows: ActivityRows,
    private readonly activities: ActivitiesService,
    private readonly recommendations: RecommendationsService,
    private readonly progress: ProgressService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  today(): CalendarDate {
    return this.clock.today();
  }

  /** The time a form is opened: the app's clock, as progress reports are stamped by it. */
  now(): Date {
    return this.clock.now();
  }

  /** The activity as GET /api/activities/:id shows it and its row as of today, if it is in this plan and within reach. */
  async activityInPlan(planId: string, activityId: string): Promise<{ activity: ActivityView; row: ActivityRow }> {
    const activity = await this.activities.get(activityId);
    const [row] = await this.rows.read({ asOf: this.today(), activityIds: [activityId] });
    if (!row || row.planId !== planId) throw new NotFoundException(`No activity with id ${activityId} in plan ${planId}`);
    return { activity, row };
  }

  /** Everything the activity page shows, as of today. */
  async page(planId: string, activityId: string): Promise<ActivityPageInput> {
    const { activity, row } = await this.activityInPlan(planId, activityId);
    const asOf = this.today();
    const recommendation = await this.recommendations.get(row.recommendationId);
    const calendar = await loadWorkingDayCalendar(this.dataSource.manager);
    const history = await this.progress.history(activityId, 200);
    return {
      planId,
      activity,
      row,
      recommendation: { number: recommendation.number, text: recommendation.text, band: recommendation.band, dueDate: recommendation.dueDate },
      assessment: assessRow(row, asOf, calendar),
      asOf,
      history,
      may: { update: await this.access.canUpdateActivity(activityId), chair: await this.access.chairs(planId) },
    };
  }

  /** The same refusal as ProgressService.addUpdate, before showing its form. */
  async assertMayUpdate(activityId: string): Promise<void> {
    if (!(await this.access.canUpdateActivity(activityId))) {
      throw new ForbiddenException('Only the service heads who lead this activity (or an admin) can report progress on it');
    }
  }

  /** The same refusal as ProgressService.verify and setOverride, before showing their forms. */
  async assertChairOf(planId: string, what: string): Promise<void> {
    if (!(await this.access.chairs(planId))) {
      throw new ForbiddenException(`Only the chair of this plan’s improvement board (or an admin) can ${what}`);
    }
  }

  /** Progress reports on the activity made since `since` (when the form was opened), newest first: who changed it meanwhile. */
  async updatesSince(activityId: string, since: Date | null) {
    const updates = await this.progress.listUpdates(activityId);
    return since ? updates.filter((update) => update.createdAt >= since) : updates.slice(0, 1);
  }

  /** Every activity within the person's reach, rated as of the date ("Your activities"), with the calendar that rated them. */
  async rated(asOf: CalendarDate): Promise<{ rated: RatedRow[]; calendar: WorkingDayCalendar }> {
    const [rows, calendar] = await Promise.all([this.rows.read({ asOf }), loadWorkingDayCalendar(this.dataSource.manager)]);
    return { rated: rows.map((row) => ({ row, assessment: assessRow(row, asOf, calendar) })), calendar };
  }
}
