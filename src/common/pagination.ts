import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export const PAGE_LIMIT = 100000;
export const PAGE_SIZE_LIMIT = 200;

export class PaginationQuery {
  /** Page number, from 1. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: PAGE_LIMIT, default: 1, description: 'Page number, from 1' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(PAGE_LIMIT)
  page: number = 1;

  /** Rows per page, 1 to 200 (default 50). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: PAGE_SIZE_LIMIT, default: 50, description: 'Rows per page' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(PAGE_SIZE_LIMIT)
  pageSize: number = 50;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageOf<T>(items: T[], total: number, query: PaginationQuery): Page<T> {
  return { items, page: query.page, pageSize: query.pageSize, total };
}
