import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { IsNotBlank } from '../../common/not-blank';
import { API_TOKEN_MAX_DAYS } from '../api-token-expiry';
import { API_TOKEN_SCOPES, ApiTokenScope } from '../entities/api-token.entity';

export const PASSWORD_RULE = { min: 12, max: 200 };

export class SignInDto {
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(PASSWORD_RULE.max)
  password!: string;
}

export class RefreshDto {
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  refreshToken!: string;
}

export class PasswordResetRequestDto {
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;
}

export class PasswordResetConfirmDto {
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  token!: string;

  /** At least 12 characters: a passphrase beats a complicated short password. */
  @IsString()
  @MinLength(PASSWORD_RULE.min, { message: `must be at least ${PASSWORD_RULE.min} characters` })
  @MaxLength(PASSWORD_RULE.max)
  password!: string;
}

export class ChangePasswordDto {
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(PASSWORD_RULE.max)
  currentPassword!: string;

  @IsString()
  @MinLength(PASSWORD_RULE.min, { message: `must be at least ${PASSWORD_RULE.min} characters` })
  @MaxLength(PASSWORD_RULE.max)
  newPassword!: string;
}

export class CreateApiTokenDto {
  /** What the token is for, e.g. "Monthly performance export". */
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name!: string;

  /** The last day it works (Europe/London; it stops at the following midnight). Leave out, with expiresInDays, for a token that works until revoked. */
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string | null;

  /** Or: how many days from today its last day is. */
  @IsOptional()
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1, { message: 'must be at least 1' })
  @Max(API_TOKEN_MAX_DAYS, { message: `must be at most ${API_TOKEN_MAX_DAYS}` })
  expiresInDays?: number | null;

  /** read_only tokens may only read (GET and HEAD); read_write, the default, may do what their owner may. */
  @IsOptional()
  @IsIn(API_TOKEN_SCOPES, { message: `must be one of: ${API_TOKEN_SCOPES.join(', ')}` })
  scope?: ApiTokenScope;
}
