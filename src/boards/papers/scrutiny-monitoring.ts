import { CalendarDate, formatLongDate } from '../../deadlines';
import type { RagRating } from '../../progress/rag';
import { Table, textCell } from '../../reports/report-model';
import type { MonitoringStatus, ScrutinyDecisionKind } from '../entities/board.entities';

/** What a panel's recommendation says: as written, imported, stored and printed. */
export interface RecommendationFields {
  /** The date of the meeting that made it. */
  meetingDate: string;
  /** The item it was made under. */
  title: string;
  /** The panel's recommendation, point by point. */
  actionProposed: string[];
  /** The service's response, point by point. */
  actionTaken: string[];
  progress: MonitoringStatus;
  pausedReason: string | null;
  /** The service (or the executive) rejected it. */
  rejected: boolean;
}

/** What the monitoring rules need to know of one of the panel's recommendations. */
export interface MonitoredItem {
  meetingDate: string;
  progress: MonitoringStatus;
  pausedReason: string | null;
  rejected: boolean;
  /** The panel's decisions about it, each with the date of the meeting that made it. */
  decisions: ReadonlyArray<{ meetingDate: string; decision: ScrutinyDecisionKind }>;
}

export type MonitoringStanding = { listed: true; reason: string } | { listed: false; reason: string; leftOn: string };

const long = (date: string) => formatLongDate(date as CalendarDate);

/**
 * Whether an item is still on the panel's monitoring list, by the rules
 * councils publish, counting the decisions of meetings before `before` (the
 * list a meeting receives is the one its earlier meetings left), or every
 * decision when `before` is left out:
 * - an item marked completed (achieved) leaves only when the panel accepts it
 *   at a meeting; one the panel does not accept stays and is reported again;
 * - a rejected recommendation leaves only once the rejection has been
 *   reported to the panel;
 * - anything else stays, whatever its progress.
 */
export function monitoringStanding(item: MonitoredItem, before?: string): MonitoringStanding {
  const decisions = item.decisions.filter((d) => before === undefined || d.meetingDate < before).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  const accepted = decisions.find((d) => d.decision === 'accepted');
  if (accepted) return { listed: false, reason: `Accepted as completed by the panel on ${long(accepted.meetingDate)}`, leftOn: accepted.meetingDate };
  const reported = decisions.find((d) => d.decision === 'rejection_reported');
  if (item.rejected && reported) return { listed: false, reason: `Rejected; reported to the panel on ${long(reported.meetingDate)}`, leftOn: reported.meetingDate };
  if (item.rejected) return { listed: true, reason: 'Rejected: stays on the list until the rejection has been reported to the panel' };
  const notAccepted = [...decisions].reverse().find((d) => d.decision === 'not_accepted');
  if (item.progress === 'achieved' && notAccepted) return { listed: true, reason: `Completed, but not accepted by the panel on ${long(notAccepted.meetingDate)}: reported again` };
  if (item.progress === 'achieved') return { listed: true, reason: "Completed: awaiting the panel's acceptance" };
  return { listed: true, reason: progressText(item.progress, item.pausedReason) };
}

/**
 * Why a decision cannot be recorded for the item at a meeting on `meetingDate`,
 * or null when it can: the panel accepts (or declines) only what the service
 * has marked completed; a rejection is reported only for a rejected
 * recommendation; nothing is decided about an item already off the list, or
 * at a meeting before the one that made the recommendation.
 */
export function decisionProblem(item: MonitoredItem, decision: ScrutinyDecisionKind, meetingDate: string): string | null {
  if (meetingDate < item.meetingDate) return `is a meeting before the one that made the recommendation (${long(item.meetingDate)})`;
  const standing = monitoringStanding(item, meetingDate);
  if (!standing.listed) return `cannot decide on an item no longer on the list (${standing.reason.charAt(0).toLowerCase()}${standing.reason.slice(1)})`;
  if (item.decisions.some((d) => d.meetingDate === meetingDate && d.decision === decision)) return 'has already recorded this decision for the item';
  if ((decision === 'accepted' || decision === 'not_accepted') && item.progress !== 'achieved') {
    return `only an item the service has marked achieved (completed) can be accepted or not; this one is: ${progressText(item.progress, item.pausedReason).toLowerCase()}`;
  }
  if (decision === 'rejection_reported' && !item.rejected) return 'only a rejected recommendation is reported as rejected';
  return null;
}

export const MONITORING_KEY: ReadonlyArray<{ status: MonitoringStatus; label: string; meaning: string }> = [
  { status: 'achieved', label: 'Achieved', meaning: 'Monitoring no longer required once the panel accepts it.' },
  { status: 'continue_monitoring', label: 'Continue monitoring', meaning: 'Progress is being made; the panel keeps it on the list.' },
  { status: 'unacceptable_progress', label: 'Unacceptable progress', meaning: 'The panel expects more, and sooner.' },
  { status: 'paused', label: 'Paused', meaning: 'Monitoring stopped for a reason given.' },
];

export function progressText(progress: MonitoringStatus, pausedReason: string | null): string {
  const label = MONITORING_KEY.find((key) => key.status === progress)!.label;
  return progress === 'paused' && pausedReason ? `${label}: ${pausedReason}` : label;
}

const TONES: Record<MonitoringStatus, RagRating | null> = { achieved: 'green', continue_monitoring: 'amber', unacceptable_progress: 'red', paused: null };

/** "1) …", "2) …" within an item, as the papers number the points of one recommendation. */
export function numbered(points: readonly string[]): string[] {
  return points.length > 1 ? points.map((point, index) => `${index + 1}) ${point}`) : [...points];
}

export type MonitoringRow = RecommendationFields & MonitoredItem;

export const MONITORING_COLUMNS = ['Date', 'Title', 'Action proposed', 'Action taken', 'Progress status'];
const WIDTHS = [10, 16, 29, 29, 16];

export interface ScrutinyMonitoringView {
  title: string;
  draft: boolean;
  fileName: string;
  summary: string;
  key: ReadonlyArray<{ label: string; meaning: string }>;
  table: Table | null;
}

/**
 * The monitoring appendix for the panel's meeting on `meetingDate`: every
 * item still on the list (by the decisions of earlier meetings), grouped by
 * the date of the meeting that made it, oldest first.
 */
export function scrutinyMonitoringView(panel: string, meetingDate: string, items: readonly MonitoringRow[]): ScrutinyMonitoringView {
  const listed = items
    .map((item) => ({ item, standing: monitoringStanding(item, meetingDate) }))
    .filter(({ item, standing }) => standing.listed && item.meetingDate < meetingDate);
  const dates = [...new Set(listed.map(({ item }) => item.meetingDate))].sort();
  const title = `Scrutiny Monitoring — ${long(meetingDate)}`;
  return {
    title,
    draft: false,
    fileName: `scrutiny-monitoring-${meetingDate}`,
    summary:
      listed.length === 0
        ? `No recommendations of the ${panel} are still being monitored.`
        : `${listed.length} ${listed.length === 1 ? 'recommendation' : 'recommendations'} of the ${panel} ${listed.length === 1 ? 'is' : 'are'} still being monitored, from ${dates.length} ${dates.length === 1 ? 'meeting' : 'meetings'}.`,
    key: MONITORING_KEY.map(({ label, meaning }) => ({ label, meaning })),
    table: listed.length
      ? {
          heading: title,
          columns: MONITORING_COLUMNS.map((label, index) => ({ label, width: WIDTHS[index] })),
          columnCount: MONITORING_COLUMNS.length,
          hasRowHeaders: false,
          newPage: false,
          rowsMaySplit: true,
          groups: dates.map((date) => ({
            label: `Meeting of ${long(date)}`,
            rows: listed
              .filter(({ item }) => item.meetingDate === date)
              .map(({ item, standing }) => ({
                header: null,
                continuesHeader: false,
                isActivity: true,
                cells: [
                  textCell(long(item.meetingDate)),
                  textCell(item.title),
                  textCell(...numbered(item.actionProposed)),
                  textCell(...(item.actionTaken.length ? numbered(item.actionTaken) : ['No response yet'])),
                  { strong: progressText(item.progress, item.pausedReason), paragraphs: standing.reason === progressText(item.progress, item.pausedReason) ? [] : [standing.reason], tone: TONES[item.progress] },
                ],
              })),
          })),
        }
      : null,
  };
}
