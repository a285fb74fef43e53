import type { CalendarEntry } from '../../calendar/calendar-entries';
import { CalendarDate, formatLongDate, isCalendarDate } from '../../deadlines';

export interface MeetingForCalendar {
  id: string;
  boardId: string;
  boardName: string;
  meetingDate: string;
  status: 'scheduled' | 'held' | 'cancelled';
  agenda: string[];
}

export interface ActionForCalendar {
  id: string;
  boardId: string;
  meetingId: string;
  boardName: string;
  meetingDate: string;
  number: number;
  text: string;
  dueOn: string;
  owners: string[];
}

const SUMMARY_LENGTH = 90;
const shorten = (text: string) => (text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text);

/**
 * A board's meetings (a cancelled one stays, marked, so a calendar that had it
 * shows it called off rather than silently losing it) and the open actions a
 * person owns, each on its day.
 */
export function boardEntries(meetings: readonly MeetingForCalendar[], actions: readonly ActionForCalendar[], site: { publicUrl: string }): CalendarEntry[] {
  const host = new URL(site.publicUrl).hostname;
  const entries: CalendarEntry[] = [];
  for (const meeting of meetings) {
    if (!isCalendarDate(meeting.meetingDate)) continue;
    const cancelled = meeting.status === 'cancelled';
    entries.push({
      uid: `meeting-${meeting.id}@${host}`,
      date: meeting.meetingDate,
      summary: shorten(`${cancelled ? 'Cancelled: ' : ''}${meeting.boardName} meeting`),
      description: [`${meeting.boardName}, ${formatLongDate(meeting.meetingDate as CalendarDate)}${cancelled ? ' (cancelled)' : ''}`, ...(meeting.agenda.length ? ['Agenda:', ...meeting.agenda.map((item, index) => `${index + 1}. ${item}`)] : [])].join('\n'),
      url: `${site.publicUrl}/boards/${meeting.boardId}/meetings/${meeting.id}`,
      category: 'Meeting',
    });
  }
  for (const action of actions) {
    if (!isCalendarDate(action.dueOn)) continue;
    entries.push({
      uid: `action-${action.id}@${host}`,
      date: action.dueOn,
      summary: shorten(`Action due: ${action.text}`),
      description: [
        `${action.boardName}, agreed at the meeting of ${formatLongDate(action.meetingDate as CalendarDate)}, action ${action.number}`,
        `Action: ${action.text}`,
        `Due ${formatLongDate(action.dueOn as CalendarDate)}`,
        action.owners.length ? `Owners: ${action.owners.join(', ')}` : null,
      ]
        .filter((line): line is string => line !== null)
        .join('\n'),
      // The meeting's page, where the action is listed and its owner closes it.
      url: `${site.publicUrl}/boards/${action.boardId}/meetings/${action.meetingId}`,
      category: 'Action',
    });
  }
  return entries;
}
