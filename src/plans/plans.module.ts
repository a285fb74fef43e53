import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditModule } from '../audit/audit.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { DemoPlanLoader } from './demo/demo-plan.loader';
import { DueDateRefresher } from './due-date.refresher';
import { LeadAgenciesController } from './lead-agencies.controller';
import { LeadAgenciesService } from './lead-agencies.service';
import { MilestonesController } from './milestones.controller';
import { PlanReadCache } from './plan-read-cache';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';
import { SectionsController } from './sections.controller';
import { SectionsService } from './sections.service';

/** Plans, their tables, recommendations, activities and lead agencies. */
@Module({
  imports: [ReachModule, AuditModule],
  controllers: [PlansController, SectionsController, RecommendationsController, ActivitiesController, LeadAgenciesController, MilestonesController],
  providers: [PlansService, SectionsService, RecommendationsService, ActivitiesService, LeadAgenciesService, DemoPlanLoader, DueDateRefresher, PlanReadCache],
  exports: [PlansService, SectionsService, RecommendationsService, ActivitiesService, LeadAgenciesService, DemoPlanLoader, DueDateRefresher, PlanReadCache],
})
export class PlansModule {}
