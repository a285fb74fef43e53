import { CalendarDate, formatLongDate, formatMonthYear, isCalendarDate } from '../deadlines';
import type { Reach } from '../accounts/reach/reach';
import type { ActivityRow } from '../progress/activity-rows.service';
import { STATUS_LABELS } from '../progress/standing';
import type { ActivityTimescaleView } from '../plans/plan-tree.reader';

/**
 * One all-day event in a calendar feed: a deadline, a milestone,
 * a board's meeting or an action agreed at one. Plain data, so any source
 * can add entries and one renderer writes them (ics-calendar.ts).
 */
export interface CalendarEntry {
  /** Stable across fetches, so a moved date updates the same event rather than adding one. */
  uid: string;
  /** The day, in Europe/London: written as DTSTART;VALUE=DATE, never converted through an instant. */
  date: CalendarDate;
  summary: string;
  description: string;
  /** The page it is about. */
  url: string | null;
  /** E.g. "Deadline", "Milestone". */
  category: string;
}

/** The columns of the activity read model a deadline is written from. */
export type DeadlineRow = Pick<
  ActivityRow,
  'id' | 'text' | 'planId' | 'planTitle' | 'sectionTitle' | 'recommendationNumber' | 'recommendationText' | 'dueDate' | 'dueDatePrecision' | 'status' | 'percentComplete' | 'leadAgencies' | 'ownerName' | 'ownerId'
>;

/**
 * "Their activities" for a person's own feed: those they own, and those led
 * by their agencies (a directorate covering its divisions, as reach says).
 * Whole plans are read through a plan's feed instead.
 */
export function isTheirs(reach: Pick<Reach, 'personId' | 'leadsAgencies'>, row: Pick<DeadlineRow, 'ownerId' | 'leadAgencies'>): boolean {
  if (reach.personId && row.ownerId === reach.personId) return true;
  return row.leadAgencies.some((agency) => reach.leadsAgencies.has(agency.id));
}

const SUMMARY_LENGTH = 90;

/**
 * The deadline of each activity and the milestones of its recurring
 * commitment (all but the last, which is the deadline itself), with the plan,
 * table, recommendation and activity in words, and the activity's page.
 */
export function deadlineEntries(rows: DeadlineRow[], timescales: ReadonlyMap<string, Pick<ActivityTimescaleView, 'milestones'>>, site: { publicUrl: string }): CalendarEntry[] {
  const host = new URL(site.publicUrl).hostname;
  const entries: CalendarEntry[] = [];
  for (const row of rows) {
    const url = `${site.publicUrl}/plans/${row.planId}/activities/${row.id}`;
    const facts = (due: string) =>
      [
        `Plan: ${row.planTitle}`,
        `Table: ${row.sectionTitle}`,
        `Recommendation ${row.recommendationNumber}: ${row.recommendationText}`,
        `Activity: ${row.text}`,
        due,
        row.leadAgencies.length ? `Lead agencies: ${row.leadAgencies.map((agency) => agency.name).join(', ')}` : null,
        row.ownerName ? `Owner: ${row.ownerName}` : null,
        `Status: ${STATUS_LABELS[row.status] ?? row.status}${row.percentComplete !== null ? ` (${row.percentComplete}% complete)` : ''}`,
        url,
      ]
        .filter((line): line is string => line !== null)
        .join('\n');
    if (row.dueDate && isCalendarDate(row.dueDate)) {
      const when = row.dueDatePrecision === 'month' ? `Due by the end of ${formatMonthYear(row.dueDate)}` : `Due ${formatLongDate(row.dueDate)}`;
      entries.push({
        uid: `activity-${row.id}@${host}`,
        date: row.dueDate,
        summary: shorten(`Deadline: ${row.text}`),
        description: facts(when),
        url,
        category: 'Deadline',
      });
    }
    for (const milestone of timescales.get(row.id)?.milestones ?? []) {
      if (milestone.dueDate === row.dueDate || !isCalendarDate(milestone.dueDate)) continue;
      const when = milestone.precision === 'month' ? `Milestone "${milestone.label}", by the end of ${formatMonthYear(milestone.dueDate)}` : `Milestone "${milestone.label}", ${formatLongDate(milestone.dueDate)}`;
      entries.push({
        uid: `milestone-${row.id}-${milestone.dueDate}@${host}`,
        date: milestone.dueDate,
        summary: shorten(`Milestone (${milestone.label}): ${row.text}`),
        description: facts(when),
        url,
        category: 'Milestone',
      });
    }
  }
  return entries;
}

/** A calendar shows one line: whitespace collapsed, long text cut at a word with an ellipsis. */
export function shorten(text: string, length = SUMMARY_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = [...line];
  if (characters.length <= length) return line;
  const cut = characters.slice(0, length - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
