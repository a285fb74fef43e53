import { Module } from '@nestjs/common';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';
import { RagAssessor } from './rag-assessor.service';

/** Progress updates, verification, RAG ratings and the chair's overrides. */
@Module({
  controllers: [ProgressController],
  providers: [ProgressService, RagAssessor],
  exports: [RagAssessor],
})
export class ProgressModule {}
