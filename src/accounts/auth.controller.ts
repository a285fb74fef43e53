import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../common/request-context';
import { uuidParam } from '../common/uuid-param.pipe';
import { apiTokenLastDay } from './api-token-expiry';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { ChangePasswordDto, CreateApiTokenDto, PasswordResetConfirmDto, PasswordResetRequestDto, RefreshDto, SignInDto } from './dto/auth.dto';
import { Public } from './roles';

@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Email and password for a short-lived access token and a refresh token. */
  @Public()
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() dto: SignInDto, @Req() request: Request) {
    return this.auth.signIn(dto.email, dto.password, {
      ipAddress: request.ip ?? 'unknown',
      userAgent: request.headers['user-agent'] ?? null,
    });
  }

  /** Swaps a refresh token (once) for a new pair. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends this session: its access and refresh tokens stop working at once. */
  @ApiBearerAuth()
  @Post('sign-out')
  @HttpCode(204)
  signOut(@CurrentActor() actor: Actor) {
    return this.auth.signOut(actor);
  }

  /** Emails a one-time reset link if the address has an account; answers the same either way. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  async requestReset(@Body() dto: PasswordResetRequestDto) {
    await this.auth.requestPasswordReset(dto.email);
    return { message: 'If that address has an account, a reset link is on its way.' };
  }

  /** Sets the new password; says which other sign-ins and API tokens it ended. */
  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  confirmReset(@Body() dto: PasswordResetConfirmDto) {
    return this.auth.confirmPasswordReset(dto.token, dto.password);
  }
}

/**
 * A script's API token must not mint more tokens or change the password: a
 * leaked token would otherwise outlive its own revocation.
 */
function signedInInPerson(actor: Actor): void {
  if (!actor.sessionId) throw new ForbiddenException('Sign in with your password to manage API tokens or change your password');
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  /** Keeps this sign-in; ends the others and revokes every personal API token, and says so. */
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    signedInInPerson(actor);
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get('api-tokens')
  async listTokens(@CurrentActor() actor: Actor) {
    const tokens = await this.auth.listApiTokens(actor);
    return tokens.map((token) => ({
      id: token.id,
      name: token.name,
      tokenPrefix: token.tokenPrefix,
      createdAt: token.createdAt,
      scope: token.scope,
      expiresOn: apiTokenLastDay(token.expiresAt),
      expiresAt: token.expiresAt,
      lastUsedAt: token.lastUsedAt,
      revokedAt: token.revokedAt,
    }));
  }

  /** The token is in this answer only; keep it somewhere safe. */
  @Post('api-tokens')
  createToken(@CurrentActor() actor: Actor, @Body() dto: CreateApiTokenDto) {
    signedInInPerson(actor);
    return this.auth.createApiToken(actor, dto);
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  revokeToken(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    signedInInPerson(actor);
    return this.auth.revokeApiToken(actor, id);
  }
}
