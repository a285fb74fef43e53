import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { IsNotBlank } from '../../common/not-blank';
import { API_TOKEN_MAX_DAYS } from '../api-token-expiry';
import { API_TOKEN_SCOPES, ApiTokenScope } from '../entities/api-token.entity';

export const PASSWORD_RULE = { min: 12, max: 200 };

export class SignInDto {
  @ApiProperty({ format: 'email', maxLength: 320 })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_RULE.max })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(PASSWORD_RULE.max)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ maxLength: 200, description: 'The refresh token from sign-in or the last refresh' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  refreshToken!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ format: 'email', maxLength: 320 })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ maxLength: 200, description: "The token from the reset link's address" })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  token!: string;

  /** At least 12 characters: a passphrase beats a complicated short password. */
  @ApiProperty({ format: 'password', minLength: PASSWORD_RULE.min, maxLength: PASSWORD_RULE.max, description: 'At least 12 characters: a passphrase beats a complicated short password' })
  @IsString()
  @MinLength(PASSWORD_RULE.min, { message: `must be at least ${PASSWORD_RULE.min} characters` })
  @MaxLength(PASSWORD_RULE.max)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_RULE.max })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(PASSWORD_RULE.max)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_RULE.min, maxLength: PASSWORD_RULE.max, description: 'At least 12 characters' })
  @IsString()
  @MinLength(PASSWORD_RULE.min, { message: `must be at least ${PASSWORD_RULE.min} characters` })
  @MaxLength(PASSWORD_RULE.max)
  newPassword!: string;
}

export class CreateApiTokenDto {
  /** What the token is for, e.g. "Monthly performance export". */
  @ApiProperty({ maxLength: 100, description: 'What the token is for', example: 'Monthly performance export' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name!: string;

  /** The last day it works (Europe/London; it stops at the following midnight). Leave out, with expiresInDays, for a token that works until revoked. */
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day it works (it stops at the following midnight, Europe/London); today or later. Leave out, with expiresInDays, for a token that works until revoked',
  })
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string | null;

  /** Or: how many days from today its last day is. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: API_TOKEN_MAX_DAYS, nullable: true, description: 'Or: how many days from today its last day is (not with expiresOn)' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1, { message: 'must be at least 1' })
  @Max(API_TOKEN_MAX_DAYS, { message: `must be at most ${API_TOKEN_MAX_DAYS}` })
  expiresInDays?: number | null;

  /** read_only tokens may only read (GET and HEAD); read_write, the default, may do what their owner may. */
  @ApiPropertyOptional({ enum: API_TOKEN_SCOPES, default: 'read_write', description: 'read_only: GET and HEAD requests only (anything else answers 403); read_write: whatever its owner may do' })
  @IsOptional()
  @IsIn(API_TOKEN_SCOPES, { message: `must be one of: ${API_TOKEN_SCOPES.join(', ')}` })
  scope?: ApiTokenScope;
}
