import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested, IsObject } from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { TIMESCALE_BANDS, TimescaleBand } from '../../deadlines';
import { CreateActivityInRecommendationDto } from './activity.dto';
import { IsNotBlank } from '../../common/not-blank';

export class CreateRecommendationInSectionDto {
  /** Number within its table; numbering restarts per table. */
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10000)
  number!: number;

  @IsString()
  @IsNotBlank()
  @MaxLength(5000)
  text!: string;

  /** The Ofsted paragraph, e.g. "23". */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sourceReference?: string | null;

  @IsIn(TIMESCALE_BANDS, { message: `must be one of: ${TIMESCALE_BANDS.join(', ')}` })
  band!: TimescaleBand;

  /** Required when the band is by_date. */
  @ValidateIf((dto: CreateRecommendationInSectionDto) => dto.band === 'by_date' || dto.targetDate != null)
  @IsCalendarDate({ message: 'must be a real date written YYYY-MM-DD (required when band is by_date)' })
  targetDate?: string | null;

  /** Overrides the date derived from the band; null goes back to the derived date. */
  @IsOptional()
  @IsCalendarDate()
  dueDateOverride?: string | null;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => CreateActivityInRecommendationDto)
  activities?: CreateActivityInRecommendationDto[];
}

export class CreateRecommendationDto extends CreateRecommendationInSectionDto {
  @IsUUID('all', { message: 'must be the id (a UUID) of an existing section' })
  sectionId!: string;
}

export class UpdateRecommendationDto extends PartialType(OmitType(CreateRecommendationInSectionDto, ['activities'] as const), {
  skipNullProperties: false,
}) {
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class RecommendationListQuery extends PaginationQuery {
  @IsUUID('all', { message: 'must be a section id (a UUID)' })
  sectionId!: string;
}
