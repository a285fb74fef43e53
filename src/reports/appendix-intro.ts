import { BAND_ORDER, CalendarDate, TimescaleBand, calendarDateParts, compareCalendarDates, endOfMonth, formatLongDate, formatMonthYear } from '../deadlines';
import type { PlanKind } from '../plans/plan-vocabulary';
import { countOf, decapitalise, joinWithAnd, numberInWords, pluralOf } from './number-words';

/**
 * The appendix's introduction, written from the data in the paper's words:
 *
 *   "The 2012 safeguarding and children looked after Ofsted report makes 17
 *   recommendations. These include three for immediate implementation; 10 for
 *   completion within three months (September 2012) and four to be addressed
 *   within six months (December 2012)."
 *   "This improvement plan contains two tables: Table 1: Safeguarding with seven
 *   recommendations and Table 2: Children looked after with 10 recommendations."
 *
 * Numbers follow the house rule (one to nine in words, 10 up in figures) even
 * where the paper strays ("ten recommendations"). Band months come from the
 * recommendations' real due dates; a band with none is left out.
 */

export interface IntroRecommendation {
  band: TimescaleBand;
  dueDate: string | null;
  targetDate: string | null;
}

export interface IntroInput {
  kind: PlanKind;
  publishedOn: string | null;
  /** The tables as printed, in order; each with at least one recommendation. */
  sections: Array<{ title: string; recommendations: IntroRecommendation[] }>;
  columnLabels: string[];
}

export interface Intro {
  /** The opening paragraph. */
  paragraph: string;
  /** "Each table has five columns:" */
  columnsLead: string;
  /** "Column one: Area for development - Ofsted report", ... */
  columns: string[];
}

const SOURCE_NOUNS: Record<PlanKind, string> = {
  ofsted_inspection: 'Ofsted report',
  focused_visit: 'Ofsted focused visit letter',
  monitoring_visit: 'Ofsted monitoring visit letter',
  serious_case_review: 'serious case review',
  multi_agency_audit: 'multi-agency audit',
  business_plan: 'business plan',
  other: 'report',
};

const OFSTED_KINDS: readonly PlanKind[] = ['ofsted_inspection', 'focused_visit', 'monitoring_visit'];

/** What a band's recommendations are for, after the count: "for immediate implementation". */
function bandPurpose(band: TimescaleBand, recommendations: IntroRecommendation[]): string {
  const months = monthRange(recommendations.map((r) => r.dueDate ?? r.targetDate));
  const inBrackets = months ? ` (${months})` : '';
  switch (band) {
    case 'immediately':
      return 'for immediate implementation';
    case 'within_three_months':
      return `for completion within three months${inBrackets}`;
    case 'within_six_months':
      return `to be addressed within six months${inBrackets}`;
    case 'by_date': {
      const dates = distinctDates(recommendations.map((r) => r.targetDate ?? r.dueDate));
      if (dates.length === 1) return `for completion by ${formatLongDate(dates[0])}`;
      return `for completion by dates of their own${inBrackets}`;
    }
  }
}

function distinctDates(values: Array<string | null>): CalendarDate[] {
  return [...new Set(values.filter((v): v is string => !!v))].map((v) => v as CalendarDate).sort(compareCalendarDates);
}

/** "September 2012"; "September to October 2012"; "December 2012 to January 2013"; '' with no dates. */
export function monthRange(values: Array<string | null>): string {
  const dates = distinctDates(values);
  if (dates.length === 0) return '';
  const first = dates[0];
  const last = dates[dates.length - 1];
  const firstMonth = formatMonthYear(first);
  const lastMonth = formatMonthYear(last);
  if (firstMonth === lastMonth) return firstMonth;
  if (calendarDateParts(first).year === calendarDateParts(last).year) return `${firstMonth.split(' ')[0]} to ${lastMonth}`;
  return `${firstMonth} to ${lastMonth}`;
}

function bandSentence(all: IntroRecommendation[]): string | null {
  if (all.length === 0) return null;
  const bands = [...new Set(all.map((r) => r.band))].sort((a, b) => BAND_ORDER[a] - BAND_ORDER[b]);
  const phrases = bands.map((band) => {
    const inBand = all.filter((r) => r.band === band);
    return { count: inBand.length, purpose: bandPurpose(band, inBand) };
  });
  if (phrases.length === 1) {
    const [only] = phrases;
    if (only.count === 1) return `It is ${only.purpose}.`;
    return only.count === 2 ? `Both are ${only.purpose}.` : `All ${numberInWords(only.count)} are ${only.purpose}.`;
  }
  return `These include ${joinWithAnd(
    phrases.map((p) => `${numberInWords(p.count)} ${p.purpose}`),
    '; ',
  )}.`;
}

export function appendixIntro(input: IntroInput): Intro {
  const all = input.sections.flatMap((section) => section.recommendations);
  const year = input.publishedOn ? `${calendarDateParts(input.publishedOn as CalendarDate).year} ` : '';
  const subject = joinWithAnd(input.sections.map((section) => decapitalise(section.title.trim())));
  const about = subject ? `${subject} ` : '';
  const opening = `The ${year}${about}${SOURCE_NOUNS[input.kind]} makes ${countOf(all.length, 'recommendation')}.`;
  const planNoun = OFSTED_KINDS.includes(input.kind) ? 'improvement plan' : 'plan';
  const tables = input.sections.map(
    (section, index) => `Table ${index + 1}: ${section.title} with ${countOf(section.recommendations.length, 'recommendation')}`,
  );
  const contents = tables.length
    ? `This ${planNoun} contains ${countOf(tables.length, 'table')}: ${joinWithAnd(tables, '; ')}.`
    : `This ${planNoun} contains no tables yet.`;
  const paragraph = [opening, bandSentence(all), contents].filter((s): s is string => !!s).join(' ');
  const columnsLead = `${input.sections.length > 1 ? 'Each table' : 'The table'} has ${countOf(input.columnLabels.length, 'column')}:`;
  const columns = input.columnLabels.map((label, index) => `Column ${numberInWords(index + 1)}: ${label}`);
  return { paragraph, columnsLead, columns };
}

/**
 * An outcome-first plan's introduction, in the plan's own words: what its
 * tables are ("five priorities" when its headings say "Priority 1: …"), what
 * its columns call an outcome and an action, and the period it runs over.
 *
 *   "This business plan for 2015-18 sets out five priorities, with 12 outcomes
 *   and 57 actions: Priority 1: Ensure safeguarding is a whole city theme
 *   (three outcomes, 11 actions); …"
 */
export interface OutcomeFirstIntroInput {
  kind: PlanKind;
  startsOn: string | null;
  endsOn: string | null;
  /** The tables as printed, in order, with their headings. */
  sections: Array<{ heading: string; title: string; outcomes: number; actions: number }>;
  columnLabels: string[];
}

const PLAN_NOUNS: Record<PlanKind, string> = {
  ofsted_inspection: 'improvement plan',
  focused_visit: 'improvement plan',
  monitoring_visit: 'improvement plan',
  serious_case_review: 'serious case review action plan',
  multi_agency_audit: 'multi-agency audit action plan',
  business_plan: 'business plan',
  other: 'plan',
};

const TABLE_NOUN = /^((?:strategic|business|key)\s+)?(priority|theme|objective|strand|workstream)\b/i;

/** What the plan calls its tables: "priority" when every heading is "Priority n: …", else "table". */
export function sectionNoun(titles: readonly string[]): string {
  const nouns = new Set(
    titles.map((title) => {
      const match = TABLE_NOUN.exec(title.trim());
      return match ? `${(match[1] ?? '').toLowerCase()}${match[2].toLowerCase()}` : 'table';
    }),
  );
  return nouns.size === 1 ? [...nouns][0] : 'table';
}

/** "Outcome", "Intended outcomes", "Objective" -> "outcome", "intended outcome", "objective". */
export function outcomeNoun(label: string | undefined): string {
  const bare = (label ?? '').replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const match = /^((?:intended|desired|expected)\s+)?(outcome|objective|aim|goal|priority|priorities)s?$/.exec(bare);
  if (!match) return 'outcome';
  return `${match[1] ?? ''}${match[2] === 'priorities' ? 'priority' : match[2]}`;
}

/** "Action required", "Actions", "Activity to be delivered", "Tasks" -> "action", "activity", "task". */
export function actionNoun(label: string | undefined): string {
  const first = /^\s*(\p{L}+)/u.exec(label ?? '')?.[1].toLowerCase() ?? '';
  if (first === 'activity' || first === 'activities') return 'activity';
  if (first === 'task' || first === 'tasks') return 'task';
  if (first === 'intervention' || first === 'interventions') return 'intervention';
  return 'action';
}

/**
 * The plan's period as councils write it: "2015-18" or "2016/17" for financial
 * years, else "April 2015 to March 2016" or "1 May 2015 to 14 June 2016".
 */
export function periodText(startsOn: string | null, endsOn: string | null): string | null {
  if (!startsOn && !endsOn) return null;
  if (!startsOn) return `to ${formatLongDate(endsOn as CalendarDate)}`;
  if (!endsOn) return `from ${formatLongDate(startsOn as CalendarDate)}`;
  const start = calendarDateParts(startsOn as CalendarDate);
  const end = calendarDateParts(endsOn as CalendarDate);
  if (start.month === 4 && start.day === 1 && end.month === 3 && end.day === 31 && end.year > start.year) {
    const last = Math.floor(end.year / 100) === Math.floor(start.year / 100) ? String(end.year % 100).padStart(2, '0') : String(end.year);
    return end.year - start.year === 1 ? `${start.year}/${last}` : `${start.year}-${last}`;
  }
  const wholeMonths = start.day === 1 && formatLongDate(endsOn as CalendarDate) === formatLongDate(endOfMonth(endsOn as CalendarDate));
  return wholeMonths
    ? `${formatMonthYear(startsOn as CalendarDate)} to ${formatMonthYear(endsOn as CalendarDate)}`
    : `${formatLongDate(startsOn as CalendarDate)} to ${formatLongDate(endsOn as CalendarDate)}`;
}

export function outcomeFirstIntro(input: OutcomeFirstIntroInput): Intro {
  const tableNoun = sectionNoun(input.sections.map((section) => section.title));
  const outcome = outcomeNoun(input.columnLabels[0]);
  const action = actionNoun(input.columnLabels[1]);
  const outcomes = input.sections.reduce((sum, section) => sum + section.outcomes, 0);
  const actions = input.sections.reduce((sum, section) => sum + section.actions, 0);
  const period = periodText(input.startsOn, input.endsOn);
  const planNoun = PLAN_NOUNS[input.kind];
  const subject = `This ${planNoun}${period ? ` for ${period}` : ''}`;
  const verb = tableNoun === 'table' ? 'has' : 'sets out';
  let paragraph: string;
  if (input.sections.length === 0) paragraph = `${subject} has no ${pluralOf(outcome)} yet.`;
  else {
    const each = input.sections.map((section) => `${section.heading} (${countOf(section.outcomes, outcome)}, ${countOf(section.actions, action)})`);
    paragraph =
      `${subject} ${verb} ${countOf(input.sections.length, tableNoun)}, with ${countOf(outcomes, outcome)} and ${countOf(actions, action)}: ` +
      `${joinWithAnd(each, '; ')}.`;
  }
  const columnsLead = `${input.sections.length > 1 ? `Each ${tableNoun === 'table' ? 'table' : `${tableNoun}'s table`}` : 'The table'} has ${countOf(input.columnLabels.length, 'column')}:`;
  const columns = input.columnLabels.map((label, index) => `Column ${numberInWords(index + 1)}: ${label}`);
  return { paragraph, columnsLead, columns };
}
