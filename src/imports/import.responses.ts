import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Assert, Describes, ErrorBody } from '../common/openapi';
import type { CalendarDate, TimescaleBand } from '../deadlines';
import { CADENCE, CALENDAR_DATE, CostResponse, CountsByBand, PLAN_KIND, PlanAbbreviationResponse, TIMESCALE_BAND, vocabulary } from '../plans/dto/plan.responses';
import type { PlanKind } from '../plans/plan-vocabulary';
import type { MatchedBy } from './agency-matching';
import { IMPORT_FORMATS, ImportFormat, MessageCode, PROBLEMS, ProblemCode, TABLE_LAYOUTS, TableLayout } from './import-model';
import type { PeriodSource } from './import-resolver';
import type { ImportView } from './import-views';
import type { ImportsService } from './imports.service';
import type { Cadence } from './parsers/timescales';

/**
 * What an import answers (import-views.ts): the tree as it will be (or was)
 * written, where each row came from, the agencies matched or created, parsed
 * costs and dates, warnings, and for an existing plan what changes. Also the
 * refusal an import answers, naming the problem and the line.
 */

// Written as objects so the type-check fails when a code is added on one side only.
const MATCHED_BY = Object.keys({
  request_alias: 1,
  name: 1,
  alias: 1,
  short_name: 1,
  plan_key: 1,
  division: 1,
  new: 1,
  unmatched: 1,
} satisfies Record<MatchedBy, 1>) as MatchedBy[];

const MESSAGE_CODES = Object.keys({
  shifted_row: 1,
  missing_lead_agency: 1,
  truncated_text: 1,
  duplicate_activity: 1,
  repeated_activity: 1,
  date_before_plan_start: 1,
  empty_measures: 1,
  unreadable_date: 1,
  no_timescale: 1,
  no_plan_start: 1,
  unnumbered_recommendation: 1,
  row_without_activity: 1,
  stray_line: 1,
  cost_in_lead_agency: 1,
  new_lead_agency: 1,
  missing_paragraph: 1,
  joined_across_rows: 1,
  inferred_section: 1,
  ignored_sheet: 1,
  unmapped_column: 1,
  unmatched_lead_agency: 1,
  proposed_period: 1,
  plan_exists: 1,
} satisfies Record<MessageCode, 1>) as MessageCode[];

const AGENCY_MATCHED_BY = vocabulary(
  'AgencyMatchedBy',
  MATCHED_BY,
  "How a spelling was matched to a lead agency: a correction in the request, its name, an alias, its short name, the plan's own key, as a division, new, or unmatched (a person maps it with agencyAliases)",
);

const ID = { type: String, format: 'uuid' } as const;
const COUNT = { type: 'integer', minimum: 0 } as const;
const CHANGES: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { before: {}, after: {} }, required: ['before', 'after'] },
  description: 'Field -> its value before and after, for what already exists and would change',
  example: { text: { before: 'Audit case files', after: 'Audit case files quarterly' } },
};

/** Where something came from: a line of pasted text or CSV, or a sheet and row of a workbook. */
export class ImportPlaceFields {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  line?: number;

  @ApiPropertyOptional({ type: [Number], description: 'Every line, when it spans several' })
  lines?: number[];

  @ApiPropertyOptional()
  sheet?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  row?: number;

  @ApiPropertyOptional({ type: [Number], description: 'Every row, when it spans several' })
  rows?: number[];
}

export class ImportMessageResponse extends ImportPlaceFields {
  @ApiProperty(vocabulary('ImportMessageCode', MESSAGE_CODES, 'What the message is about'))
  code!: MessageCode;

  @ApiProperty({ example: 'Line 83: the lead agency cell is empty' })
  message!: string;

  @ApiPropertyOptional({ description: "The column's heading, for unmapped_column" })
  column?: string;

  @ApiPropertyOptional({ ...ID, description: 'The plan meant, for plan_exists' })
  planId?: string;
}

export class ImportSourceResponse {
  @ApiProperty({ type: String, nullable: true })
  reportTitle!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  inspectionStartDate!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  inspectionEndDate!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  publishedOn!: string | null;
}

const PERIOD_SOURCES = Object.keys({ request: 1, plan: 1, title: 1, dates: 1 } satisfies Record<PeriodSource, 1>) as PeriodSource[];
const PERIOD_SOURCE = vocabulary(
  'PeriodSource',
  PERIOD_SOURCES,
  "Where the plan's period came from: the request, the plan already stored, the plan's title, or the dates it writes",
);

export class ImportPeriodFromResponse {
  @ApiProperty({ ...PERIOD_SOURCE, nullable: true })
  startsOn!: PeriodSource | null;

  @ApiProperty({ ...PERIOD_SOURCE, nullable: true })
  endsOn!: PeriodSource | null;
}

export class ImportPlanResponse {
  @ApiProperty({ ...ID, nullable: true, description: 'The plan imported into; null for a new plan before it is written' })
  id!: string | null;

  @ApiProperty({ enum: ['create', 'update'] })
  action!: 'create' | 'update';

  @ApiProperty()
  title!: string;

  @ApiProperty(PLAN_KIND)
  kind!: PlanKind;

  @ApiProperty({ type: () => ImportSourceResponse })
  source!: ImportSourceResponse;

  @ApiProperty({ type: [String] })
  columnLabels!: string[];

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: "The plan's period, over which recurring commitments get milestones" })
  startsOn!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  endsOn!: string | null;

  @ApiProperty({ type: () => ImportPeriodFromResponse })
  periodFrom!: ImportPeriodFromResponse;

  @ApiProperty({ type: () => [PlanAbbreviationResponse], description: "The plan's own key to abbreviations, in the order it prints it" })
  abbreviations!: PlanAbbreviationResponse[];
}

export class ImportCountsResponse {
  @ApiProperty(COUNT)
  sections!: number;

  @ApiProperty(COUNT)
  recommendations!: number;

  @ApiProperty(COUNT)
  activities!: number;

  @ApiProperty({ type: () => CountsByBand })
  byBand!: CountsByBand;
}

export class ImportMatchResponse {
  @ApiProperty({ ...ID, description: 'The existing record this row matched' })
  id!: string;
}

export class ImportSectionMatchResponse extends ImportMatchResponse {
  @ApiProperty({ type: String, enum: ['title', 'paragraph'], nullable: true })
  by!: 'title' | 'paragraph' | null;
}

export class ImportAgencyPieceResponse {
  @ApiProperty({ description: 'The words of the lead agency cell this piece came from' })
  text!: string;

  @ApiProperty({ description: 'The lead agency it is' })
  name!: string;

  @ApiProperty({ ...ID, nullable: true, description: 'Null for an agency the import creates' })
  id!: string | null;

  @ApiProperty(AGENCY_MATCHED_BY)
  matchedBy!: MatchedBy;

  @ApiPropertyOptional({ description: 'Left out because a division of it is named in the same cell' })
  absorbedInto?: string;
}

export class ImportDueDateResponse {
  @ApiProperty(CALENDAR_DATE)
  date!: CalendarDate;

  @ApiProperty({ enum: ['day', 'month'] })
  precision!: 'day' | 'month';

  @ApiProperty({ enum: ['timescale', 'text'], description: 'Read from the "By when" cell, or from the activity\'s own words' })
  from!: 'timescale' | 'text';
}

export class ImportMilestoneResponse {
  @ApiProperty(CALENDAR_DATE)
  date!: CalendarDate;

  @ApiProperty({ enum: ['day', 'month'] })
  precision!: 'day' | 'month';

  @ApiProperty({ example: 'Quarter ending June 2013' })
  label!: string;
}

export class ImportTimescaleResponse {
  @ApiProperty({ description: 'The "By when" cell as printed', example: 'Quarterly' })
  text!: string;

  @ApiProperty({ ...CADENCE, nullable: true })
  cadence!: Cadence | null;

  @ApiProperty({ type: () => [ImportMilestoneResponse] })
  milestones!: ImportMilestoneResponse[];
}

export class ImportActivityResponse extends ImportPlaceFields {
  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [String] })
  outcomeMeasures!: string[];

  @ApiProperty({ type: () => CostResponse })
  cost!: CostResponse;

  @ApiProperty({ type: String, nullable: true })
  leadAgencyText!: string | null;

  @ApiProperty({ type: () => [ImportAgencyPieceResponse], description: 'Every piece of the lead agency cell and what it matched' })
  leadAgencies!: ImportAgencyPieceResponse[];

  @ApiProperty({ type: () => ImportDueDateResponse, nullable: true, description: 'Its own deadline, when it states one' })
  dueDate!: ImportDueDateResponse | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: "The date it falls due: its own, else its recommendation's" })
  effectiveDueDate!: string | null;

  @ApiProperty({ type: () => ImportTimescaleResponse, nullable: true })
  timescale!: ImportTimescaleResponse | null;

  @ApiProperty({ type: () => ImportMatchResponse, nullable: true, description: 'The existing activity it updates; null for a new one' })
  match!: ImportMatchResponse | null;

  @ApiProperty(CHANGES)
  changes!: Record<string, { before: unknown; after: unknown }>;
}

export class ImportRecommendationResponse extends ImportPlaceFields {
  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty(TIMESCALE_BAND)
  band!: TimescaleBand;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  targetDate!: string | null;

  @ApiProperty({ type: String, nullable: true })
  sourceReference!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  dueDate!: string | null;

  @ApiProperty({ type: () => ImportMatchResponse, nullable: true })
  match!: ImportMatchResponse | null;

  @ApiProperty(CHANGES)
  changes!: Record<string, { before: unknown; after: unknown }>;

  @ApiProperty({ type: () => [ImportActivityResponse] })
  activities!: ImportActivityResponse[];
}

export class ImportSectionCountsResponse {
  @ApiProperty(COUNT)
  recommendations!: number;

  @ApiProperty(COUNT)
  activities!: number;
}

export class ImportSectionResponse extends ImportPlaceFields {
  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  sourceReference!: string | null;

  @ApiProperty({ type: () => ImportSectionMatchResponse, nullable: true })
  match!: ImportSectionMatchResponse | null;

  @ApiProperty(CHANGES)
  changes!: Record<string, { before: unknown; after: unknown }>;

  @ApiProperty({ type: () => ImportSectionCountsResponse })
  counts!: ImportSectionCountsResponse;

  @ApiProperty({ type: () => [ImportRecommendationResponse] })
  recommendations!: ImportRecommendationResponse[];
}

export class ImportLeadAgencyResponse {
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ ...ID, nullable: true, description: 'Null for an agency the import creates' })
  id!: string | null;

  @ApiProperty({ enum: ['match', 'create'] })
  action!: 'match' | 'create';

  @ApiProperty({ ...AGENCY_MATCHED_BY, isArray: true })
  matchedBy!: string[];

  @ApiProperty({ type: [String], description: 'How the import spells it' })
  spellings!: string[];

  @ApiProperty({ type: String, nullable: true, description: 'The agency it belongs to' })
  parent!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For an agency the import creates' })
  shortName?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'For an agency the import creates' })
  aliases?: string[];

  @ApiProperty({ ...COUNT, description: 'Activities it leads in the import' })
  activities!: number;
}

/** A lead that matches no agency and is not in the plan's key: linked to nothing until a person maps it (agencyAliases). */
export class ImportUnmatchedLeadAgencyResponse extends ImportPlaceFields {
  @ApiProperty({ description: 'The lead as the plan prints it', example: 'Chair' })
  text!: string;

  @ApiProperty({ ...COUNT, description: 'Activities it is named on' })
  activities!: number;
}

export class ImportUnheardActivityResponse extends ImportPlaceFields {
  @ApiProperty({ description: 'The activity as the plan writes it' })
  text!: string;

  @ApiProperty({ enum: ['lead officer', 'nobody'], description: 'Who would hear of its deadlines: the plan’s lead officer, or nobody' })
  heardBy!: 'lead officer' | 'nobody';
}

export class ImportCreatedCountsResponse {
  @ApiProperty(COUNT)
  plans!: number;

  @ApiProperty(COUNT)
  sections!: number;

  @ApiProperty(COUNT)
  recommendations!: number;

  @ApiProperty(COUNT)
  activities!: number;

  @ApiProperty(COUNT)
  leadAgencies!: number;

  @ApiProperty(COUNT)
  milestones!: number;
}

export class ImportUpdatedCountsResponse {
  @ApiProperty(COUNT)
  plans!: number;

  @ApiProperty(COUNT)
  sections!: number;

  @ApiProperty(COUNT)
  recommendations!: number;

  @ApiProperty(COUNT)
  activities!: number;
}

export class ImportUnchangedCountsResponse {
  @ApiProperty(COUNT)
  sections!: number;

  @ApiProperty(COUNT)
  recommendations!: number;

  @ApiProperty(COUNT)
  activities!: number;
}

export class ImportLeftAloneCountsResponse {
  @ApiProperty(COUNT)
  recommendations!: number;

  @ApiProperty(COUNT)
  activities!: number;
}

export class ImportChangeSummaryResponse {
  @ApiProperty({ type: () => ImportCreatedCountsResponse })
  created!: ImportCreatedCountsResponse;

  @ApiProperty({ type: () => ImportUpdatedCountsResponse })
  updated!: ImportUpdatedCountsResponse;

  @ApiProperty({ type: () => ImportUnchangedCountsResponse })
  unchanged!: ImportUnchangedCountsResponse;

  @ApiProperty({ type: () => ImportLeftAloneCountsResponse, description: 'In the plan but not in the import: left alone, never deleted' })
  notInImport!: ImportLeftAloneCountsResponse;
}

export class ImportChangeLineResponse extends ImportPlaceFields {
  @ApiProperty({ enum: ['create', 'update'] })
  action!: 'create' | 'update';

  @ApiProperty({ enum: ['plan', 'section', 'recommendation', 'activity', 'lead_agency'] })
  entityType!: 'plan' | 'section' | 'recommendation' | 'activity' | 'lead_agency';

  @ApiProperty({ ...ID, nullable: true, description: 'The record updated; null for one created' })
  id!: string | null;

  @ApiProperty({ example: 'table "Safeguarding", recommendation 3' })
  where!: string;

  @ApiPropertyOptional(CHANGES)
  fields?: Record<string, { before: unknown; after: unknown }>;

  /** Cleared by the view (the place is in line, sheet and row), so never in the JSON. */
  place!: undefined;
}

export class ImportLeftAloneResponse {
  @ApiProperty({ enum: ['recommendation', 'activity'] })
  entityType!: 'recommendation' | 'activity';

  @ApiProperty(ID)
  id!: string;

  @ApiProperty({ description: 'The table it is in' })
  section!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The recommendation number' })
  recommendation!: number;

  @ApiProperty()
  text!: string;
}

export class ImportChangesResponse {
  @ApiProperty({ type: () => ImportChangeSummaryResponse })
  summary!: ImportChangeSummaryResponse;

  @ApiProperty({ type: () => [ImportChangeLineResponse], description: 'One line per change: where, what, before and after' })
  lines!: ImportChangeLineResponse[];

  @ApiProperty({ type: () => [ImportLeftAloneResponse], description: 'In the plan but not in the import: left alone' })
  notInImport!: ImportLeftAloneResponse[];
}

/** What an import would do (preview), or did (import). */
export class ImportPreviewResponse {
  @ApiProperty({ ...ID, nullable: true, description: 'The plan imported into (for an import: the plan written)' })
  planId!: string | null;

  @ApiProperty(vocabulary('ImportFormat', IMPORT_FORMATS, 'text (a table pasted from Word or a PDF), csv, xlsx, or ofsted-report'))
  format!: ImportFormat;

  @ApiProperty({ enum: [...TABLE_LAYOUTS, 'report'], description: "report: Ofsted's own list of recommendations" })
  layout!: TableLayout | 'report';

  @ApiPropertyOptional({ description: 'The worksheet read, for a workbook' })
  sheet?: string;

  @ApiProperty({ type: String, nullable: true })
  fileName!: string | null;

  @ApiProperty({ type: () => ImportPlanResponse })
  plan!: ImportPlanResponse;

  @ApiProperty({ type: () => ImportCountsResponse })
  counts!: ImportCountsResponse;

  @ApiProperty({ type: () => [ImportSectionResponse] })
  sections!: ImportSectionResponse[];

  @ApiProperty({ type: () => [ImportLeadAgencyResponse] })
  leadAgencies!: ImportLeadAgencyResponse[];

  @ApiProperty({ type: () => [ImportUnmatchedLeadAgencyResponse], description: "Leads that match no agency and are not in the plan's key: map them with agencyAliases" })
  unmatchedLeadAgencies!: ImportUnmatchedLeadAgencyResponse[];

  @ApiProperty({ type: () => [ImportUnheardActivityResponse], description: 'Activities no owner or agency contact would hear about: give them an owner, or name contacts for their agencies' })
  unheardActivities!: ImportUnheardActivityResponse[];

  @ApiProperty({ type: () => [ImportMessageResponse], description: 'For a person to check before committing' })
  warnings!: ImportMessageResponse[];

  @ApiProperty({ type: () => [ImportMessageResponse], description: 'What the importer did on its own, to be checked' })
  notes!: ImportMessageResponse[];

  @ApiProperty({ type: () => ImportChangesResponse })
  changes!: ImportChangesResponse;
}

export class ImportResultResponse extends ImportPreviewResponse {
  @ApiProperty({ ...ID, description: 'The id of the import in the audit trail' })
  importId!: string;
}

/**
 * An import refused: the problem's code and, where it applies, the line (or
 * sheet and row). Options that are not valid are refused like any other bad
 * input, with `errors` and no `problem`.
 */
export class ImportRefusalBody extends ErrorBody {
  @ApiPropertyOptional(vocabulary('ImportProblem', Object.keys(PROBLEMS), 'What is wrong with the input itself'))
  problem?: ProblemCode;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  line?: number;

  @ApiPropertyOptional()
  sheet?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  row?: number;
}

type Commit = Awaited<ReturnType<ImportsService['commit']>>;

export type ImportPreviewChecked = Assert<Describes<ImportPreviewResponse, ImportView>>;
export type ImportResultChecked = Assert<Describes<ImportResultResponse, Commit>>;
