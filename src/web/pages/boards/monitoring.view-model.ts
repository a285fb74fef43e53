import type { BoardView, MeetingView } from '../../../boards/board-views';
import type { MonitoringStatus, ScrutinyDecisionKind } from '../../../boards/entities/board.entities';
import { MONITORING_KEY, numbered, progressText } from '../../../boards/papers/scrutiny-monitoring';
import type { MonitoredView } from '../../../boards/scrutiny.service';
import { longDate } from '../../format';
import { withQuery } from '../../pagination';
import type { Tag } from '../../standing-words';
import { boardPath, meetingName } from './boards.view-model';

export const monitoringPath = (boardId: string) => `/boards/${boardId}/monitoring`;
export const decidePath = (boardId: string, recommendationId: string) => `${monitoringPath(boardId)}/${recommendationId}/decide`;

const PROGRESS_CLASSES: Record<MonitoringStatus, string> = {
  achieved: 'govuk-tag--green',
  continue_monitoring: 'govuk-tag--yellow',
  unacceptable_progress: 'govuk-tag--red',
  paused: 'govuk-tag--grey',
};

/** The panel's decisions in its own words, with what each does to the list. */
export const DECISION_CHOICES: ReadonlyArray<{ value: ScrutinyDecisionKind; text: string; hint: string }> = [
  { value: 'accepted', text: 'Accepted as completed', hint: 'The item leaves the list at this meeting.' },
  { value: 'not_accepted', text: 'Not accepted', hint: 'The item stays on the list and is reported again.' },
  { value: 'rejection_reported', text: 'Rejection reported to the panel', hint: 'A recommendation the service rejected leaves the list once reported.' },
];

const DECISION_WORDS: Record<ScrutinyDecisionKind, string> = { accepted: 'Accepted as completed', not_accepted: 'Not accepted', rejection_reported: 'Rejection reported' };

/** The progress status as a tag: the status key's word (with a paused item's reason), the colour only as well. */
export function progressTag(progress: MonitoringStatus, pausedReason: string | null): Tag {
  return { text: progressText(progress, pausedReason), classes: PROGRESS_CLASSES[progress] ?? 'govuk-tag--grey' };
}

function itemRow(item: MonitoredView, boardId: string, chairs: boolean) {
  return {
    id: item.id,
    title: item.title,
    actionProposed: numbered(item.actionProposed),
    actionTaken: numbered(item.actionTaken),
    progress: progressTag(item.progress, item.pausedReason),
    rejected: item.rejected,
    listed: item.listed,
    standing: item.reason,
    decisions: item.decisions.map((decision) => ({ text: `${DECISION_WORDS[decision.decision] ?? decision.decision} at the meeting of ${longDate(decision.meetingDate)}`, note: decision.note })),
    decideHref: chairs && item.listed ? decidePath(boardId, item.id) : null,
  };
}

/**
 * A scrutiny panel's monitoring list, as the appendix lays it out: grouped by
 * the date of the meeting that made each recommendation, oldest first, with
 * the service's response, the progress status, why it is (or is no longer)
 * listed, and the panel's decisions. The chair records decisions from here.
 */
export function monitoringViewModel(board: Pick<BoardView, 'id' | 'name'>, items: readonly MonitoredView[], show: 'listed' | 'all', chairs: boolean) {
  const dates = [...new Set(items.map((item) => item.meetingDate))].sort();
  return {
    board: { name: board.name, href: boardPath(board.id) },
    show,
    total: items.length,
    showLinks: {
      listed: { href: monitoringPath(board.id), current: show === 'listed' },
      all: { href: withQuery(monitoringPath(board.id), { show: 'all' }), current: show === 'all' },
    },
    key: MONITORING_KEY.map((entry) => ({ tag: { text: entry.label, classes: PROGRESS_CLASSES[entry.status] }, meaning: entry.meaning })),
    groups: dates.map((date, index) => ({
      anchor: `made-${index + 1}`,
      heading: `Recommendations of the meeting of ${longDate(date)}`,
      items: items.filter((item) => item.meetingDate === date).map((item) => itemRow(item, board.id, chairs)),
    })),
  };
}

/** The meetings a decision may be tied to: the panel's meetings not cancelled, latest first; the one asked for (or the latest held on or before today) chosen. */
export function meetingChoices(meetings: readonly Pick<MeetingView, 'id' | 'meetingDate' | 'status'>[], chosen: string, today: string) {
  const open = [...meetings].filter((meeting) => meeting.status !== 'cancelled').sort((a, b) => b.meetingDate.localeCompare(a.meetingDate));
  const selected = chosen || open.find((meeting) => meeting.meetingDate <= today)?.id || '';
  return [{ value: '', text: 'Choose a meeting' }, ...open.map((meeting) => ({ value: meeting.id, text: meetingName(meeting), selected: meeting.id === selected }))];
}

/** The "record a decision" page: the item as the list shows it, and the choices. */
export function decideViewModel(board: Pick<BoardView, 'id' | 'name'>, item: MonitoredView, chosenDecision: string) {
  return {
    board: { name: board.name, href: boardPath(board.id) },
    back: monitoringPath(board.id),
    formAction: decidePath(board.id, item.id),
    item: itemRow(item, board.id, false),
    made: longDate(item.meetingDate),
    decisions: DECISION_CHOICES.map((choice) => ({ value: choice.value, text: choice.text, hint: { text: choice.hint }, checked: choice.value === chosenDecision })),
  };
}
