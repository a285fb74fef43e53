import type { MonitoringStatus } from '../entities/board.entities';
import type { RecommendationFields } from '../papers/scrutiny-monitoring';
import { columnOf, paperDate, pastedRows } from './pasted-table';

export type ImportedRecommendation = RecommendationFields & {
  /** Its line in the paste. */
  line: number;
  warnings: string[];
};

export interface MonitoringImport {
  recommendations: ImportedRecommendation[];
  skipped: Array<{ line: number; reason: string }>;
  /** Columns the heading row must name and does not. */
  missingColumns: string[];
}

const COLUMNS = {
  date: /^(date|meeting( date)?|date of meeting)$/i,
  title: /^(title|item|subject|topic)$/i,
  proposed: /^(action proposed|recommendations?|proposed action|panel recommendation)$/i,
  taken: /^(action taken|response|service response|update)$/i,
  progress: /^(progress( status)?|progress \/ status|status)$/i,
};

/** "1) Audit the plans 2) Report back" -> the two points; a cell with no numbering is one point. */
export function splitPoints(cell: string): string[] {
  const text = cell.trim();
  if (!/(^|\s)1\)\s/.test(text)) return text ? [text] : [];
  return text
    .split(/(?:^|\s+)\d+\)\s+/)
    .map((point) => point.trim())
    .filter((point) => point !== '');
}

/**
 * A progress status as papers write it, by the status key councils use:
 * achieved (or completed), continue monitoring (in progress, ongoing),
 * unacceptable progress, paused (with the reason after it); "rejected" marks
 * a recommendation the service rejected.
 */
export function readStatus(cell: string): { progress: MonitoringStatus; pausedReason: string | null; rejected: boolean; warning: string | null } {
  const text = cell.trim();
  const rejected = /\breject(ed)?\b/i.test(text);
  const paused = /^paused\b[\s:–—-]*(.*)$/i.exec(text);
  if (paused) return { progress: 'paused', pausedReason: paused[1].trim() || 'No reason given in the paper', rejected, warning: paused[1].trim() ? null : 'paused with no reason given' };
  if (/unacceptable/i.test(text)) return { progress: 'unacceptable_progress', pausedReason: null, rejected, warning: null };
  if (/\b(achieved|complete(d)?|done)\b/i.test(text)) return { progress: 'achieved', pausedReason: null, rejected, warning: null };
  if (/continue|monitor|ongoing|in progress|on track/i.test(text) || rejected) return { progress: 'continue_monitoring', pausedReason: null, rejected, warning: null };
  return { progress: 'continue_monitoring', pausedReason: null, rejected, warning: text ? `"${text}" is not on the status key; read as continue monitoring` : 'no progress status; read as continue monitoring' };
}

/**
 * A scrutiny panel's monitoring list pasted from a paper: Date | Title |
 * Action proposed | Action taken | Progress status, the date written once for
 * the items of a meeting and carried down, points numbered "1)", "2)" within a cell.
 */
export function readMonitoringList(text: string): MonitoringImport {
  const rows = pastedRows(text);
  const skipped: MonitoringImport['skipped'] = [];
  if (rows.length === 0) return { recommendations: [], skipped, missingColumns: [] };
  const header = rows[0].cells;
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([name, pattern]) => [name, columnOf(header, pattern)])) as Record<keyof typeof COLUMNS, number>;
  const missingColumns = (['date', 'title', 'proposed'] as const).filter((name) => at[name] < 0).map((name) => ({ date: 'Date', title: 'Title', proposed: 'Action proposed' })[name]);
  if (missingColumns.length) return { recommendations: [], skipped, missingColumns };
  const recommendations: ImportedRecommendation[] = [];
  let date: string | null = null;
  for (const row of rows.slice(1)) {
    const cell = (column: number) => (column >= 0 ? (row.cells[column] ?? '').trim() : '');
    const dateCell = cell(at.date);
    if (dateCell) {
      const parsed = paperDate(dateCell);
      if (!parsed) {
        skipped.push({ line: row.line, reason: `"${dateCell}" is not a date` });
        continue;
      }
      date = parsed;
    }
    if (!cell(at.title) && !cell(at.proposed)) {
      skipped.push({ line: row.line, reason: 'no title and no action proposed' });
      continue;
    }
    if (!date) {
      skipped.push({ line: row.line, reason: 'no meeting date, here or above' });
      continue;
    }
    const status = readStatus(cell(at.progress));
    const warnings = status.warning ? [status.warning] : [];
    const actionProposed = splitPoints(cell(at.proposed));
    if (actionProposed.length === 0) {
      skipped.push({ line: row.line, reason: 'no action proposed' });
      continue;
    }
    recommendations.push({
      line: row.line,
      meetingDate: date,
      title: cell(at.title) || actionProposed[0].slice(0, 80),
      actionProposed,
      actionTaken: splitPoints(cell(at.taken)),
      progress: status.progress,
      pausedReason: status.pausedReason,
      rejected: status.rejected,
      warnings,
    });
  }
  return { recommendations, skipped, missingColumns };
}
