import {
  BandOffsets,
  CalendarDate,
  TimescaleBand,
  WorkingDayCalendar,
  addCalendarMonths,
  compareCalendarDates,
  formatLongDate,
} from '../deadlines';
import { ParsedCost, parseCost } from '../plans/domain/cost';
import { recommendationDueDate } from '../plans/domain/due-dates';
import type { PlanAbbreviation, PlanKind } from '../plans/plan-vocabulary';
import { AgencyDirectory, CellPiece, KnownAgency, NewAgency } from './agency-matching';
import {
  ImportFormat,
  ImportMessage,
  ImportProblem,
  NOTE_CODES,
  ParsedImport,
  Place,
  TableLayout,
  atPlace,
  describePlace,
  placeFields,
} from './import-model';
import { looksTruncated, textKey } from './parsers/cells';
import { periodFromTitle } from './parsers/plan-period';
import { Cadence, Milestone, PlanDate, deadlineInText, milestonesFor, milestonesOfDates, parseTimescale } from './parsers/timescales';

/**
 * The parsed tree made ready to write: costs parsed, dates read, recurring
 * milestones laid out, lead agencies matched (or to be created), due dates
 * worked out, and the warnings a person should see before committing.
 * Pure: everything from the database comes in as arguments.
 */

export interface ResolvedActivity {
  text: string;
  outcomeMeasures: string[];
  cost: ParsedCost;
  leadAgencyText: string | null;
  /** Every piece of the cell and what it matched; absorbed pieces are shown but not linked. */
  leadAgencies: CellPiece[];
  /** The activity's own deadline, when it states one ("by 1 September 2012") or its "By when" does. */
  dueDate: (PlanDate & { from: 'timescale' | 'text' }) | null;
  timescale: { text: string; cadence: Cadence | null; milestones: Milestone[] } | null;
  /** The date it falls due: its own, else its recommendation's. */
  effectiveDueDate: string | null;
  places: Place[];
}

export interface ResolvedRecommendation {
  number: number;
  text: string;
  band: TimescaleBand;
  targetDate: string | null;
  sourceReference: string | null;
  dueDate: string | null;
  places: Place[];
  activities: ResolvedActivity[];
}

export interface ResolvedSection {
  title: string;
  sourceReference: string | null;
  place: Place | null;
  recommendations: ResolvedRecommendation[];
}

/** Where the plan's period came from: the request, the plan already stored, the plan's title, or the dates it writes. */
export type PeriodSource = 'request' | 'plan' | 'title' | 'dates';

export interface ResolvedPlan {
  title: string;
  kind: PlanKind;
  source: { reportTitle: string | null; inspectionStartDate: string | null; inspectionEndDate: string | null; publishedOn: string | null };
  columnLabels: string[];
  /** When recurring commitments start and stop: the plan's period. */
  startsOn: string | null;
  endsOn: string | null;
  periodFrom: { startsOn: PeriodSource | null; endsOn: PeriodSource | null };
  /** The plan's own key to abbreviations, in the order it prints it. */
  abbreviations: PlanAbbreviation[];
}

export interface ResolvedImport {
  format: ImportFormat;
  layout: TableLayout | 'report';
  sheet: string | null;
  plan: ResolvedPlan;
  sections: ResolvedSection[];
  newAgencies: NewAgency[];
  warnings: ImportMessage[];
  notes: ImportMessage[];
}

export interface ResolveInput {
  parsed: ParsedImport;
  agencies: KnownAgency[];
  agencyAliases?: Record<string, string>;
  calendar: WorkingDayCalendar;
  plan: {
    title: string | null;
    kind: PlanKind | null;
    publishedOn: string | null;
    bandOffsets: BandOffsets;
    /** As the request gives them. */
    startsOn: string | null;
    endsOn: string | null;
    /** The plan being imported into, whose title and stored period come before anything worked out. */
    existing?: { title: string; startsOn: string | null; endsOn: string | null } | null;
  };
  /** Paragraph numbers for the tables in order, for inputs that do not print them. */
  paragraphs?: string[] | null;
  /** The target plan's tables, whose paragraph numbers fill gaps left by an extract. */
  existingSections?: Array<{ title: string; sourceReference: string | null }>;
  /** Names the input in the default title. */
  fileName?: string | null;
}

/** What a plan can hold, as the plans API validates it; an import beyond these is refused naming the line. */
export const LIMITS = {
  text: 5000,
  measures: 50,
  costText: 1000,
  leadAgencyText: 1000,
  sectionTitle: 200,
  title: 500,
  sections: 100,
  recommendationsPerSection: 200,
  activitiesPerRecommendation: 200,
  leadAgenciesPerActivity: 20,
  agencyName: 200,
  number: 10000,
  activities: 5000,
};

export function resolveImport(input: ResolveInput): ResolvedImport {
  const { parsed } = input;
  const warnings: ImportMessage[] = [];
  const notes: ImportMessage[] = [];
  const push = (message: ImportMessage) => (NOTE_CODES.has(message.code) ? notes : warnings).push(message);
  parsed.messages.forEach(push);

  const directory = new AgencyDirectory(input.agencies, input.agencyAliases ?? {}, parsed.abbreviations);
  const publishedOn = input.plan.publishedOn ?? parsed.plan.publishedOn;
  const outcomeFirst = parsed.layout === 'outcome-first';
  const title = (
    input.plan.title ??
    input.plan.existing?.title ??
    parsed.plan.title ??
    (parsed.plan.reportTitle ? `Improvement plan: ${parsed.plan.reportTitle}` : null) ??
    `Imported plan${input.fileName ? ` (${input.fileName})` : ''}`
  ).slice(0, LIMITS.title);

  // The period: as asked, else as the plan already keeps it, else as its title names it ("2015-18").
  const stored = input.plan.existing ?? null;
  const fromTitle = periodFromTitle(title);
  const pick = (request: string | null, kept: string | null | undefined, titled: string | null | undefined): [string | null, PeriodSource | null] =>
    request ? [request, 'request'] : kept ? [kept, 'plan'] : titled ? [titled, 'title'] : [null, null];
  let [startsOn, startsFrom] = pick(input.plan.startsOn, stored?.startsOn, fromTitle?.startsOn);
  let [periodEnd, endsFrom] = pick(input.plan.endsOn, stored?.endsOn, fromTitle?.endsOn);
  if (fromTitle && (startsFrom === 'title' || endsFrom === 'title')) {
    push({
      code: 'proposed_period',
      message: `The plan's period is taken from its title "${title.slice(0, 120)}": ${formatLongDate(fromTitle.startsOn)} to ${formatLongDate(fromTitle.endsOn)}, financial years (${fromTitle.written}); send startsOn and endsOn to change it`,
    });
  }
  if (!startsOn && publishedOn) [startsOn, startsFrom] = [publishedOn, 'dates'];

  // Every activity's own dates first: the latest of them closes the plan's period for cadences.
  const timescales = parsed.sections.map((section) =>
    section.recommendations.map((recommendation) =>
      recommendation.activities.map((activity) => {
        const fromColumn = activity.timescaleText ? parseTimescale(activity.timescaleText) : null;
        const fromText = deadlineInText(activity.text);
        return { fromColumn, fromText };
      }),
    ),
  );
  const explicitDates = timescales
    .flat(2)
    .flatMap(({ fromColumn, fromText }) => [
      ...(fromColumn?.kind === 'date' ? [fromColumn.date.date] : fromColumn?.kind === 'dates' ? fromColumn.dates.map((d) => d.date) : []),
      ...(fromText ? [fromText.date] : []),
    ])
    .sort(compareCalendarDates);
  if (!periodEnd) {
    periodEnd = explicitDates[explicitDates.length - 1] ?? (startsOn ? addCalendarMonths(startsOn as CalendarDate, 12) : null);
    endsFrom = periodEnd ? 'dates' : null;
  }
  const endsOn = periodEnd;
  const cadencePlaces: Place[] = [];

  const sections: ResolvedSection[] = parsed.sections.map((section, s) => {
    const paragraph =
      section.sourceReference ||
      input.paragraphs?.[s]?.trim() ||
      input.existingSections?.find((existing) => textKey(existing.title) === textKey(section.title))?.sourceReference ||
      null;
    if (!paragraph && parsed.format === 'ofsted-report') {
      push({
        code: 'missing_paragraph',
        message: `${atPlace(section.place)}the text does not print the paragraph number of "${section.title}" (the extract leaves it out); send paragraphs to record it`,
        ...placeFields(section.place ? [section.place] : []),
      });
    }
    return {
      title: section.title,
      sourceReference: paragraph,
      place: section.place,
      recommendations: section.recommendations.map((recommendation, r) => {
        const activities: ResolvedActivity[] = recommendation.activities.map((activity, a) => {
          const { fromColumn, fromText } = timescales[s][r][a];
          let dueDate: ResolvedActivity['dueDate'] = null;
          let timescale: ResolvedActivity['timescale'] = null;
          if (activity.timescaleText && fromColumn) {
            timescale = { text: activity.timescaleText, cadence: null, milestones: [] };
            if (fromColumn.kind === 'date') dueDate = { ...fromColumn.date, from: 'timescale' };
            else if (fromColumn.kind === 'dates') {
              timescale.milestones = milestonesOfDates(fromColumn.dates);
              dueDate = { ...fromColumn.dates[fromColumn.dates.length - 1], from: 'timescale' };
            } else if (fromColumn.kind === 'cadence') {
              timescale.cadence = fromColumn.cadence;
              const from = fromColumn.from?.date ?? startsOn;
              if (!from || !endsOn) cadencePlaces.push(activity.places[0]);
              else {
                timescale.milestones = milestonesFor(fromColumn.cadence, from as CalendarDate, endsOn as CalendarDate);
                const last = timescale.milestones[timescale.milestones.length - 1];
                if (last) dueDate = { date: last.date, precision: last.precision, from: 'timescale' };
              }
            } else if (fromColumn.kind === 'unreadable') {
              push({
                code: 'unreadable_date',
                message: `${atPlace(activity.places[0])}"${activity.timescaleText.slice(0, 80)}" is not a date, a month or a cadence the importer can read; kept as written, with no due date of its own`,
                ...placeFields(activity.places),
              });
            }
          }
          if (!dueDate && fromText) dueDate = { ...fromText, from: 'text' };
          return {
            text: activity.text,
            outcomeMeasures: activity.outcomeMeasures,
            cost: parseCost(activity.costText),
            leadAgencyText: activity.leadAgencyText,
            leadAgencies: directory.match(activity.leadAgencyText),
            dueDate,
            timescale,
            effectiveDueDate: null,
            places: activity.places,
          };
        });

        let band: TimescaleBand;
        let targetDate: string | null = null;
        if (outcomeFirst) {
          const own = activities.map((a) => a.dueDate?.date).filter((d): d is CalendarDate => !!d).sort(compareCalendarDates);
          targetDate = own[own.length - 1] ?? endsOn;
          band = targetDate ? 'by_date' : 'within_six_months';
        } else band = recommendation.band ?? 'within_six_months';
        if (!targetDate && !recommendation.band) {
          push({
            code: 'no_timescale',
            message: `${atPlace(recommendation.places[0])}${outcomeFirst ? 'the outcome has no dated action and the plan no end date' : 'the recommendation has no timescale band'}; it is given "Within six months" until someone sets it`,
            ...placeFields(recommendation.places),
          });
        }
        let dueDate: string | null = null;
        try {
          dueDate = recommendationDueDate(
            { publishedOn, bandOffsets: input.plan.bandOffsets },
            { band, targetDate, dueDateOverride: null },
            input.calendar,
          );
        } catch (error) {
          // Bank holidays are known for a span of years; the commit would refuse the same, so the preview does.
          if (error instanceof RangeError) {
            throw new ImportProblem('invalid_value', `The deadlines cannot be worked out: ${error.message}`, {}, { publishedOn: error.message });
          }
          throw error;
        }
        for (const activity of activities) activity.effectiveDueDate = activity.dueDate?.date ?? dueDate;
        return {
          number: recommendation.number,
          text: recommendation.text,
          band,
          targetDate,
          sourceReference: recommendation.sourceReference ?? paragraph,
          dueDate,
          places: recommendation.places,
          activities,
        };
      }),
    };
  });

  if (cadencePlaces.length) {
    push({
      code: 'no_plan_start',
      message: `${atPlace(cadencePlaces[0])}recurring commitments ("Quarterly" and the like) need the plan's period to lay out their milestones; send startsOn (and endsOn), or the publication date`,
      ...placeFields(cadencePlaces),
    });
  }
  checkActivities(sections, startsOn, push);
  const unmatched = new Map<string, { text: string; places: Place[] }>();
  for (const activity of sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities))) {
    for (const piece of activity.leadAgencies) {
      if (piece.agency) continue;
      const entry = unmatched.get(textKey(piece.text)) ?? { text: piece.text, places: [] };
      entry.places.push(activity.places[0]);
      unmatched.set(textKey(piece.text), entry);
    }
  }
  for (const { text, places } of unmatched.values()) {
    push({
      code: 'unmatched_lead_agency',
      message: `${atPlace(places[0])}"${text.slice(0, 80)}" is not in the plan's key to abbreviations and matches no lead agency; it stays in the lead agency text but is linked to no agency (${places.length === 1 ? 'one activity' : `${places.length} activities`}). To link it, send agencyAliases { "${text.slice(0, 80)}": "<agency name>" }`,
      ...placeFields(places),
    });
  }
  for (const agency of directory.newAgencies()) {
    const first = sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities)).find((a) => a.leadAgencies.some((p) => p.agency?.kind === 'new' && p.agency.key === agency.key));
    push({
      code: 'new_lead_agency',
      message: `${atPlace(first?.places[0])}"${agency.name}" is not a lead agency yet; it will be created${agency.parent ? ` beneath "${directory.nameOf(agency.parent)}"` : ''}. To use an existing one instead, send agencyAliases { "${agency.name}": "<its name>" }`,
      ...placeFields(first ? first.places : []),
    });
  }

  // The period is kept when it was given, is already the plan's, is named by the title, or recurring commitments used it.
  const usesPeriod =
    [startsFrom, endsFrom].some((from) => from === 'request' || from === 'plan' || from === 'title') ||
    sections.some((s) => s.recommendations.some((r) => r.activities.some((a) => a.timescale?.cadence)));
  const resolved: ResolvedImport = {
    format: parsed.format,
    layout: parsed.layout,
    sheet: parsed.sheet,
    plan: {
      title,
      kind: input.plan.kind ?? (outcomeFirst ? 'business_plan' : 'ofsted_inspection'),
      source: {
        reportTitle: parsed.plan.reportTitle?.slice(0, 500) ?? null,
        inspectionStartDate: parsed.plan.inspectionStartDate,
        inspectionEndDate: parsed.plan.inspectionEndDate,
        publishedOn,
      },
      columnLabels: (parsed.plan.columnLabels ?? []).filter((label) => label.trim()).slice(0, 12),
      // The period matters only to recurring commitments; shown when it was given or used.
      startsOn: usesPeriod ? startsOn : null,
      endsOn: usesPeriod ? endsOn : null,
      periodFrom: usesPeriod ? { startsOn: startsOn ? startsFrom : null, endsOn: endsOn ? endsFrom : null } : { startsOn: null, endsOn: null },
      abbreviations: Object.entries(parsed.abbreviations).map(([abbreviation, meaning]) => ({ abbreviation, meaning })),
    },
    sections,
    newAgencies: directory.newAgencies(),
    warnings,
    notes,
  };
  assertWithinLimits(resolved);
  return resolved;
}

function checkActivities(sections: ResolvedSection[], startsOn: string | null, push: (message: ImportMessage) => void): void {
  const byText = new Map<string, Array<{ activity: ResolvedActivity; recommendation: ResolvedRecommendation }>>();
  for (const section of sections) {
    for (const recommendation of section.recommendations) {
      if (looksTruncated(recommendation.text)) {
        push({ code: 'truncated_text', message: `${atPlace(recommendation.places[0])}the recommendation text stops mid-sentence: "… ${recommendation.text.slice(-50)}"`, ...placeFields(recommendation.places) });
      }
      const seenHere = new Map<string, ResolvedActivity>();
      for (const activity of recommendation.activities) {
        const at = atPlace(activity.places[0]);
        const fields = placeFields(activity.places);
        const key = textKey(activity.text);
        const earlier = seenHere.get(key);
        if (earlier) {
          push({
            code: 'duplicate_activity',
            message: `${at}the activity "${activity.text.slice(0, 60)}" is already listed under this recommendation (${describePlace(earlier.places[0])}); on a later re-import both match the first`,
            ...placeFields([...earlier.places, ...activity.places]),
          });
        } else seenHere.set(key, activity);
        byText.set(key, [...(byText.get(key) ?? []), { activity, recommendation }]);
        if (looksTruncated(activity.text)) {
          push({ code: 'truncated_text', message: `${at}the activity text stops mid-sentence: "… ${activity.text.slice(-50)}"; kept as written`, ...fields });
        }
        for (const measure of activity.outcomeMeasures) {
          if (looksTruncated(measure)) push({ code: 'truncated_text', message: `${at}an outcome measure stops mid-sentence: "… ${measure.slice(-50)}"`, ...fields });
        }
        if (activity.outcomeMeasures.length === 0) push({ code: 'empty_measures', message: `${at}the activity has no outcome measure`, ...fields });
        if (!activity.leadAgencyText) push({ code: 'missing_lead_agency', message: `${at}the activity has no lead agency`, ...fields });
        else {
          const cost = parseCost(activity.leadAgencyText);
          if (cost.kind !== 'unparsed' && cost.kind !== 'none') {
            push({ code: 'cost_in_lead_agency', message: `${at}the lead agency column holds "${activity.leadAgencyText.slice(0, 60)}", which reads as a cost: is the row shifted?`, ...fields });
          }
        }
        const dates = [activity.dueDate?.date, activity.timescale?.milestones[0]?.date].filter((d): d is CalendarDate => !!d);
        if (startsOn && dates.some((d) => compareCalendarDates(d, startsOn as CalendarDate) < 0)) {
          push({ code: 'date_before_plan_start', message: `${at}the date ${dates.find((d) => d < startsOn)} is before the plan starts (${startsOn})`, ...fields });
        }
      }
    }
  }
  for (const [, uses] of byText) {
    const recommendations = new Set(uses.map((use) => use.recommendation));
    if (recommendations.size < 2) continue;
    push({
      code: 'repeated_activity',
      message: `${atPlace(uses[0].activity.places[0])}the activity "${uses[0].activity.text.slice(0, 60)}" appears under ${recommendations.size} recommendations (${uses.map((u) => describePlace(u.activity.places[0])).join(', ')}); kept under each`,
      ...placeFields(uses.map((use) => use.activity.places[0])),
    });
  }
}

function tooLong(at: Place | null | undefined, what: string, length: number, limit: number): ImportProblem {
  return new ImportProblem('invalid_value', `${atPlace(at)}${what} is ${length.toLocaleString('en-GB')} characters long; a plan takes at most ${limit.toLocaleString('en-GB')}`, at ?? {});
}

function assertWithinLimits(resolved: ResolvedImport): void {
  const { sections } = resolved;
  if (sections.length > LIMITS.sections) {
    throw new ImportProblem('too_many_rows', `${atPlace(sections[LIMITS.sections].place)}the input has ${sections.length} tables; a plan takes at most ${LIMITS.sections}`, sections[LIMITS.sections].place ?? {});
  }
  const total = sections.reduce((n, s) => n + s.recommendations.reduce((m, r) => m + r.activities.length, 0), 0);
  if (total > LIMITS.activities) throw new ImportProblem('too_many_rows', `The input has ${total} activities; an import takes at most ${LIMITS.activities}`);
  for (const section of sections) {
    if (section.title.length > LIMITS.sectionTitle) throw tooLong(section.place, 'the table title', section.title.length, LIMITS.sectionTitle);
    if (section.recommendations.length > LIMITS.recommendationsPerSection) {
      const at = section.recommendations[LIMITS.recommendationsPerSection].places[0];
      throw new ImportProblem('too_many_rows', `${atPlace(at)}table "${section.title}" has ${section.recommendations.length} recommendations; a table takes at most ${LIMITS.recommendationsPerSection}`, at);
    }
    for (const recommendation of section.recommendations) {
      const at = recommendation.places[0];
      if (recommendation.number > LIMITS.number) throw new ImportProblem('invalid_value', `${atPlace(at)}recommendation number ${recommendation.number} is above ${LIMITS.number}`, at);
      if (recommendation.text.length > LIMITS.text) throw tooLong(at, 'the recommendation text', recommendation.text.length, LIMITS.text);
      if (recommendation.activities.length > LIMITS.activitiesPerRecommendation) {
        const over = recommendation.activities[LIMITS.activitiesPerRecommendation].places[0];
        throw new ImportProblem('too_many_rows', `${atPlace(over)}recommendation ${recommendation.number} has ${recommendation.activities.length} activities; one takes at most ${LIMITS.activitiesPerRecommendation}`, over);
      }
      for (const activity of recommendation.activities) {
        const place = activity.places[0];
        if (activity.text.length > LIMITS.text) throw tooLong(place, 'the activity text', activity.text.length, LIMITS.text);
        if (activity.outcomeMeasures.length > LIMITS.measures) {
          throw new ImportProblem('invalid_value', `${atPlace(place)}the activity has ${activity.outcomeMeasures.length} outcome measures; one takes at most ${LIMITS.measures}`, place);
        }
        for (const measure of activity.outcomeMeasures) if (measure.length > LIMITS.text) throw tooLong(place, 'an outcome measure', measure.length, LIMITS.text);
        if (activity.cost.text.length > LIMITS.costText) throw tooLong(place, 'the cost', activity.cost.text.length, LIMITS.costText);
        if ((activity.leadAgencyText ?? '').length > LIMITS.leadAgencyText) throw tooLong(place, 'the lead agency cell', activity.leadAgencyText!.length, LIMITS.leadAgencyText);
        const linked = activity.leadAgencies.filter((p) => !p.absorbedInto);
        if (linked.length > LIMITS.leadAgenciesPerActivity) {
          throw new ImportProblem('invalid_value', `${atPlace(place)}the lead agency cell names ${linked.length} agencies; an activity takes at most ${LIMITS.leadAgenciesPerActivity}`, place);
        }
        for (const piece of linked) {
          if (piece.name.length > LIMITS.agencyName) throw tooLong(place, 'a lead agency name', piece.name.length, LIMITS.agencyName);
        }
      }
    }
  }
}
