import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidatorConstraint, ValidatorConstraintInterface, Validate } from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { inputProblems } from '../../common/input-rules';
import { FieldValidationException } from '../../common/validation';
import { PLAN_KINDS, PlanKind } from '../../plans/plan-vocabulary';
import { IMPORT_FORMATS, ImportFormat, TABLE_LAYOUTS, TableLayout } from '../import-model';
import { PLAN_FIELDS, PlanField } from '../parsers/header-mapping';
import { TEXT_ENCODINGS, TextEncoding } from '../parsers/input-decoding';
import { IsNotBlank } from '../../common/not-blank';

@ValidatorConstraint({ name: 'isMapping' })
class IsMappingConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      !!value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.entries(value).every(([field, label]) => (PLAN_FIELDS as readonly string[]).includes(field) && typeof label === 'string' && label.trim() !== '' && label.length <= 200)
    );
  }

  defaultMessage(): string {
    return `must map fields (${PLAN_FIELDS.join(', ')}) to column headings as printed, e.g. { "activity": "Action required" }`;
  }
}

@ValidatorConstraint({ name: 'isStringMap' })
class IsStringMapConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    return entries.length <= 500 && entries.every(([key, v]) => key.trim() !== '' && key.length <= 200 && typeof v === 'string' && v.trim() !== '' && v.length <= 200);
  }

  defaultMessage(): string {
    return 'must be an object of spellings to agency names (up to 500, each up to 200 characters), e.g. { "Health": "Health Providers" }';
  }
}

/**
 * How to read an import. Sent as JSON (with `text`) or as multipart form
 * fields next to `file`, where objects and lists are JSON strings
 * (`mapping={"activity":"Action required"}`) and lists may also be
 * comma-separated (`paragraphs=23,102`).
 */
export class ImportOptionsDto {
  /** Pasted text (JSON bodies and the multipart field "text"); a file goes in the multipart field "file". */
  @IsOptional()
  @IsString()
  text?: string;

  /** text (tab-separated, pasted from Word or a PDF), csv, xlsx or ofsted-report; guessed when left out. */
  @IsOptional()
  @IsIn(IMPORT_FORMATS, { message: `must be one of: ${IMPORT_FORMATS.join(', ')}` })
  format?: ImportFormat;

  /** ofsted (Recommendation | Activity | Outcome measure | Cost | Lead agency) or outcome-first (Outcome | Action required | By who | By when | Measure of success); read from the header when left out. */
  @IsOptional()
  @IsIn(TABLE_LAYOUTS, { message: `must be one of: ${TABLE_LAYOUTS.join(', ')}` })
  layout?: TableLayout;

  /** Import into this existing plan, matching what is already there. */
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of an existing plan' })
  planId?: string;

  /** For a new plan: its title (else the heading above the table, or the report's title). */
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title?: string;

  @IsOptional()
  @IsIn(PLAN_KINDS, { message: `must be one of: ${PLAN_KINDS.join(', ')}` })
  kind?: PlanKind;

  /** Ofsted's publication date: band deadlines count from it. */
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string;

  /** The plan's period, over which recurring commitments ("Quarterly") get milestones. */
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string;

  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  /** Field -> column heading as printed, where the headings are not the usual ones. */
  @IsOptional()
  @Validate(IsMappingConstraint)
  mapping?: Partial<Record<PlanField, string>>;

  /** Spelling -> lead agency name: corrections to the preview's matching, and aliases it should know. */
  @IsOptional()
  @Validate(IsStringMapConstraint)
  agencyAliases?: Record<string, string>;

  /** Ofsted paragraph numbers of the tables, in order, where the text does not print them. */
  @IsOptional()
  @IsArray({ message: 'must be a list of paragraph numbers, e.g. ["23", "102"]' })
  @ArrayMaxSize(100)
  @IsString({ each: true, message: 'must be a list of paragraph numbers written as text, e.g. ["23", "102"]' })
  @MaxLength(100, { each: true })
  paragraphs?: string[];

  /** Titles of the tables, in order, for an Ofsted report whose extract leaves them out. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotBlank({ each: true, message: 'must not contain blank titles' })
  @MaxLength(200, { each: true })
  sectionTitles?: string[];

  /** The title of the one table, when the input has no table headings. */
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  sectionTitle?: string;

  /** The worksheet to read; else the first with a header row. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sheet?: string;

  /** utf-8 (the default; UTF-16 with a byte order mark is recognised) or windows-1252 for an old Excel CSV. */
  @IsOptional()
  @IsIn(TEXT_ENCODINGS, { message: `must be one of: ${TEXT_ENCODINGS.join(', ')}` })
  encoding?: TextEncoding;

  /** A name for pasted text, shown in the default plan title and the audit record. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;
}

/** Multipart fields arrive as strings; objects and lists are JSON, lists may be comma-separated. */
export function fromFormFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const field of ['mapping', 'agencyAliases', 'paragraphs', 'sectionTitles']) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (trimmed === '') {
      delete out[field];
      continue;
    }
    if (/^[[{]/.test(trimmed)) {
      try {
        out[field] = JSON.parse(trimmed);
      } catch {
        throw new FieldValidationException({ [field]: 'is not valid JSON' });
      }
      // JSON inside a form field escapes the global input rules, which saw only its text.
      const problems = inputProblems(out[field], field);
      if (Object.keys(problems).length) throw new FieldValidationException(problems);
    } else if (field === 'paragraphs' || field === 'sectionTitles') {
      out[field] = trimmed.split(',').map((part) => part.trim());
    }
  }
  return out;
}
