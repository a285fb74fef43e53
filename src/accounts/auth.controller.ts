import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import type { Actor } from '../common/request-context';
import { uuidParam } from '../common/uuid-param.pipe';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { ApiTokenResponse, CreatedApiTokenResponse, MessageResponse, PasswordChangedResponse, TokenPairResponse } from './dto/account.responses';
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
  @ApiOperation({ summary: 'Sign in with email and password', description: 'Answers a 15-minute access token and a 14-day refresh token that works once.' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiErrors(400, { status: 401, description: 'The email or password is not right' }, { status: 403, description: 'Password sign-in is switched off here (PASSWORD_SIGN_IN=off): sign in through single sign-on' }, { status: 429, description: 'Five failed sign-ins for the account, or twenty from the address, within 15 minutes' })
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
  @ApiOperation({ summary: 'Swap a refresh token (once) for a new pair' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiErrors(400, { status: 401, description: 'The refresh token has been used, has expired, or its sign-in has ended' })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends this session: its access and refresh tokens stop working at once. */
  @ApiBearerAuth()
  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: "Sign out: this session's access and refresh tokens stop working at once" })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(401)
  signOut(@CurrentActor() actor: Actor) {
    return this.auth.signOut(actor);
  }

  /** Emails a one-time reset link if the address has an account; answers the same either way. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a one-time password reset link (valid for an hour) if the address has an account', description: 'Answers the same either way, so addresses cannot be probed.' })
  @ApiAcceptedResponse({ type: MessageResponse })
  @ApiErrors(400, { status: 403, description: 'Password sign-in is switched off here' })
  async requestReset(@Body() dto: PasswordResetRequestDto) {
    await this.auth.requestPasswordReset(dto.email);
    return { message: 'If that address has an account, a reset link is on its way.' };
  }

  /** Sets the new password; says which other sign-ins and API tokens it ended. */
  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a new password with a reset link's token", description: 'Every session of the account ends and every personal API token is revoked; the answer says how many.' })
  @ApiOkResponse({ type: PasswordChangedResponse })
  @ApiErrors(400, { status: 403, description: 'Password sign-in is switched off here' })
  confirmReset(@Body() dto: PasswordResetConfirmDto) {
    return this.auth.confirmPasswordReset(dto.token, dto.password);
  }
}

/**
 * A script's API token must not mint more tokens or change the password: a
 * leaked token would otherwise outlive its own revocation.
 */
function signedInInPerson(actor: Actor): void {
  if (!actor.sessionId) throw new ForbiddenException('Sign in (with your password or through single sign-on), not with an API token, to manage API tokens or change your password');
}

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  /** Keeps this sign-in; ends the others and revokes every personal API token, and says so. */
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your password', description: 'Your other sessions end and every personal API token is revoked; the answer says how many. Needs a signed-in session, not an API token.' })
  @ApiOkResponse({ type: PasswordChangedResponse })
  @ApiErrors(400, { status: 403, description: 'Signed in with an API token (sign in to change it), or password sign-in is switched off here' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    signedInInPerson(actor);
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get('api-tokens')
  @ApiOperation({ summary: 'Your personal API tokens, newest first (never the tokens themselves)' })
  @ApiOkResponse({ type: [ApiTokenResponse] })
  listTokens(@CurrentActor() actor: Actor) {
    return this.auth.listApiTokens(actor);
  }

  /** The token is in this answer only; keep it somewhere safe. */
  @Post('api-tokens')
  @ApiOperation({ summary: 'Create a personal API token for a script', description: 'The token is in this answer only: it is stored as a hash. Needs a signed-in session (password or single sign-on), not an API token.' })
  @ApiCreatedResponse({ type: CreatedApiTokenResponse })
  @ApiErrors(400, { status: 403, description: 'Signed in with an API token: a token cannot mint tokens' })
  createToken(@CurrentActor() actor: Actor, @Body() dto: CreateApiTokenDto) {
    signedInInPerson(actor);
    return this.auth.createApiToken(actor, dto);
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your API tokens: it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(400, { status: 403, description: 'Signed in with an API token: sign in to manage tokens' }, { status: 404, description: 'You have no active token with this id' })
  @ApiUuidParam('The API token')
  revokeToken(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    signedInInPerson(actor);
    return this.auth.revokeApiToken(actor, id);
  }
}
