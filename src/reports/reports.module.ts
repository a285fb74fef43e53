import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { PlansModule } from '../plans/plans.module';
import { ProgressModule } from '../progress/progress.module';
import { DocxRenderer } from './docx-renderer';
import { HtmlRenderer } from './html-renderer';
import { PdfRenderer } from './pdf-renderer';
import { ReportOutput } from './report-output';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Committee-paper appendices and board reports: Handlebars HTML, PDF through Chromium, Word through docx. */
@Module({
  imports: [PlansModule, ProgressModule, ReachModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportOutput, HtmlRenderer, PdfRenderer, DocxRenderer],
  exports: [PdfRenderer, ReportsService, ReportOutput],
})
export class ReportsModule {}
