import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
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
import { CreateSectionInPlanDto } from './section.dto';
import { IsNotBlank } from '../../common/not-blank';

const OFFSET_UNITS = ['working_days', 'calendar_days', 'months'] as const;

export class BandOffsetDto {
  @IsIn(OFFSET_UNITS, { message: `must be one of: ${OFFSET_UNITS.join(', ')}` })
  unit!: (typeof OFFSET_UNITS)[number];

  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  amount!: number;
}

/** A plan may set its own offsets; any band left out keeps the default. */
export class BandOffsetsDto {
  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetDto)
  immediately?: BandOffsetDto;

  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetDto)
  within_three_months?: BandOffsetDto;

  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetDto)
  within_six_months?: BandOffsetDto;
}

/** The report the plan answers. */
export class PlanSourceDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reportTitle?: string | null;

  @IsOptional()
  @IsCalendarDate()
  inspectionStartDate?: string | null;

  @IsOptional()
  @IsCalendarDate()
  inspectionEndDate?: string | null;

  /** Ofsted's publication date; band deadlines count from it. */
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string | null;
}

/** One line of the plan's key to abbreviations, as it prints it. */
export class PlanAbbreviationDto {
  /** "L&D", "Board", "4LSCB". */
  @IsString()
  @IsNotBlank()
  @MaxLength(20)
  abbreviation!: string;

  /** "Learning and Development Group". */
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  meaning!: string;
}

export class CreatePlanDto {
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title!: string;

  @IsIn(PLAN_KINDS, { message: `must be one of: ${PLAN_KINDS.join(', ')}` })
  kind!: PlanKind;

  @IsOmittable()
  @IsIn(PLAN_STATUSES, { message: `must be one of: ${PLAN_STATUSES.join(', ')}` })
  status?: PlanStatus;

  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => PlanSourceDto)
  source?: PlanSourceDto;

  /** The first day of the period the plan runs over (a business plan's "2015-18" starts on 1 April 2015). */
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  /** The last day of the plan's period; not before startsOn. */
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  /** The plan's own key to abbreviations, in the order it prints them. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => PlanAbbreviationDto)
  abbreviations?: PlanAbbreviationDto[];

  /** Column headings as the plan prints them; defaults by kind. */
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @IsNotBlank({ each: true, message: 'must not contain blank labels' })
  columnLabels?: string[];

  @IsOmittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => BandOffsetsDto)
  bandOffsets?: BandOffsetsDto;

  /** The plan's tables, with their recommendations and activities, written in one transaction. */
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
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class PlanListQuery extends PaginationQuery {
  @IsOptional()
  @IsIn(PLAN_STATUSES, { message: `must be one of: ${PLAN_STATUSES.join(', ')}` })
  status?: PlanStatus;

  @IsOptional()
  @IsIn(PLAN_KINDS, { message: `must be one of: ${PLAN_KINDS.join(', ')}` })
  kind?: PlanKind;
}
