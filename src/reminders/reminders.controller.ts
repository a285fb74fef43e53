import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CurrentActor } from '../accounts/current-actor.decorator';
import { Roles } from '../accounts/roles';
import { IsCalendarDate, IsWorkingDayCountable } from '../common/date-validators';
import { PaginationQuery } from '../common/pagination';
import type { Actor } from '../common/request-context';
import { uuidParam } from '../common/uuid-param.pipe';
import { CalendarDate, todayInLondon } from '../deadlines';
import { NotificationsService } from './notifications.service';
import { RemindersService } from './reminders.service';

export class RunScanQuery {
  /** The day to run the scan for (Europe/London); today when left out. */
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}

@ApiTags('reminders')
@ApiBearerAuth()
@Controller()
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly notificationsService: NotificationsService,
  ) {}

  /** Runs the reminder scan for a day now (as the 07:30 job would) and queues the digests. */
  @Roles('admin')
  @Post('admin/reminders/run')
  @HttpCode(200)
  run(@Query() query: RunScanQuery) {
    return this.reminders.runScan((query.asOf ?? todayInLondon()) as CalendarDate);
  }

  /** Digests that failed every retry, kept for an admin to look at and retry. */
  @Roles('admin')
  @Get('admin/queues/failed')
  failed() {
    return this.reminders.failedJobs();
  }

  @Roles('admin')
  @Post('admin/queues/failed/:jobId/retry')
  @HttpCode(202)
  async retry(@Param('jobId') jobId: string) {
    await this.reminders.retry(jobId);
    return { retried: jobId };
  }

  /** My reminders, unread first, newest first within each. */
  @Get('me/notifications')
  notifications(@CurrentActor() actor: Actor, @Query() query: PaginationQuery) {
    return this.notificationsService.list(actor, query);
  }

  @Post('me/notifications/:id/read')
  @HttpCode(204)
  markRead(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.notificationsService.markRead(actor, id);
  }

  @Post('me/notifications/read-all')
  @HttpCode(204)
  markAllRead(@CurrentActor() actor: Actor) {
    return this.notificationsService.markAllRead(actor);
  }
}
