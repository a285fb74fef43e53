import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditModule } from '../audit/audit.module';
import { ImportUploadInterceptor } from '../imports/import-upload.interceptor';
import { ProgressModule } from '../progress/progress.module';
import { ChartRenderer } from './charts';
import { IndicatorImportService } from './import/indicator-import.service';
import { IndicatorImportsController } from './import/indicator-imports.controller';
import { IndicatorCascades } from './indicator-cascades';
import { IndicatorReturns } from './indicator-returns.service';
import { IndicatorValuesService } from './indicator-values.service';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';
import { PerformanceReportService } from './performance-report.service';
import { PlanIndicatorSettingsController } from './plan-indicator-settings.controller';
import { PrioritiesController } from './priorities.controller';
import { PriorityJudgementsService } from './priority-judgements.service';
import { IndicatorRecord } from './record/indicator-record.reader';

/**
 * Performance indicators (issue 13): indicators of a plan with their monthly
 * values, targets and comparators, each priority's narratives and the chair's
 * rating, kept as versions so any report can be given as the record stood;
 * the import of board-report sheets; the missing returns the reminders chase
 * and the chair's exception report lists; the board's performance report
 * (rendered by the reports module).
 */
@Module({
  imports: [ReachModule, AuditModule, ProgressModule],
  controllers: [IndicatorImportsController, IndicatorsController, PrioritiesController, PlanIndicatorSettingsController],
  providers: [
    IndicatorRecord,
    IndicatorsService,
    IndicatorValuesService,
    PriorityJudgementsService,
    IndicatorImportService,
    IndicatorReturns,
    PerformanceReportService,
    IndicatorCascades,
    ImportUploadInterceptor,
    // One worker thread draws every chart, started on the first and ended with the app.
    { provide: ChartRenderer, useFactory: () => new ChartRenderer({ workers: 1, timeoutMs: 30_000 }) },
  ],
  // ChartRenderer too: the web pages draw an indicator's chart with the same pool of workers.
  exports: [IndicatorsService, IndicatorValuesService, PriorityJudgementsService, IndicatorReturns, PerformanceReportService, IndicatorRecord, ChartRenderer],
})
export class IndicatorsModule {}
