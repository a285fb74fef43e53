import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'crypto';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailModule } from '../mail/mail.module';
import { AccountSeeding } from './account-seeding.service';
import { AuthController, MeController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ReachModule } from './reach/reach.module';
import { MeProfileController, UsersController } from './users.controller';
import { UsersService } from './users.service';

/** People, roles, sign-in and tokens. */
@Module({
  imports: [
    AuditModule,
    MailModule,
    ReachModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A key object made once: given the string, jsonwebtoken would try to parse
      // it as a public key and then make a secret key from it on every request.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.authSecret, 'utf8')) }),
    }),
  ],
  controllers: [AuthController, MeController, MeProfileController, UsersController],
  providers: [AuthService, UsersService, AccountSeeding, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, AccountSeeding],
})
export class AccountsModule {}

