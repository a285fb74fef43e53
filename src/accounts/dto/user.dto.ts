import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { PLAN_ROLES, PlanRole } from '../entities/plan-member.entity';
import { ROLES, Role } from '../roles';
import { PLAN_ROLE, ROLE } from './account.responses';
import { PASSWORD_RULE } from './auth.dto';
import { IsNotBlank } from '../../common/not-blank';

export class ContactPreferencesDto {
  @ApiProperty({ enum: ['daily', 'weekly'], description: 'Reminders as one daily digest, or one on Monday' })
  @IsIn(['daily', 'weekly'], { message: 'must be daily or weekly' })
  digest!: 'daily' | 'weekly';
}

export class PlanRoleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId!: string;

  @ApiProperty(PLAN_ROLE)
  @IsIn(PLAN_ROLES, { message: `must be one of: ${PLAN_ROLES.join(', ')}` })
  role!: PlanRole;
}

export class CreateUserDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ format: 'email', maxLength: 320 })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiProperty({ ...ROLE, isArray: true, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one role' })
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `must be one or more of: ${ROLES.join(', ')}` })
  roles!: Role[];

  /** The agencies the person belongs to. */
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, description: 'The agencies the person belongs to' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be lead agency ids (UUIDs)' })
  leadAgencyIds?: string[];

  /** Of those, the agencies whose unowned activities this person hears about. */
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, description: 'Of those, the agencies whose unowned activities this person hears about' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be lead agency ids (UUIDs)' })
  contactForLeadAgencyIds?: string[];

  /**
   * The plans the person is given, each chaired if they hold the board_chair
   * role and read otherwise. Use planRoles to say per plan.
   */
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description: 'The plans the person is given, each chaired if they hold the board_chair role and read otherwise; use planRoles to say per plan',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be plan ids (UUIDs)' })
  planIds?: string[];

  /** The plans the person is given with the role on each: chair one plan, read another. */
  @ApiPropertyOptional({ type: () => [PlanRoleDto], maxItems: 200, description: 'The plans the person is given with the role on each: chair one plan, read another' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PlanRoleDto)
  planRoles?: PlanRoleDto[];

  @ApiPropertyOptional({ type: () => ContactPreferencesDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactPreferencesDto)
  contactPreferences?: ContactPreferencesDto;

  /** Optional: without one, the person sets their own through a reset link. */
  @ApiPropertyOptional({ format: 'password', minLength: PASSWORD_RULE.min, maxLength: PASSWORD_RULE.max, description: 'Without one, the person sets their own through a reset link' })
  @IsOmittable()
  @IsString()
  @MinLength(PASSWORD_RULE.min, { message: `must be at least ${PASSWORD_RULE.min} characters` })
  @MaxLength(PASSWORD_RULE.max)
  password?: string;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['password'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false deactivates the person: their sessions end at once' })
  @IsOmittable()
  @IsIn([true, false], { message: 'must be true or false' })
  active?: boolean;

  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({ type: () => ContactPreferencesDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactPreferencesDto)
  contactPreferences?: ContactPreferencesDto;

  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class UserListQuery extends PaginationQuery {
  @ApiPropertyOptional(ROLE)
  @IsOptional()
  @IsIn(ROLES, { message: `must be one of: ${ROLES.join(', ')}` })
  role?: Role;
}
