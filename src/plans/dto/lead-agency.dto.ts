import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { IsNotBlank } from '../../common/not-blank';

export class CreateLeadAgencyDto {
  /** Canonical name, e.g. "SCC – CSL Directorate". */
  @ApiProperty({ maxLength: 200, description: 'Canonical name, e.g. "SCC – CSL Directorate"' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  shortName?: string | null;

  /** Other spellings plans use for the same body. */
  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'Other spellings plans use for the same body' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotBlank({ each: true, message: 'must not contain blank aliases' })
  aliases?: string[];

  /** The body it belongs to (a division's directorate, a directorate's council). */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "The body it belongs to (a division's directorate, a directorate's council)" })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of an existing lead agency' })
  parentId?: string | null;
}

export class UpdateLeadAgencyDto extends PartialType(CreateLeadAgencyDto, { skipNullProperties: false }) {
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class LeadAgencyListQuery extends PaginationQuery {
  /** Matches the name, short name or an alias, ignoring case. */
  @ApiPropertyOptional({ maxLength: 200, description: 'Matches the name, short name or an alias, ignoring case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
