import type { Provider, Type } from '@nestjs/common';
import { DeadlinesModule } from '../../../deadlines/deadlines.module';
import { ImportsModule } from '../../../imports/imports.module';
import { PlansModule } from '../../../plans/plans.module';
import { UploadWithCsrf } from '../../upload';
import { AdminHomeController } from './admin-home.controller';
import { AdminBoardsController } from './boards.controller';
import { AdminClosureDaysController } from './closure-days.controller';
import { ImportDrafts } from './import-drafts.service';
import { AdminImportsController } from './imports.controller';
import { AdminIndicatorsController } from './indicators.controller';
import { AdminLeadAgenciesController } from './lead-agencies.controller';
import { AdminPeopleController } from './people.controller';
import { AdminPlanTreeController } from './plan-tree.controller';
import { AdminPlansController } from './plans.controller';
import { AdminRemindersController } from './reminders.controller';

/** The administration pages (admins only), listed once for WebModule: their controllers, the modules whose services they ask, their own providers. */
export const ADMIN_PAGE_CONTROLLERS: Type[] = [AdminHomeController, AdminClosureDaysController, AdminLeadAgenciesController, AdminPeopleController, AdminPlansController, AdminPlanTreeController, AdminImportsController, AdminRemindersController, AdminIndicatorsController, AdminBoardsController];

export const ADMIN_PAGE_IMPORTS: Type[] = [PlansModule, DeadlinesModule, ImportsModule];

export const ADMIN_PAGE_PROVIDERS: Provider[] = [ImportDrafts, UploadWithCsrf];
