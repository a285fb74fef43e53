import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { PLAN_KINDS, PLAN_STATUSES, PlanKind, PlanStatus } from '../plan-vocabulary';
import { OFFSET_UNIT, PLAN_KIND, PLAN_STATUS } from './plan.responses';
import { CreateSectionInPlanDto } from './section.dto';
import { IsNotBlank } from '../../common/not-blank';

const OFFSET_UNITS = ['working_days', 'calendar_days', 'months'] as const;

export class BandOffsetDto {
  @ApiProperty(OFFSET_UNIT)
  @IsIn(OFFSET_UNITS, { message: `must be one of: ${OFFSET_UNITS.join(', ')}` })
  unit!: (typeof OFFSET_UNITS)[number];

  @ApiProperty({ type: 'integer', minimum: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  amount!: number;
}

/** A plan may set its own offsets; any band left out keeps the default. */
export class BandOffsetsDto {
  @ApiPropertyOptional({ type: () => BandOffsetDto })
  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetDto)
  immediately?: BandOffsetDto;

  @ApiPropertyOptional({ type: () => BandOffsetDto })
  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetDto)
  within_three_months?: BandOffsetDto;

  @ApiPropertyOptional({ type: () => BandOffsetDto })
  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetDto)
  within_six_months?: BandOffsetDto;
}

/** The report the plan answers. */
export class PlanSourceDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reportTitle?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  inspectionStartDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  inspectionEndDate?: string | null;

  /** Ofsted's publication date; band deadlines count from it. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: "Ofsted's publication date; band deadlines count from it" })
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string | null;
}

/** One line of the plan's key to abbreviations, as it prints it. */
export class PlanAbbreviationDto {
  /** "L&D", "Board", "4LSCB". */
  @ApiProperty({ maxLength: 20, example: 'L&D' })
  @IsString()
  @IsNotBlank()
  @MaxLength(20)
  abbreviation!: string;

  /** "Learning and Development Group". */
  @ApiProperty({ maxLength: 300, example: 'Learning and Development Group' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  meaning!: string;
}

export class CreatePlanDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title!: string;

  @ApiProperty(PLAN_KIND)
  @IsIn(PLAN_KINDS, { message: `must be one of: ${PLAN_KINDS.join(', ')}` })
  kind!: PlanKind;

  @ApiPropertyOptional({ ...PLAN_STATUS, default: 'draft' })
  @IsOmittable()
  @IsIn(PLAN_STATUSES, { message: `must be one of: ${PLAN_STATUSES.join(', ')}` })
  status?: PlanStatus;

  @ApiPropertyOptional({ type: () => PlanSourceDto, description: 'The report the plan answers' })
  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => PlanSourceDto)
  source?: PlanSourceDto;

  /** Who is reminded about work nobody else hears of (no owner, no contact at its agencies); the person creating the plan when left out. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Who is reminded about work nobody else hears of (no owner, no contact at its agencies); the person creating the plan when left out' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of a user' })
  leadOfficerId?: string | null;

  /** The first day of the period the plan runs over (a business plan's "2015-18" starts on 1 April 2015). */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'The first day of the period the plan runs over (a business plan\'s "2015-18" starts on 1 April 2015)' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  /** The last day of the plan's period; not before startsOn. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: "The last day of the plan's period; not before startsOn" })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  /** The plan's own key to abbreviations, in the order it prints them. */
  @ApiPropertyOptional({ type: () => [PlanAbbreviationDto], maxItems: 200, description: "The plan's own key to abbreviations, in the order it prints them" })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => PlanAbbreviationDto)
  abbreviations?: PlanAbbreviationDto[];

  /** Column headings as the plan prints them; defaults by kind. */
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 12, description: 'Column headings as the plan prints them; defaults by kind' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @IsNotBlank({ each: true, message: 'must not contain blank labels' })
  columnLabels?: string[];

  @ApiPropertyOptional({ type: () => BandOffsetsDto, description: 'How long after publication each band falls due; any band left out keeps the default' })
  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetsDto)
  bandOffsets?: BandOffsetsDto;

  /** The plan's tables, with their recommendations and activities, written in one transaction. */
  @ApiPropertyOptional({ type: () => [CreateSectionInPlanDto], maxItems: 100, description: "The plan's tables, with their recommendations and activities, written in one transaction" })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => CreateSectionInPlanDto)
  sections?: CreateSectionInPlanDto[];
}

export class UpdatePlanDto extends PartialType(OmitType(CreatePlanDto, ['sections'] as const), { skipNullProperties: false }) {
  /** The version you loaded; a stale one is refused with 409. */
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class PlanListQuery extends PaginationQuery {
  @ApiPropertyOptional(PLAN_STATUS)
  @IsOptional()
  @IsIn(PLAN_STATUSES, { message: `must be one of: ${PLAN_STATUSES.join(', ')}` })
  status?: PlanStatus;

  @ApiPropertyOptional(PLAN_KIND)
  @IsOptional()
  @IsIn(PLAN_KINDS, { message: `must be one of: ${PLAN_KINDS.join(', ')}` })
  kind?: PlanKind;
}
