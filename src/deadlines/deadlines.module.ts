import { Module } from '@nestjs/common';
import { ClosureDaysController } from './closure-days.controller';
import { ClosureDaysService } from './closure-days.service';

/** Working days, bank holidays and council closure days. */
@Module({
  controllers: [ClosureDaysController],
  providers: [ClosureDaysService],
})
export class DeadlinesModule {}
