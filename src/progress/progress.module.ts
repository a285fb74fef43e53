import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { ActivityRows } from './activity-rows.service';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';
import { RagAssessor } from './rag-assessor.service';

/** Progress updates, verification, RAG ratings, the chair's overrides, and the activity rows as of any date. */
@Module({
  imports: [PlansModule, ReachModule, AuditModule],
  controllers: [ProgressController],
  providers: [ProgressService, RagAssessor, ActivityRows],
  exports: [RagAssessor, ActivityRows, ProgressService],
})
export class ProgressModule {}
