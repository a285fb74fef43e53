import { Module } from '@nestjs/common';
import { ReachModule } from '../accounts/reach/reach.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The record of every change: written by every module, read by admins and chairs. */
@Module({
  imports: [ReachModule],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
