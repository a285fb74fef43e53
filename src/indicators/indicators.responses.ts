import { ApiProperty } from '@nestjs/swagger';
import { ApiParam } from '@nestjs/swagger';
import { Assert, Describes, PageOf } from '../common/openapi';
import { CALENDAR_DATE, ID, TIMESTAMP, vocabulary } from '../plans/dto/plan.responses';
import { RAG_RATING } from '../progress/progress.responses';
import { RAG_RATINGS } from '../progress/rag';
import { COMPARATOR_KINDS, CUMULATIONS, FREQUENCIES, INDICATOR_UNITS, Month, POLARITIES, RISK_LABELS, VALUE_STATUSES } from './domain';
import type { IndicatorImportView } from './import/indicator-import.service';
import type { IndicatorMessageCode } from './import/parsed-indicators';
import type { IndicatorView, ValueView, narrativeView, ratingView } from './indicator-views';
import type { EnteredValue, IndicatorValuesService } from './indicator-values.service';
import type { IndicatorSettingsView } from './indicators.service';
import type { PriorityJudgementsService } from './priority-judgements.service';

/**
 * What the indicators API answers, as the view functions build it. The Assert
 * lines at the end stop the type-check when a view and its documentation part
 * ways; test/openapi.e2e-spec.ts checks real answers against the document.
 */

export const INDICATOR_UNIT = vocabulary('IndicatorUnit', INDICATOR_UNITS, "What an outturn is counted in: the board report's Outturn type");
export const POLARITY = vocabulary('Polarity', POLARITIES, 'Which way is better; context only is never rated');
export const FREQUENCY = vocabulary('IndicatorFrequency', FREQUENCIES, 'How often a value is returned: quarterly ones against the quarter’s last month, annual ones against March');
export const CUMULATION = vocabulary('Cumulation', CUMULATIONS, 'What a month’s value covers: the month, the financial year to date (resets each April) or the 12 months to it');
export const COMPARATOR_KIND = vocabulary('ComparatorKind', COMPARATOR_KINDS, 'The council’s own earlier year, its statistical neighbours, its region, England, or another');
export const VALUE_STATUS = vocabulary('ValueStatus', VALUE_STATUSES, 'A provisional figure may still be corrected');
export const RISK_LABEL = vocabulary('RiskLabel', RISK_LABELS, 'The chair’s risk label beside a priority’s RAG: Low, Medium or High Risk');
const OUTCOME = { type: String, enum: ['created', 'changed', 'unchanged'], description: 'created: new; changed: a new version beside the earlier one; unchanged: already so' } as const;
const MONTH = { type: String, pattern: '^\\d{4}-\\d{2}$', example: '2022-06', description: 'A month, YYYY-MM' } as const;

export class NamedRef {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  name!: string;
}

export class PersonRef {
  @ApiProperty({ ...ID, nullable: true, description: 'Null when the account has since been removed' })
  id!: string | null;

  @ApiProperty()
  name!: string;
}

export class IndicatorPriorityLink {
  @ApiProperty(ID)
  sectionId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: 'integer', description: "The indicator's place in the priority's table" })
  position!: number;
}

export class IndicatorOutcomeMeasureLink {
  @ApiProperty(ID)
  activityId!: string;

  @ApiProperty({ description: "One of the activity's outcome measures, as the plan words it" })
  measure!: string;
}

export class ToleranceResponse {
  @ApiProperty({ type: String, enum: ['units', 'percent_of_target'] })
  basis!: 'units' | 'percent_of_target';

  @ApiProperty({ type: Number, description: 'Worse than target by at most this: green' })
  green!: number;

  @ApiProperty({ type: Number, description: 'Worse by at most this: amber; beyond, red' })
  amber!: number;
}

export class IndicatorTargetResponse {
  @ApiProperty({ type: 'integer', nullable: true, example: 2022, description: 'The financial year (2022 for 2022/23); null for a month’s own target' })
  financialYear!: number | null;

  @ApiProperty({ ...MONTH, nullable: true })
  month!: Month | null;

  @ApiProperty({ example: '<17k', description: 'As the council writes it' })
  text!: string;

  @ApiProperty({ type: String, enum: ['value', 'bound', 'tbc'], description: 'A figure, a bound ("<17k": met or not), or TBC (never rated)' })
  kind!: 'value' | 'bound' | 'tbc';

  @ApiProperty({ type: String, enum: ['<', '<=', '>', '>='], nullable: true })
  comparison!: '<' | '<=' | '>' | '>=' | null;

  @ApiProperty({ type: Number, nullable: true, example: 17000 })
  value!: number | null;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;
}

export class IndicatorComparatorResponse {
  @ApiProperty({ example: 'Statistical Neighbours' })
  name!: string;

  @ApiProperty(COMPARATOR_KIND)
  kind!: (typeof COMPARATOR_KINDS)[number];

  @ApiProperty({ type: 'integer', nullable: true })
  financialYear!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'LAIT' })
  source!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Null: not available (N/A), never zero' })
  value!: number | null;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;
}

export class IndicatorAbilities {
  @ApiProperty({ description: 'May enter and correct its monthly values' })
  enterValues!: boolean;

  @ApiProperty({ description: 'May change its definition, targets and comparators' })
  manage!: boolean;
}

export class IndicatorResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty(ID)
  planId!: string;

  @ApiProperty({ type: 'integer', description: 'Its place in the plan’s list of indicators' })
  position!: number;

  @ApiProperty({ example: 'Percentage of re-referrals within 12 months' })
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  definition!: string | null;

  @ApiProperty(INDICATOR_UNIT)
  unit!: (typeof INDICATOR_UNITS)[number];

  @ApiProperty({ ...POLARITY, nullable: true, description: 'Null until set: shown, not rated' })
  polarity!: (typeof POLARITIES)[number] | null;

  @ApiProperty(FREQUENCY)
  frequency!: (typeof FREQUENCIES)[number];

  @ApiProperty(CUMULATION)
  cumulation!: (typeof CUMULATIONS)[number];

  @ApiProperty({ type: () => NamedRef, nullable: true, description: 'Who makes the monthly return' })
  owner!: NamedRef | null;

  @ApiProperty({ type: () => [NamedRef] })
  leadAgencies!: NamedRef[];

  @ApiProperty({ type: () => [IndicatorPriorityLink], description: 'The priorities (sections of the plan) it evidences' })
  priorities!: IndicatorPriorityLink[];

  @ApiProperty({ type: () => [IndicatorOutcomeMeasureLink] })
  outcomeMeasures!: IndicatorOutcomeMeasureLink[];

  @ApiProperty({ type: () => ToleranceResponse, nullable: true, description: "Null: the plan's default" })
  tolerance!: ToleranceResponse | null;

  @ApiProperty({ type: () => [IndicatorTargetResponse] })
  targets!: IndicatorTargetResponse[];

  @ApiProperty({ type: () => [IndicatorComparatorResponse] })
  comparators!: IndicatorComparatorResponse[];

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Send it back with a change: a stale version is refused with 409' })
  version!: number;

  @ApiProperty(TIMESTAMP)
  createdAt!: Date;

  @ApiProperty(TIMESTAMP)
  updatedAt!: Date;

  @ApiProperty({ type: () => IndicatorAbilities, description: 'What you may do with it' })
  can!: IndicatorAbilities;
}

/** A page of indicators. */
export class IndicatorPageResponse extends PageOf(IndicatorResponse) {}

/** The month in a path: YYYY-MM. */
export function ApiMonthParam(description: string): MethodDecorator & ClassDecorator {
  return ApiParam({ name: 'month', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2022-06' }, description });
}

export class IndicatorValueResponse {
  @ApiProperty(MONTH)
  month!: Month;

  @ApiProperty({ type: Number, nullable: true, example: 26, description: 'Null: not available (notAvailable) or withdrawn' })
  value!: number | null;

  @ApiProperty({ description: 'Recorded as N/A: not available, never zero' })
  notAvailable!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  numerator!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  denominator!: number | null;

  @ApiProperty({ ...VALUE_STATUS, nullable: true })
  status!: (typeof VALUE_STATUSES)[number] | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: '1 for the first value entered, one more for each correction: send it to correct this one' })
  version!: number;

  @ApiProperty({ type: () => PersonRef, nullable: true })
  enteredBy!: PersonRef | null;

  @ApiProperty({ ...ID, nullable: true, description: 'The import that wrote this version' })
  fromImport!: string | null;

  @ApiProperty(TIMESTAMP)
  recordedAt!: Date;

  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'When a correction replaced it; null while in force' })
  supersededAt!: Date | null;
}

export class EnteredValueResponse {
  @ApiProperty({ type: String, enum: ['created', 'corrected', 'unchanged'], description: 'corrected: a new version, the earlier kept in the history' })
  outcome!: EnteredValue['outcome'];

  @ApiProperty({ type: () => IndicatorValueResponse })
  value!: IndicatorValueResponse;
}

export class IndicatorValueListResponse {
  @ApiProperty(ID)
  indicatorId!: string;

  @ApiProperty(MONTH)
  from!: Month;

  @ApiProperty(MONTH)
  to!: Month;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: 'The day the values were read as of; null: as they stand' })
  recordedBy!: string | null;

  @ApiProperty({ type: () => [IndicatorValueResponse] })
  items!: IndicatorValueResponse[];
}

export class IndicatorValueHistoryResponse {
  @ApiProperty(ID)
  indicatorId!: string;

  @ApiProperty(MONTH)
  month!: Month;

  @ApiProperty({ type: () => [IndicatorValueResponse], description: 'Oldest first; the last is in force' })
  versions!: IndicatorValueResponse[];
}

export class PriorityNarrativeResponse {
  @ApiProperty(MONTH)
  month!: Month;

  @ApiProperty({ type: String, nullable: true, description: '"What the data tells us"' })
  dataTellsUs!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '"Actions / next steps"' })
  nextSteps!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;

  @ApiProperty({ type: () => PersonRef, nullable: true })
  writtenBy!: PersonRef | null;

  @ApiProperty(TIMESTAMP)
  recordedAt!: Date;

  @ApiProperty({ ...TIMESTAMP, nullable: true })
  supersededAt!: Date | null;
}

export class PriorityRatingResponse {
  @ApiProperty(MONTH)
  month!: Month;

  @ApiProperty({ ...RAG_RATING, nullable: true, description: 'Null in the history: withdrawn' })
  rating!: (typeof RAG_RATINGS)[number] | null;

  @ApiProperty({ ...RISK_LABEL, nullable: true })
  riskLabel!: (typeof RISK_LABELS)[number] | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;

  @ApiProperty({ type: () => PersonRef, nullable: true })
  setBy!: PersonRef | null;

  @ApiProperty({ ...ID, nullable: true, description: 'The import that recorded it (a rating stated in a board report)' })
  fromImport!: string | null;

  @ApiProperty(TIMESTAMP)
  recordedAt!: Date;

  @ApiProperty({ ...TIMESTAMP, nullable: true })
  supersededAt!: Date | null;
}

export class JudgeAbility {
  @ApiProperty({ description: "May write the priority's narratives and rating (the plan's chair, admins)" })
  judge!: boolean;
}

export class PriorityMonthResponse {
  @ApiProperty(ID)
  sectionId!: string;

  @ApiProperty(ID)
  planId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty(MONTH)
  month!: Month;

  @ApiProperty({ type: () => PriorityNarrativeResponse, nullable: true })
  narrative!: PriorityNarrativeResponse | null;

  @ApiProperty({ type: () => PriorityRatingResponse, nullable: true, description: "The chair's rating in force; null when none (or withdrawn)" })
  rating!: PriorityRatingResponse | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: "The rating's current version (a withdrawn one counts), to send with the next change" })
  ratingVersion!: number;

  @ApiProperty({ type: () => [PriorityNarrativeResponse] })
  narrativeHistory!: PriorityNarrativeResponse[];

  @ApiProperty({ type: () => [PriorityRatingResponse] })
  ratingHistory!: PriorityRatingResponse[];

  @ApiProperty({ type: () => JudgeAbility })
  can!: JudgeAbility;
}

export class IndicatorSettingsResponse {
  @ApiProperty(ID)
  planId!: string;

  @ApiProperty({ type: () => ToleranceResponse, nullable: true, description: 'Null: within 5% of target green, 5-15% amber, beyond red' })
  tolerance!: ToleranceResponse | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 60, example: 10 })
  returnWorkingDays!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: '0 until the plan sets its own; send it with the next change' })
  version!: number;
}

export class IndicatorImportMessage {
  @ApiProperty({ type: String, example: 'unreadable_value', description: 'What kind of message: unreadable_value, month_heading_corrected, rating_kept, …' })
  code!: IndicatorMessageCode;

  @ApiProperty({ type: String, enum: ['warning', 'note'] })
  severity!: 'warning' | 'note';

  @ApiProperty({ example: "row 10, column 'Feb-22': '≈88' is not a number; left empty" })
  message!: string;

  @ApiProperty({ type: String, required: false })
  sheet?: string;

  @ApiProperty({ type: 'integer', required: false })
  row?: number;

  @ApiProperty({ type: String, required: false })
  column?: string;

  @ApiProperty({ type: String, required: false, description: 'The cell as written' })
  cellText?: string;
}

export class ImportSectionRef {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  title!: string;
}

export class IndicatorImportPriority {
  @ApiProperty({ type: String, nullable: true })
  title!: string | null;

  @ApiProperty({ type: String, nullable: true })
  number!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Amber, Medium Risk', description: 'The RAG the heading states' })
  sheetRating!: string | null;

  @ApiProperty({
    type: String,
    enum: ['matched', 'create', 'unmatched', 'none'],
    description: 'matched a section; create: a new section (createSections); unmatched: the commit is refused; none: indicators under no priority',
  })
  action!: 'matched' | 'create' | 'unmatched' | 'none';

  @ApiProperty({ type: () => ImportSectionRef, nullable: true })
  section!: ImportSectionRef | null;

  @ApiProperty({ ...OUTCOME, nullable: true, description: "What happens to the chair's rating for the latest month" })
  ratingOutcome!: 'created' | 'changed' | 'unchanged' | null;

  @ApiProperty({ type: 'integer', nullable: true })
  row!: number | null;
}

export class IndicatorImportValue {
  @ApiProperty(MONTH)
  month!: Month;

  @ApiProperty({ description: 'The cell as written' })
  text!: string;

  @ApiProperty({ type: Number, nullable: true })
  value!: number | null;

  @ApiProperty()
  notAvailable!: boolean;

  @ApiProperty(OUTCOME)
  outcome!: 'created' | 'changed' | 'unchanged';

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }], description: 'A correction: the value on record before (N/A as "N/A")' })
  was!: number | 'N/A' | null;
}

export class IndicatorImportTarget {
  @ApiProperty({ type: 'integer' })
  financialYear!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty(OUTCOME)
  outcome!: 'created' | 'changed' | 'unchanged';
}

export class IndicatorImportComparator {
  @ApiProperty()
  name!: string;

  @ApiProperty(COMPARATOR_KIND)
  kind!: (typeof COMPARATOR_KINDS)[number];

  @ApiProperty({ type: 'integer', nullable: true })
  financialYear!: number | null;

  @ApiProperty({ description: 'The cell as written' })
  text!: string;

  @ApiProperty({ type: Number, nullable: true })
  value!: number | null;

  @ApiProperty(OUTCOME)
  outcome!: 'created' | 'changed' | 'unchanged';
}

export class IndicatorImportIndicator {
  @ApiProperty()
  title!: string;

  @ApiProperty({ type: 'integer' })
  row!: number;

  @ApiProperty({ type: [String], description: 'The priorities it is under in the sheet (null for none)', items: { type: ['string', 'null'] } })
  priorities!: Array<string | null>;

  @ApiProperty({ type: String, enum: ['create', 'update', 'unchanged'] })
  action!: 'create' | 'update' | 'unchanged';

  @ApiProperty({ ...ID, nullable: true })
  indicatorId!: string | null;

  @ApiProperty({ ...INDICATOR_UNIT, nullable: true })
  unit!: (typeof INDICATOR_UNITS)[number] | null;

  @ApiProperty({ type: String, nullable: true })
  unitLabel!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'PERCENTAGE', description: 'The Outturn type as written' })
  unitText!: string | null;

  @ApiProperty({ ...POLARITY, nullable: true })
  polarity!: (typeof POLARITIES)[number] | null;

  @ApiProperty(CUMULATION)
  cumulation!: (typeof CUMULATIONS)[number];

  @ApiProperty({ type: () => [IndicatorImportValue] })
  values!: IndicatorImportValue[];

  @ApiProperty({ type: () => [IndicatorImportTarget] })
  targets!: IndicatorImportTarget[];

  @ApiProperty({ type: () => [IndicatorImportComparator] })
  comparators!: IndicatorImportComparator[];
}

export class IndicatorImportSummary {
  @ApiProperty({ type: 'integer' }) sectionsCreated!: number;
  @ApiProperty({ type: 'integer' }) indicatorsCreated!: number;
  @ApiProperty({ type: 'integer' }) indicatorsUpdated!: number;
  @ApiProperty({ type: 'integer' }) indicatorsUnchanged!: number;
  @ApiProperty({ type: 'integer' }) valuesCreated!: number;
  @ApiProperty({ type: 'integer' }) valuesCorrected!: number;
  @ApiProperty({ type: 'integer' }) valuesUnchanged!: number;
  @ApiProperty({ type: 'integer' }) targetsSet!: number;
  @ApiProperty({ type: 'integer' }) comparatorsSet!: number;
  @ApiProperty({ type: 'integer' }) ratingsRecorded!: number;
}

export class IndicatorImportPreviewResponse {
  @ApiProperty(ID)
  planId!: string;

  @ApiProperty({ type: String, nullable: true })
  fileName!: string | null;

  @ApiProperty({ type: String, enum: ['wide', 'long'], description: 'wide: the board-report table; long: a monthly return' })
  layout!: 'wide' | 'long';

  @ApiProperty({ type: String, nullable: true })
  sheet!: string | null;

  @ApiProperty({ type: [String], example: ['2021-10', '2021-11'], description: 'Every month the sheet has, oldest first' })
  months!: Month[];

  @ApiProperty({ ...MONTH, nullable: true })
  latestMonth!: Month | null;

  @ApiProperty({ type: () => [IndicatorImportPriority] })
  priorities!: IndicatorImportPriority[];

  @ApiProperty({ type: () => [IndicatorImportIndicator] })
  indicators!: IndicatorImportIndicator[];

  @ApiProperty({ type: () => IndicatorImportSummary })
  summary!: IndicatorImportSummary;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'What stops the commit, by where to fix it ("priorities[2]", "indicators[3].unit"); empty when it can go ahead' })
  problems!: Record<string, string>;

  @ApiProperty({ type: () => [IndicatorImportMessage], description: 'For a person to check: unreadable cells, disagreements with the plan' })
  warnings!: IndicatorImportMessage[];

  @ApiProperty({ type: () => [IndicatorImportMessage], description: 'What the importer did on its own' })
  notes!: IndicatorImportMessage[];
}

export class IndicatorImportResponse extends IndicatorImportPreviewResponse {
  @ApiProperty({ ...ID, nullable: true, description: 'On the audit trail (indicator_import) and on every version it wrote; null when the sheet held nothing new and nothing was written' })
  importId!: string | null;
}

// The documentation and the views, field for field.
type IndicatorChecked = Assert<Describes<IndicatorResponse, IndicatorView>>;
type ValueChecked = Assert<Describes<IndicatorValueResponse, ValueView>>;
type EnteredChecked = Assert<Describes<EnteredValueResponse, EnteredValue>>;
type ValueListChecked = Assert<Describes<IndicatorValueListResponse, Awaited<ReturnType<IndicatorValuesService['list']>>>>;
type HistoryChecked = Assert<Describes<IndicatorValueHistoryResponse, Awaited<ReturnType<IndicatorValuesService['history']>>>>;
type NarrativeChecked = Assert<Describes<PriorityNarrativeResponse, ReturnType<typeof narrativeView>>>;
type RatingChecked = Assert<Describes<PriorityRatingResponse, ReturnType<typeof ratingView>>>;
type MonthChecked = Assert<Describes<PriorityMonthResponse, Awaited<ReturnType<PriorityJudgementsService['month']>>>>;
type SettingsChecked = Assert<Describes<IndicatorSettingsResponse, IndicatorSettingsView>>;
type ImportChecked = Assert<Describes<IndicatorImportPreviewResponse, IndicatorImportView>>;
export type IndicatorResponsesChecked = [IndicatorChecked, ValueChecked, EnteredChecked, ValueListChecked, HistoryChecked, NarrativeChecked, RatingChecked, MonthChecked, SettingsChecked, ImportChecked];
