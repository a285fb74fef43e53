import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from '../../common/not-blank';

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
}
