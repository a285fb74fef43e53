import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { IsNotBlank } from '../../common/not-blank';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery, toInt } from '../../common/pagination';
import { RAG_RATINGS, RagRating } from '../../progress/rag';
import { COMPARATOR_KIND, CUMULATION, FREQUENCY, INDICATOR_UNIT, POLARITY, RISK_LABEL, VALUE_STATUS } from '../indicators.responses';
import { COMPARATOR_KINDS, CUMULATIONS, ComparatorKind, Cumulation, FREQUENCIES, Frequency, INDICATOR_UNITS, IndicatorUnit, POLARITIES, Polarity, RISK_LABELS, RiskLabel, VALUE_STATUSES, ValueStatus } from '../domain';

/** 'YYYY-MM', a month between 1900 and 2999. */
export const MONTH_PATTERN = /^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = 'must be a month written YYYY-MM';
const oneOf = (values: readonly string[]) => ({ message: `must be one of: ${values.join(', ')}` });

export class ToleranceDto {
  /** units (points for a percentage) or percent_of_target. */
  @ApiProperty({ type: String, enum: ['units', 'percent_of_target'], description: 'In the indicator’s own units (points for a percentage), or as a share of the target' })
  @IsIn(['units', 'percent_of_target'], oneOf(['units', 'percent_of_target']))
  basis!: 'units' | 'percent_of_target';

  /** Worse than target by at most this: green. */
  @ApiProperty({ type: Number, minimum: 0, maximum: 1_000_000, description: 'Worse than target by at most this: green' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  @Max(1_000_000)
  green!: number;

  /** Worse by at most this (more than green): amber; beyond it, red. Not narrower than green. */
  @ApiProperty({ type: Number, minimum: 0, maximum: 1_000_000, description: 'Worse by at most this (not less than green): amber; beyond it, red' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  @Max(1_000_000)
  amber!: number;
}

export class OutcomeMeasureLinkDto {
  @ApiProperty({ type: String, format: 'uuid', description: 'An activity of the plan' })
  @IsUUID('all', { message: 'must be the id (a UUID) of an activity of the plan' })
  activityId!: string;

  /** One of the activity's outcome measures, as the plan words it. */
  @ApiProperty({ maxLength: 5000, description: "One of the activity's outcome measures, word for word" })
  @IsString()
  @IsNotBlank()
  @MaxLength(5000)
  measure!: string;
}

export class TargetDto {
  /** The financial year it is for: 2022 for 2022/23. Give this or month. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1900, maximum: 2999, example: 2022, description: 'The financial year it is for (2022 for 2022/23); give this or month' })
  @ValidateIf((target: TargetDto) => target.month === undefined || target.financialYear !== undefined)
  @IsInt({ message: 'must be the year the financial year starts in, e.g. 2022 for 2022/23 (or give month instead)' })
  @Min(1900)
  @Max(2999)
  financialYear?: number;

  /** A month's own target, YYYY-MM, where the council set one for the month. */
  @ApiPropertyOptional({ type: String, pattern: '^\\d{4}-\\d{2}$', example: '2022-06', description: 'A month’s own target, where the council set one' })
  @IsOmittable()
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month?: string;

  /** As the council writes it: "23%", "<17k", "at least 90%", "TBC". */
  @ApiProperty({ maxLength: 100, example: '<17k', description: 'As the council writes it: "23%", "<17k", "at least 90%", "TBC"' })
  @IsString()
  @IsNotBlank({ message: 'must not be blank; write TBC for a target still to be set' })
  @MaxLength(100)
  target!: string;
}

export class ComparatorDto {
  /** As the board table heads it: "Statistical Neighbours", "South East", "Southampton 19/20". */
  @ApiProperty({ maxLength: 200, example: 'Statistical Neighbours' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  /** What it is; "other" when left out. */
  @ApiPropertyOptional({ ...COMPARATOR_KIND, description: 'What it is; other when left out' })
  @IsOmittable()
  @IsIn(COMPARATOR_KINDS, oneOf(COMPARATOR_KINDS))
  kind?: ComparatorKind;

  /** The financial year it describes (2019 for 19/20). */
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1900, maximum: 2999 })
  @IsOptional()
  @IsInt({ message: 'must be a year' })
  @Min(1900)
  @Max(2999)
  financialYear?: number | null;

  /** Where the figure comes from: LAIT, ChAT, DfE statistics. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'LAIT' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string | null;

  /** The figure; null when not available (N/A), never zero. */
  @ApiProperty({ type: Number, nullable: true, description: 'Null when not available (N/A), never zero' })
  @ValidateIf((_c, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number, or null for not available (N/A)' })
  value!: number | null;
}

const TITLE = { maxLength: 500, example: 'Percentage of re-referrals within 12 months', description: 'The indicator as the council writes it' } as const;
const LIST_OF = (description: string, maxItems: number): ApiPropertyOptions => ({ type: [String], format: 'uuid', maxItems, description });

class IndicatorFields {
  /** The indicator as the council writes it: "Percentage of re-referrals within 12 months". */
  @ApiProperty(TITLE)
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  definition?: string | null;

  @ApiProperty(INDICATOR_UNIT)
  @IsIn(INDICATOR_UNITS, oneOf(INDICATOR_UNITS))
  unit!: IndicatorUnit;

  /** Which way is better; null leaves the indicator unrated until it is set. */
  @ApiPropertyOptional({ ...POLARITY, nullable: true, description: 'Which way is better; left out or null, the indicator is shown but not rated until it is set' })
  @IsOptional()
  @IsIn(POLARITIES, oneOf(POLARITIES))
  polarity?: Polarity | null;

  @ApiPropertyOptional({ ...FREQUENCY, description: 'monthly when left out' })
  @IsOmittable()
  @IsIn(FREQUENCIES, oneOf(FREQUENCIES))
  frequency?: Frequency;

  /** What a month's value covers: the month, the financial year to date (resets each April) or a rolling 12 months. */
  @ApiPropertyOptional({ ...CUMULATION, description: 'month when left out' })
  @IsOmittable()
  @IsIn(CUMULATIONS, oneOf(CUMULATIONS))
  cumulation?: Cumulation;

  /** The person who makes the monthly return. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The person who makes the monthly return' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of a user' })
  ownerId?: string | null;

  @ApiPropertyOptional(LIST_OF('The agencies that lead it: their service heads make its returns', 20))
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be lead agency ids (UUIDs)' })
  leadAgencyIds?: string[];

  /** The priorities (sections of the plan) it evidences. */
  @ApiPropertyOptional(LIST_OF('The priorities (sections of the plan) it evidences', 50))
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be section ids (UUIDs) of the plan' })
  sectionIds?: string[];

  /** The outcome measures it quantifies: an activity of the plan and one of its measures, word for word. */
  @ApiPropertyOptional({ type: () => [OutcomeMeasureLinkDto], maxItems: 50, description: 'The outcome measures it quantifies' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OutcomeMeasureLinkDto)
  outcomeMeasures?: OutcomeMeasureLinkDto[];

  /** The indicator's own tolerance; null uses the plan's default. */
  @ApiPropertyOptional({ type: () => ToleranceDto, nullable: true, description: "The indicator's own tolerance; null uses the plan's default" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ToleranceDto)
  tolerance?: ToleranceDto | null;

  /** Its targets; on an update, the whole list (a year or month left out loses its target). */
  @ApiPropertyOptional({ type: () => [TargetDto], maxItems: 200, description: 'Its targets; on an update, the whole list (a year or month left out loses its target)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];

  /** Its comparators; on an update, the whole list. */
  @ApiPropertyOptional({ type: () => [ComparatorDto], maxItems: 50, description: 'Its comparators, in the order the table prints them; on an update, the whole list' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ComparatorDto)
  comparators?: ComparatorDto[];
}

export class CreateIndicatorDto extends IndicatorFields {
  @ApiProperty({ type: String, format: 'uuid', description: 'The plan it belongs to' })
  @IsUUID('all', { message: 'must be the id (a UUID) of a plan' })
  planId!: string;
}

export class UpdateIndicatorDto {
  @ApiPropertyOptional(TITLE)
  @IsOmittable()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  definition?: string | null;

  @ApiPropertyOptional({ ...INDICATOR_UNIT, description: 'A new unit needs the targets given again, read in it' })
  @IsOmittable()
  @IsIn(INDICATOR_UNITS, oneOf(INDICATOR_UNITS))
  unit?: IndicatorUnit;

  @ApiPropertyOptional({ ...POLARITY, nullable: true })
  @IsOptional()
  @IsIn(POLARITIES, oneOf(POLARITIES))
  polarity?: Polarity | null;

  @ApiPropertyOptional(FREQUENCY)
  @IsOmittable()
  @IsIn(FREQUENCIES, oneOf(FREQUENCIES))
  frequency?: Frequency;

  @ApiPropertyOptional(CUMULATION)
  @IsOmittable()
  @IsIn(CUMULATIONS, oneOf(CUMULATIONS))
  cumulation?: Cumulation;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of a user' })
  ownerId?: string | null;

  @ApiPropertyOptional(LIST_OF('Replaces the lead agencies', 20))
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be lead agency ids (UUIDs)' })
  leadAgencyIds?: string[];

  @ApiPropertyOptional(LIST_OF('Replaces the priorities it evidences; a new one puts it last in that table', 50))
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be section ids (UUIDs) of the plan' })
  sectionIds?: string[];

  @ApiPropertyOptional({ type: () => [OutcomeMeasureLinkDto], maxItems: 50 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OutcomeMeasureLinkDto)
  outcomeMeasures?: OutcomeMeasureLinkDto[];

  @ApiPropertyOptional({ type: () => ToleranceDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ToleranceDto)
  tolerance?: ToleranceDto | null;

  @ApiPropertyOptional({ type: () => [TargetDto], maxItems: 200, description: 'The whole list: a year or month left out loses its target (kept in the record)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];

  @ApiPropertyOptional({ type: () => [ComparatorDto], maxItems: 50, description: 'The whole list' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ComparatorDto)
  comparators?: ComparatorDto[];

  /** The indicator's version you loaded: a stale edit is refused with 409. */
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class IndicatorListQuery extends PaginationQuery {
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Only this plan’s' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId?: string;

  /** Only the indicators evidencing this priority (section). */
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Only those evidencing this priority (section)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a section id (a UUID)' })
  sectionId?: string;

  /** Only those led by this agency or its divisions. */
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Only those led by this agency or its divisions' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a lead agency id (a UUID)' })
  leadAgencyId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Only those this person owns' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id (a UUID)' })
  ownerId?: string;
}

export class EnterValueDto {
  /** The month's figure; leave it out to work it out from numerator and denominator (percentages, rates, ratios). */
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'The figure; leave it out to work it out from numerator and denominator (percentages, rates, ratios)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  value?: number | null;

  /** True for "N/A": not available this month (never zero). */
  @ApiPropertyOptional({ type: Boolean, description: 'True for N/A: not available this month, never zero' })
  @IsOmittable()
  @IsBoolean({ message: 'must be true or false' })
  notAvailable?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  numerator?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'More than 0' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  denominator?: number | null;

  /** provisional or final; a provisional figure may still be corrected. */
  @ApiPropertyOptional({ ...VALUE_STATUS, nullable: true })
  @IsOptional()
  @IsIn(VALUE_STATUSES, oneOf(VALUE_STATUSES))
  status?: ValueStatus | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  /**
   * The version of the month's value you loaded (0 when there was none). A
   * correction without it, or with a stale one, is refused with 409 and the
   * value as it now stands.
   */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: "The version of the month's value you loaded (0, or left out, when there was none); a correction without it, or with a stale one, is refused with 409",
  })
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version of the value you loaded (0 when there was none)' })
  @Min(0)
  version?: number;
}

export class ValueListQuery {
  /** From this month (YYYY-MM); 24 months before `to` when left out. */
  @ApiPropertyOptional({ type: String, pattern: '^\\d{4}-\\d{2}$', description: 'From this month; 24 months before to when left out' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  from?: string;

  /** To this month; the current month when left out. */
  @ApiPropertyOptional({ type: String, pattern: '^\\d{4}-\\d{2}$', description: 'To this month; the current month when left out' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  to?: string;

  /** The values as the record held them at the end of this day (YYYY-MM-DD); now when left out. */
  @ApiPropertyOptional({ type: String, format: 'date', description: 'The values as the record held them at the end of this day; as they stand when left out' })
  @IsOptional()
  @IsCalendarDate()
  recordedBy?: string;
}

export class NarrativeDto {
  /** "What the data tells us"; null or empty clears it. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20_000, description: '"What the data tells us"; left out, it stays; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  dataTellsUs?: string | null;

  /** "Actions / next steps". */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20_000, description: '"Actions / next steps"' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  nextSteps?: string | null;

  /** The version you loaded (0 when none was written). */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The version you loaded (0, or left out, when none was written); a stale one is refused with 409' })
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded (0 when there was none)' })
  @Min(0)
  version?: number;
}

export class PriorityRatingDto {
  /** The chair's rating of the priority for the month. */
  @ApiProperty({ type: String, enum: [...RAG_RATINGS], description: "The chair's rating of the priority for the month" })
  @IsIn(RAG_RATINGS, oneOf(RAG_RATINGS))
  rating!: RagRating;

  /** Low, Medium or High Risk, printed beside the rating. */
  @ApiPropertyOptional({ ...RISK_LABEL, nullable: true })
  @IsOptional()
  @IsIn(RISK_LABELS, oneOf(RISK_LABELS))
  riskLabel?: RiskLabel | null;

  @ApiProperty({ maxLength: 2000, description: 'Why, in the board’s words' })
  @IsString()
  @IsNotBlank({ message: 'must give the reason for the rating' })
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The version you loaded (0, or left out, when there was none); a stale one is refused with 409' })
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded (0 when there was none)' })
  @Min(0)
  version?: number;
}

export class RequiredVersionQuery {
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @Transform(toInt)
  @IsInt({ message: 'must be the whole-number version you loaded (?version=N)' })
  version!: number;
}

export class IndicatorSettingsDto {
  /** The plan's default tolerance; null for within 5% of target green, 5-15% amber. */
  @ApiPropertyOptional({ type: () => ToleranceDto, nullable: true, description: "The plan's default tolerance; null for within 5% of target green, 5-15% amber" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ToleranceDto)
  tolerance?: ToleranceDto | null;

  /** A month's return is due this many working days after the month ends (10 by default). */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 60, description: 'A month’s return is due this many working days after the month ends (10 by default)' })
  @IsOmittable()
  @IsInt({ message: 'must be a whole number of working days' })
  @Min(0)
  @Max(60)
  returnWorkingDays?: number;

  /** The settings' version you loaded (0 for a plan that has none yet). */
  @ApiProperty({ type: 'integer', minimum: 0, description: "The settings' version you loaded (0 for a plan that has none yet)" })
  @IsInt({ message: 'must be the whole-number version you loaded (0 when there were none)' })
  @Min(0)
  version!: number;
}
