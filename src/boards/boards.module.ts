import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { BoardMeetingsSource } from './calendar/board-meetings.source';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ReportsModule } from '../reports/reports.module';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import { ActionImportsController, MonitoringImportsController } from './import/board-imports.controller';
import { MonitoringImportsService } from './import/monitoring-imports.service';
import { ActionImportsService } from './import/action-imports.service';
import { MeetingPapersController } from './meeting-papers.controller';
import { PacksController } from './packs.controller';
import { PacksService } from './packs.service';
import { ScrutinyController } from './scrutiny.controller';
import { ScrutinyService } from './scrutiny.service';
import { BoardsController, MeetingsController } from './boards.controller';
import { BoardsService } from './boards.service';

/**
 * Boards and their meetings (issue 14): the improvement board, the scrutiny
 * panel, the partnership's executive; their meetings; each meeting's pack,
 * issued and frozen; the actions agreed in the room; the scrutiny panel's
 * monitoring list. Board seats feed the reach model (src/accounts/reach).
 */
@Module({
  imports: [ReachModule, AuditModule, ReportsModule, IndicatorsModule, CalendarModule],
  controllers: [BoardsController, MeetingsController, PacksController, ActionsController, MeetingPapersController, ActionImportsController, ScrutinyController, MonitoringImportsController],
  providers: [BoardsService, PacksService, ActionsService, ActionImportsService, ScrutinyService, MonitoringImportsService, BoardMeetingsSource],
})
export class BoardsModule {}
