import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested, IsObject } from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { TIMESCALE_BANDS, TimescaleBand } from '../../deadlines';
import { CreateActivityInRecommendationDto } from './activity.dto';
import { IsNotBlank } from '../../common/not-blank';
import { TIMESCALE_BAND } from './plan.responses';

export class CreateRecommendationInSectionDto {
  /** Number within its table; numbering restarts per table. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, description: 'Number within its table; numbering restarts per table' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10000)
  number!: number;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotBlank()
  @MaxLength(5000)
  text!: string;

  /** The Ofsted paragraph, e.g. "23". */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, description: 'The Ofsted paragraph, e.g. "23"' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sourceReference?: string | null;

  @ApiProperty(TIMESCALE_BAND)
  @IsIn(TIMESCALE_BANDS, { message: `must be one of: ${TIMESCALE_BANDS.join(', ')}` })
  band!: TimescaleBand;

  /** Required when the band is by_date. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Required when the band is by_date' })
  @ValidateIf((dto: CreateRecommendationInSectionDto) => dto.band === 'by_date' || dto.targetDate != null)
  @IsCalendarDate({ message: 'must be a real date written YYYY-MM-DD (required when band is by_date)' })
  targetDate?: string | null;

  /** Overrides the date derived from the band; null goes back to the derived date. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Overrides the date derived from the band; null goes back to the derived date' })
  @IsOptional()
  @IsCalendarDate()
  dueDateOverride?: string | null;

  @ApiPropertyOptional({ type: () => [CreateActivityInRecommendationDto], maxItems: 200 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => CreateActivityInRecommendationDto)
  activities?: CreateActivityInRecommendationDto[];
}

export class CreateRecommendationDto extends CreateRecommendationInSectionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the id (a UUID) of an existing section' })
  sectionId!: string;
}

export class UpdateRecommendationDto extends PartialType(OmitType(CreateRecommendationInSectionDto, ['activities'] as const), {
  skipNullProperties: false,
}) {
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class RecommendationListQuery extends PaginationQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a section id (a UUID)' })
  sectionId!: string;
}
