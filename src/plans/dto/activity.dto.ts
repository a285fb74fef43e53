import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
  Max,
} from 'class-validator';
import { IsCalendarDate, IsDueDateInput } from '../../common/date-validators';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { TIMESCALE_BANDS, TimescaleBand } from '../../deadlines';
import { ACTIVITY_STATUSES, ActivityStatus } from '../plan-vocabulary';
import { IsNotBlank } from '../../common/not-blank';
import { ACTIVITY_STATUS, TIMESCALE_BAND } from './plan.responses';

export class ActivityOwnerDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: String, format: 'email', nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;
}

export class CreateActivityInRecommendationDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotBlank()
  @MaxLength(5000)
  text!: string;

  /** In the order the plan prints them. */
  @ApiPropertyOptional({ type: [String], maxItems: 50, description: 'In the order the plan prints them' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true, message: 'must not contain blank measures' })
  @MaxLength(5000, { each: true })
  outcomeMeasures?: string[];

  /** The cost as the plan writes it ("£3k per month", "Existing resources"); parsed on save. */
  @ApiPropertyOptional({ maxLength: 1000, description: 'The cost as the plan writes it ("£3k per month", "Existing resources"); parsed on save' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  costText?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be lead agency ids (UUIDs)' })
  leadAgencyIds?: string[];

  /** Lead agencies as the plan prints them; defaults to the agencies' names. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, description: "Lead agencies as the plan prints them; defaults to the agencies' names" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  leadAgencyText?: string | null;

  @ApiPropertyOptional({ type: () => ActivityOwnerDto, nullable: true, description: 'The owner as the plan prints them, when not (yet) a user' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityOwnerDto)
  owner?: ActivityOwnerDto | null;

  /** The user who answers for it (they may then report on it); null to clear. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The user who answers for it (they may then report on it); null to clear' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of a user' })
  ownerId?: string | null;

  /** Overrides the recommendation's due date: YYYY-MM-DD, or YYYY-MM for "by September 2012". */
  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^\\d{4}-\\d{2}(-\\d{2})?$', description: "Overrides the recommendation's due date: YYYY-MM-DD, or YYYY-MM for \"by September 2012\"", example: '2012-09' })
  @IsOptional()
  @IsDueDateInput()
  dueDate?: string | null;

  @ApiPropertyOptional(ACTIVITY_STATUS)
  @IsOmittable()
  @IsIn(ACTIVITY_STATUSES, { message: `must be one of: ${ACTIVITY_STATUSES.join(', ')}` })
  status?: ActivityStatus;
}

export class CreateActivityDto extends CreateActivityInRecommendationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the id (a UUID) of an existing recommendation' })
  recommendationId!: string;

  /** Row position within the recommendation, from 1; appended when left out. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, description: 'Row position within the recommendation, from 1; appended when left out' })
  @IsOmittable()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10000)
  position?: number;
}

export class UpdateActivityDto extends PartialType(OmitType(CreateActivityDto, ['recommendationId'] as const), { skipNullProperties: false }) {
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value;

export class ActivityListQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId?: string;

  /** Includes the agency's divisions: a directorate sees its divisions' activities. */
  @ApiPropertyOptional({ format: 'uuid', description: "Includes the agency's divisions" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a lead agency id (a UUID)' })
  leadAgencyId?: string;

  /** One status or several, comma-separated. */
  @ApiPropertyOptional({ ...ACTIVITY_STATUS, isArray: true, description: 'One status or several: repeat the parameter, or separate with commas' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(ACTIVITY_STATUSES, { each: true, message: `must be one or more of: ${ACTIVITY_STATUSES.join(', ')}` })
  status?: ActivityStatus[];

  @ApiPropertyOptional({ ...TIMESCALE_BAND, isArray: true, description: 'One band or several: repeat the parameter, or separate with commas' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(TIMESCALE_BANDS, { each: true, message: `must be one or more of: ${TIMESCALE_BANDS.join(', ')}` })
  band?: TimescaleBand[];

  /** Due strictly before this date. */
  @ApiPropertyOptional({ format: 'date', description: 'Due strictly before this date' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  /** Due strictly after this date. */
  @ApiPropertyOptional({ format: 'date', description: 'Due strictly after this date' })
  @IsOptional()
  @IsCalendarDate()
  dueAfter?: string;

  /** Open (not complete, not cancelled) and due before this date. */
  @ApiPropertyOptional({ format: 'date', description: 'Open (not complete, not cancelled) and due before this date' })
  @IsOptional()
  @IsCalendarDate()
  overdueAsOf?: string;
}
