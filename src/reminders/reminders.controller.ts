import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentActor } from '../accounts/current-actor.decorator';
import { Roles } from '../accounts/roles';
import { IsCalendarDate, IsWorkingDayCountable } from '../common/date-validators';
import { ApiErrors, ApiUuidParam, ErrorAnswer } from '../common/openapi';
import { PaginationQuery } from '../common/pagination';
import type { Actor } from '../common/request-context';
import { uuidParam } from '../common/uuid-param.pipe';
import { Clock } from '../common/clock';
import { CalendarDate } from '../deadlines';
import { NotificationsService } from './notifications.service';
import { ReminderPlanner } from './reminder-planner.service';
import { FailedJobResponse, NotificationPageResponse, RetriedJobResponse, ScanResultResponse, UnheardActivitiesResponse } from './reminders.responses';
import { RemindersService } from './reminders.service';

const QUEUE_UNAVAILABLE: ErrorAnswer = { status: 503, description: 'Reminders are off (no Redis: set REDIS_URL) or Redis is not answering' };
const ADMINS_ONLY: ErrorAnswer = { status: 403, description: 'Only admins run the queue' };

export class UnheardQuery {
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Only this plan' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId?: string;
}

export class RunScanQuery {
  /** The day to run the scan for (Europe/London); today when left out. */
  @ApiPropertyOptional({ type: String, format: 'date', description: 'The day to run the scan for (Europe/London); today when left out' })
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}

@ApiTags('reminders')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly planner: ReminderPlanner,
    private readonly notificationsService: NotificationsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Runs the reminder scan for a day now (as the 07:30 job would) and queues the digests. */
  @Roles('admin')
  @Post('admin/reminders/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the reminder scan for a day now, as the 07:30 job would, and queue the digests (admins)', description: 'Catches up the days a stopped worker missed; never sends a reminder twice.' })
  @ApiOkResponse({ type: ScanResultResponse })
  @ApiErrors(400, ADMINS_ONLY, QUEUE_UNAVAILABLE)
  run(@Query() query: RunScanQuery) {
    return this.reminders.runScan((query.asOf ?? this.clock.today()) as CalendarDate);
  }

  /**
   * Activities nobody hears about: open work with no owner and no contact at
   * its lead agencies (or their parents). Their reminders go to the plan's lead
   * officer, or to nobody when the plan has none; give them an owner.
   */
  @Roles('admin')
  @Get('admin/reminders/unheard')
  @ApiOperation({
    summary: 'Activities nobody hears about: open work with no owner and no contact at its lead agencies (admins)',
    description: 'Their reminders go to the plan’s lead officer, or to nobody when the plan has none.',
  })
  @ApiOkResponse({ type: UnheardActivitiesResponse })
  @ApiErrors(400, { status: 403, description: 'Only admins see this list' })
  async unheard(@Query() query: UnheardQuery) {
    const entries = await this.planner.unheard(query.planId);
    return {
      items: entries.map(({ row, via, people }) => ({
        activityId: row.id,
        activity: row.text,
        planId: row.planId,
        planTitle: row.planTitle,
        sectionTitle: row.sectionTitle,
        recommendationNumber: row.recommendationNumber,
        leadAgencies: row.leadAgencies,
        heardBy: via,
        leadOfficerId: via === 'lead officer' ? people[0] : null,
      })),
    };
  }

  /** Digests that failed every retry, kept for an admin to look at and retry. */
  @Roles('admin')
  @Get('admin/queues/failed')
  @ApiOperation({ summary: 'Digests that failed every retry, kept for an admin to look at and retry (admins)' })
  @ApiOkResponse({ type: [FailedJobResponse] })
  @ApiErrors(ADMINS_ONLY, QUEUE_UNAVAILABLE)
  failed() {
    return this.reminders.failedJobs();
  }

  @Roles('admin')
  @Post('admin/queues/failed/:jobId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Put a failed digest back on the queue (admins)' })
  @ApiAcceptedResponse({ type: RetriedJobResponse })
  @ApiErrors(ADMINS_ONLY, { status: 404, description: 'No failed job with this id' }, QUEUE_UNAVAILABLE)
  async retry(@Param('jobId') jobId: string) {
    await this.reminders.retry(jobId);
    return { retried: jobId };
  }

  /** My reminders, unread first, newest first within each. */
  @Get('me/notifications')
  @ApiOperation({ summary: 'Your reminders as in-app notifications: unread first, newest first within each' })
  @ApiOkResponse({ type: NotificationPageResponse })
  @ApiErrors(400)
  notifications(@CurrentActor() actor: Actor, @Query() query: PaginationQuery) {
    return this.notificationsService.list(actor, query);
  }

  @Post('me/notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiNoContentResponse({ description: 'Marked read' })
  @ApiErrors(400, { status: 404, description: 'You have no notification with this id' })
  @ApiUuidParam('The notification')
  markRead(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.notificationsService.markRead(actor, id);
  }

  @Post('me/notifications/read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiNoContentResponse({ description: 'Marked read' })
  markAllRead(@CurrentActor() actor: Actor) {
    return this.notificationsService.markAllRead(actor);
  }
}
