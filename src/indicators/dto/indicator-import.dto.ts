import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FieldValidationException } from '../../common/validation';
import { TEXT_ENCODINGS, TextEncoding } from '../../imports/parsers/input-decoding';

export const INDICATOR_IMPORT_FORMATS = ['text', 'csv', 'xlsx'] as const;
export const INDICATOR_LAYOUTS = ['wide', 'long'] as const;

/**
 * How to read an indicator import: JSON (with `text`) or multipart form fields
 * beside `file`, as for plan imports.
 */
export class IndicatorImportOptionsDto {
  /** The plan whose indicators these are; the sheet's priorities are matched to its sections. */
  @ApiProperty({ type: String, format: 'uuid', description: "The plan the indicators belong to; the sheet's priorities are matched to its sections by title" })
  @IsUUID('all', { message: 'must be the id (a UUID) of the plan the indicators belong to' })
  planId!: string;

  /** Pasted text (a table copied from a spreadsheet or a paper); a file goes in the multipart field "file". */
  @ApiPropertyOptional({ type: String, description: 'A table pasted from a spreadsheet or paper (tab-separated), or CSV; or send a file' })
  @IsOptional()
  @IsString()
  text?: string;

  /** text (tab-separated), csv or xlsx; guessed from the file when left out. */
  @ApiPropertyOptional({ type: String, enum: [...INDICATOR_IMPORT_FORMATS], description: 'Guessed from the file when left out' })
  @IsOptional()
  @IsIn(INDICATOR_IMPORT_FORMATS, { message: `must be one of: ${INDICATOR_IMPORT_FORMATS.join(', ')}` })
  format?: (typeof INDICATOR_IMPORT_FORMATS)[number];

  /** wide (the board-report table: one column per month) or long (indicator, period, value, ...); read from the header when left out. */
  @ApiPropertyOptional({ type: String, enum: [...INDICATOR_LAYOUTS], description: 'wide: the board-report table (one column a month); long: indicator, period, value, numerator, denominator; read from the header when left out' })
  @IsOptional()
  @IsIn(INDICATOR_LAYOUTS, { message: `must be one of: ${INDICATOR_LAYOUTS.join(', ')}` })
  layout?: (typeof INDICATOR_LAYOUTS)[number];

  /** Add the sheet's priorities that are not yet sections of the plan as new sections (the preview lists them). */
  @ApiPropertyOptional({ type: Boolean, description: "Add the sheet's priorities that are not sections of the plan as new sections; without it such a sheet is refused" })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  createSections?: boolean;

  /** The worksheet to read; else the first with an indicator table. */
  @ApiPropertyOptional({ type: String, maxLength: 100, description: 'The worksheet to read; else the first with an indicator table' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sheet?: string;

  @ApiPropertyOptional({ type: String, enum: [...TEXT_ENCODINGS] })
  @IsOptional()
  @IsIn(TEXT_ENCODINGS, { message: `must be one of: ${TEXT_ENCODINGS.join(', ')}` })
  encoding?: TextEncoding;

  /** A name for pasted text, kept on the record. */
  @ApiPropertyOptional({ type: String, maxLength: 200, description: 'A name for pasted text, kept on the record' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;
}

/** Multipart fields arrive as strings. */
export function indicatorImportFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (typeof out.createSections === 'string') {
    const value = out.createSections.trim().toLowerCase();
    if (value === 'true' || value === 'false') out.createSections = value === 'true';
    else throw new FieldValidationException({ createSections: 'must be true or false' });
  }
  return out;
}
