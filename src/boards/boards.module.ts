import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditModule } from '../audit/audit.module';
import { BoardsController, MeetingsController } from './boards.controller';
import { BoardsService } from './boards.service';

/**
 * Boards and their meetings (issue 14): the improvement board, the scrutiny
 * panel, the partnership's executive; their meetings; each meeting's pack,
 * issued and frozen; the actions agreed in the room; the scrutiny panel's
 * monitoring list. Board seats feed the reach model (src/accounts/reach).
 */
@Module({
  imports: [ReachModule, AuditModule],
  controllers: [BoardsController, MeetingsController],
  providers: [BoardsService],
})
export class BoardsModule {}
