import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { ProgressModule } from '../progress/progress.module';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** The chair's review: overdue, at risk, and each plan's standing. */
@Module({
  imports: [ProgressModule, ReachModule],
  controllers: [ReviewsController],
  providers: [ReviewsService],
  exports: [ReviewsService],
})
export class ReviewsModule {}
