import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditModule } from '../audit/audit.module';
import { ProgressModule } from '../progress/progress.module';
import { ActivityDeadlinesSource } from './activity-deadlines.source';
import { CalendarFeeds } from './calendar-feeds.service';
import { CalendarFeedSources } from './calendar-sources';
import { CalendarFeedsController } from './calendar.controller';

/**
 * Private calendar feeds (iCalendar) of deadlines: the API to turn them on
 * and off here; the feed's own address and the account page's forms are
 * page controllers in WebModule (outside /api). Other modules add events
 * through CalendarFeedSources (board meetings and actions: src/boards/calendar).
 */
@Module({
  imports: [ReachModule, AuditModule, ProgressModule],
  controllers: [CalendarFeedsController],
  providers: [CalendarFeeds, CalendarFeedSources, ActivityDeadlinesSource],
  exports: [CalendarFeeds, CalendarFeedSources],
})
export class CalendarModule {}
