import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested, IsObject, Max } from 'class-validator';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { CreateRecommendationInSectionDto } from './recommendation.dto';
import { IsNotBlank } from '../../common/not-blank';

export class CreateSectionInPlanDto {
  /** The table's title, e.g. "Safeguarding". */
  @ApiProperty({ maxLength: 200, description: 'The table\'s title, e.g. "Safeguarding"' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sourceReference?: string | null;

  @ApiPropertyOptional({ type: () => [CreateRecommendationInSectionDto], maxItems: 200 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => CreateRecommendationInSectionDto)
  recommendations?: CreateRecommendationInSectionDto[];
}

export class CreateSectionDto extends CreateSectionInPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the id (a UUID) of an existing plan' })
  planId!: string;

  /** Where the table goes, from 1; appended when left out. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, description: 'Where the table goes, from 1; appended when left out' })
  @IsOmittable()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10000)
  position?: number;
}

export class UpdateSectionDto extends PartialType(OmitType(CreateSectionDto, ['planId', 'recommendations'] as const), { skipNullProperties: false }) {
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class SectionListQuery extends PaginationQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId!: string;
}
