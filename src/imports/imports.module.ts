import { Module } from '@nestjs/common';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Bringing existing plans in: pasted committee-paper tables, CSV and XLSX, Ofsted report text. */
@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportUploadInterceptor],
})
export class ImportsModule {}
