import { CalendarDate, formatLongDate, formatMonthYear, formatShortDate } from '../deadlines';
import type { ActivityView } from '../plans/views';
import type { RagAssessment, RagRating } from '../progress/rag';
import { ReportPlan, TitleOptions, documentTitle, fileNameOf } from './appendix.view-model';
import { capitalise, countOf, joinWithAnd, numberInWords } from './number-words';
import { PlanLayout, TableActivity, columnLabelsFor, planLayout, planTables } from './plan-table';
import { Cell, Table, textCell } from './report-model';
import { RAG_LABELS, Standing, standingOf, statusText } from '../progress/standing';

/**
 * The improvement board's progress report: the plan's table plus due date,
 * status, RAG (with the reasons, because boards ask why) and the latest
 * progress note, under a one-paragraph summary of where the plan stands.
 */

export type ProgressActivity = TableActivity &
  Pick<ActivityView, 'status' | 'percentComplete'> & {
    /** Complete and checked by the board, as of the report's date. */
    verified: boolean;
  };

export interface LatestUpdate {
  note: string | null;
  /** London date of the update. */
  reportedOn: string;
}

export interface ProgressReportView {
  title: string;
  draft: boolean;
  fileName: string;
  asOf: string;
  summary: string;
  ragKey: Array<{ tone: RagRating; label: string; meaning: string }>;
  tables: Table[];
}

/** What the colours mean, for members who do not sit on the board; each row also gives its own reasons. */
export const RAG_KEY: ProgressReportView['ragKey'] = [
  { tone: 'red', label: 'Red', meaning: 'Overdue, or blocked.' },
  {
    tone: 'amber',
    label: 'Amber',
    meaning: 'At risk: due soon and not started, progress well behind the time gone, nothing reported for a month, or deferred.',
  },
  { tone: 'green', label: 'Green', meaning: 'On track.' },
  { tone: 'blue', label: 'Blue', meaning: 'Complete; "verified" once the board has checked the evidence.' },
];

/**
 * Due, status and the RAG in words beside the plan's columns; under each row,
 * across the table, why it is rated so and the latest progress. Reasons in a
 * narrow column ran to a dozen lines a row and two rows a page (28 pages for
 * the demo plan); across the page they take a line or two.
 */
export const PROGRESS_COLUMNS = ['Due', 'RAG and status'];

const PROGRESS_WEIGHTS: Record<PlanLayout, readonly number[]> = {
  'recommendation-first': [14, 23, 24, 8, 12, 8, 11],
  'outcome-first': [14, 24, 11, 10, 22, 8, 11],
};

export type StandingCounts = Record<Standing, number> & { verified: number; total: number };

export function countStandings(activities: ProgressActivity[], assessments: ReadonlyMap<string, RagAssessment>, asOf: CalendarDate): StandingCounts {
  const counts: StandingCounts = { complete: 0, cancelled: 0, overdue: 0, at_risk: 0, on_track: 0, verified: 0, total: activities.length };
  for (const activity of activities) {
    counts[standingOf(activity, assessments.get(activity.id)?.rating ?? null, asOf)] += 1;
    if (activity.status === 'complete' && activity.verified) counts.verified += 1;
  }
  return counts;
}

function are(count: number, what: string): string {
  if (count === 0) return `none are ${what}`;
  return `${numberInWords(count)} ${count === 1 ? 'is' : 'are'} ${what}`;
}

/**
 * "As of 14 September 2012, of the 58 activities in this plan, two are complete
 * (one verified by the board), 30 are on track, 10 are at risk and 16 are
 * overdue." followed by what overdue and at risk mean.
 */
export function progressSummary(counts: StandingCounts, asOf: CalendarDate): string {
  const when = `As of ${formatLongDate(asOf)}`;
  if (counts.total === 0) return `${when}, this plan has no activities yet.`;
  const verified =
    counts.complete === 0
      ? ''
      : counts.verified === counts.complete
        ? counts.complete === 1
          ? ' (verified by the board)'
          : ' (all verified by the board)'
        : counts.verified === 0
          ? ' (none yet verified by the board)'
          : ` (${numberInWords(counts.verified)} verified by the board)`;
  const parts = [
    `${are(counts.complete, 'complete')}${verified}`,
    are(counts.on_track, 'on track'),
    are(counts.at_risk, 'at risk'),
    are(counts.overdue, 'overdue'),
  ];
  if (counts.cancelled > 0) parts.push(`${numberInWords(counts.cancelled)} ${counts.cancelled === 1 ? 'has' : 'have'} been cancelled`);
  const opening =
    counts.total === 1
      ? `${when}, this plan has one activity: ${joinWithAnd(parts)}.`
      : `${when}, of the ${countOf(counts.total, 'activity')} in this plan, ${joinWithAnd(parts)}.`;
  return `${opening} Overdue means past its due date and not complete; at risk means not yet due but rated Amber or Red.`;
}

/** The rating in words with its reasons in one cell, for tables with a column wide enough (the performance report's actions). */
export function ragCell(assessment: RagAssessment | undefined): Cell {
  if (!assessment) return textCell();
  if (assessment.rating === null) return { strong: 'Not rated', paragraphs: assessment.reasons.map(capitalise), tone: null };
  return { strong: RAG_LABELS[assessment.rating], paragraphs: assessment.reasons.map(capitalise), tone: assessment.rating };
}

/** The rating in words, coloured, over the status ("Red" / "Not started"); the reasons go under the row (ragLine). */
export function ragWordCell(assessment: RagAssessment | undefined, status: string | null = null): Cell {
  const paragraphs = status ? [status] : [];
  if (!assessment) return textCell(...paragraphs);
  return { strong: assessment.rating === null ? 'Not rated' : RAG_LABELS[assessment.rating], paragraphs, tone: assessment.rating };
}

/** "Red: due 27 Jun 2012, 56 working days overdue; 0% complete against 100% expected by now." */
export function ragLine(assessment: RagAssessment | undefined): { label: string; text: string } {
  if (!assessment) return { label: 'Not rated:', text: 'no rating.' };
  const label = `${assessment.rating === null ? 'Not rated' : RAG_LABELS[assessment.rating]}:`;
  return { label, text: `${assessment.reasons.join('; ').replace(/[.\s]+$/, '')}.` };
}

/** "Latest progress (reported 3 Sep 2012): Framework drafted" or "Latest progress: none reported." */
export function latestLine(update: LatestUpdate | null | undefined): { label: string; text: string } {
  if (!update) return { label: 'Latest progress:', text: 'none reported.' };
  const label = `Latest progress (reported ${formatShortDate(update.reportedOn as CalendarDate)}):`;
  return { label, text: update.note?.trim() ? update.note : 'a status change with no note.' };
}

export function latestCell(update: LatestUpdate | undefined): Cell {
  if (!update) return textCell('None reported');
  const reported = `Reported ${formatShortDate(update.reportedOn as CalendarDate)}`;
  return textCell(update.note?.trim() ? update.note : null, reported);
}

function shortDue(activity: Pick<TableActivity, 'dueDate' | 'dueDatePrecision'>): string {
  if (!activity.dueDate) return 'No date';
  const date = activity.dueDate as CalendarDate;
  return activity.dueDatePrecision === 'month' ? formatMonthYear(date) : formatShortDate(date);
}

export function progressReportView(
  plan: ReportPlan<ProgressActivity>,
  assessments: ReadonlyMap<string, RagAssessment>,
  latest: ReadonlyMap<string, LatestUpdate>,
  asOf: CalendarDate,
  options: TitleOptions & { layout: PlanLayout | null },
): ProgressReportView {
  const layout = options.layout ?? planLayout(plan);
  const activities = plan.sections.flatMap((section) => section.recommendations.flatMap((r) => r.activities));
  const planName = /^the\s/i.test(plan.title) ? plan.title : `the ${plan.title}`;
  const title = documentTitle(options, `Progress on ${planName}, as of ${formatLongDate(asOf)}`);
  const tables = planTables(plan, {
    layout,
    labels: columnLabelsFor(plan, layout),
    weights: PROGRESS_WEIGHTS[layout],
    extra: {
      labels: PROGRESS_COLUMNS,
      cells: (activity) => [
        textCell(shortDue(activity)),
        ragWordCell(assessments.get(activity.id), statusText(activity.status, activity.percentComplete, activity.verified)),
      ],
      detail: (activity) => [ragLine(assessments.get(activity.id)), latestLine(latest.get(activity.id))],
    },
  })
    // A board report runs on: each table follows the summary or the table before it, and rows run on across pages.
    .map((table) => ({ ...table, newPage: false, rowsMaySplit: true }));
  return {
    title,
    draft: plan.status === 'draft',
    fileName: fileNameOf(title),
    asOf,
    summary: progressSummary(countStandings(activities, assessments, asOf), asOf),
    ragKey: RAG_KEY,
    tables,
  };
}
