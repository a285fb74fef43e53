import { CalendarDate, WorkingDayCalendar, compareCalendarDates, formatLongDate, formatMonthYear, formatShortDate } from '../deadlines';
import type { ActivityStatus, DueDatePrecision } from '../plans/plan-vocabulary';
import type { RagAssessment } from '../progress/rag';
import { TitleOptions, documentTitle, fileNameOf } from './appendix.view-model';
import { countOf, numberInWords } from './number-words';
import { LatestUpdate, latestCell, ragLine, ragWordCell } from './progress-report.view-model';
import { Row, RowGroup, Table, columnsOf, textCell } from './report-model';
import { standingOf, workingDaysLate } from '../progress/standing';

/**
 * The chair's exception report: only what is overdue or at risk as of a date,
 * grouped by lead agency (an activity led jointly appears under each lead, as
 * in the overdue review, because each answers for it at the board), with
 * working days overdue, owner, RAG with reasons and the latest progress.
 */

export interface ExceptionActivity {
  id: string;
  text: string;
  status: ActivityStatus;
  dueDate: string | null;
  dueDatePrecision: DueDatePrecision;
  planTitle: string;
  sectionTitle: string;
  recommendationNumber: number;
  owner: string | null;
  leadAgencies: Array<{ id: string; name: string }>;
  latest: LatestUpdate | null;
}

export interface ExceptionReportView {
  title: string;
  draft: boolean;
  fileName: string;
  asOf: string;
  summary: string;
  tables: Table[];
}

/** Why each is rated so goes under its row, across the table, where its reasons take a line (see the progress report). */
export const EXCEPTION_COLUMNS = ['Recommendation', 'Activity', 'Due', 'Working days overdue', 'Owner', 'RAG', 'Latest progress'];
const EXCEPTION_WEIGHTS = [11, 44, 8, 9, 8, 5, 15];

interface Exception {
  activity: ExceptionActivity;
  overdue: boolean;
  /** Null when the due date lies outside the years whose bank holidays are known. */
  workingDaysOverdue: number | null;
  assessment: RagAssessment | undefined;
}

function byUrgency(a: Exception, b: Exception): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.workingDaysOverdue !== b.workingDaysOverdue) return (b.workingDaysOverdue ?? -1) - (a.workingDaysOverdue ?? -1);
  const da = a.activity.dueDate;
  const db = b.activity.dueDate;
  if (da !== db) return !da ? 1 : !db ? -1 : compareCalendarDates(da as CalendarDate, db as CalendarDate);
  return 0;
}

function dueCell(activity: ExceptionActivity): string {
  if (!activity.dueDate) return 'No date';
  const date = activity.dueDate as CalendarDate;
  return activity.dueDatePrecision === 'month' ? formatMonthYear(date) : formatShortDate(date);
}

export function exceptionReportView(
  activities: readonly ExceptionActivity[],
  assessments: ReadonlyMap<string, RagAssessment>,
  calendar: WorkingDayCalendar,
  asOf: CalendarDate,
  options: TitleOptions,
): ExceptionReportView {
  const exceptions: Exception[] = [];
  for (const activity of activities) {
    const assessment = assessments.get(activity.id);
    const standing = standingOf(activity, assessment?.rating ?? null, asOf);
    if (standing !== 'overdue' && standing !== 'at_risk') continue;
    const overdue = standing === 'overdue';
    exceptions.push({
      activity,
      overdue,
      workingDaysOverdue: overdue ? workingDaysLate(calendar, activity.dueDate, asOf) : 0,
      assessment,
    });
  }
  // A stable sort: equal urgencies keep the plan's own order, in which the rows arrive.
  exceptions.sort(byUrgency);

  const severalPlans = new Set(exceptions.map((e) => e.activity.planTitle)).size > 1;
  const groups = new Map<string, { id: string; name: string; items: Exception[] }>();
  for (const exception of exceptions) {
    const leads = exception.activity.leadAgencies.length ? exception.activity.leadAgencies : [{ id: '', name: 'No lead agency' }];
    for (const lead of leads) {
      const group = groups.get(lead.id) ?? { id: lead.id, name: lead.name, items: [] };
      group.items.push(exception);
      groups.set(lead.id, group);
    }
  }
  // Most overdue first, then most at risk; work with no lead agency last.
  const overdueIn = (group: { items: Exception[] }) => group.items.filter((e) => e.overdue).length;
  const ordered = [...groups.values()].sort(
    (a, b) =>
      Number(a.id === '') - Number(b.id === '') ||
      overdueIn(b) - overdueIn(a) ||
      b.items.length - a.items.length ||
      a.name.localeCompare(b.name, 'en-GB'),
  );

  const row = (exception: Exception): Row => {
    const { activity } = exception;
    const where = `${activity.sectionTitle} ${activity.recommendationNumber}`;
    return {
      header: { number: '', text: severalPlans ? `${activity.planTitle}: ${where}` : where, rowSpan: 2 },
      continuesHeader: false,
      isActivity: true,
      cells: [
        textCell(activity.text),
        textCell(dueCell(activity)),
        textCell(!exception.overdue ? 'Not yet due' : exception.workingDaysOverdue === null ? 'Not known' : String(exception.workingDaysOverdue)),
        textCell(activity.owner ?? 'Not named'),
        ragWordCell(exception.assessment),
        latestCell(activity.latest ?? undefined),
      ],
      detail: { span: EXCEPTION_COLUMNS.length - 1, lines: [ragLine(exception.assessment)] },
    };
  };

  const tables: Table[] = ordered.map((group) => {
    const overdue = group.items.filter((e) => e.overdue);
    const atRisk = group.items.filter((e) => !e.overdue);
    const rowGroups: RowGroup[] = [];
    if (overdue.length) rowGroups.push({ label: 'Overdue', rows: overdue.map(row) });
    if (atRisk.length) rowGroups.push({ label: 'At risk', rows: atRisk.map(row) });
    const counts = [overdue.length ? `${numberInWords(overdue.length)} overdue` : null, atRisk.length ? `${numberInWords(atRisk.length)} at risk` : null]
      .filter(Boolean)
      .join(', ');
    return {
      heading: `${group.name}: ${counts}`,
      columns: columnsOf(EXCEPTION_COLUMNS, EXCEPTION_WEIGHTS),
      columnCount: EXCEPTION_COLUMNS.length,
      groups: rowGroups,
      newPage: false,
      hasRowHeaders: true,
      rowsMaySplit: true,
    };
  });

  const title = documentTitle(options, `Overdue and at-risk activities as of ${formatLongDate(asOf)}`);
  return {
    title,
    draft: false,
    fileName: fileNameOf(title),
    asOf,
    summary: exceptionSummary(
      exceptions.filter((e) => e.overdue).length,
      exceptions.filter((e) => !e.overdue).length,
      ordered.filter((group) => group.id !== '').length,
      asOf,
    ),
    tables,
  };
}

/**
 * "As of 14 September 2012, 30 activities are overdue and five more are at
 * risk, under nine lead agencies."
 */
export function exceptionSummary(overdue: number, atRisk: number, leads: number, asOf: CalendarDate): string {
  const when = `As of ${formatLongDate(asOf)}`;
  if (overdue + atRisk === 0) return `${when}, no activities are overdue or at risk.`;
  const verb = (count: number) => (count === 1 ? 'is' : 'are');
  const overduePart = `${countOf(overdue, 'activity')} ${verb(overdue)} overdue`;
  const riskPart = overdue === 0 ? `${countOf(atRisk, 'activity')} ${verb(atRisk)} at risk` : `${numberInWords(atRisk)} more ${verb(atRisk)} at risk`;
  const parts = overdue === 0 ? riskPart : atRisk === 0 ? overduePart : `${overduePart} and ${riskPart}`;
  return (
    `${when}, ${parts}, under ${countOf(leads, 'lead agency', 'lead agencies')}. ` +
    'Each lead agency lists the work it leads, most overdue first, so work led jointly appears under each lead. ' +
    'Overdue means past its due date and not complete; at risk means not yet due but rated Amber or Red.'
  );
}
