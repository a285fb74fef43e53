import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Bringing existing plans in: pasted committee-paper tables, CSV and XLSX, Ofsted report text. */
@Module({
  imports: [PlansModule, ReachModule, AuditModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportUploadInterceptor],
  exports: [ImportsService],
})
export class ImportsModule {}
