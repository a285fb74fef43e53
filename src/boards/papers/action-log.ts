import { CalendarDate, formatLongDate, formatShortDate } from '../../deadlines';
import { Table, textCell } from '../../reports/report-model';
import type { ActionStatus } from '../entities/board.entities';

/** One action as the log prints it. */
export interface ActionLine {
  number: number;
  meetingDate: string;
  text: string;
  owners: Array<{ name: string; initials: string }>;
  /** Initials an import could not settle: printed so nobody is silently dropped. */
  unresolvedOwners: string[];
  dueOn: string;
  status: ActionStatus;
  note: string | null;
}

export const ACTION_LOG_COLUMNS = ['Action', 'Owner', 'Due', 'Status'];
const WIDTHS = [52, 18, 12, 18];

const STATUS_TEXT: Record<ActionStatus, string> = { open: 'Open', in_progress: 'In progress', closed: 'Closed' };

/** "Anne Wright (AW)", and initials nobody could be matched to marked as such. */
export function ownerText(line: Pick<ActionLine, 'owners' | 'unresolvedOwners'>): string[] {
  return [...line.owners.map((owner) => `${owner.name} (${owner.initials})`), ...line.unresolvedOwners.map((initials) => `${initials} (not matched to a member)`)];
}

/**
 * The action log as minutes print it, "Action | Owner | Due | Status", one
 * group per meeting that agreed the actions (matters arising span several),
 * numbered as agreed.
 */
export function actionLogTable(heading: string, lines: readonly ActionLine[]): Table {
  const meetings = [...new Set(lines.map((line) => line.meetingDate))].sort();
  return {
    heading,
    columns: ACTION_LOG_COLUMNS.map((label, index) => ({ label, width: WIDTHS[index] })),
    columnCount: ACTION_LOG_COLUMNS.length,
    hasRowHeaders: false,
    newPage: false,
    rowsMaySplit: true,
    groups: meetings.map((meetingDate) => ({
      label: meetings.length > 1 ? `Agreed at the meeting of ${formatLongDate(meetingDate as CalendarDate)}` : null,
      rows: lines
        .filter((line) => line.meetingDate === meetingDate)
        .sort((a, b) => a.number - b.number)
        .map((line) => ({
          header: null,
          continuesHeader: false,
          isActivity: true,
          cells: [
            textCell(`${line.number}. ${line.text}`),
            textCell(...(ownerText(line).length ? ownerText(line) : ['No owner'])),
            textCell(formatShortDate(line.dueOn as CalendarDate)),
            { strong: STATUS_TEXT[line.status], paragraphs: line.note ? [line.note] : [], tone: null },
          ],
        })),
    })),
  };
}

export interface ActionLogView {
  title: string;
  draft: boolean;
  fileName: string;
  summary: string;
  table: Table | null;
}

/** The actions agreed at one meeting, as a paper of their own. */
export function actionLogView(board: string, meetingDate: string, lines: readonly ActionLine[]): ActionLogView {
  const date = formatLongDate(meetingDate as CalendarDate);
  const open = lines.filter((line) => line.status !== 'closed').length;
  return {
    title: `${board}: actions agreed on ${date}`,
    draft: false,
    fileName: `action-log-${meetingDate}`,
    summary: lines.length === 0 ? 'No actions were agreed at this meeting.' : `${lines.length} ${lines.length === 1 ? 'action was' : 'actions were'} agreed at this meeting; ${open} ${open === 1 ? 'is' : 'are'} still open.`,
    table: lines.length ? actionLogTable('Action log', lines) : null,
  };
}
