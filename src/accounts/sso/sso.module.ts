import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AccountsModule } from '../accounts.module';
import { SsoService } from './sso.service';

/**
 * Single sign-on with the council's identity providers (OpenID Connect).
 * Its pages (the "Sign in with …" button, the provider's answer, sign-out at
 * the provider) are in src/web/pages/sso.controller.ts.
 */
@Module({
  imports: [AccountsModule, AuditModule],
  providers: [SsoService],
  exports: [SsoService],
})
export class SsoModule {}
