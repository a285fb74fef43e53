import { Module } from '@nestjs/common';
import { AccessPolicy } from '../access-policy.service';

/**
 * Who may see what: imported by every module that reads or writes on a
 * person's behalf. It depends on nothing but the database, so the audit
 * trail, plans and accounts can all use it without depending on each other.
 */
@Module({
  providers: [AccessPolicy],
  exports: [AccessPolicy],
})
export class ReachModule {}
