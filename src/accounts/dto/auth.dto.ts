import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../common/not-blank';

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
}
