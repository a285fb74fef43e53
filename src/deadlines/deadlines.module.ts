import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClosureDaysController } from './closure-days.controller';
import { ClosureDaysService } from './closure-days.service';

/** Working days, bank holidays and council closure days. */
@Module({
  imports: [AuditModule],
  controllers: [ClosureDaysController],
  providers: [ClosureDaysService],
  exports: [ClosureDaysService],
})
export class DeadlinesModule {}
