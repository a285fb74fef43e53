import { CalendarDate, formatLongDate } from '../../deadlines';
import type { PerformanceReportView } from '../../indicators/report/performance-report.view-model';
import type { ExceptionReportView } from '../../reports/exception-report.view-model';
import type { ProgressReportView } from '../../reports/progress-report.view-model';
import type { Table } from '../../reports/report-model';
import { ActionLine, actionLogTable } from './action-log';

/** One plan the board oversees, with its three reports as of the pack's date. */
export interface PackPart {
  heading: string;
  progress: ProgressReportView;
  exceptions: ExceptionReportView;
  performance: PerformanceReportView;
}

/**
 * A meeting's pack: matters arising (actions from earlier meetings still
 * open), then for each plan the board oversees its progress report, its
 * exception report and its performance report (priority RAGs with their risk
 * labels, the narratives, the indicators). Stored as it was issued: this view
 * model and the three files made from it.
 */
export interface BoardPackView {
  title: string;
  draft: boolean;
  fileName: string;
  summary: string;
  /** "Version 2, issued on 9 October 2012"; null for a draft. */
  issue: string | null;
  contents: string[];
  mattersArising: Table | null;
  parts: PackPart[];
}

export interface PackInput {
  board: string;
  meetingDate: string;
  asOf: string;
  /** Null for the draft. */
  issued: { version: number; on: string } | null;
  plans: Array<{ title: string; progress: ProgressReportView; exceptions: ExceptionReportView; performance: PerformanceReportView }>;
  mattersArising: readonly ActionLine[];
}

const long = (date: string) => formatLongDate(date as CalendarDate);

export function boardPackView(input: PackInput): BoardPackView {
  const parts = input.plans.map((plan) => ({
    heading: plan.title,
    // The pack is one paper: its reports carry its DRAFT mark (or not), whatever each would alone.
    progress: { ...plan.progress, draft: input.issued === null },
    exceptions: { ...plan.exceptions, draft: input.issued === null },
    performance: { ...plan.performance, draft: input.issued === null },
  }));
  const open = input.mattersArising.length;
  const plans = parts.length === 1 ? 'one plan' : `${parts.length} plans`;
  return {
    title: `${input.board}: pack for the meeting on ${long(input.meetingDate)}`,
    draft: input.issued === null,
    fileName: `board-pack-${input.meetingDate}${input.issued ? `-v${input.issued.version}` : '-draft'}`,
    summary:
      `The ${input.board}'s papers for its meeting on ${long(input.meetingDate)}, as of ${long(input.asOf)}: ` +
      `${open === 0 ? 'no matters arising' : `${open} ${open === 1 ? 'matter' : 'matters'} arising`}, and the progress, exception and performance reports for ${parts.length === 0 ? 'no plans' : plans}.`,
    issue: input.issued ? `Version ${input.issued.version}, issued on ${long(input.issued.on)}` : null,
    contents: ['Matters arising', ...parts.flatMap((part) => [`${part.heading}: progress report`, `${part.heading}: exception report`, `${part.heading}: performance report`])],
    mattersArising: open ? actionLogTable('Matters arising', input.mattersArising) : null,
    parts,
  };
}
