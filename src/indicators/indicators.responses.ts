import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { COMPARATOR_KINDS, CUMULATIONS, FREQUENCIES, INDICATOR_UNITS, POLARITIES, RISK_LABELS, VALUE_STATUSES } from './domain';

/**
 * The shapes the indicators API answers with, for the OpenAPI document: each
 * operation names its 2xx type and its 4xx answers, so a client can be
 * generated from the document.
 */

export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Some fields are not valid' })
  message!: string;

  @ApiPropertyOptional({ description: 'Field path -> the problem, e.g. { "targets[0].target": "\'≈20\' is not a number" }', type: 'object', additionalProperties: { type: 'string' } })
  errors?: Record<string, string>;
}

export class ConflictResponse extends ErrorResponse {
  @ApiProperty({ description: 'The thing as it now stands, to show what changed', type: 'object', additionalProperties: true, nullable: true })
  current!: object | null;
}

const STATUS_ERRORS = {
  400: ApiBadRequestResponse({ type: ErrorResponse, description: 'A field is not valid: errors names it and the problem' }),
  401: ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No valid access token' }),
  403: ApiForbiddenResponse({ type: ErrorResponse, description: 'Within reach, but not yours to do' }),
  404: ApiNotFoundResponse({ type: ErrorResponse, description: 'No such thing, or outside your reach' }),
  409: ApiConflictResponse({ type: ConflictResponse, description: 'Changed by someone else since you loaded it: the current state is in current' }),
  413: ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Larger than IMPORT_MAX_BYTES' }),
  415: ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Not a file an import reads' }),
} as const;

/** The 4xx answers an operation gives (401 always). */
export function ApiErrors(...statuses: Array<keyof typeof STATUS_ERRORS>): MethodDecorator & ClassDecorator {
  return applyDecorators(...[401 as const, ...statuses.filter((s) => s !== 401)].map((status) => STATUS_ERRORS[status]));
}

class Named {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

class PersonRef {
  @ApiProperty({ format: 'uuid', nullable: true })
  id!: string | null;

  @ApiProperty()
  name!: string;
}

class PriorityLink {
  @ApiProperty({ format: 'uuid' })
  sectionId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: "The indicator's place in the priority's table" })
  position!: number;
}

class OutcomeMeasureLink {
  @ApiProperty({ format: 'uuid' })
  activityId!: string;

  @ApiProperty()
  measure!: string;
}

class ToleranceResponse {
  @ApiProperty({ enum: ['units', 'percent_of_target'] })
  basis!: string;

  @ApiProperty()
  green!: number;

  @ApiProperty()
  amber!: number;
}

class TargetResponse {
  @ApiProperty({ nullable: true, example: 2022, description: 'The financial year (2022 for 2022/23), or null for a month’s own target' })
  financialYear!: number | null;

  @ApiProperty({ nullable: true, example: null })
  month!: string | null;

  @ApiProperty({ example: '<17k' })
  text!: string;

  @ApiProperty({ enum: ['value', 'bound', 'tbc'] })
  kind!: string;

  @ApiProperty({ nullable: true, enum: ['<', '<=', '>', '>='] })
  comparison!: string | null;

  @ApiProperty({ nullable: true, example: 17000 })
  value!: number | null;

  @ApiProperty()
  version!: number;
}

class ComparatorResponse {
  @ApiProperty({ example: 'Statistical Neighbours' })
  name!: string;

  @ApiProperty({ enum: COMPARATOR_KINDS })
  kind!: string;

  @ApiProperty({ nullable: true })
  financialYear!: number | null;

  @ApiProperty({ nullable: true })
  source!: string | null;

  @ApiProperty({ nullable: true, description: 'Null: not available (N/A), never zero' })
  value!: number | null;

  @ApiProperty()
  version!: number;
}

class IndicatorAbilities {
  @ApiProperty({ description: 'May enter and correct its monthly values' })
  enterValues!: boolean;

  @ApiProperty({ description: 'May change its definition, targets and comparators' })
  manage!: boolean;
}

export class IndicatorResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty()
  position!: number;

  @ApiProperty({ example: 'Percentage of re-referrals within 12 months' })
  title!: string;

  @ApiProperty({ nullable: true })
  definition!: string | null;

  @ApiProperty({ enum: INDICATOR_UNITS })
  unit!: string;

  @ApiProperty({ enum: POLARITIES, nullable: true, description: 'Null until set: shown but not rated' })
  polarity!: string | null;

  @ApiProperty({ enum: FREQUENCIES })
  frequency!: string;

  @ApiProperty({ enum: CUMULATIONS })
  cumulation!: string;

  @ApiProperty({ type: Named, nullable: true })
  owner!: Named | null;

  @ApiProperty({ type: [Named] })
  leadAgencies!: Named[];

  @ApiProperty({ type: [PriorityLink] })
  priorities!: PriorityLink[];

  @ApiProperty({ type: [OutcomeMeasureLink] })
  outcomeMeasures!: OutcomeMeasureLink[];

  @ApiProperty({ type: ToleranceResponse, nullable: true, description: "Null: the plan's default" })
  tolerance!: ToleranceResponse | null;

  @ApiProperty({ type: [TargetResponse] })
  targets!: TargetResponse[];

  @ApiProperty({ type: [ComparatorResponse] })
  comparators!: ComparatorResponse[];

  @ApiProperty()
  version!: number;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({ type: IndicatorAbilities })
  can!: IndicatorAbilities;
}

export class IndicatorPageResponse {
  @ApiProperty({ type: [IndicatorResponse] })
  items!: IndicatorResponse[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty()
  total!: number;
}

export class ValueResponse {
  @ApiProperty({ example: '2022-06' })
  month!: string;

  @ApiProperty({ nullable: true, example: 26 })
  value!: number | null;

  @ApiProperty({ description: 'Recorded as N/A: not available, never zero' })
  notAvailable!: boolean;

  @ApiProperty({ nullable: true })
  numerator!: number | null;

  @ApiProperty({ nullable: true })
  denominator!: number | null;

  @ApiProperty({ enum: VALUE_STATUSES, nullable: true })
  status!: string | null;

  @ApiProperty({ nullable: true })
  note!: string | null;

  @ApiProperty({ description: '1 for the first value entered, one more for each correction' })
  version!: number;

  @ApiProperty({ type: PersonRef, nullable: true })
  enteredBy!: PersonRef | null;

  @ApiProperty({ format: 'uuid', nullable: true, description: 'The import that wrote this version' })
  fromImport!: string | null;

  @ApiProperty()
  recordedAt!: Date;

  @ApiProperty({ nullable: true, description: 'When a correction replaced it; null while in force' })
  supersededAt!: Date | null;
}

export class EnteredValueResponse {
  @ApiProperty({ enum: ['created', 'corrected', 'unchanged'] })
  outcome!: string;

  @ApiProperty({ type: ValueResponse })
  value!: ValueResponse;
}

export class ValueListResponse {
  @ApiProperty({ format: 'uuid' })
  indicatorId!: string;

  @ApiProperty({ example: '2021-07' })
  from!: string;

  @ApiProperty({ example: '2022-06' })
  to!: string;

  @ApiProperty({ nullable: true, description: 'The day the values were read as of; null: as they stand' })
  recordedBy!: string | null;

  @ApiProperty({ type: [ValueResponse] })
  items!: ValueResponse[];
}

export class ValueHistoryResponse {
  @ApiProperty({ format: 'uuid' })
  indicatorId!: string;

  @ApiProperty()
  month!: string;

  @ApiProperty({ type: [ValueResponse], description: 'Oldest first; the last is in force' })
  versions!: ValueResponse[];
}

export class NarrativeResponse {
  @ApiProperty()
  month!: string;

  @ApiProperty({ nullable: true })
  dataTellsUs!: string | null;

  @ApiProperty({ nullable: true })
  nextSteps!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ type: PersonRef, nullable: true })
  writtenBy!: PersonRef | null;

  @ApiProperty()
  recordedAt!: Date;

  @ApiProperty({ nullable: true })
  supersededAt!: Date | null;
}

export class PriorityRatingResponse {
  @ApiProperty()
  month!: string;

  @ApiProperty({ enum: ['red', 'amber', 'green', 'blue'], nullable: true, description: 'Null in the history: withdrawn' })
  rating!: string | null;

  @ApiProperty({ enum: RISK_LABELS, nullable: true })
  riskLabel!: string | null;

  @ApiProperty({ nullable: true })
  reason!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ type: PersonRef, nullable: true })
  setBy!: PersonRef | null;

  @ApiProperty({ format: 'uuid', nullable: true })
  fromImport!: string | null;

  @ApiProperty()
  recordedAt!: Date;

  @ApiProperty({ nullable: true })
  supersededAt!: Date | null;
}

class JudgeAbility {
  @ApiProperty({ description: "May write the priority's narratives and rating (the plan's chair, admins)" })
  judge!: boolean;
}

export class PriorityMonthResponse {
  @ApiProperty({ format: 'uuid' })
  sectionId!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  month!: string;

  @ApiProperty({ type: NarrativeResponse, nullable: true })
  narrative!: NarrativeResponse | null;

  @ApiProperty({ type: PriorityRatingResponse, nullable: true })
  rating!: PriorityRatingResponse | null;

  @ApiProperty({ description: "The rating's current version (a withdrawn rating counts), for the next change" })
  ratingVersion!: number;

  @ApiProperty({ type: [NarrativeResponse] })
  narrativeHistory!: NarrativeResponse[];

  @ApiProperty({ type: [PriorityRatingResponse] })
  ratingHistory!: PriorityRatingResponse[];

  @ApiProperty({ type: JudgeAbility })
  can!: JudgeAbility;
}

export class IndicatorSettingsResponse {
  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty({ type: ToleranceResponse, nullable: true, description: 'Null: within 5% of target green, 5-15% amber, beyond red' })
  tolerance!: ToleranceResponse | null;

  @ApiProperty({ example: 10 })
  returnWorkingDays!: number;

  @ApiProperty({ description: '0 until the plan sets its own' })
  version!: number;
}

class ImportMessage {
  @ApiProperty({ example: 'unreadable_value' })
  code!: string;

  @ApiProperty({ enum: ['warning', 'note'] })
  severity!: string;

  @ApiProperty({ example: "row 10, column 'Feb-22': '≈88' is not a number; left empty" })
  message!: string;

  @ApiPropertyOptional()
  sheet?: string;

  @ApiPropertyOptional()
  row?: number;

  @ApiPropertyOptional()
  column?: string;

  @ApiPropertyOptional()
  cellText?: string;
}

class ImportPriority {
  @ApiProperty({ nullable: true })
  title!: string | null;

  @ApiProperty({ nullable: true })
  number!: string | null;

  @ApiProperty({ nullable: true, example: 'Amber, Medium Risk' })
  sheetRating!: string | null;

  @ApiProperty({ enum: ['matched', 'create', 'unmatched', 'none'], description: 'matched a section; create (with createSections) or unmatched (refused) a new one; none: no priority' })
  action!: string;

  @ApiProperty({ type: Named, nullable: true })
  section!: { id: string; title: string } | null;

  @ApiProperty({ enum: ['created', 'changed', 'unchanged'], nullable: true })
  ratingOutcome!: string | null;

  @ApiProperty({ nullable: true })
  row!: number | null;
}

class ImportValue {
  @ApiProperty()
  month!: string;

  @ApiProperty({ description: 'The cell as written' })
  text!: string;

  @ApiProperty({ nullable: true })
  value!: number | null;

  @ApiProperty()
  notAvailable!: boolean;

  @ApiProperty({ enum: ['created', 'changed', 'unchanged'], description: 'changed: a correction, the earlier value kept in the history' })
  outcome!: string;

  @ApiProperty({ nullable: true, description: 'The value on record before, for a correction', oneOf: [{ type: 'number' }, { type: 'string' }] })
  was!: number | string | null;
}

class ImportTarget {
  @ApiProperty()
  financialYear!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ enum: ['created', 'changed', 'unchanged'] })
  outcome!: string;
}

class ImportComparator {
  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: COMPARATOR_KINDS })
  kind!: string;

  @ApiProperty({ nullable: true })
  financialYear!: number | null;

  @ApiProperty()
  text!: string;

  @ApiProperty({ nullable: true })
  value!: number | null;

  @ApiProperty({ enum: ['created', 'changed', 'unchanged'] })
  outcome!: string;
}

class ImportIndicator {
  @ApiProperty()
  title!: string;

  @ApiProperty()
  row!: number;

  @ApiProperty({ type: [String], description: 'The priorities it is under in the sheet' })
  priorities!: Array<string | null>;

  @ApiProperty({ enum: ['create', 'update', 'unchanged'] })
  action!: string;

  @ApiProperty({ format: 'uuid', nullable: true })
  indicatorId!: string | null;

  @ApiProperty({ enum: INDICATOR_UNITS, nullable: true })
  unit!: string | null;

  @ApiProperty({ nullable: true })
  unitLabel!: string | null;

  @ApiProperty({ nullable: true, example: 'PERCENTAGE' })
  unitText!: string | null;

  @ApiProperty({ enum: POLARITIES, nullable: true })
  polarity!: string | null;

  @ApiProperty({ enum: CUMULATIONS })
  cumulation!: string;

  @ApiProperty({ type: [ImportValue] })
  values!: ImportValue[];

  @ApiProperty({ type: [ImportTarget] })
  targets!: ImportTarget[];

  @ApiProperty({ type: [ImportComparator] })
  comparators!: ImportComparator[];
}

class ImportSummaryResponse {
  @ApiProperty() sectionsCreated!: number;
  @ApiProperty() indicatorsCreated!: number;
  @ApiProperty() indicatorsUpdated!: number;
  @ApiProperty() indicatorsUnchanged!: number;
  @ApiProperty() valuesCreated!: number;
  @ApiProperty() valuesCorrected!: number;
  @ApiProperty() valuesUnchanged!: number;
  @ApiProperty() targetsSet!: number;
  @ApiProperty() comparatorsSet!: number;
  @ApiProperty() ratingsRecorded!: number;
}

export class IndicatorImportPreviewResponse {
  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty({ nullable: true })
  fileName!: string | null;

  @ApiProperty({ enum: ['wide', 'long'] })
  layout!: string;

  @ApiProperty({ nullable: true })
  sheet!: string | null;

  @ApiProperty({ type: [String], example: ['2021-10', '2021-11'] })
  months!: string[];

  @ApiProperty({ nullable: true })
  latestMonth!: string | null;

  @ApiProperty({ type: [ImportPriority] })
  priorities!: ImportPriority[];

  @ApiProperty({ type: [ImportIndicator] })
  indicators!: ImportIndicator[];

  @ApiProperty({ type: ImportSummaryResponse })
  summary!: ImportSummaryResponse;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'What stops the commit, by where to fix it; empty when it can go ahead' })
  problems!: Record<string, string>;

  @ApiProperty({ type: [ImportMessage], description: 'For a person to check: unreadable cells, disagreements with the plan' })
  warnings!: ImportMessage[];

  @ApiProperty({ type: [ImportMessage], description: 'What the importer did on its own' })
  notes!: ImportMessage[];
}

export class IndicatorImportResponse extends IndicatorImportPreviewResponse {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'On the audit trail (entityType indicator_import) and on every version it wrote; null when the sheet held nothing new and nothing was written' })
  importId!: string | null;
}
