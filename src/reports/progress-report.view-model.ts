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

export type ProgressActivity = TableActivity & Pick<ActivityView, 'status' | 'percentComplete' | 'verification'>;

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

export const PROGRESS_COLUMNS = ['Due', 'Status', 'RAG', 'Latest progress'];

const PROGRESS_WEIGHTS: Record<PlanLayout, readonly number[]> = {
  'recommendation-first': [15, 16, 16, 7, 10, 7, 8, 10, 11],
  'outcome-first': [15, 18, 10, 8, 14, 7, 8, 10, 10],
};

export type StandingCounts = Record<Standing, number> & { verified: number; total: number };

export function countStandings(activities: ProgressActivity[], assessments: ReadonlyMap<string, RagAssessment>, asOf: CalendarDate): StandingCounts {
  const counts: StandingCounts = { complete: 0, cancelled: 0, overdue: 0, at_risk: 0, on_track: 0, verified: 0, total: activities.length };
  for (const activity of activities) {
    counts[standingOf(activity, assessments.get(activity.id)?.rating ?? null, asOf)] += 1;
    if (activity.status === 'complete' && activity.verification) counts.verified += 1;
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

export function ragCell(assessment: RagAssessment | undefined): Cell {
  if (!assessment) return textCell();
  if (assessment.rating === null) return { strong: 'Not rated', paragraphs: assessment.reasons.map(capitalise), tone: null };
  return { strong: RAG_LABELS[assessment.rating], paragraphs: assessment.reasons.map(capitalise), tone: assessment.rating };
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
  return {
    title,
    draft: plan.status === 'draft',
    fileName: fileNameOf(title),
    asOf,
    summary: progressSummary(countStandings(activities, assessments, asOf), asOf),
    ragKey: RAG_KEY,
    tables: planTables(plan, {
      layout,
      labels: columnLabelsFor(plan, layout),
      weights: PROGRESS_WEIGHTS[layout],
      extra: {
        labels: PROGRESS_COLUMNS,
        cells: (activity) => [
          textCell(shortDue(activity)),
          textCell(statusText(activity.status, activity.percentComplete, activity.verification !== null)),
          ragCell(assessments.get(activity.id)),
          latestCell(latest.get(activity.id)),
        ],
      },
    }),
  };
}
