import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessPolicy } from './access-policy.service';
import { AccountSeeding } from './account-seeding.service';
import { AuthController, MeController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MeProfileController, UsersController } from './users.controller';
import { UsersService } from './users.service';

/** People, roles, sign-in, tokens and who may see what. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.authSecret }),
    }),
  ],
  controllers: [AuthController, MeController, MeProfileController, UsersController],
  providers: [AuthService, UsersService, AccessPolicy, AccountSeeding, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, AccessPolicy, AccountSeeding],
})
export class AccountsModule {}

