import { PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery } from '../../common/pagination';
import { IsNotBlank } from '../../common/not-blank';

export class CreateLeadAgencyDto {
  /** Canonical name, e.g. "SCC – CSL Directorate". */
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  shortName?: string | null;

  /** Other spellings plans use for the same body. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotBlank({ each: true, message: 'must not contain blank aliases' })
  aliases?: string[];

  /** The body it belongs to (a division's directorate, a directorate's council). */
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of an existing lead agency' })
  parentId?: string | null;
}

export class UpdateLeadAgencyDto extends PartialType(CreateLeadAgencyDto, { skipNullProperties: false }) {
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class LeadAgencyListQuery extends PaginationQuery {
  /** Matches the name, short name or an alias, ignoring case. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
