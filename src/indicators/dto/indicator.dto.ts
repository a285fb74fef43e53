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
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery, toInt } from '../../common/pagination';
import { RAG_RATINGS, RagRating } from '../../progress/rag';
import { COMPARATOR_KINDS, CUMULATIONS, ComparatorKind, Cumulation, FREQUENCIES, Frequency, INDICATOR_UNITS, IndicatorUnit, POLARITIES, Polarity, RISK_LABELS, RiskLabel, VALUE_STATUSES, ValueStatus } from '../domain';

/** 'YYYY-MM', a month between 1900 and 2999. */
export const MONTH_PATTERN = /^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = 'must be a month written YYYY-MM';
const oneOf = (values: readonly string[]) => ({ message: `must be one of: ${values.join(', ')}` });

export class ToleranceDto {
  /** units (points for a percentage) or percent_of_target. */
  @IsIn(['units', 'percent_of_target'], oneOf(['units', 'percent_of_target']))
  basis!: 'units' | 'percent_of_target';

  /** Worse than target by at most this: green. */
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  @Max(1_000_000)
  green!: number;

  /** Worse by at most this (more than green): amber; beyond it, red. Not narrower than green. */
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  @Max(1_000_000)
  amber!: number;
}

export class OutcomeMeasureLinkDto {
  @IsUUID('all', { message: 'must be the id (a UUID) of an activity of the plan' })
  activityId!: string;

  /** One of the activity's outcome measures, as the plan words it. */
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(5000)
  measure!: string;
}

export class TargetDto {
  /** The financial year it is for: 2022 for 2022/23. Give this or month. */
  @ValidateIf((target: TargetDto) => target.month === undefined || target.financialYear !== undefined)
  @IsInt({ message: 'must be the year the financial year starts in, e.g. 2022 for 2022/23 (or give month instead)' })
  @Min(1900)
  @Max(2999)
  financialYear?: number;

  /** A month's own target, YYYY-MM, where the council set one for the month. */
  @IsOmittable()
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month?: string;

  /** As the council writes it: "23%", "<17k", "at least 90%", "TBC". */
  @IsString()
  @IsNotEmpty({ message: 'must not be empty; write TBC for a target still to be set' })
  @MaxLength(100)
  target!: string;
}

export class ComparatorDto {
  /** As the board table heads it: "Statistical Neighbours", "South East", "Southampton 19/20". */
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  name!: string;

  /** What it is; "other" when left out. */
  @IsOmittable()
  @IsIn(COMPARATOR_KINDS, oneOf(COMPARATOR_KINDS))
  kind?: ComparatorKind;

  /** The financial year it describes (2019 for 19/20). */
  @IsOptional()
  @IsInt({ message: 'must be a year' })
  @Min(1900)
  @Max(2999)
  financialYear?: number | null;

  /** Where the figure comes from: LAIT, ChAT, DfE statistics. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string | null;

  /** The figure; null when not available (N/A), never zero. */
  @ValidateIf((_c, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number, or null for not available (N/A)' })
  value!: number | null;
}

class IndicatorFields {
  /** The indicator as the council writes it: "Percentage of re-referrals within 12 months". */
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(500)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  definition?: string | null;

  @IsIn(INDICATOR_UNITS, oneOf(INDICATOR_UNITS))
  unit!: IndicatorUnit;

  /** Which way is better; null leaves the indicator unrated until it is set. */
  @IsOptional()
  @IsIn(POLARITIES, oneOf(POLARITIES))
  polarity?: Polarity | null;

  @IsOmittable()
  @IsIn(FREQUENCIES, oneOf(FREQUENCIES))
  frequency?: Frequency;

  /** What a month's value covers: the month, the financial year to date (resets each April) or a rolling 12 months. */
  @IsOmittable()
  @IsIn(CUMULATIONS, oneOf(CUMULATIONS))
  cumulation?: Cumulation;

  /** The person who makes the monthly return. */
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of a user' })
  ownerId?: string | null;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be lead agency ids (UUIDs)' })
  leadAgencyIds?: string[];

  /** The priorities (sections of the plan) it evidences. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be section ids (UUIDs) of the plan' })
  sectionIds?: string[];

  /** The outcome measures it quantifies: an activity of the plan and one of its measures, word for word. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OutcomeMeasureLinkDto)
  outcomeMeasures?: OutcomeMeasureLinkDto[];

  /** The indicator's own tolerance; null uses the plan's default. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ToleranceDto)
  tolerance?: ToleranceDto | null;

  /** Its targets; on an update, the whole list (a year or month left out loses its target). */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];

  /** Its comparators; on an update, the whole list. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ComparatorDto)
  comparators?: ComparatorDto[];
}

export class CreateIndicatorDto extends IndicatorFields {
  @IsUUID('all', { message: 'must be the id (a UUID) of a plan' })
  planId!: string;
}

export class UpdateIndicatorDto {
  @IsOmittable()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(500)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  definition?: string | null;

  @IsOmittable()
  @IsIn(INDICATOR_UNITS, oneOf(INDICATOR_UNITS))
  unit?: IndicatorUnit;

  @IsOptional()
  @IsIn(POLARITIES, oneOf(POLARITIES))
  polarity?: Polarity | null;

  @IsOmittable()
  @IsIn(FREQUENCIES, oneOf(FREQUENCIES))
  frequency?: Frequency;

  @IsOmittable()
  @IsIn(CUMULATIONS, oneOf(CUMULATIONS))
  cumulation?: Cumulation;

  @IsOptional()
  @IsUUID('all', { message: 'must be the id (a UUID) of a user' })
  ownerId?: string | null;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be lead agency ids (UUIDs)' })
  leadAgencyIds?: string[];

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be section ids (UUIDs) of the plan' })
  sectionIds?: string[];

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OutcomeMeasureLinkDto)
  outcomeMeasures?: OutcomeMeasureLinkDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ToleranceDto)
  tolerance?: ToleranceDto | null;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ComparatorDto)
  comparators?: ComparatorDto[];

  /** The indicator's version you loaded: a stale edit is refused with 409. */
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class IndicatorListQuery extends PaginationQuery {
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId?: string;

  /** Only the indicators evidencing this priority (section). */
  @IsOptional()
  @IsUUID('all', { message: 'must be a section id (a UUID)' })
  sectionId?: string;

  /** Only those led by this agency or its divisions. */
  @IsOptional()
  @IsUUID('all', { message: 'must be a lead agency id (a UUID)' })
  leadAgencyId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be a user id (a UUID)' })
  ownerId?: string;
}

export class EnterValueDto {
  /** The month's figure; leave it out to work it out from numerator and denominator (percentages, rates, ratios). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  value?: number | null;

  /** True for "N/A": not available this month (never zero). */
  @IsOmittable()
  @IsBoolean({ message: 'must be true or false' })
  notAvailable?: boolean;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  numerator?: number | null;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  denominator?: number | null;

  /** provisional or final; a provisional figure may still be corrected. */
  @IsOptional()
  @IsIn(VALUE_STATUSES, oneOf(VALUE_STATUSES))
  status?: ValueStatus | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  /**
   * The version of the month's value you loaded (0 when there was none). A
   * correction without it, or with a stale one, is refused with 409 and the
   * value as it now stands.
   */
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version of the value you loaded (0 when there was none)' })
  @Min(0)
  version?: number;
}

export class MonthParam {
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month!: string;
}

export class ValueListQuery {
  /** From this month (YYYY-MM); 24 months before `to` when left out. */
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  from?: string;

  /** To this month; the current month when left out. */
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  to?: string;

  /** The values as the record held them at the end of this day (YYYY-MM-DD); now when left out. */
  @IsOptional()
  @IsCalendarDate()
  recordedBy?: string;
}

export class NarrativeDto {
  /** "What the data tells us"; null or empty clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  dataTellsUs?: string | null;

  /** "Actions / next steps". */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  nextSteps?: string | null;

  /** The version you loaded (0 when none was written). */
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded (0 when there was none)' })
  @Min(0)
  version?: number;
}

export class PriorityRatingDto {
  /** The chair's rating of the priority for the month. */
  @IsIn(RAG_RATINGS, oneOf(RAG_RATINGS))
  rating!: RagRating;

  /** Low, Medium or High Risk, printed beside the rating. */
  @IsOptional()
  @IsIn(RISK_LABELS, oneOf(RISK_LABELS))
  riskLabel?: RiskLabel | null;

  @IsString()
  @IsNotEmpty({ message: 'must give the reason for the rating' })
  @MaxLength(2000)
  reason!: string;

  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded (0 when there was none)' })
  @Min(0)
  version?: number;
}

export class RequiredVersionQuery {
  @Transform(toInt)
  @IsInt({ message: 'must be the whole-number version you loaded (?version=N)' })
  version!: number;
}

export class IndicatorSettingsDto {
  /** The plan's default tolerance; null for within 5% of target green, 5-15% amber. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ToleranceDto)
  tolerance?: ToleranceDto | null;

  /** A month's return is due this many working days after the month ends (10 by default). */
  @IsOmittable()
  @IsInt({ message: 'must be a whole number of working days' })
  @Min(0)
  @Max(60)
  returnWorkingDays?: number;

  /** The settings' version you loaded (0 for a plan that has none yet). */
  @IsInt({ message: 'must be the whole-number version you loaded (0 when there were none)' })
  @Min(0)
  version!: number;
}
